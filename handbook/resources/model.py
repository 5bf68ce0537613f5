"""The resource model: what a resource file (`resources/<slug>.md`) may say, validated.

A resource is something a partnership team shares besides its plans: a guide, a research
brief, a workshop's handouts. It names the same strategies, audience groups, types of
involvement, levels, grades and school years as plans do, and they are read exactly as
plans write them (the plan model's validators, reused), so one spelling works in both and
a resource meets a goal by the very terms the goal names. The fields' labels and hints are
`handbook.vocabularies.fields.RESOURCE`, for the pages, the schema and a form to come.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from handbook.plans.grades import grade_keys
from handbook.plans.model import (
    INTRODUCTION,
    AudienceGroupName,
    GradesText,
    Level,
    LevelName,
    SchoolYear,
    StrategyName,
    Text,
    TypeName,
    any_case,
    choice,
)
from handbook.plans.problems import quote
from handbook.resources import limits
from handbook.resources.files import ResourceFile, name_problem
from handbook.vocabularies import fields as words
from handbook.vocabularies.audiences import AUDIENCE_GROUPS, AudienceGroup
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES, InvolvementType
from handbook.vocabularies.strategies import STRATEGIES, Strategy

__all__ = ["DESCRIPTION", "Resource", "ResourceFile", "ResourceFrontMatter", "ResourceKind"]


class ResourceKind(StrEnum):
    """What a resource is; the order is the one pages list kinds in."""

    GUIDE = "guide"
    RESEARCH_BRIEF = "research brief"
    WORKSHOP_MATERIALS = "workshop materials"
    TEMPLATE_OR_FORM = "template or form"
    SAMPLE_LETTER = "sample letter"
    VIDEO = "video"
    PRESENTATION = "presentation"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind as a page names one resource of it: "Research brief"."""
        return self.value.capitalize()

    @property
    def plural(self) -> str:
        """The kind as a page heads a list of them: "Research briefs"."""
        return _PLURALS.get(self.value, f"{self.label}s")

    @property
    def slug(self) -> str:
        """The kind in an address: `research-brief`."""
        return self.value.replace(" ", "-")


_PLURALS = {
    "workshop materials": "Workshop materials",
    "template or form": "Templates and forms",
    "other": "Other resources",
}

KIND_ALIASES = {
    **{
        kind.value.replace(" ", sep): kind.value for kind in ResourceKind for sep in "-_" if " " in kind.value
    },
    "workshop material": "workshop materials",
    "template": "template or form",
    "form": "template or form",
    "letter": "sample letter",
    "slides": "presentation",
}
"""Other ways of writing a kind that mean one of them (`research-brief`, `template`)."""

ResourceKindName = Annotated[
    ResourceKind,
    BeforeValidator(choice(ResourceKind, KIND_ALIASES)),
    WithJsonSchema(any_case([kind.value for kind in ResourceKind], KIND_ALIASES)),
]


def _once_each(noun: str) -> AfterValidator:
    """A validator for a list that names each of its items once (in any case): an item named
    twice would be listed twice on the resource's page and count twice in a match."""

    def validate(values: list[Any]) -> list[Any]:
        seen: set[Any] = set()
        for value in values:
            key = value.casefold() if isinstance(value, str) else value
            if key in seen:
                raise PydanticCustomError(
                    "duplicate",
                    "names '{name}' twice; list each {noun} once",
                    {"name": quote(value), "noun": noun},
                )
            seen.add(key)
        return values

    return AfterValidator(validate)


def _file_name(value: str) -> str:
    problem = name_problem(value)
    if problem is not None:
        raise PydanticCustomError("file_name", problem)
    return value


FileName = Annotated[Text, AfterValidator(_file_name)]
"""The name of one file in the resource's folder (`files.name_problem` says what a name may be)."""

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?")
"""A web site's name in plain letters (`www.ed.gov`; an international name in its `xn--` form)."""


def _link(value: str) -> str:
    """An address anyone can open safely from the site: `https://`, a site's name, no user
    name or password (which would be published), no spaces or backslashes (which browsers
    read in more than one way)."""
    if len(value) > limits.LINK_CHARACTERS:
        raise PydanticCustomError(
            "link", "{count} characters; a web address may hold at most {limit}",
            {"count": f"{len(value):,}", "limit": f"{limits.LINK_CHARACTERS:,}"},
        )  # fmt: skip
    example = "https://www.ed.gov/"
    if any(char.isspace() for char in value) or "\\" in value:
        raise PydanticCustomError(
            "link", "a web address holds no spaces or '\\': copy it again from the browser's address bar"
        )
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise PydanticCustomError(
            "link",
            "not a web address: copy it from the browser's address bar, like {example}",
            {"example": example},
        ) from None
    scheme = parts.scheme.lower()
    if scheme == "http":
        raise PydanticCustomError(
            "link",
            "must start with https:// (an address the browser opens securely): write https:// in place of http://",
        )
    if scheme != "https" or not value.lower().startswith("https://"):
        raise PydanticCustomError(
            "link", "must be a web address that starts with https://, like {example}", {"example": example}
        )
    if "@" in parts.netloc:
        raise PydanticCustomError(
            "link",
            "holds a user name or password (before '@'), which a published address must not: remove it",
        )
    if not _HOST.fullmatch(parts.hostname or "") or (port is not None and port == 0):
        raise PydanticCustomError(
            "link", "must name a web site after https://, like {example}", {"example": example}
        )
    return value


Link = Annotated[Text, AfterValidator(_link)]
"""A web address where the resource can be read: `https://` only."""


def _english() -> list[str]:
    return ["English"]


class ResourceFrontMatter(BaseModel):
    """The YAML front matter of a resource file: the contract editors write to.

    Unknown keys are errors (they catch typos); nothing is coerced, as in plans. A resource
    keeps its files in the repository (`files`), is found on the web (`link`), or both.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: Text = Field(**words.RESOURCE["title"].schema())
    kind: ResourceKindName = Field(**words.RESOURCE["kind"].schema())
    summary: Text = Field(**words.RESOURCE["summary"].schema())
    strategies: Annotated[list[StrategyName], _once_each("strategy")] = Field(
        min_length=1, max_length=len(STRATEGIES), **words.RESOURCE["strategies"].schema()
    )
    audience_groups: Annotated[list[AudienceGroupName], _once_each("group")] = Field(
        default_factory=list, max_length=len(AUDIENCE_GROUPS), **words.RESOURCE["audience_groups"].schema()
    )
    types: Annotated[list[TypeName], _once_each("type")] = Field(
        default_factory=list, max_length=len(INVOLVEMENT_TYPES), **words.RESOURCE["types"].schema()
    )
    levels: Annotated[list[LevelName], _once_each("level")] = Field(
        min_length=1, max_length=len(Level), **words.RESOURCE["levels"].schema()
    )
    grades: GradesText | None = Field(default=None, **words.RESOURCE["grades"].schema())
    year: SchoolYear | None = Field(default=None, **words.RESOURCE["year"].schema())
    languages: Annotated[list[Text], _once_each("language")] = Field(
        default_factory=_english,
        min_length=1,
        max_length=limits.LANGUAGES,
        **words.RESOURCE["languages"].schema(),
    )
    source: Text = Field(**words.RESOURCE["source"].schema())
    files: Annotated[list[FileName], _once_each("file")] = Field(
        default_factory=list, max_length=limits.FILES, **words.RESOURCE["files"].schema()
    )
    link: Link | None = Field(default=None, validate_default=True, **words.RESOURCE["link"].schema())

    @field_validator("link", mode="after")
    @classmethod
    def _files_or_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A resource must be somewhere: its files here, or its address on the web. Said at
        `link` (where a missing one is added), and only when `files` is known to be empty."""
        if value is None and info.data.get("files") == []:
            raise PydanticCustomError(
                "files_or_link",
                "required where no files are listed: give the address where the resource can be read "
                "(https://...), or list its files under files:",
            )
        return value


DESCRIPTION = INTRODUCTION
"""The resource's description (the file's body, after the front matter): optional Markdown,
bounded as a plan's introduction is (`handbook.plans.limits`: characters, brackets)."""


class Resource(ResourceFrontMatter):
    """A validated resource with what its file adds to the front matter.

    `slug` is the file name without `.md` (the resource's address and the name of its files'
    folder), `location` the file's path as editors know it (`resources/<slug>.md`; `source`
    is the organization's name), `description` the Markdown body, and `attachments` each of
    `files` as found in `resources/<slug>/`: name, size and type.
    """

    slug: str
    location: str
    description: str = ""
    attachments: tuple[ResourceFile, ...] = ()

    @property
    def grade_keys(self) -> list[str]:
        """The grades `grades` names, as the catalogue reads an activity's."""
        return grade_keys(self.grades)

    @property
    def size(self) -> int:
        """Bytes of all its files together."""
        return sum(attachment.size for attachment in self.attachments)

    def uses(self, strategy: Strategy) -> bool:
        return strategy in self.strategies

    def reaches(self, group: AudienceGroup) -> bool:
        return group in self.audience_groups

    def involves(self, kind: InvolvementType) -> bool:
        return kind in self.types
