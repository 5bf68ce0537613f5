"""The annual cycle: plans by school year, each year's promising practices, and progress.

Plans are written for a school year and rewritten the next. A year's page lists its plans;
the year's promising practices (activities put forward with their outcomes) are gathered
into the annual collection the state shares: a page, a CSV and a PDF with a title page
and contents; the progress page counts every plan's activities by status, each district's school plans
under it, year by year. Made from every plan."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from urllib.parse import quote, urlencode

from handbook import urls
from handbook.browser.downloads import activity_row, to_csv
from handbook.library import ActivityRef, progress
from handbook.pages.content import Document, Download, PageContent, TocEntry
from handbook.pages.listing import Listing, plans_held, weight
from handbook.pages.listings import PLAN_ROW, ListingFamily
from handbook.plans.model import Level, Plan, Status
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy

PRACTICE_MARKUP = 900
"""Bytes of an entry of the collection besides its texts: its labels, links and the plan's name."""

PROGRESS_ROW = 900
"""Bytes of a row of the progress table besides the plan's title: counts and the terms."""


class YearPages(ListingFamily):
    """The school years (`/years/`: each with its plans by level and its practices, counted),
    and the plans for each (`/years/<year>/`), with the year's practices and progress a link
    away. The index is made even when no plan gives a year: the navigation lists it."""

    def pages(self) -> Iterator[PageContent]:
        years = [
            (
                year,
                [(level, sum(1 for plan in plans if plan.level is level)) for level in Level],
                len(self.library.practices(year)),
            )
            for year in self.library.years()
            for plans in [self.library.plans_of_year(year)]
        ]
        yield PageContent(
            urls.YEARS_INDEX,
            "Plans by school year",
            self.renderer.later(
                "years.html",
                urls.YEARS_INDEX,
                years=years,
                undated=sum(1 for plan in self.library.plans if plan.year is None),
            ),
            self.renderer.inputs("years.html", every_plan=True),
        )
        for year in self.library.years():
            listing = Listing.of(
                urls.year_uri(year),
                self.library.plans_of_year(year),
                weight=lambda plan: weight(plan.title, plan.organization, markup=PLAN_ROW),
                size=self.build.page_budget,
                label=plans_held,
            )
            yield from self.listing_pages(
                listing,
                f"Plans for {year}",
                "year.html",
                year=year,
                total=sum(len(page.items) for page in listing.pages),
                practices=len(self.library.practices(year)),
            )


@dataclass(frozen=True)
class Practice:
    """An activity put forward as a promising practice, and the group it is shown in: the
    first strategy its goal names (state and district plans) or its type (school plans)."""

    item: ActivityRef
    group: Strategy | InvolvementType

    @property
    def by_type(self) -> bool:
        """Grouped by type of involvement (a school plan's practice), not by strategy."""
        return isinstance(self.group, InvolvementType)

    @property
    def anchor(self) -> str:
        """The id of the group's heading."""
        return f"{'type' if self.by_type else 'strategy'}-{self.group.slug}"


class PracticePages(ListingFamily):
    """The annual collections of promising practices: `/practices/` lists the years, and
    `/practices/<year>/` holds every practice of the year, state and district practices by
    leadership strategy, school practices by type of involvement, as a page (continued on
    further pages when long), a CSV and a PDF."""

    def practices(self, year: str) -> list[Practice]:
        """The year's practices in the collection's order: by strategy, then by type."""
        found = []
        for item in self.library.practices(year):
            goal, activity = item.goal.goal, item.activity
            if item.goal.plan.level is Level.SCHOOL:
                if activity.type is not None:
                    found.append(Practice(item, activity.type))
            elif goal.strategies:
                found.append(Practice(item, goal.strategies[0]))
        order = {term: n for n, term in enumerate([*self.library.strategies, *self.library.types])}
        return sorted(found, key=lambda practice: order[practice.group])  # stable: plans keep their order

    def years(self) -> list[tuple[str, list[Practice]]]:
        return [(year, found) for year in self.library.years() if (found := self.practices(year))]

    def pages(self) -> Iterator[PageContent]:
        collections = self.years()
        yield PageContent(
            urls.PRACTICES_INDEX,
            "Promising practices",
            self.renderer.later(
                "practices.html", urls.PRACTICES_INDEX, collections=collections, pdf=self.build.pdfs
            ),
            self.renderer.inputs("practices.html", every_plan=True),
        )
        for year, found in collections:
            yield from self.collection(year, found)

    def collection(self, year: str, found: list[Practice]) -> list[PageContent]:
        listing = Listing.of(
            urls.practices_uri(year),
            found,
            weight=lambda p: weight(
                p.item.activity.text, p.item.activity.outcome, p.item.goal.goal.title, p.item.goal.plan.title,
                p.item.goal.goal.audience, markup=PRACTICE_MARKUP,
            ),
            size=self.build.page_budget,
            label=lambda page: f"{page[0].group.name} to {page[-1].group.name}"
            if page[0].group != page[-1].group else page[0].group.name,
        )  # fmt: skip
        groups = []  # each group's first practice, its count and the page it starts on
        for _, entries in groupby(found, key=lambda practice: practice.group):
            members = list(entries)
            start = next(page for page in listing.pages if any(x is members[0] for x in page.items))
            groups.append((members[0], len(members), start))
        plans = len({practice.item.goal.plan.slug for practice in found})
        return self.listing_pages(
            listing,
            f"Promising practices, {year}",
            "practice_year.html",
            toc=lambda page: tuple(
                TocEntry(group.name, next(entries).anchor)
                for group, entries in groupby(page.items, key=lambda practice: practice.group)
            ),
            year=year,
            groups=groups,
            total=len(found),
            plan_count=plans,
            pdf=self.build.pdfs,
        )

    def downloads(self) -> Iterator[Download]:
        for year, found in self.years():
            rows = [activity_row(practice.item, self.library, self.build.urls) for practice in found]
            yield Download(urls.practices_csv(year), partial(to_csv, rows))

    def documents(self) -> Iterator[Document]:
        """Each year's collection as one PDF: its pages in order, flowing over the sheets
        they need (the first page opens with the title page and the contents)."""
        for year, found in self.years():
            yield Document(
                urls.practices_pdf(year),
                f"Promising Partnership Practices {year}",
                tuple(page.src_uri for page in self.collection(year, found)),  # rendered only when written
                sheet_each=False,
            )


@dataclass(frozen=True)
class Count:
    """A number on the progress page, and the catalogue's address for what it counts
    (`query`, as `catalogue/?<query>` takes it); empty where the catalogue has no filter for
    it: activities without a status, and a district's schools together."""

    value: int
    query: str = ""

    @classmethod
    def of(cls, value: int, filters: dict[str, str] | None) -> Count:
        return cls(value, urlencode(filters, quote_via=quote) if filters else "")


@dataclass(frozen=True)
class TermCount:
    """Done activities of a strategy or type of involvement, of all of them."""

    name: str
    done: Count
    total: Count


@dataclass(frozen=True)
class ProgressRow:
    """A line of the progress table: a plan, or (`district`) a district's school plans of one
    year together, with its counts by status, without one, in all, and done by term."""

    label: str
    year: str | None
    reported: bool
    statuses: list[Count]
    unreported: Count
    total: Count
    terms: list[TermCount]
    plan: Plan | None = None
    district: progress.DistrictProgress | None = None


@dataclass(frozen=True)
class SchoolYear:
    """A district's school plans of one year on the progress page: their total (`together`,
    only for two or more: one school's total would repeat its own row) and each school."""

    together: ProgressRow | None
    schools: list[ProgressRow]


@dataclass(frozen=True)
class ProgressEntry:
    """A plan on the progress page and, for a district plan, its school plans under it, year
    by year (newest first): a page of the table never parts a district from its schools."""

    row: ProgressRow
    years: list[SchoolYear]

    @property
    def plan(self) -> Plan:
        assert self.row.plan is not None
        return self.row.plan

    @property
    def lines(self) -> int:
        return 1 + sum(len(year.schools) + (year.together is not None) for year in self.years)


class ProgressPages(ListingFamily):
    """Where every plan stands (`/progress/`): state plans, each district plan with its
    school plans under it, year by year, then the school plans of no district in the
    handbook. Each count leads to the activities it counts in the catalogue."""

    def plan_row(self, plan: Plan) -> ProgressRow:
        tally = progress.plan_tally(plan)
        mine = {"plan": plan.slug}
        term_filter = "type" if plan.level is Level.SCHOOL else "strategy"
        return ProgressRow(
            plan.title,
            plan.year,
            tally.reported,
            [Count.of(count, mine | {"status": status.value}) for status, count in tally.by_status],
            Count.of(tally.unreported, None),
            Count.of(tally.total, mine),
            [
                TermCount(
                    term.name,
                    Count.of(
                        counted.count(Status.DONE),
                        mine | {term_filter: term.slug, "status": Status.DONE.value},
                    ),
                    Count.of(counted.total, mine | {term_filter: term.slug}),
                )
                for term, counted in progress.by_term(plan, self.library)
                if counted.total
            ],
            plan=plan,
        )

    def together(self, district: progress.DistrictProgress) -> ProgressRow:
        """A district's school plans of one year, counted together: the catalogue filters one
        plan at a time, so these counts lead nowhere (each school's row below does)."""
        named = district.district.organization or district.district.title
        label = (
            f"All schools of {named}, {district.year}"
            if district.year
            else f"All schools of {named} without a year"
        )
        tally = district.total
        return ProgressRow(
            label,
            district.year,
            tally.reported,
            [Count.of(count, None) for count in tally.counts],
            Count.of(tally.unreported, None),
            Count.of(tally.total, None),
            [
                TermCount(
                    kind.name, Count.of(counted.count(Status.DONE), None), Count.of(counted.total, None)
                )
                for kind, counted in progress.by_type(district.schools, self.library)
                if counted.total
            ],
            district=district,
        )

    def entries(self) -> list[ProgressEntry]:
        """Every plan once: state plans, district plans each with its schools, then the
        school plans whose district plan is not in the handbook."""
        entries = []
        for plan in self.library.plans:
            if plan.level is Level.SCHOOL:
                continue
            years = (
                [
                    SchoolYear(
                        self.together(year) if len(year.schools) > 1 else None,
                        [self.plan_row(school) for school in year.schools],
                    )
                    for year in progress.school_years(self.library, plan)
                ]
                if plan.level is Level.DISTRICT
                else []
            )
            entries.append(ProgressEntry(self.plan_row(plan), years))
        entries += [
            ProgressEntry(self.plan_row(plan), []) for plan in progress.without_district(self.library)
        ]
        return entries

    def pages(self) -> Iterator[PageContent]:
        entries = self.entries()
        listing = Listing.of(
            urls.PROGRESS,
            entries,
            weight=lambda entry: weight(entry.plan.title, markup=PROGRESS_ROW * entry.lines),
            size=self.build.page_budget,
            label=lambda page: plans_held([entry.plan for entry in page]),
        )
        yield from self.listing_pages(
            listing,
            "Progress",
            "progress.html",
            wide=True,
            statuses=progress.STATUSES,
            total=len(self.library.plans),
            reporting=len(progress.reporting(self.library.plans)),
        )
