"""Each plan's own page: introduction, goals with their strategies, audience and numbered
activities (each at its own anchor), closing and footnotes, its coverage, and links to its
goal sheets, its district or schools, and its downloads. The one generated page that site
search indexes, from entries made from the plan (`_search_entries`). Under each goal, on
screen, "Resources for this goal" (`GoalResources`), which its template page shows too."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial

from markupsafe import Markup

from handbook import urls
from handbook.library import GoalRef, progress
from handbook.pages.content import PageContent, Search, SearchEntry, TocEntry
from handbook.pages.family import Build, Family
from handbook.pages.listing import FEW_RESOURCES, ResourceFilter, ResourceList
from handbook.pages.prose import PlanProse, plain_text, render_prose
from handbook.plans.model import Level, Plan
from handbook.printed import sheets
from handbook.resources.library import goal_types
from handbook.vocabularies.audiences import AudienceGroup
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy

_CITATION = r"(?:\bpp?\.\s*\d+|\bHandbook\s+CD\b)"
_NEAR = 200
TEMPLATE_CITATION = re.compile(
    rf"\btemplates?\b.{{0,{_NEAR}}}?{_CITATION}|{_CITATION}.{{0,{_NEAR}}}?\btemplates?\b",
    re.IGNORECASE | re.DOTALL,
)
"""A plan's words citing the book's template: a page of the printed handbook ("p. 276",
"pp. 274-275") or its CD, within a few lines of the word "template". Plans copied from the
book say where the book has the template; a reader of the site has the site's copy instead."""


@dataclass(frozen=True)
class TemplateNote:
    """The site's note beside a plan's words that cite the book's template: the blank template
    the handbook has for the plan's level, and which of the plan's texts cites it (the note
    follows that text: the introduction where both do)."""

    after: str
    form: str
    level: str
    uri: str


def template_note(plan: Plan) -> TemplateNote | None:
    """The note for a plan whose introduction or closing cites the book's template, else None.
    Found from the words, whatever the plan: any plan copied from the book may cite it."""
    for after, text in (("introduction", plan.introduction), ("closing", plan.closing or "")):
        if TEMPLATE_CITATION.search(text):
            form = sheets.form_for(plan.level).name
            return TemplateNote(
                after, form, plan.level.label.lower(), urls.blank_template_uri(plan.level.value)
            )
    return None


class GoalResources:
    """Resources for this goal: the e-library's resources that share the goal's strategies,
    audience groups or its activities' types of involvement, best matches first, a few of them, and, when there are more, every
    one of the goal's strategies and groups that has resources, each linked to its filtered
    list on `/resources/` (together they hold every match).

    The rule is `ResourceLibrary.for_goal`'s (a resource scores one for each strategy, group
    and type it shares with the goal; higher scores first, then the library's order), worked
    out here from an index of the resources by strategy and group, and once for each
    combination of strategies and groups: asking `for_goal` for each of a state's thousands
    of goals compared every goal with every resource, which doubled the time the goal and
    plan pages took to render (1,000 plans, 200 resources: 8 s to 14 s)."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self._answers: dict[tuple[tuple[str, ...], ...], ResourceList | None] = {}
        self._index: dict[tuple[str, str], list[int]] | None = None

    def __call__(self, ref: GoalRef) -> ResourceList | None:
        """The goal's list, or None where no resource shares anything with it."""
        if not self.build.resources:
            return None
        strategies = tuple(dict.fromkeys(ref.goal.strategies))
        groups = tuple(dict.fromkeys(self.build.library.groups_of(ref.goal)))
        types = tuple(goal_types(ref.goal))
        key = (tuple(s.slug for s in strategies), tuple(g.slug for g in groups), tuple(t.slug for t in types))
        if key not in self._answers:
            self._answers[key] = self._answer(strategies, groups, types)
        return self._answers[key]

    def _terms(self) -> dict[tuple[str, str], list[int]]:
        """Each strategy's and group's resources, as their places in the library's order."""
        if self._index is None:
            index: dict[tuple[str, str], list[int]] = defaultdict(list)
            for place, resource in enumerate(self.build.resources.resources):
                for strategy in resource.strategies:
                    index["strategy", strategy.slug].append(place)
                for group in resource.audience_groups:
                    index["audience", group.slug].append(place)
                for kind in resource.types:
                    index["type", kind.slug].append(place)
            self._index = dict(index)
        return self._index

    def _answer(
        self,
        strategies: tuple[Strategy, ...],
        groups: tuple[AudienceGroup, ...],
        types: tuple[InvolvementType, ...],
    ) -> ResourceList | None:
        index = self._terms()
        terms = [
            *((strategy.name, "strategy", strategy.slug) for strategy in strategies),
            *((group.name, "audience", group.slug) for group in groups),
            *((kind.name, "type", kind.slug) for kind in types),
        ]
        scores = Counter(place for _, field, slug in terms for place in index.get((field, slug), ()))
        if not scores:
            return None
        ranked = sorted(scores, key=lambda place: (-scores[place], place))
        onward: tuple[ResourceFilter, ...] = ()
        if len(ranked) > FEW_RESOURCES:
            onward = tuple(
                ResourceFilter.of(name, field, slug, len(index[field, slug]))
                for name, field, slug in terms
                if (field, slug) in index
            )
        resources = self.build.resources.resources
        return ResourceList(tuple(resources[place] for place in ranked[:FEW_RESOURCES]), len(ranked), onward)


class PlanPages(Family):
    def __init__(self, build: Build) -> None:
        super().__init__(build)
        self.goal_resources = GoalResources(build)

    def pages(self) -> Iterator[PageContent]:
        for plan in self.library.plans:
            yield self.page(plan)

    def page(self, plan: Plan) -> PageContent:
        goals = [GoalRef(plan, n, goal) for n, goal in enumerate(plan.goals, start=1)]
        prose = cache(partial(render_prose, plan.introduction, plan.closing))  # page and search share it
        district = self.library.plan(plan.district) if plan.district else None
        schools = self.library.schools_of(plan) if plan.level is Level.DISTRICT else []
        chain = self.library.years_of(plan)
        shown = [
            plan,
            *([district] if district else []),
            *schools,
            *chain,
        ]  # whose titles or years the page prints
        toc = tuple(TocEntry(f"Goal {ref.number}. {ref.goal.title}", f"goal-{ref.number}") for ref in goals)
        if progress.plan_tally(plan).reported:
            toc = (TocEntry("Progress", "progress"), *toc)
        src_uri = urls.plan_uri(plan.slug)
        return PageContent(
            src_uri,
            plan.title,
            partial(self._body, plan, goals, prose, district, schools),
            self.renderer.inputs("plan.html", plans=[p.source for p in shown]).and_resources(),
            toc,
            source=plan.source,
            search=Search.ENTRIES,
            search_entries=partial(self._search_entries, plan, goals, prose),
        )

    def _body(
        self,
        plan: Plan,
        goals: list[GoalRef],
        prose: Callable[[], PlanProse],
        district: Plan | None,
        schools: list[Plan],
    ) -> Markup:
        return self.renderer.render(
            "plan.html", urls.plan_uri(plan.slug), plan=plan, goals=goals, prose=prose(),
            district=district, schools=schools, pdf=self.build.pdfs, note=template_note(plan),
            chain=self.library.years_of(plan), tally=progress.plan_tally(plan),
            terms=progress.by_term(plan, self.library), statuses=progress.STATUSES,
            resources={ref.number: self.goal_resources(ref) for ref in goals},
        )  # fmt: skip

    def _search_entries(
        self, plan: Plan, goals: list[GoalRef], prose: Callable[[], PlanProse]
    ) -> list[SearchEntry]:
        """The plan's words where the page shows them: the plan (its level, organization and
        prose) at the top, each goal at `#goal-<n>` with its audience and results, each
        activity at its own anchor. Left out, as they are the page's links and tables:
        strategies, the coverage table, template details, downloads."""
        about = f"{plan.level.label} plan" + (f": {plan.organization}." if plan.organization else ".")
        written = prose()
        entries = [
            SearchEntry(None, plan.title, " ".join([about, *map(plain_text, written)]).strip()),
        ]
        for ref in goals:
            goal = ref.goal
            facts = [
                ("Kind of goal", goal.kind.value.capitalize() if goal.kind else None),
                ("Target audience", goal.audience),
                ("Desired results", goal.results),
                ("How results are measured", goal.measures),
            ]
            text = " ".join(f"{label}: {value}" for label, value in facts if value)
            entries.append(SearchEntry(f"goal-{ref.number}", f"Goal {ref.number}. {goal.title}", text))
            entries += [
                SearchEntry(
                    urls.activity_anchor(ref.number, item.number),
                    item.activity.text,
                    f"Outcome: {item.activity.outcome}" if item.activity.outcome else "",
                )
                for item in ref.activities()
            ]
        return entries
