"""Each plan's own page: introduction, goals with their strategies, audience and numbered
activities (each at its own anchor), closing and footnotes, its coverage, and links to its
goal sheets, its district or schools, and its downloads. The one generated page that site
search indexes, from entries made from the plan (`_search_entries`). Under each goal, on
screen, "Resources for this goal" (`GoalResources`), which its template page shows too."""

from __future__ import annotations

import re
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
from handbook.vocabularies.vocabulary import Term

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
    audience groups or its activities' types of involvement, best matches first
    (`ResourceLibrary.for_goal`'s rule, `for_terms`), a few of them, and, when there are more,
    every one of the goal's strategies, groups and types that has resources, each linked to its
    filtered list on `/resources/` (together they hold every match). Worked out once for each
    combination of strategies, groups and types a build meets."""

    FIELDS = ((Strategy, "strategy"), (AudienceGroup, "audience"), (InvolvementType, "type"))
    """Each kind of term and its filter on `/resources/`."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self._answers: dict[tuple[Term, ...], ResourceList | None] = {}

    def __call__(self, ref: GoalRef) -> ResourceList | None:
        """The goal's list, or None where no resource shares anything with it."""
        if not self.build.resources:
            return None
        terms = tuple(
            dict.fromkeys(
                [*ref.goal.strategies, *self.build.library.groups_of(ref.goal), *goal_types(ref.goal)]
            )
        )
        if terms not in self._answers:
            self._answers[terms] = self._answer(terms)
        return self._answers[terms]

    def _answer(self, terms: tuple[Term, ...]) -> ResourceList | None:
        resources = self.build.resources
        ranked = resources.for_terms(terms)
        if not ranked:
            return None
        onward: tuple[ResourceFilter, ...] = ()
        if len(ranked) > FEW_RESOURCES:
            onward = tuple(
                ResourceFilter.of(term.name, field, term.slug, len(found))
                for term in terms
                for kind, field in self.FIELDS
                if isinstance(term, kind) and (found := resources.for_term(term))
            )
        return ResourceList(tuple(ranked[:FEW_RESOURCES]), len(ranked), onward)


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
