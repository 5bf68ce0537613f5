"""The e-library's resources (`resources/`): every resource on `/resources/`, filterable; each
resource's own page with its description, files and link; a page for each kind; the files
themselves, published as they are kept; and every resource as CSV and JSON.

A resource's words are data, as a plan's are: its fields reach the HTML through the
templates' autoescaping, and its description is Markdown sanitised exactly as a plan's prose
is (`prose.render_prose`), never a template. `/resources/` lists every resource (a state's
e-library holds a few hundred) and filters them in the page (`resources.js`), the filters in
the address (`?kind=research-brief&strategy=share-knowledge`), so a filtered list can be
linked from a strategy's page; without scripts it lists them all. Only a resource's own page
is searched, from entries made from the resource (its kind among them, so "research brief"
finds the briefs).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from handbook import urls
from handbook.browser.downloads import to_csv, to_json
from handbook.pages.content import Download, Inputs, PageContent, Search, SearchEntry, TocEntry
from handbook.pages.family import Attachment, Family
from handbook.pages.prose import plain_text, render_prose
from handbook.plans.model import Level
from handbook.resources.model import Resource, ResourceKind
from handbook.vocabularies import fields
from handbook.vocabularies.audiences import AudienceGroup

RESOURCE_FIELDS = (
    "slug", "title", "kind", "summary", "strategies", "audience_groups", "types", "levels", "grades",
    "year", "languages", "source", "files", "link", "url",
)  # fmt: skip
"""The columns of `resources.csv`, and the keys of each resource in `resources.json`."""

SCRIPT = "javascripts/resources.js"
INDEX_TEMPLATE = "resources.html"
RESOURCE_TEMPLATE = "resource.html"
KIND_TEMPLATE = "resource_kind.html"
LABELS = {name: words.label for name, words in fields.RESOURCE.items()}
"""Each field named as the resource contract names it (`fields.RESOURCE`)."""


def language_slug(language: str) -> str:
    """A language as a filter value in an address: "Haitian Creole" -> `haitian-creole`
    (letters of any script kept, so "Español" is `español`)."""
    folded = unicodedata.normalize("NFKC", language).casefold()
    return re.sub(r"[^\w]+", "-", folded).strip("-_") or "language"


@dataclass(frozen=True)
class Choice:
    """One value of a filter on `/resources/`: its value in the address, its name, and how
    many resources have it."""

    value: str
    name: str
    count: int


@dataclass(frozen=True)
class Filter:
    """A filter of `/resources/`: its name in the address (`strategy`), its label, and its
    values with their counts, each value a resource holds (none left that no resource has)."""

    key: str
    label: str
    choices: tuple[Choice, ...]


def values(resource: Resource) -> dict[str, list[str]]:
    """The filter values a resource has, by filter: what its row carries for `resources.js`."""
    return {
        "kind": [resource.kind.slug],
        "strategy": [strategy.slug for strategy in resource.strategies],
        "audience": [group.slug for group in resource.audience_groups],
        "type": [kind.slug for kind in resource.types],
        "level": [level.value for level in resource.levels],
        "language": [language_slug(language) for language in resource.languages],
    }


class ResourcePages(Family):
    """`/resources/`, each resource's page, each kind's page, the resources' files, and
    `resources.csv` and `resources.json`. `/resources/` is made even without resources: the
    navigation lists it, and it says there are none yet."""

    @property
    def resources(self) -> tuple[Resource, ...]:
        return self.build.resources.resources

    def pages(self) -> Iterator[PageContent]:
        yield self.index()
        for kind, found in self.build.resources.by_kind().items():
            if found:
                yield self.kind_page(kind, found)
        for resource in self.resources:
            yield self.page(resource)

    def downloads(self) -> Iterator[Download]:
        yield Download(urls.RESOURCES_CSV, lambda: to_csv(self.rows(), RESOURCE_FIELDS))
        yield Download(urls.RESOURCES_JSON, lambda: to_json(self.rows()))

    def attachments(self) -> Iterator[Attachment]:
        for resource in self.resources:
            for attachment in resource.attachments:
                yield Attachment(
                    urls.resource_file(resource.slug, attachment.name),
                    f"{resource.location.rsplit('/', 1)[0]}/{resource.slug}/{attachment.name}",
                )

    def _inputs(self, template: str) -> Inputs:
        """A page made from every resource: any one added, removed (the folder's time
        changes) or changed changes it."""
        folders = sorted({resource.location.rsplit("/", 1)[0] for resource in self.resources})
        return self.renderer.inputs(template, plans=[*folders, *(r.location for r in self.resources)])

    def index(self) -> PageContent:
        filters = self.filters()
        return PageContent(
            urls.RESOURCES_INDEX,
            "Resources",
            self.renderer.later(
                INDEX_TEMPLATE,
                urls.RESOURCES_INDEX,
                resources=self.resources,
                filters=filters,
                kinds=[(kind, len(found)) for kind, found in self.build.resources.by_kind().items() if found],
                values=values,
                script=SCRIPT,
            ),
            self._inputs(INDEX_TEMPLATE),
            (TocEntry("Every resource", "every-resource"),) if self.resources else (),
        )

    def kind_page(self, kind: ResourceKind, found: list[Resource]) -> PageContent:
        src_uri = urls.resource_kind_uri(kind.slug)
        return PageContent(
            src_uri,
            kind.plural,
            self.renderer.later(
                KIND_TEMPLATE,
                src_uri,
                kind=kind,
                resources=found,
            ),
            self._inputs(KIND_TEMPLATE),
        )

    def page(self, resource: Resource) -> PageContent:
        src_uri = urls.resource_uri(resource.slug)
        folder = resource.location.rsplit("/", 1)[0]
        made_from = [
            resource.location,
            *(f"{folder}/{resource.slug}/{attachment.name}" for attachment in resource.attachments),
        ]
        return PageContent(
            src_uri,
            resource.title,
            partial(self._body, resource),
            self.renderer.inputs(RESOURCE_TEMPLATE, plans=made_from),
            _toc(resource, bool(resource.description.strip())),
            source=resource.location,
            search=Search.ENTRIES,
            search_entries=partial(self._search_entries, resource),
        )

    def _description(self, resource: Resource) -> Markup:
        """The description as a plan's introduction is made: sanitised Markdown, footnotes after it."""
        prose = render_prose(resource.description, None)
        return Markup(prose.introduction + prose.footnotes)

    def _body(self, resource: Resource) -> Markup:
        return self.renderer.render(
            RESOURCE_TEMPLATE,
            urls.resource_uri(resource.slug),
            resource=resource,
            description=self._description(resource),
            audience_pages=self.audience_pages(),
            link_host=_host(resource.link),
            labels=LABELS,
        )

    def _search_entries(self, resource: Resource) -> list[SearchEntry]:
        """The resource's words at the top of its page: its kind ("Research brief"), summary,
        description and source. Left out, as they are the page's links: strategies, groups, files."""
        words = [
            f"{resource.kind.label}.",
            resource.summary,
            plain_text(self._description(resource)),
            f"Source: {resource.source}.",
        ]
        return [SearchEntry(None, resource.title, " ".join(word for word in words if word))]

    def audience_pages(self) -> frozenset[AudienceGroup]:
        """The audience groups that have a page (`listings.AudiencePages`: those some goal
        reaches); a resource names the others as text."""
        return frozenset(
            audience.group
            for audience in self.library.audiences()
            if audience.group is not None and audience.goals
        )

    def filters(self) -> list[Filter]:
        """The filters of `/resources/`, each value with the number of resources that have it,
        in the vocabularies' order (languages by name); values no resource has are left out."""
        counted: dict[str, dict[str, int]] = {}
        for resource in self.resources:
            for key, found in values(resource).items():
                for value in found:
                    counted.setdefault(key, {}).setdefault(value, 0)
                    counted[key][value] += 1

        def choices(key: str, named: list[tuple[str, str]]) -> tuple[Choice, ...]:
            counts = counted.get(key, {})
            return tuple(Choice(value, name, counts[value]) for value, name in named if value in counts)

        languages = sorted(
            {language_slug(name): name for r in self.resources for name in r.languages}.items(),
            key=lambda item: item[1].casefold(),
        )
        return [
            Filter("kind", "Kind", choices("kind", [(kind.slug, kind.label) for kind in ResourceKind])),
            Filter(
                "strategy",
                "Strategy",
                choices("strategy", [(s.slug, s.name) for s in self.library.strategies]),
            ),
            Filter(
                "audience",
                "Audience group",
                choices("audience", [(g.slug, g.name) for g in self.library.audience_groups]),
            ),
            Filter(
                "type",
                "Type of involvement",
                choices("type", [(t.slug, f"{t.number}. {t.name}") for t in self.library.types]),
            ),
            Filter("level", "Level", choices("level", [(level.value, level.label) for level in Level])),
            Filter("language", "Language", choices("language", languages)),
        ]

    def rows(self) -> list[dict[str, Any]]:
        """Every resource as the downloads give it, texts as written (the CSV neutralises formulas)."""
        return [
            {
                "slug": resource.slug,
                "title": resource.title,
                "kind": resource.kind.label,
                "summary": resource.summary,
                "strategies": [strategy.name for strategy in resource.strategies],
                "audience_groups": [group.name for group in resource.audience_groups],
                "types": [kind.name for kind in resource.types],
                "levels": [level.value for level in resource.levels],
                "grades": resource.grades,
                "year": resource.year,
                "languages": list(resource.languages),
                "source": resource.source,
                "files": [
                    self.build.urls.absolute(urls.resource_file(resource.slug, attachment.name))
                    for attachment in resource.attachments
                ],
                "link": resource.link,
                "url": self.build.urls.absolute(urls.resource_uri(resource.slug)),
            }
            for resource in self.resources
        ]


def _host(link: str | None) -> str | None:
    """The site a link leads to, as a reader knows it (`www.ed.gov`)."""
    return urlsplit(link).hostname if link else None


def _toc(resource: Resource, described: bool) -> tuple[TocEntry, ...]:
    """The resource page's headings, as `resource.html` writes them."""
    sections = [
        ("Files", "files", bool(resource.attachments)),
        ("On the web", "on-the-web", bool(resource.link)),
        ("About this resource", "about", described),
        ("Used with these strategies", "strategies", True),
        ("For these audience groups", "audiences", bool(resource.audience_groups)),
        ("Types of involvement", "types", bool(resource.types)),
    ]
    return tuple(TocEntry(title, anchor) for title, anchor, shown in sections if shown)
