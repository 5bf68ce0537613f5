"""The activity catalogue in Chromium: filters given in the URL show exactly the matching activities."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from handbook.plans.loading import load_library
from tests.support.browser import needs_chromium
from tests.support.project import ROOT, Site
from tests.support.web import serve_site

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def base_url(sample_site: Site) -> Iterator[str]:
    with serve_site(sample_site.root) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def shown(page: Any, base_url: str, query: str) -> set[str]:
    page.goto(f"{base_url}catalogue/?{query}")
    page.wait_for_function("document.getElementById('catalogue-count').textContent.includes('activit')")
    return set(
        page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    )


def expected(keep: Any) -> set[str]:
    library = load_library(ROOT / "plans")
    return {
        f"{item.goal.plan.slug}/goal-{item.goal.number}-activity-{item.number}"
        for item in library.activities()
        if keep(item)
    }


STRATEGIES = ["create-awareness", "align-program-and-policy", "share-knowledge", "celebrate-milestones"]


@pytest.mark.parametrize("slug", STRATEGIES)
def test_a_strategy_in_the_url_shows_exactly_the_activities_of_goals_using_it(
    page: Any, base_url: str, slug: str
) -> None:
    want = expected(lambda item: slug in [s.slug for s in item.goal.goal.strategies])
    assert want and shown(page, base_url, f"strategy={slug}") == want
    assert page.input_value("select[name=strategy]") == slug


@pytest.mark.parametrize("slug", ["learning-at-home", "communicating", "decision-making"])
def test_a_type_in_the_url_shows_exactly_the_activities_of_that_type(
    page: Any, base_url: str, slug: str
) -> None:
    want = expected(lambda item: item.activity.type is not None and item.activity.type.slug == slug)
    assert want and shown(page, base_url, f"type={slug}") == want


@pytest.mark.parametrize("level", ["state", "district", "school"])
def test_a_level_in_the_url_shows_exactly_that_levels_activities(
    page: Any, base_url: str, level: str
) -> None:
    want = expected(lambda item: item.goal.plan.level.value == level)
    assert want and shown(page, base_url, f"level={level}") == want


def test_filters_combine_and_changing_one_updates_the_url(page: Any, base_url: str) -> None:
    both = shown(page, base_url, "strategy=celebrate-milestones&level=district")
    assert both == expected(
        lambda item: item.goal.plan.slug == "sample-district-plan" and item.goal.number == 3
    )
    page.select_option("select[name=level]", "state")
    page.wait_for_function("location.search.includes('level=state')")
    assert "strategy=celebrate-milestones" in page.evaluate("location.search")
    rows = set(
        page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    )
    assert rows == {f"sample-state-plan/goal-3-activity-{n}" for n in range(1, 5)}


def test_text_search_and_links_lead_to_the_activity(page: Any, base_url: str) -> None:
    rows = shown(page, base_url, "text=policy+forum")
    assert rows == {"sample-state-plan/goal-1-activity-3"}
    page.click("#catalogue-table tbody a")
    page.wait_for_url("**/plans/sample-state-plan/#goal-1-activity-3")
    assert "policy forum" in page.inner_text("#goal-1-activity-3")


def test_with_no_filter_every_activity_is_listed(page: Any, base_url: str) -> None:
    assert len(shown(page, base_url, "")) == 39


@pytest.mark.parametrize("group", ["district-leaders", "schools", "families"])
def test_an_audience_group_in_the_url_shows_exactly_the_activities_of_goals_that_reach_it(
    page: Any, base_url: str, group: str
) -> None:
    library = load_library(ROOT / "plans")
    want = expected(lambda item: group in [g.slug for g in library.groups_of(item.goal.goal)])
    assert want and shown(page, base_url, f"audience={group}") == want
    options = page.eval_on_selector_all("select[name=audience] option", "os => os.map(o => o.value)")
    assert len(options) <= 1 + len(library.audience_groups) + 1  # groups (and Other), never one per text
    assert "students" not in options  # no sample goal reaches students: that filter would match nothing
