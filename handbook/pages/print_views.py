"""Pages that exist to be printed: each state and district plan on two sheets per goal, as
the handbook suggests (page 1 for activities at the plan's level, page 2 for building the
capacity of the level below), and the blank templates to fill in by hand. Left out of
search: they repeat their plan page, or hold no plan's words."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from handbook import urls
from handbook.library import GoalRef
from handbook.pages.content import PageContent, TocEntry
from handbook.pages.family import Family
from handbook.plans.model import GoalKind, Level, Plan
from handbook.printed import printing, sheets

BLANK_ROWS = 16
"""Blank rows a blank template prints at most (fewer where the sheet has no room)."""


class PrintViews(Family):
    def pages(self) -> Iterator[PageContent]:
        yield from self.blank_templates()
        for plan in self.library.plans:
            if plan.level is not Level.SCHOOL:
                yield self.two_pages_per_goal(plan)

    def two_pages_per_goal(self, plan: Plan) -> PageContent:
        """Activities without a page stand on page 1, marked, so that nothing is dropped."""
        goals = [GoalRef(plan, n, goal) for n, goal in enumerate(plan.goals, start=1)]
        toc = tuple(
            TocEntry(f"Goal {ref.number}, page {page}", f"goal-{ref.number}-page-{page}")
            for ref in goals
            for page in (1, 2)
        )
        return PageContent(
            urls.plan_print_uri(plan.slug),
            f"Two pages per goal: {plan.title}",
            partial(self._two_pages_body, plan, goals),
            self.renderer.inputs("plan_print.html", plans=[plan.source]),
            toc,
            source=plan.source,
        )

    def _two_pages_body(self, plan: Plan, goals: list[GoalRef]) -> Markup:
        printed = [
            (ref, number, part, printing.fit(printing.leadership_goal_sheet(ref, [part])))
            for ref in goals
            for number, part in enumerate(sheets.template_parts(ref, always_split=True), start=1)
        ]
        return self.renderer.render(
            "plan_print.html",
            urls.plan_print_uri(plan.slug),
            plan=plan,
            sheets=printed,
            form=sheets.LEADERSHIP,
        )

    def blank_templates(self) -> Iterator[PageContent]:
        """The Leadership Plan for Partnerships for a state and for a district (page 1 and
        page 2, each on its own sheet) and a school's One-Year Action Plan."""
        for level in (Level.STATE, Level.DISTRICT):
            yield PageContent(
                urls.blank_template_uri(level.value),
                f"Blank Leadership Plan for Partnerships: {level.label.lower()} level",
                partial(self._blank_leadership_body, level),
                self.renderer.inputs("blank_leadership.html"),
            )
        yield PageContent(
            urls.blank_template_uri(Level.SCHOOL.value),
            "Blank One-Year Action Plan for Partnerships",
            self._blank_school_body,
            self.renderer.inputs("blank_school.html"),
        )

    def _blank_leadership_body(self, level: Level) -> Markup:
        strategies = [strategy.name for strategy in self.library.strategies]
        pages = []
        for page in (1, 2):
            heading = sheets.page_heading(level, page)
            sheet = printing.blank_leadership_sheet(heading, strategies)
            pages.append((page, heading, printing.fit(sheet, BLANK_ROWS)))
        return self.renderer.render(
            "blank_leadership.html", urls.blank_template_uri(level.value), level=level, sheets=pages,
            form=sheets.LEADERSHIP,
        )  # fmt: skip

    def _blank_school_body(self) -> Markup:
        fit = printing.fit(printing.blank_school_sheet(), BLANK_ROWS)
        return self.renderer.render(
            "blank_school.html", urls.blank_template_uri(Level.SCHOOL.value), fit=fit, kinds=list(GoalKind),
            form=sheets.SCHOOL,
        )  # fmt: skip
