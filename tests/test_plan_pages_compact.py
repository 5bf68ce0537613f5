"""A plan's page, compact (issue 27): each activity's details a small grid of labelled cells,
every activity still at its own anchor; and the site's note where a plan cites the book's
template, leading to the handbook's own blank one."""

from __future__ import annotations

import re

import pytest

from handbook.plans.loading import load_library
from handbook.plans.model import Activity, Plan
from handbook.vocabularies.fields import activity_label
from tests.support.project import ROOT, Site, text_of

SAMPLES = {plan.slug: plan for plan in load_library(ROOT / "plans").plans}
SCHOOL_SAMPLES = sorted(slug for slug, plan in SAMPLES.items() if plan.level.value == "school")
CITING = {"sample-state-plan", "sample-district-plan"}
"""The samples whose words cite the book's template ("p. 276 and Handbook CD")."""


def expected_details(plan: Plan, activity: Activity) -> dict[str, str]:
    """An activity's fields as its plan page should label and show them: named as the printed
    template names them (fields.py), a promising practice marked after its outcome."""
    values = {
        "type": f"{activity.type.number}. {activity.type.name}" if activity.type else None,
        "grades": activity.grades,
        "page": str(activity.page) if activity.page else None,
        "dates": activity.dates,
        "status": activity.status.label if activity.status else None,
        "preparations": activity.preparations,
        "responsible": activity.responsible,
        "expected_results": activity.expected_results,
        "costs": activity.costs,
        "outcome": (activity.outcome or "")
        + (f" Promising practice, {plan.year}" if activity.practice and plan.year else "")
        or None,
    }
    return {activity_label(field, plan.level.value): value for field, value in values.items() if value}


@pytest.mark.parametrize("slug", SCHOOL_SAMPLES)
def test_every_school_activity_is_at_its_anchor_with_its_fields_in_labelled_cells(
    sample_site: Site, slug: str
) -> None:
    plan = SAMPLES[slug]
    page = sample_site.content(f"plans/{slug}/")
    for g, goal in enumerate(plan.goals, start=1):
        for a, activity in enumerate(goal.activities, start=1):
            anchor = page.find(id=f"goal-{g}-activity-{a}")
            assert anchor is not None and text_of(anchor) == activity.text, (g, a)
            details = anchor.find_parent("li").select_one("dl.handbook-details")
            cells = {  # each field a cell of the grid: its name and its value together
                text_of(cell.dt): text_of(cell.dd) for cell in details.select(":scope > div.handbook-detail")
            }
            assert cells == expected_details(plan, activity), (g, a)
    labels = {text_of(dt) for dt in page.select("dl.handbook-details dt")}
    assert "Persons in charge and helping" in labels and "Responsibilities" not in labels


def test_the_blank_template_note_follows_the_plans_that_cite_the_books_template(sample_site: Site) -> None:
    noted = set()
    for slug, plan in SAMPLES.items():
        page = sample_site.content(f"plans/{slug}/")
        notes = page.select(".handbook-template-note")
        if not notes:
            continue
        noted.add(slug)
        assert len(notes) == 1
        link = notes[0].select_one("a")
        assert link["href"] == f"../../templates/blank/{plan.level.value}/"
        assert sample_site.path(f"templates/blank/{plan.level.value}/").is_file()
        assert "Leadership Plan for Partnerships (blank" in text_of(notes[0])
        introduction = page.select_one(".handbook-introduction")
        assert notes[0].find_previous_sibling("div") is introduction  # after the plan's words, not in them
        words = " ".join(plan.introduction.replace("*", "").split())
        cited = re.search(r"The entries can be transferred.*?costs\)\.", words)
        shown = " ".join(introduction.get_text().split())  # as written, emphasis and all
        assert cited is not None and cited.group() in shown
        assert "handbook has the template" not in shown
    assert noted == CITING


@pytest.mark.parametrize(
    ("introduction", "closing", "after"),
    [
        ("Copy each goal onto the template (pp. 12–13).", None, "introduction"),
        ("", "Use the One-Year Action Plan template on the Handbook CD.", "closing"),
        ("Goals from our survey (p. 4 of the report).", "Thanks to the team.", None),
        ("We used the template every school knows.", None, None),
    ],
)
def test_a_citation_of_the_template_is_found_from_the_words_whatever_the_plan(
    introduction: str, closing: str | None, after: str | None
) -> None:
    from handbook.pages.plan_pages import template_note  # here: the module's other tests run without it

    plan = SAMPLES["sample-school-plan"].model_copy(update={"introduction": introduction, "closing": closing})
    note = template_note(plan)
    assert (note.after if note else None) == after
    if note:
        assert note.uri == "templates/blank/school.md"
