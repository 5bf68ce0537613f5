"""Page content for every generated handbook page, as HTML from the templates in `templates/`.

Pure functions of the library: no MkDocs here. Each builder returns a `PageContent`
holding finished HTML for the page body, so an engine adapter only has to place it
(no Markdown parsing or Jinja pass over plan text, which is both faster at state
scale and the reason plan text can never be evaluated as a template). Every plan
field reaches the HTML through Jinja's autoescaping; plan prose through `prose`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from handbook import printing, sheets, urls
from handbook.downloads import GRADES, activity_row, catalogue_script, grade_keys, to_csv, to_json
from handbook.involvement import InvolvementType
from handbook.library import Audience, GoalRef, Library
from handbook.model import GoalKind, Level, Plan
from handbook.prose import PlanProse, render_prose
from handbook.sheets import page_heading, template_parts
from handbook.strategies import Strategy

TEMPLATES = Path(__file__).parent / "templates"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class TocEntry:
    """A heading on a page, for the engine's table of contents. `title` is plain text."""

    title: str
    anchor: str
    level: int = 2
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class PageContent:
    """One generated page.

    `src_uri` names the page as a source path (see `urls`); `title` is plain text;
    `html` is the finished page body, rendered from `body` when first asked for, so
    an engine that rebuilds only what changed (`mkdocs serve --dirty`) renders only
    those pages; `source` is the plan file the page is made from (for "edit this
    page" links, and to tell whether the page changed); `search` says whether site
    search should index it (goal template pages repeat their plan page).

    `search_text`, where given, is what site search indexes instead of the page: the
    page's words in headings with the page's own anchors, without the links, tables and
    details a search must skip. Made from the plan, it spares the search engine parsing
    the whole page at state scale (a thousand plan pages), and sections it exactly.
    """

    src_uri: str
    title: str
    body: Callable[[], Markup] = field(repr=False, compare=False)
    toc: tuple[TocEntry, ...] = ()
    source: str | None = None
    search: bool = True
    search_text: Callable[[], Markup] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def html(self) -> Markup:
        return self.body()

    @cached_property
    def search_html(self) -> Markup | None:
        return self.search_text() if self.search_text is not None else None


@dataclass(frozen=True)
class Download:
    """A generated file that is not a page (CSV, JSON, script data), made when written."""

    path: str
    content: Callable[[], str] = field(repr=False, compare=False)


BLANK_ROWS = 16
"""Blank rows a blank template prints at most (fewer where the sheet has no room)."""

T = TypeVar("T")

LISTING_SIZE = 500
"""Entries (activity or goal links) on one page of a long listing.

A strategy used by a third of a state's 15,000 activities would otherwise be one
page of megabytes; at 500 links a page stays around 150 KB, light enough for a phone.
"""


def paginate(items: Sequence[T], weight: Callable[[T], int], size: int) -> list[list[T]]:
    """Split items into pages of about `size` entries without splitting an item.

    An item (a plan with its goals, say) weighs as many entries as it lists; a page
    closes before an item that would overflow it, unless the page is still empty.
    There is always at least one page, so an empty listing still has its page.
    """
    pages: list[list[T]] = [[]]
    total = 0
    for item in items:
        entries = weight(item)
        if pages[-1] and total + entries > size:
            pages.append([])
            total = 0
        pages[-1].append(item)
        total += entries
    return pages


@dataclass(frozen=True)
class PageLink:
    """One page of a paginated listing, as the page list shows it."""

    number: int
    src_uri: str
    label: str


class PageBuilder:
    """Builds every generated page of a library, with links relative to each page."""

    def __init__(
        self,
        library: Library,
        site_urls: urls.Urls | None = None,
        listing_size: int = LISTING_SIZE,
        *,
        pdfs: bool = False,
    ) -> None:
        self.library = library
        self.urls = site_urls or urls.Urls()
        self.listing_size = listing_size
        self.pdfs = pdfs
        """Whether the build makes each plan's PDF (`handbook.pdf`), which plan pages then link."""

    def _body(self, template: str, src_uri: str, **context: Any) -> Callable[[], Markup]:
        """The page body, to be rendered when needed."""
        return partial(self._render, template, src_uri, **context)

    def _render(self, template: str, src_uri: str, **context: Any) -> Markup:
        def link(to_uri: str, anchor: str | None = None) -> str:
            return self.urls.link(src_uri, to_uri, anchor)

        return Markup(
            _env.get_template(template).render(link=link, urls=urls, library=self.library, **context)
        )

    def pages(self) -> Iterator[PageContent]:
        """Every generated page: indexes, strategies, audiences, plans and their goal pages.

        Only plan pages are searchable: every other generated page repeats what plan
        pages say (titles, audiences, activities) or what the hand-written home page
        says (the strategies), and a search index that holds each text once stays
        small at state scale. It also keeps live reload's search merge correct: a
        saved plan changes exactly one searchable page.
        """
        yield self.plans_index()
        yield self.strategy_index()
        yield self.audience_index()
        for strategy in self.library.strategies:
            yield from self.strategy_pages(strategy)
        for audience in self.library.audiences():
            yield from self.audience_pages(audience)
        yield self.type_index()
        for kind in self.library.types:
            yield from self.type_pages(kind)
        yield from self.coverage_pages()
        yield self.catalogue_page()
        yield from self.blank_templates()
        for plan in self.library.plans:
            yield self.plan_page(plan)
            if plan.level is not Level.SCHOOL:
                yield self.plan_print_page(plan)
            for number in range(1, len(plan.goals) + 1):
                yield self.goal_page(GoalRef(plan, number, plan.goals[number - 1]))

    def plan_page(self, plan: Plan) -> PageContent:
        src_uri = urls.plan_uri(plan.slug)
        goals = [GoalRef(plan, n, goal) for n, goal in enumerate(plan.goals, start=1)]
        prose = cache(partial(render_prose, plan.introduction, plan.closing))  # page and search share it
        body = partial(self._plan_body, plan, goals, prose)
        search = partial(self._plan_search, plan, goals, prose)
        toc = tuple(TocEntry(f"Goal {ref.number}. {ref.goal.title}", f"goal-{ref.number}") for ref in goals)
        return PageContent(src_uri, plan.title, body, toc, source=plan.source, search_text=search)

    def _plan_body(self, plan: Plan, goals: list[GoalRef], prose: Callable[[], PlanProse]) -> Markup:
        district = self.library.plan(plan.district) if plan.district else None
        schools = self.library.schools_of(plan) if plan.level is Level.DISTRICT else []
        return self._render(
            "plan.html", urls.plan_uri(plan.slug), plan=plan, goals=goals, prose=prose(),
            district=district, schools=schools, pdf=self.pdfs,
        )  # fmt: skip

    def _plan_search(self, plan: Plan, goals: list[GoalRef], prose: Callable[[], PlanProse]) -> Markup:
        return self._render(
            "plan_search.html", urls.plan_uri(plan.slug), plan=plan, goals=goals, prose=prose()
        )

    def goal_page(self, ref: GoalRef) -> PageContent:
        src_uri = urls.goal_uri(ref.plan.slug, ref.number)
        body = partial(self._goal_body, ref, src_uri)
        title = f"Goal {ref.number}: {ref.plan.title}"
        return PageContent(src_uri, title, body, source=ref.plan.source, search=False)

    def _goal_body(self, ref: GoalRef, src_uri: str) -> Markup:
        """The goal's template sheet, at the type scale and with the blank rows that fit one
        sheet of paper (see `printing`)."""
        if ref.plan.level is Level.SCHOOL:  # the One-Year Action Plan's form
            fit = printing.fit(printing.school_goal_sheet(ref))
            return self._render("school_goal.html", src_uri, ref=ref, fit=fit, form=sheets.SCHOOL)
        parts = template_parts(ref)
        fit = printing.fit(printing.leadership_goal_sheet(ref, parts))
        return self._render("goal.html", src_uri, ref=ref, parts=parts, fit=fit, form=sheets.LEADERSHIP)

    def plan_print_page(self, plan: Plan) -> PageContent:
        """A state or district plan on the template as the handbook suggests: each goal on two
        sheets, page 1 for activities at the plan's level, page 2 for building the capacity of
        the level below (activities without a page on page 1, marked)."""
        src_uri = urls.plan_print_uri(plan.slug)
        goals = [GoalRef(plan, n, goal) for n, goal in enumerate(plan.goals, start=1)]
        toc = tuple(
            TocEntry(f"Goal {ref.number}, page {page}", f"goal-{ref.number}-page-{page}")
            for ref in goals
            for page in (1, 2)
        )
        body = partial(self._plan_print_body, goals, src_uri)
        title = f"Two pages per goal: {plan.title}"
        return PageContent(src_uri, title, body, toc, source=plan.source, search=False)

    def _plan_print_body(self, goals: list[GoalRef], src_uri: str) -> Markup:
        printed = [
            (ref, number, part, printing.fit(printing.leadership_goal_sheet(ref, [part])))
            for ref in goals
            for number, part in enumerate(template_parts(ref, always_split=True), start=1)
        ]
        return self._render(
            "plan_print.html", src_uri, plan=goals[0].plan, sheets=printed, form=sheets.LEADERSHIP
        )

    def blank_templates(self) -> list[PageContent]:
        """Blank templates to print and fill in by hand: the Leadership Plan for Partnerships
        for a state and for a district (page 1 and page 2, each on its own sheet) and a
        school's One-Year Action Plan. Left out of search: they hold no plan's words."""
        strategies = [strategy.name for strategy in self.library.strategies]
        pages = []
        for level in (Level.STATE, Level.DISTRICT):
            src_uri = urls.blank_template_uri(level.value)
            pages_ = []
            for page in (1, 2):
                heading = page_heading(level, page)
                sheet = printing.blank_leadership_sheet(heading, strategies)
                pages_.append((page, heading, printing.fit(sheet, BLANK_ROWS)))
            body = self._body(
                "blank_leadership.html", src_uri, level=level, sheets=pages_, form=sheets.LEADERSHIP
            )
            title = f"Blank Leadership Plan for Partnerships: {level.label.lower()} level"
            pages.append(PageContent(src_uri, title, body, search=False))
        src_uri = urls.blank_template_uri(Level.SCHOOL.value)
        fit = printing.fit(printing.blank_school_sheet(), BLANK_ROWS)
        body = self._body("blank_school.html", src_uri, fit=fit, kinds=list(GoalKind), form=sheets.SCHOOL)
        pages.append(PageContent(src_uri, "Blank One-Year Action Plan for Partnerships", body, search=False))
        return pages

    def strategy_pages(self, strategy: Strategy) -> list[PageContent]:
        """What the strategy means, then every activity of every goal that uses it, by plan.

        Left out of search: the activities are found on their plans' pages, and the
        strategy's meaning on the home page.
        """
        goals = self.library.goals_using(strategy)
        by_plan = [(plan, list(refs)) for plan, refs in groupby(goals, key=lambda ref: ref.plan)]
        pages = paginate(
            by_plan, lambda entry: sum(len(ref.goal.activities) for ref in entry[1]), self.listing_size
        )
        links = [
            PageLink(
                n,
                urls.strategy_uri(strategy.slug, n),
                _span(page[0][0].title, page[-1][0].title) if page else "",
            )
            for n, page in enumerate(pages, start=1)
        ]
        contents = []
        for link, page in zip(links, pages, strict=True):
            body = self._body(
                "strategy.html", link.src_uri, strategy=strategy, by_plan=page, goals=goals,
                plan_count=len(by_plan), pagination=links, current=link,
            )  # fmt: skip
            toc = tuple(TocEntry(plan.title, f"plan-{plan.slug}") for plan, _ in page)
            title = strategy.name if link.number == 1 else f"{strategy.name} (page {link.number})"
            contents.append(PageContent(link.src_uri, title, body, toc, search=False))
        return contents

    def audience_pages(self, audience: Audience) -> list[PageContent]:
        """Every goal addressed to one audience (left out of search like strategy pages)."""
        pages = paginate(audience.goals, lambda ref: 1, self.listing_size)
        links = [
            PageLink(n, urls.audience_uri(audience.slug, n), _span(page[0].plan.title, page[-1].plan.title))
            for n, page in enumerate(pages, start=1)
        ]
        contents = []
        for link, page in zip(links, pages, strict=True):
            body = self._body(
                "audience.html", link.src_uri, audience=audience, goals=page, pagination=links, current=link
            )
            title = audience.name if link.number == 1 else f"{audience.name} (page {link.number})"
            contents.append(PageContent(link.src_uri, title, body, search=False))
        return contents

    def strategy_index(self) -> PageContent:
        src_uri = urls.STRATEGIES_INDEX
        counts = {s: self.library.goals_using(s) for s in self.library.strategies}
        body = self._body("strategies.html", src_uri, counts=counts)
        return PageContent(src_uri, "Leadership strategies", body, search=False)

    def plans_index(self) -> PageContent:
        src_uri = urls.PLANS_INDEX
        by_level = self.library.by_level()
        toc = tuple(TocEntry(f"{level.label} plans", level.value) for level in by_level)
        body = self._body("plans.html", src_uri, by_level=by_level)
        return PageContent(src_uri, "All plans", body, toc, search=False)

    def type_pages(self, kind: InvolvementType) -> list[PageContent]:
        """What the type of involvement means, then every activity of that type, by plan."""
        items = self.library.activities_of_type(kind)
        by_plan = [(plan, list(group)) for plan, group in groupby(items, key=lambda item: item.goal.plan)]
        pages = paginate(by_plan, lambda entry: len(entry[1]), self.listing_size)
        links = [
            PageLink(
                n, urls.type_uri(kind.slug, n), _span(page[0][0].title, page[-1][0].title) if page else ""
            )
            for n, page in enumerate(pages, start=1)
        ]
        contents = []
        for link, page in zip(links, pages, strict=True):
            body = self._body(
                "type.html", link.src_uri, kind=kind, by_plan=page, total=len(items),
                plan_count=len(by_plan), pagination=links, current=link,
            )  # fmt: skip
            title = kind.name if link.number == 1 else f"{kind.name} (page {link.number})"
            contents.append(PageContent(link.src_uri, title, body, search=False))
        return contents

    def type_index(self) -> PageContent:
        src_uri = urls.TYPES_INDEX
        counts = {kind: len(self.library.activities_of_type(kind)) for kind in self.library.types}
        body = self._body("types.html", src_uri, counts=counts)
        return PageContent(src_uri, "Types of involvement", body, search=False)

    def coverage_pages(self) -> list[PageContent]:
        """Plans x strategies and school plans x types, with activity counts; long tables continue."""
        pages = paginate(self.library.plans, lambda plan: 1, self.listing_size)
        links = [
            PageLink(n, urls.coverage_uri(n), _span(page[0].title, page[-1].title) if page else "")
            for n, page in enumerate(pages, start=1)
        ]
        contents = []
        for link, page in zip(links, pages, strict=True):
            body = self._body(
                "coverage.html", link.src_uri, pagination=links, current=link,
                leadership=[plan for plan in page if plan.level is not Level.SCHOOL],
                schools=[plan for plan in page if plan.level is Level.SCHOOL],
            )  # fmt: skip
            title = "Coverage" if link.number == 1 else f"Coverage (page {link.number})"
            contents.append(PageContent(link.src_uri, title, body, search=False))
        return contents

    def catalogue_page(self) -> PageContent:
        """The catalogue's frame: filters and an empty table that `catalogue.js` fills."""
        src_uri = urls.CATALOGUE
        grades = sorted(
            {grade for item in self.library.activities() for grade in grade_keys(item.activity.grades)},
            key=GRADES.index,
        )
        body = self._body(
            "catalogue.html", src_uri, levels=list(Level), grades=grades, total=self.library.activity_count()
        )
        return PageContent(src_uri, "Activity catalogue", body, search=False)

    def downloads(self) -> Iterator[Download]:
        """The files that are not pages: every activity as CSV and JSON, each plan's CSV,
        and the catalogue page's data."""
        rows = [activity_row(item, self.urls) for item in self.library.activities()]
        yield Download(urls.CATALOGUE_CSV, lambda: to_csv(rows))
        yield Download(urls.CATALOGUE_JSON, lambda: to_json(rows))
        yield Download(urls.CATALOGUE_DATA, lambda: catalogue_script(self.library, self.urls))
        for slug, own in groupby(rows, key=lambda row: row["plan"]):  # rows come in plan order
            yield Download(urls.plan_csv(slug), partial(to_csv, list(own)))

    def audience_index(self) -> PageContent:
        src_uri = urls.AUDIENCES_INDEX
        body = self._body("audiences.html", src_uri, audiences=self.library.audiences())
        return PageContent(src_uri, "Target audiences", body, search=False)


def _span(first: str, last: str) -> str:
    """A page's label in a page list: the first and last plan it holds."""
    return first if first == last else f"{first} \N{EN DASH} {last}"
