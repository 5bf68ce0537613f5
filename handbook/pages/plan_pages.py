"""Each plan's own page: introduction, goals with their strategies, audience and numbered
activities (each at its own anchor), closing and footnotes, its coverage, and links to its
goal sheets, its district or schools, and its downloads. The one generated page that site
search indexes, from a lean search text made from the plan (`plan_search.html`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache, partial

from markupsafe import Markup

from handbook import urls
from handbook.library import GoalRef
from handbook.model import Level, Plan
from handbook.pages.content import PageContent, Search, TocEntry
from handbook.pages.family import Family
from handbook.prose import PlanProse, render_prose


class PlanPages(Family):
    def pages(self) -> Iterator[PageContent]:
        for plan in self.library.plans:
            yield self.page(plan)

    def page(self, plan: Plan) -> PageContent:
        goals = [GoalRef(plan, n, goal) for n, goal in enumerate(plan.goals, start=1)]
        prose = cache(partial(render_prose, plan.introduction, plan.closing))  # page and search share it
        district = self.library.plan(plan.district) if plan.district else None
        schools = self.library.schools_of(plan) if plan.level is Level.DISTRICT else []
        shown = [plan, *([district] if district else []), *schools]  # whose titles the page prints
        toc = tuple(TocEntry(f"Goal {ref.number}. {ref.goal.title}", f"goal-{ref.number}") for ref in goals)
        src_uri = urls.plan_uri(plan.slug)
        return PageContent(
            src_uri,
            plan.title,
            partial(self._body, plan, goals, prose, district, schools),
            self.renderer.inputs("plan.html", "plan_search.html", plans=[p.source for p in shown]),
            toc,
            source=plan.source,
            search=Search.TEXT,
            search_text=partial(self._search_text, plan, goals, prose),
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
            district=district, schools=schools, pdf=self.build.pdfs,
        )  # fmt: skip

    def _search_text(self, plan: Plan, goals: list[GoalRef], prose: Callable[[], PlanProse]) -> Markup:
        return self.renderer.render(
            "plan_search.html", urls.plan_uri(plan.slug), plan=plan, goals=goals, prose=prose()
        )
