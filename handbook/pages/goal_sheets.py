"""Each goal on its plan's template form, one page per goal, to print on one sheet of paper:
the Leadership Plan for Partnerships (state and district goals, split into page 1 and
page 2 where the plan says which page each activity is on) or the school's One-Year Action
Plan. The type scale and the blank rows are worked out so the sheet fits (`printing`).
Below the sheet, on screen only, "Resources for this goal" (`plan_pages.GoalResources`):
the sheet prints alone, and its fit leaves them out."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from markupsafe import Markup

from handbook import urls
from handbook.library import GoalRef
from handbook.pages.content import Document, PageContent
from handbook.pages.family import Build, Family
from handbook.pages.plan_pages import GoalResources
from handbook.plans.model import Level
from handbook.printed import printing, sheets

LEADERSHIP_TEMPLATE = "goal.html"
SCHOOL_TEMPLATE = "school_goal.html"


class GoalSheets(Family):
    def __init__(self, build: Build) -> None:
        super().__init__(build)
        self.goal_resources = GoalResources(build)

    def pages(self) -> Iterator[PageContent]:
        for ref in self.library.goals():
            yield self.page(ref)

    def documents(self) -> Iterator[Document]:
        """Each plan's goal pages as one PDF, a sheet each, beside the plan's page."""
        for plan in self.library.plans:
            pages = tuple(urls.goal_uri(plan.slug, n) for n in range(1, len(plan.goals) + 1))
            yield Document(urls.plan_pdf(plan.slug), plan.title, pages)

    def page(self, ref: GoalRef) -> PageContent:
        template = SCHOOL_TEMPLATE if ref.plan.level is Level.SCHOOL else LEADERSHIP_TEMPLATE
        return PageContent(
            urls.goal_uri(ref.plan.slug, ref.number),
            f"Goal {ref.number}: {ref.plan.title}",
            partial(self._body, ref),
            self.renderer.inputs(template, plans=[ref.plan.source]).and_resources(),
            source=ref.plan.source,
        )

    def _body(self, ref: GoalRef) -> Markup:
        template, context = sheet(ref)
        return self.renderer.render(
            template,
            urls.goal_uri(ref.plan.slug, ref.number),
            ref=ref,
            pdf=self.build.pdfs,
            resources=self.goal_resources(ref),
            **context,
        )


def sheet(ref: GoalRef) -> tuple[str, dict[str, Any]]:
    """A goal's sheet: its template and what the template is given besides the goal (the
    form, its parts, the fit to one sheet of paper). A hand-written page's `goal_template(...)`
    (`handbook.pages.page_macros`) draws the goal's table from the same, so it shows the goal page's."""
    if ref.plan.level is Level.SCHOOL:
        return SCHOOL_TEMPLATE, {"fit": printing.fit(printing.school_goal_sheet(ref)), "form": sheets.SCHOOL}
    parts = sheets.template_parts(ref)
    fit = printing.fit(printing.leadership_goal_sheet(ref, parts))
    return LEADERSHIP_TEMPLATE, {"parts": parts, "fit": fit, "form": sheets.LEADERSHIP}
