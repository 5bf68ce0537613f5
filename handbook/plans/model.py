"""The plan model: what a plan file may say, validated, as typed objects.

These pydantic models are the single source of truth for the plan file contract:
`loading` validates front matter with them (their error locations become the
`goals[2].audience` paths editors see), and the JSON Schema for editors' tools is
generated from `PlanFrontMatter`, so the schema and the validator cannot drift.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from handbook.plans import limits, years
from handbook.plans.problems import quote
from handbook.vocabularies import fields as words
from handbook.vocabularies.audiences import AUDIENCE_GROUPS, AudienceGroup
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES, InvolvementType
from handbook.vocabularies.strategies import STRATEGIES, Strategy
from handbook.vocabularies.vocabulary import Vocabulary

_CONTROL_RANGES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL_CHARACTER = re.compile(f"[{_CONTROL_RANGES}]")
NO_CONTROL_CHARACTERS = f"^[^{_CONTROL_RANGES}]*$"
"""Text holds no control character but tab and line ends: they print as nothing or as
boxes, break a page's HTML (NUL) and could move a terminal's cursor in a message."""

Text = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=limits.TEXT_CHARACTERS,
        pattern=NO_CONTROL_CHARACTERS,
    ),
]
"""A required piece of text: surrounding spaces are dropped, it may not be empty, and it
is bounded (`limits.TEXT_CHARACTERS`)."""


def _few_brackets(value: str) -> str:
    """Markdown prose may hold `limits.PROSE_LINKS` '[' at most (see there why)."""
    if (count := value.count("[")) > limits.PROSE_LINKS:
        raise PydanticCustomError(
            "prose_links",
            "holds {count} '[' characters; Markdown text may hold at most {limit} (each link and "
            "footnote takes one)",
            {"count": f"{count:,}", "limit": limits.PROSE_LINKS},
        )
    return value


Prose = Annotated[Text, AfterValidator(_few_brackets)]
"""Markdown text (the closing): bounded in length and in brackets."""

INTRODUCTION = TypeAdapter(
    Annotated[
        str,
        StringConstraints(max_length=limits.TEXT_CHARACTERS, pattern=NO_CONTROL_CHARACTERS),
        AfterValidator(_few_brackets),
    ]
)
"""The plan's introduction (the file's body, after the front matter): optional Markdown,
bounded like the closing."""


class Level(StrEnum):
    """Whose plan it is. The order is the handbook's, from the state down to schools."""

    STATE = "state"
    DISTRICT = "district"
    SCHOOL = "school"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def level_below(self) -> str:
        """Who page 2 of a Leadership Plan builds capacity for."""
        return {"state": "districts", "district": "schools", "school": "classrooms"}[self.value]


class GoalKind(StrEnum):
    """What a school goal is for: the One-Year Action Plan has two academic goals,
    one for behavior, and one for a welcoming climate of partnerships."""

    ACADEMIC = "academic"
    BEHAVIOR = "behavior"
    CLIMATE = "climate"


class Status(StrEnum):
    """Where an activity stands in its school year, as a team reports it."""

    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    NOT_DONE = "not done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STATUS_ALIASES = {
    "in-progress": "in progress", "in_progress": "in progress", "inprogress": "in progress",
    "not-done": "not done", "not_done": "not done", "completed": "done", "complete": "done",
}  # fmt: skip
"""Other ways of writing a status that mean one of the four."""


def choice(enum: type[StrEnum], aliases: dict[str, str] | None = None) -> Any:
    """A validator for a closed set of words, with "did you mean" for near misses."""
    names = [member.value for member in enum]

    def validate(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        folded = (aliases or {}).get(value.strip().casefold(), value.strip().casefold())
        if folded in names:
            return enum(folded)
        close = difflib.get_close_matches(folded, names, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise PydanticCustomError(
            "choice", "must be one of {names}{hint}", {"names": ", ".join(names), "hint": hint}
        )

    return validate


def _term(vocabulary: Vocabulary[Any], what: str, numbers: bool = False, listing: str = "the six are") -> Any:
    """A validator that turns a name (or number) into the vocabulary's term."""

    def validate(value: Any) -> Any:
        if isinstance(value, str) or (numbers and isinstance(value, int) and not isinstance(value, bool)):
            term = vocabulary.match(value)
            if term is None and numbers and isinstance(value, str):
                term = _numbered(vocabulary, value)
            if term is not None:
                return term
            suggestion = vocabulary.suggest(str(value)) if len(str(value)) <= 200 else None
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            raise PydanticCustomError(
                what.replace(" ", "_"),
                "unknown {what} '{value}'{hint} ({listing}: {names})",
                {
                    "what": what,
                    "value": quote(value),
                    "hint": hint,
                    "listing": listing,
                    "names": vocabulary.names(),
                },
            )
        raise PydanticCustomError("string_type", "Input should be a valid string")

    return validate


_NUMBERED = re.compile(r"\s*(\d+)\s*[.):-]?\s+(.+)")


def _numbered(vocabulary: Vocabulary[Any], value: str) -> Any:
    """A term written as the site prints it, number and name ("2. Communicating"): the
    term, when the number and the name agree."""
    written = _NUMBERED.fullmatch(value)
    if written is None:
        return None
    by_number, by_name = vocabulary.match(written[1]), vocabulary.match(written[2])
    return by_number if by_number is not None and by_number is by_name else None


def _plan_level(info: ValidationInfo) -> Level | None:
    """The level of the plan being validated, when it is known (see `validate_front_matter`)."""
    return (info.context or {}).get("level")


def _required_unless_school(value: Any, info: ValidationInfo) -> Any:
    """Leadership plans (state, district) must give it; school plans may leave it out."""
    if value is None and _plan_level(info) in (Level.STATE, Level.DISTRICT):
        raise PydanticCustomError("missing", "required")
    return value


def _short_form(value: Any) -> Any:
    """An activity written as plain text is the long form with only `text`."""
    return {"text": value} if isinstance(value, str) else value


def _number_as_text(value: Any) -> Any:
    """`grades: 3` means the text "3"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _page_number(value: Any) -> Any:
    """`page: "1"` is page 1, as the site prints it; other text gets what to write."""
    if isinstance(value, str):
        if value.strip() in ("1", "2"):
            return int(value.strip())
        raise PydanticCustomError("page", "must be 1 or 2, not {value}", {"value": quote(repr(value))})
    return value


PageNumber = Annotated[
    Literal[1, 2],
    BeforeValidator(_page_number),
    WithJsonSchema({"anyOf": [{"enum": [1, 2]}, {"type": "string", "enum": ["1", "2"]}]}),
]
"""Page 1 or 2 of the template, written as a number or as the site prints it ("1")."""

GradesText = Annotated[
    Text,
    BeforeValidator(_number_as_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1, "maxLength": limits.TEXT_CHARACTERS},
                {"type": "integer"},
            ]
        }
    ),
]
"""The grades an activity involves: text, or one grade as a number (`grades: 7`)."""


def _escaped(char: str) -> str:
    """A character as a pattern both Python and JavaScript (unicode mode) read literally."""
    return "\\" + char if char in r".^$*+?()[]{}|\/" else char


def any_case(words: list[str], aliases: Iterable[str] = ()) -> dict[str, Any]:
    """JSON Schema for one of these words (or their other spellings) in any case, with spaces
    around, as the validator reads them: the words themselves for completion, and a pattern
    that takes the rest, so that the schema refuses nothing the validator accepts."""
    folded = "|".join(
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else _escaped(c) for c in word)
        for word in [*words, *aliases]
    )
    return {
        "anyOf": [{"type": "string", "enum": words}, {"type": "string", "pattern": f"^\\s*(?:{folded})\\s*$"}]
    }


def _school_year(value: Any) -> Any:
    """A school year as plans write it (`years`): "2026-27", with a hint for other forms."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise PydanticCustomError(
            "school_year", "{hint} (a year alone is not a school year)", {"hint": years.check(str(value))}
        )
    if isinstance(value, str):
        problem = years.check(value.strip())
        if problem:
            raise PydanticCustomError("school_year", problem)
        return value.strip()
    return value


SchoolYear = Annotated[
    str,
    BeforeValidator(_school_year),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}$",
            "examples": [years.EXAMPLE],
            "description": "The school year the plan is for: the year it starts in and the next one's last two digits.",
        }
    ),
]


StatusName = Annotated[
    Status,
    BeforeValidator(choice(Status, STATUS_ALIASES)),
    WithJsonSchema(any_case([status.value for status in Status], STATUS_ALIASES)),
]


TypeName = Annotated[
    InvolvementType,
    BeforeValidator(_term(INVOLVEMENT_TYPES, "type of involvement", numbers=True)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "examples": [t.name for t in INVOLVEMENT_TYPES]},
                {"type": "integer", "minimum": 1, "maximum": 6},
            ],
            "description": "One of the six types of involvement, by name (any case) or number.",
        }
    ),
]


SCHOOL: JsonDict = {"x-levels": ["school"]}
"""Schema note: the field belongs to school plans (the form shows it for them only).
`tests/test_contract.py` holds these notes and the validators together."""

LEADERSHIP_REQUIRED: JsonDict = {"x-required-in": ["state", "district"]}
"""Schema note: state and district plans must give the field (the validator says so)."""


class _Strict(BaseModel):
    """Unknown keys are errors (they catch typos such as `resposible`); nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Activity(_Strict):
    """One numbered activity of a goal, with the template's optional details."""

    text: Text = Field(**words.ACTIVITY["text"].schema())
    page: PageNumber | None = Field(default=None, **words.ACTIVITY["page"].schema())
    dates: Text | None = Field(default=None, **words.ACTIVITY["dates"].schema())
    responsible: Text | None = Field(default=None, **words.ACTIVITY["responsible"].schema())
    expected_results: Text | None = Field(default=None, **words.ACTIVITY["expected_results"].schema())
    costs: Text | None = Field(default=None, **words.ACTIVITY["costs"].schema())
    type: TypeName | None = Field(
        default=None,
        validate_default=True,
        **words.ACTIVITY["type"].schema(**{"x-levels": ["school"], "x-required-in": ["school"]}),
    )
    grades: GradesText | None = Field(default=None, **words.ACTIVITY["grades"].schema(**SCHOOL))
    preparations: Text | None = Field(default=None, **words.ACTIVITY["preparations"].schema(**SCHOOL))
    status: StatusName | None = Field(default=None, **words.ACTIVITY["status"].schema())
    outcome: Text | None = Field(default=None, **words.ACTIVITY["outcome"].schema())
    practice: bool = Field(default=False, **words.ACTIVITY["practice"].schema())

    @field_validator("practice", mode="after")
    @classmethod
    def _practice_has_outcome_and_year(cls, value: bool, info: ValidationInfo) -> bool:
        """A promising practice is shared for what it achieved, in a year: without an outcome
        there is nothing to share, and without the plan's year it belongs to no year's collection."""
        if not value:
            return value
        if "outcome" in info.data and info.data["outcome"] is None:
            raise PydanticCustomError(
                "practice_outcome",
                "a promising practice needs its outcome: add outcome: saying what happened and what it achieved",
            )
        if not (info.context or {}).get("year"):
            raise PydanticCustomError(
                "practice_year",
                'a promising practice needs the plan\'s school year: add year: "{year}" at the top of the file',
                {"year": years.EXAMPLE},
            )
        return value

    @field_validator("type", mode="after")
    @classmethod
    def _type_in_school_plans(
        cls, value: InvolvementType | None, info: ValidationInfo
    ) -> InvolvementType | None:
        if value is None and _plan_level(info) is Level.SCHOOL:
            raise PydanticCustomError(
                "school_type", "required: each activity of a school plan names its type of involvement"
            )
        return value

    @property
    def has_details(self) -> bool:
        return any((self.dates, self.responsible, self.expected_results, self.costs))


StrategyName = Annotated[
    Strategy,
    BeforeValidator(_term(STRATEGIES, "strategy")),
    WithJsonSchema(
        {
            "type": "string",
            "description": "One of the six leadership strategies (any case; two-part names in either order).",
            "examples": [s.name for s in STRATEGIES],
        }
    ),
]


AudienceGroupName = Annotated[
    AudienceGroup,
    BeforeValidator(_term(AUDIENCE_GROUPS, "audience group", listing="the groups are")),
    WithJsonSchema(
        {
            "type": "string",
            "description": "An audience group, by name or slug (any case).",
            "examples": [group.name for group in AUDIENCE_GROUPS],
        }
    ),
]


class _ShortOrLongForm:
    """JSON Schema for an activity entry: the short form (text) or the long form (mapping)."""

    @staticmethod
    def __get_pydantic_json_schema__(
        core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        short = {
            "type": "string",
            "minLength": 1,
            "maxLength": limits.TEXT_CHARACTERS,
            "description": "Short form: the activity's text.",
        }
        return {"anyOf": [short, handler(core_schema)]}


ActivityEntry = Annotated[Activity, BeforeValidator(_short_form), _ShortOrLongForm()]


KIND_ALIASES = {"behaviour": "behavior"}

GoalKindName = Annotated[
    GoalKind,
    BeforeValidator(choice(GoalKind, KIND_ALIASES)),
    WithJsonSchema(any_case([kind.value for kind in GoalKind], KIND_ALIASES)),
]


class Goal(_Strict):
    """A goal of a plan: the strategies it uses, who it addresses, and its activities in order.

    Leadership plans (state, district) name strategies and an audience for every
    goal; school One-Year Action Plans give each goal a `kind` instead, and may add
    the desired `results` and how they are `measures`d.
    """

    title: Text = Field(**words.GOAL["title"].schema())
    kind: GoalKindName | None = Field(
        default=None,
        validate_default=True,
        **words.GOAL["kind"].schema(**{"x-levels": ["school"], "x-required-in": ["school"]}),
    )
    strategies: list[StrategyName] = Field(
        default=None,  # replaced by [] or an error by the validators below
        validate_default=True,
        max_length=len(STRATEGIES),
        **words.GOAL["strategies"].schema(**LEADERSHIP_REQUIRED),
    )
    audience: Text | None = Field(
        default=None, validate_default=True, **words.GOAL["audience"].schema(**LEADERSHIP_REQUIRED)
    )
    audience_groups: list[AudienceGroupName] | None = Field(
        default=None,
        min_length=1,
        max_length=len(AUDIENCE_GROUPS),
        **words.GOAL["audience_groups"].schema(),
    )
    results: Text | None = Field(default=None, **words.GOAL["results"].schema(**SCHOOL))
    measures: Text | None = Field(default=None, **words.GOAL["measures"].schema(**SCHOOL))
    activities: list[ActivityEntry] = Field(
        min_length=1, max_length=limits.ACTIVITIES, **words.GOAL["activities"].schema()
    )

    @field_validator("strategies", mode="before")
    @classmethod
    def _strategies_required(cls, value: Any, info: ValidationInfo) -> Any:
        """Required in state and district plans. Where the level is not known (misspelled,
        and reported at `level`), nothing is said about it here rather than a guess."""
        if value is None and _plan_level(info) not in (Level.STATE, Level.DISTRICT):
            return []
        return _required_unless_school(value, info)

    @field_validator("strategies", mode="after")
    @classmethod
    def _strategies_not_empty(cls, value: list[Strategy], info: ValidationInfo) -> list[Strategy]:
        if not value and _plan_level(info) in (Level.STATE, Level.DISTRICT):
            raise PydanticCustomError("too_short", "must have at least one item")
        return value

    @field_validator("strategies", mode="after")
    @classmethod
    def _strategies_once_each(cls, value: list[Strategy]) -> list[Strategy]:
        """A strategy named twice (easily done: "Align policy and program" is "Align program
        and policy") would list twice on the plan page and count twice in coverage."""
        seen: set[Strategy] = set()
        for strategy in value:
            if strategy in seen:
                raise PydanticCustomError(
                    "duplicate", "names '{name}' twice; list each strategy once", {"name": strategy.name}
                )
            seen.add(strategy)
        return value

    @field_validator("audience_groups", mode="after")
    @classmethod
    def _groups_once_each(cls, value: list[AudienceGroup] | None) -> list[AudienceGroup] | None:
        if value is not None and len(set(value)) != len(value):
            twice = next(group for group in value if value.count(group) > 1)
            raise PydanticCustomError(
                "duplicate", "names '{name}' twice; list each group once", {"name": twice.name}
            )
        return value

    @field_validator("audience", mode="before")
    @classmethod
    def _audience_required(cls, value: Any, info: ValidationInfo) -> Any:
        return _required_unless_school(value, info)

    @field_validator("kind", mode="after")
    @classmethod
    def _kind_for_school_goals(cls, value: GoalKind | None, info: ValidationInfo) -> GoalKind | None:
        level = _plan_level(info)
        if value is None and level is Level.SCHOOL:
            raise PydanticCustomError("missing", "required")
        if value is not None and level in (Level.STATE, Level.DISTRICT):
            raise PydanticCustomError("school_only", "only goals of school plans have a kind")
        return value


LevelName = Annotated[
    Level,
    BeforeValidator(choice(Level)),
    WithJsonSchema(any_case([level.value for level in Level])),
]


class PlanFrontMatter(_Strict):
    """The YAML front matter of a plan file: the contract editors write to."""

    title: Text = Field(**words.PLAN["title"].schema())
    level: LevelName = Field(**words.PLAN["level"].schema())
    organization: Text | None = Field(default=None, **words.PLAN["organization"].schema())
    year: SchoolYear | None = Field(default=None, **words.PLAN["year"].schema())
    previous: Text | None = Field(default=None, **words.PLAN["previous"].schema())
    closing: Prose | None = Field(default=None, **words.PLAN["closing"].schema())
    district: Text | None = Field(default=None, **words.PLAN["district"].schema(**SCHOOL))
    goals: list[Goal] = Field(min_length=1, max_length=limits.GOALS, **words.PLAN["goals"].schema())

    @field_validator("district", mode="after")
    @classmethod
    def _district_for_school_plans(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and _plan_level(info) in (Level.STATE, Level.DISTRICT):
            raise PydanticCustomError("school_only", "only school plans name their district")
        return value


def validate_front_matter(data: dict[str, Any]) -> PlanFrontMatter:
    """Validate front matter, with the rules that depend on the plan's level.

    The level is read first (when it is valid) and passed to every validator, so a
    school goal without strategies is fine while a district goal without them is
    reported at `goals[n].strategies`, where the editor has to act; so is whether the
    plan gives its year, which a promising practice needs (reported at its `practice`).
    """
    try:
        level: Level | None = choice(Level)(data.get("level"))
    except PydanticCustomError:
        level = None
    if not isinstance(level, Level):
        level = None
    return PlanFrontMatter.model_validate(
        data, context={"level": level, "year": data.get("year") is not None}
    )


class Plan(PlanFrontMatter):
    """A validated plan with what its file adds to the front matter.

    `slug` is the file name without `.md` (it makes the plan's URL), `source` the
    file's path as editors know it (`plans/<slug>.md`), `introduction` the Markdown
    body after the front matter.
    """

    slug: str
    source: str
    introduction: str = ""

    @property
    def activity_count(self) -> int:
        return sum(len(goal.activities) for goal in self.goals)
