"""Pages that gather every plan: the plans by level, the strategies, the audiences, the types
of involvement and the coverage tables. Each is made from all plans (`Inputs.every_plan`),
long ones continue on numbered pages (`listing`), and none is searched: they repeat what
plan pages say, or what the home page says of the strategies. A strategy's, an audience
group's and a type's page lists the e-library's resources for it on its first page, and the
coverage page counts them (so those pages follow every resource, `Inputs.every_resource`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any, TypeVar

from handbook import urls
from handbook.browser.downloads import plan_list_script
from handbook.library import ActivityRef, Audience, GoalRef
from handbook.pages.content import Download, PageContent, TocEntry
from handbook.pages.family import Family
from handbook.pages.listing import (
    RESOURCE_SHARE,
    Listing,
    ListingPage,
    ResourceFilter,
    ResourceList,
    plans_held,
    term_resources,
    weight,
)
from handbook.plans.model import Plan
from handbook.resources.model import Resource
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy

T = TypeVar("T")

PLAN_ROW = 250
"""Bytes of a row of the plans index besides the plan's title and organization."""

COVERAGE_ROW = 700
"""Bytes of a coverage table's row besides the plan's title: seven counted cells."""


@dataclass(frozen=True)
class ResourceCount:
    """A row of the coverage page's resource tables: a strategy, type or group, its page
    (None for a group no goal reaches, which has none) and its resources on `/resources/`."""

    page: str | None
    resources: ResourceFilter


@dataclass(frozen=True)
class ResourceTable:
    caption: str
    header: str
    rows: list[ResourceCount]


def goal_weight(ref: GoalRef) -> int:
    """A goal with its linked activities, as a listing shows them."""
    return weight(ref.goal.title) + sum(weight(activity.text) for activity in ref.goal.activities)


class ListingFamily(Family):
    """A family of long listings: each listing's pages share their template and page list."""

    def listing_pages(
        self,
        listing: Listing[T],
        name: str,
        template: str,
        toc: Callable[[ListingPage[T]], tuple[TocEntry, ...]] = lambda page: (),
        wide: bool = False,
        resources: ResourceList | None = None,
        lists_resources: bool = False,
        **context: Any,
    ) -> list[PageContent]:
        """A page per page of the listing: the template gets the page list (`pagination`),
        the page itself (`current`, whose `items` it lists) and `context`; the first page
        also gets `resources` (later ones None), and its table of contents starts with them.
        Every page of a listing that `lists_resources` follows them (`Inputs.every_resource`),
        in a handbook without any too: a resource added may be the first of its strategy."""
        inputs = self.renderer.inputs(template, every_plan=True)
        if lists_resources:
            inputs = inputs.and_resources()
        return [
            PageContent(
                page.src_uri,
                listing.title(name, page),
                self.renderer.later(
                    template,
                    page.src_uri,
                    pagination=listing.pages,
                    current=page,
                    resources=resources if page.number == 1 else None,
                    **context,
                ),
                inputs,
                (
                    (TocEntry("Resources", "resources"), *toc(page))
                    if resources is not None and page.number == 1
                    else toc(page)
                ),
                wide=wide,
            )
            for page in listing.pages
        ]

    def term_resources(
        self, resources: list[Resource], name: str, field: str, value: str
    ) -> ResourceList | None:
        """The resources a strategy's, group's or type's page lists (`listing.term_resources`),
        or None in a handbook without resources, whose pages say nothing of them."""
        if not self.build.resources:
            return None
        return term_resources(resources, name, field, value, self.build.page_budget // RESOURCE_SHARE)


class PlansIndex(ListingFamily):
    """Every plan by level, state plans first, continuing on further pages at state scale;
    the first page says where each level's plans begin (`/plans/#district`). Each page can
    find plans by title, organization or district, and by level, among all of them
    (`plans.js`, from the plans' data)."""

    def downloads(self) -> Iterator[Download]:
        yield Download(urls.PLANS_DATA, lambda: plan_list_script(self.library, self.build.urls))

    def pages(self) -> Iterator[PageContent]:
        listing = Listing.of(
            urls.PLANS_INDEX,
            self.library.plans,
            weight=lambda plan: weight(plan.title, plan.organization, markup=PLAN_ROW),
            size=self.build.page_budget,
            label=plans_held,
        )
        counts = {level: len(plans) for level, plans in self.library.by_level().items()}
        starts = {
            level: next((page for page in listing.pages if any(p.level is level for p in page.items)), None)
            for level in counts
        }
        yield from self.listing_pages(
            listing,
            "All plans",
            "plans.html",
            toc=lambda page: tuple(
                TocEntry(f"{level.label} plans", f"{level.value}-plans")
                for level in counts
                if any(plan.level is level for plan in page.items)
            ),
            counts=counts,
            starts=starts,
            years=[(year, len(self.library.plans_of_year(year))) for year in self.library.years()],
            undated=sum(1 for plan in self.library.plans if plan.year is None),
        )


class StrategyPages(ListingFamily):
    """What each strategy means, then every activity of every goal that uses it, by plan."""

    def pages(self) -> Iterator[PageContent]:
        counts = {s: self.library.goals_using(s) for s in self.library.strategies}
        yield PageContent(
            urls.STRATEGIES_INDEX,
            "Leadership strategies",
            self.renderer.later("strategies.html", urls.STRATEGIES_INDEX, counts=counts),
            self.renderer.inputs("strategies.html", every_plan=True),
        )
        for strategy in self.library.strategies:
            yield from self.listing(strategy)

    def listing(self, strategy: Strategy) -> list[PageContent]:
        goals = self.library.goals_using(strategy)
        by_plan = [(plan, list(refs)) for plan, refs in groupby(goals, key=lambda ref: ref.plan)]
        listing = Listing.of(
            urls.strategy_uri(strategy.slug),
            by_plan,
            weight=lambda entry: weight(entry[0].title) + sum(goal_weight(ref) for ref in entry[1]),
            size=self.build.page_budget,
            label=lambda page: plans_held([plan for plan, _ in page]),
        )
        return self.listing_pages(
            listing,
            strategy.name,
            "strategy.html",
            toc=lambda page: tuple(TocEntry(plan.title, f"plan-{plan.slug}") for plan, _ in page.items),
            strategy=strategy,
            goals=goals,
            activities=sum(len(ref.goal.activities) for ref in goals),
            plan_count=len(by_plan),
            resources=self.term_resources(
                self.build.resources.for_strategy(strategy), strategy.name, "strategy", strategy.slug
            ),
            lists_resources=True,
        )


class AudiencePages(ListingFamily):
    """The audience groups, each with the goals that reach it and their activities, by plan;
    and "Other audiences" for goals whose audience reaches no group. A group no goal reaches
    has no page: the index names it as text, and nothing else links to it (a goal's page
    links the groups it reaches)."""

    def pages(self) -> Iterator[PageContent]:
        audiences = self.library.audiences()
        yield PageContent(
            urls.AUDIENCES_INDEX,
            "Target audiences",
            self.renderer.later("audiences.html", urls.AUDIENCES_INDEX, audiences=audiences),
            self.renderer.inputs("audiences.html", every_plan=True),
        )
        for audience in audiences:
            if audience.goals:
                yield from self.listing(audience)

    def listing(self, audience: Audience) -> list[PageContent]:
        by_plan = [(plan, list(refs)) for plan, refs in groupby(audience.goals, key=lambda ref: ref.plan)]
        listing = Listing.of(
            urls.audience_uri(audience.slug),
            by_plan,
            weight=lambda entry: (
                weight(entry[0].title) + sum(goal_weight(ref) + weight(ref.goal.audience) for ref in entry[1])
            ),
            size=self.build.page_budget,
            label=lambda page: plans_held([plan for plan, _ in page]),
        )
        return self.listing_pages(
            listing,
            audience.name,
            "audience.html",
            toc=lambda page: tuple(TocEntry(plan.title, f"plan-{plan.slug}") for plan, _ in page.items),
            audience=audience,
            resources=(
                None  # "Other audiences" is no group a resource can name
                if audience.group is None
                else self.term_resources(
                    self.build.resources.for_audience_group(audience.group),
                    audience.name,
                    "audience",
                    audience.slug,
                )
            ),
            lists_resources=True,
        )


class TypePages(ListingFamily):
    """What each type of involvement means, then every school activity of that type, by plan."""

    def pages(self) -> Iterator[PageContent]:
        counts = {kind: len(self.library.activities_of_type(kind)) for kind in self.library.types}
        yield PageContent(
            urls.TYPES_INDEX,
            "Types of involvement",
            self.renderer.later("types.html", urls.TYPES_INDEX, counts=counts),
            self.renderer.inputs("types.html", every_plan=True),
        )
        for kind in self.library.types:
            yield from self.listing(kind)

    def listing(self, kind: InvolvementType) -> list[PageContent]:
        items = self.library.activities_of_type(kind)
        by_plan = [(plan, list(group)) for plan, group in groupby(items, key=lambda item: item.goal.plan)]
        listing: Listing[tuple[Plan, list[ActivityRef]]] = Listing.of(
            urls.type_uri(kind.slug),
            by_plan,
            weight=lambda entry: (
                weight(entry[0].title)
                + sum(
                    weight(item.activity.text, item.goal.goal.title, item.activity.grades)
                    for item in entry[1]
                )
            ),
            size=self.build.page_budget,
            label=lambda page: plans_held([plan for plan, _ in page]),
        )
        return self.listing_pages(
            listing,
            kind.name,
            "type.html",
            kind=kind,
            total=len(items),
            plan_count=len(by_plan),
            resources=self.term_resources(self.build.resources.for_type(kind), kind.name, "type", kind.slug),
            lists_resources=True,
        )


class CoveragePages(ListingFamily):
    """Plans x strategies and school plans x types, with activity counts; long tables continue.
    Where the handbook has resources, the first page counts them by strategy, type and
    audience group, so that a strategy no resource helps with shows as a gap too."""

    def pages(self) -> Iterator[PageContent]:
        listing = Listing.of(
            urls.COVERAGE,
            self.library.plans,
            weight=lambda plan: weight(plan.title, markup=COVERAGE_ROW),
            size=self.build.page_budget,
            label=plans_held,
        )
        yield from self.listing_pages(
            listing,
            "Coverage",
            "coverage.html",
            wide=True,
            lists_resources=True,
            resource_counts=self.resource_counts(),
        )

    def resource_counts(self) -> list[ResourceTable] | None:
        """The resources of each strategy, type of involvement and audience group, a table
        each; None in a handbook without resources."""
        resources = self.build.resources
        if not resources:
            return None
        paged = {audience.slug for audience in self.library.audiences() if audience.goals}
        return [
            ResourceTable(
                "Resources by leadership strategy",
                "Leadership strategy",
                [
                    ResourceCount(
                        urls.strategy_uri(strategy.slug),
                        ResourceFilter.of(
                            strategy.name, "strategy", strategy.slug, len(resources.for_strategy(strategy))
                        ),
                    )
                    for strategy in self.library.strategies
                ],
            ),
            ResourceTable(
                "Resources by type of involvement",
                "Type of involvement",
                [
                    ResourceCount(
                        urls.type_uri(kind.slug),
                        ResourceFilter.of(
                            f"{kind.number}. {kind.name}", "type", kind.slug, len(resources.for_type(kind))
                        ),
                    )
                    for kind in self.library.types
                ],
            ),
            ResourceTable(
                "Resources by audience group",
                "Audience group",
                [
                    ResourceCount(
                        urls.audience_uri(group.slug) if group.slug in paged else None,
                        ResourceFilter.of(
                            group.name, "audience", group.slug, len(resources.for_audience_group(group))
                        ),
                    )
                    for group in self.library.audience_groups
                ],
            ),
        ]
