"""The annual cycle in the browser: the catalogue finds a year's activities, their status
and the promising practices, and the plans index narrows to a school year."""

from __future__ import annotations

from typing import Any

from handbook.plans.loading import load_library
from handbook.plans.model import Status
from tests.browser.conftest import settle
from tests.support.project import Site


def listed(page: Any) -> set[str]:
    return set(
        page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    )


def test_the_catalogue_finds_promising_practices_and_activities_by_year_and_status(
    page: Any, base_url: str, browser_site: Site
) -> None:
    library = load_library(browser_site.root.parent / "plans")

    def key(item: Any) -> str:
        return f"{item.goal.plan.slug}/goal-{item.goal.number}-activity-{item.number}"

    practices = {key(item) for year in library.years() for item in library.practices(year)}
    assert practices
    page.goto(base_url + "catalogue/?practice=1")
    settle(page)
    assert page.locator("input[name=practice]").is_checked()
    assert listed(page) == practices
    page.select_option("select[name=status]", "done")
    page.wait_for_function("location.search.includes('status=done')")
    done = {key(item) for item in library.activities() if item.activity.status is Status.DONE}
    assert listed(page) == practices & done
    page.uncheck("input[name=practice]")
    page.wait_for_function("!location.search.includes('practice')")
    assert listed(page) == done
    page.goto(base_url + "catalogue/?year=2026-27")
    settle(page)
    assert listed(page) == {key(item) for item in library.activities() if item.goal.plan.year == "2026-27"}
    page.goto(base_url + "catalogue/?practice=1")  # a practice shows its outcome
    settle(page)
    assert page.locator("#catalogue-table .handbook-outcome").first.inner_text().startswith("Outcome: ")


def test_the_plans_index_narrows_to_a_school_year(page: Any, base_url: str, browser_site: Site) -> None:
    library = load_library(browser_site.root.parent / "plans")
    page.goto(base_url + "plans/?year=2025-26")
    page.locator("#plans-list a").first.wait_for()
    assert set(page.locator("#plans-list a").all_inner_texts()) == {
        plan.title for plan in library.plans_of_year("2025-26")
    }
