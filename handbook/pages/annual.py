"""The annual cycle: plans by school year, each year's promising practices, and progress.

Plans are written for a school year and rewritten the next. A year's page lists its plans;
the year's promising practices (activities put forward with their outcomes) are gathered
into the annual collection the state shares: a page, a CSV and a PDF with a title page
and contents; the progress page counts, for every plan that reports them, its activities
by status, and for each district its schools' plans of each year. Made from every plan."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import groupby

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
    """The plans for each school year, by level (`/years/<year>/`), with the year's
    practices and progress a link away."""

    def pages(self) -> Iterator[PageContent]:
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
class ProgressRow:
    """A plan on the progress page: its counts by status and by term, and, for a district
    plan, its schools' totals for each year."""

    plan: Plan
    tally: progress.Tally
    terms: list[tuple[Strategy, progress.Tally]] | list[tuple[InvolvementType, progress.Tally]]
    schools: list[progress.DistrictProgress]


class ProgressPages(ListingFamily):
    """Where every plan that reports its activities' status stands (`/progress/`)."""

    def rows(self) -> list[ProgressRow]:
        reporting = {plan.slug for plan in progress.reporting(self.library.plans)}
        by_district: dict[str, list[progress.DistrictProgress]] = {}
        for district in progress.districts(self.library):
            by_district.setdefault(district.district.slug, []).append(district)
        return [
            ProgressRow(
                plan,
                progress.plan_tally(plan),
                progress.by_term(plan, self.library),
                by_district.get(plan.slug, []),
            )
            for plan in self.library.plans
            if plan.slug in reporting or plan.slug in by_district
        ]

    def pages(self) -> Iterator[PageContent]:
        rows = self.rows()
        listing = Listing.of(
            urls.PROGRESS,
            rows,
            weight=lambda row: weight(row.plan.title, markup=PROGRESS_ROW * (1 + len(row.schools))),
            size=self.build.page_budget,
            label=lambda page: plans_held([row.plan for row in page]),
        )
        yield from self.listing_pages(
            listing,
            "Progress",
            "progress.html",
            wide=True,
            statuses=progress.STATUSES,
            done=Status.DONE,
            total=len(rows),
            reporting=sum(1 for row in rows if row.tally.reported),
        )
