"""The e-library's resources (`resources/`): every resource on `/resources/`, filterable; each
resource's own page with its description, files and link; a page for each kind; the files
themselves, published as they are kept; and every resource as CSV and JSON.

A resource's words are data, as a plan's are: its fields reach the HTML through the
templates' autoescaping, and its description is Markdown sanitised exactly as a plan's prose
is (`prose.render_prose`), never a template.

`/resources/` holds the filters and the first page of cards; the rest continue on
`/resources/page-<k>/` (`listing.Listing`, as every long listing does), so no page grows with
the library (a national one holds thousands of resources) and, without scripts, every resource
is a page or two away. The filters (kind, strategy, audience group, type, level, language, in
the address: `?kind=research-brief&strategy=share-knowledge`, so a filtered list can be linked
from a strategy's page) search every resource, not the page's: choosing one loads
`resources/resource-list.js` (`ResourcePages.data_script`: each resource's card as words, and its
filter values) and `resources.js` draws the matching cards from it, as `/plans/` finds plans
in `plans/plan-list.js`. Each kind's page continues on numbered pages the same way. Only a
resource's own page is searched, from entries made from the resource (its kind among them, so
"research brief" finds the briefs).
"""

from __future__ import annotations

import json
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
from handbook.pages.listing import Listing, ListingPage, _initial
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

CARD_SHARE = 2
"""A page of resource cards (`/resources/` and its further pages, each kind's pages) holds at
most this part of a listing's budget (`Build.page_budget`): half, about eighty cards. The
first page is the e-library's door, in the navigation, and carries the filters and the page
list besides: kept light for a phone; a reader who filters gets every match from the data."""

CARD_MARKUP = 190
"""Bytes of a card's markup besides its words (`_resources.html`: the item, its link and its
three lines, each with its class)."""

DATA_FIELDS = (
    "href", "title", "meta", "summary", "facts", "kind", "strategy", "audience", "type", "level", "language",
)  # fmt: skip
"""The fields of each resource in `resources/resource-list.js`, named in the data: the card's
link (relative to `resources/`) and its lines, as `_resources.html` writes them, then its
values for each filter (`values`), separated by spaces."""


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
    """The filter values a resource has, by filter: what its row of the data carries for
    `resources.js` (`ResourcePages.data_script`)."""
    return {
        "kind": [resource.kind.slug],
        "strategy": [strategy.slug for strategy in resource.strategies],
        "audience": [group.slug for group in resource.audience_groups],
        "type": [kind.slug for kind in resource.types],
        "level": [level.value for level in resource.levels],
        "language": [language_slug(language) for language in resource.languages],
    }


def meta(resource: Resource) -> str:
    """A card's line under its title, as `_resources.html` writes it: "Guide · 2025-26 · grades K-5"."""
    parts = [resource.kind.label]
    if resource.year:
        parts.append(resource.year)
    if resource.grades:
        parts.append(f"grades {resource.grades}")
    return " \N{MIDDLE DOT} ".join(parts)


def facts(resource: Resource) -> str:
    """A card's last line, as `_resources.html` (`resource_facts`) writes it, spaces folded."""
    words = [f"Strategies: {', '.join(strategy.name for strategy in resource.strategies)}."]
    if resource.audience_groups:
        words.append(f"For {', '.join(group.name for group in resource.audience_groups)}.")
    words.append(f"Levels: {', '.join(level.value for level in resource.levels)}.")
    languages = "Language" if len(resource.languages) == 1 else "Languages"
    words.append(f"{languages}: {', '.join(resource.languages)}.")
    words.append(f"Source: {resource.source}.")
    return " ".join(words)


def card_weight(resource: Resource) -> int:
    """What a resource's card weighs in a page's HTML, in bytes (its words in UTF-8, which the
    page's budget counts, and its markup)."""
    words = (resource.slug, resource.title, meta(resource), resource.summary, facts(resource))
    return sum(len(text.encode("utf-8")) for text in words) + CARD_MARKUP


def titles_held(resources: list[Resource]) -> str:
    """A page's label in the page list: the first letters of the titles it holds ("Titles
    A\N{EN DASH}F"), which say where a title is filed, as the plans' pages do."""
    first, last = _initial(resources[0].title), _initial(resources[-1].title)
    return f"Titles {first}" if first == last else f"Titles {first}\N{EN DASH}{last}"


class ResourcePages(Family):
    """`/resources/`, each resource's page, each kind's page, the resources' files, and
    `resources.csv` and `resources.json`. `/resources/` is made even without resources: the
    navigation lists it, and it says there are none yet."""

    @property
    def resources(self) -> tuple[Resource, ...]:
        return self.build.resources.resources

    def pages(self) -> Iterator[PageContent]:
        yield from self.index()
        for kind, found in self.build.resources.by_kind().items():
            if found:
                yield from self.kind_pages(kind, found)
        for resource in self.resources:
            yield self.page(resource)

    def downloads(self) -> Iterator[Download]:
        yield Download(urls.RESOURCES_CSV, lambda: to_csv(self.rows(), RESOURCE_FIELDS))
        yield Download(urls.RESOURCES_JSON, lambda: to_json(self.rows()))
        yield Download(urls.RESOURCES_DATA, self.data_script)

    def attachments(self) -> Iterator[Attachment]:
        for resource in self.resources:
            for attachment in resource.attachments:
                yield Attachment(
                    urls.resource_file(resource.slug, attachment.name),
                    f"{resource.location.rsplit('/', 1)[0]}/{resource.slug}/{attachment.name}",
                )

    def _inputs(self, template: str) -> Inputs:
        """A page made from every resource: any one added, removed or changed changes it."""
        return self.renderer.inputs(template).and_resources()

    def listing(self, first_uri: str, resources: list[Resource] | tuple[Resource, ...]) -> Listing[Resource]:
        """Resources as cards on as many pages as they need, each page's cards within
        `CARD_SHARE` of the budget, the pages named by the titles they hold."""
        return Listing.of(
            first_uri,
            resources,
            weight=card_weight,
            size=self.build.page_budget // CARD_SHARE,
            label=titles_held,
        )

    def index(self) -> list[PageContent]:
        """`/resources/` with the filters and the first page of cards, and the further pages."""
        listing = self.listing(urls.RESOURCES_INDEX, self.resources)
        inputs = self._inputs(INDEX_TEMPLATE)
        filters = self.filters()
        kinds = [(kind, len(found)) for kind, found in self.build.resources.by_kind().items() if found]

        def toc(page: ListingPage[Resource]) -> tuple[TocEntry, ...]:
            return (
                (TocEntry("Every resource", "every-resource"),) if self.resources and page.number == 1 else ()
            )

        return [
            PageContent(
                page.src_uri,
                listing.title("Resources", page),
                self.renderer.later(
                    INDEX_TEMPLATE,
                    page.src_uri,
                    resources=self.resources,
                    pagination=listing.pages,
                    current=page,
                    filters=filters,
                    kinds=kinds,
                    script=SCRIPT,
                ),
                inputs,
                toc(page),
            )
            for page in listing.pages
        ]

    def kind_pages(self, kind: ResourceKind, found: list[Resource]) -> list[PageContent]:
        """A kind's resources, continuing on numbered pages under the kind's page."""
        listing = self.listing(urls.resource_kind_uri(kind.slug), found)
        inputs = self._inputs(KIND_TEMPLATE)
        return [
            PageContent(
                page.src_uri,
                listing.title(kind.plural, page),
                self.renderer.later(
                    KIND_TEMPLATE,
                    page.src_uri,
                    kind=kind,
                    resources=found,
                    pagination=listing.pages,
                    current=page,
                ),
                inputs,
            )
            for page in listing.pages
        ]

    def data_script(self) -> str:
        """Every resource for the filters of `/resources/` (`resources.js`), as a script (a
        copy of the site opened as files cannot fetch JSON): `window.handbookResources`, its
        `fields` (`DATA_FIELDS`) and one row a resource, in the pages' order. Each card's
        lines are words, which the script sets as text; its link is relative to `resources/`,
        the folder of this file."""
        rows = [
            [
                self.build.urls.link(urls.RESOURCES_INDEX, urls.resource_uri(resource.slug)),
                resource.title,
                meta(resource),
                resource.summary,
                facts(resource),
                *(" ".join(found) for found in values(resource).values()),
            ]
            for resource in self.resources
        ]
        payload = json.dumps({"fields": DATA_FIELDS, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
        return f"window.handbookResources = {payload};\n"

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
