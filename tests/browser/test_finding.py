"""Finding your way in a big e-library, and printing made obvious: the plans you can narrow,
listings that lead to the catalogue, tables that keep their bearings, printing in one click."""

from __future__ import annotations

import re
from typing import Any

import pytest

from handbook.plans.loading import load_library
from tests.browser.conftest import PHONE, settle
from tests.support.project import Site


def test_typing_in_the_plans_filter_narrows_the_list_and_the_address_keeps_it(
    page: Any, base_url: str
) -> None:
    page.goto(base_url + "plans/")
    page.fill("input[name=q]", "rio grande")
    found = page.locator("#plans-list a")
    found.first.wait_for()
    assert found.all_inner_texts() == ["Río Grande Unified — Leadership Plan for Partnerships 2026–27"]
    assert page.locator("#plans-listing").is_hidden()
    assert "find=rio+grande" in page.evaluate("location.search")
    page.select_option("select[name=level]", "school")
    page.fill("input[name=q]", "")
    assert page.locator("#plans-list a").all_inner_texts() == [
        "Sample School One-Year Action Plan for Partnerships",
        "Sample School One-Year Action Plan for Partnerships, 2026-27",
    ]
    assert page.evaluate("location.search") == "?level=school"
    page.goto(base_url + "plans/?find=sample+district")  # a shared address opens the same search
    page.locator("#plans-list a").first.wait_for()
    assert page.locator("#plans-list a").all_inner_texts() == [
        "Sample District Leadership Plan for School, Family, and Community Partnerships",
        "Sample School One-Year Action Plan for Partnerships",  # their district is the sample district
        "Sample School One-Year Action Plan for Partnerships, 2026-27",
    ]
    page.locator("#plans-list a").first.click()
    page.wait_for_url("**/plans/sample-district-plan/")


def test_on_a_phone_each_plan_on_the_plans_page_is_a_card_with_its_title_first(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "plans/")
    widths = page.eval_on_selector_all(
        "table.handbook-plans td:first-child a", "links => links.map(a => a.getBoundingClientRect().width)"
    )
    rows = page.eval_on_selector_all("table.handbook-plans tr[role=row]", "rows => rows.length")
    context.close()
    assert widths and min(widths) >= 200  # "Sam / ple / Stat / e" was 59 px
    assert rows > len(widths)  # the table keeps its rows for screen readers


@pytest.mark.parametrize(
    ("page_url", "query"),
    [
        ("strategies/create-awareness/", "strategy=create-awareness"),
        ("strategies/celebrate-milestones/", "strategy=celebrate-milestones"),
        ("types/learning-at-home/", "type=learning-at-home"),
        ("audiences/district-leaders/", "audience=district-leaders"),
        ("audiences/families/", "audience=families"),
    ],
)
def test_every_listing_links_its_activities_in_the_catalogue_and_the_counts_agree(
    page: Any, base_url: str, page_url: str, query: str
) -> None:
    page.goto(base_url + page_url)
    link = page.locator(".handbook-to-catalogue a")
    promised = int(re.search(r"See these (\d+) activit", link.inner_text())[1])  # type: ignore[index]
    assert link.get_attribute("href").endswith(f"catalogue/?{query}")
    link.click()
    page.wait_for_url("**/catalogue/?*")
    settle(page)
    assert len(page.locator("#catalogue-table tbody tr").all()) == promised


def test_the_catalogue_plan_filter_is_typed_into_and_offers_no_filter_that_matches_nothing(
    page: Any, base_url: str, browser_site: Site
) -> None:
    page.goto(base_url + "catalogue/")
    settle(page)
    assert page.locator("input[name=plan]").count() == 1  # not a dropdown of every plan
    page.fill("input[name=plan]", "río grande")
    page.wait_for_function("location.search.includes('plan=')")
    plans = set(
        page.eval_on_selector_all(
            "#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity.split('/')[0])"
        )
    )
    assert plans == {"rio-grande"}
    library = load_library(browser_site.root.parent / "plans")
    offered = page.eval_on_selector_all(
        "select[name=audience] option", "os => os.map(o => o.value).filter(Boolean)"
    )
    reached = {group.slug for ref in library.goals() for group in library.groups_of(ref.goal)}
    if library.unmatched_goals():
        reached.add("other")  # "Other audiences": the unbroken plan's one-word audience
    assert offered and set(offered) == reached
    types = page.eval_on_selector_all(
        "select[name=type] option", "os => os.map(o => o.value).filter(Boolean)"
    )
    assert all(library.activities_of_type(library.types.by_slug(slug)) for slug in types)


def test_the_coverage_header_and_plan_column_stay_in_sight_while_the_table_scrolls(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 700, "height": 400})  # a box smaller than the table
    page = context.new_page()
    page.goto(base_url + "coverage/")
    box = page.locator(".handbook-table-scroll--both").first
    box.evaluate("b => { b.scrollTop = b.scrollHeight; b.scrollLeft = b.scrollWidth; }")
    page.wait_for_timeout(100)
    header = box.locator("thead th").nth(2)
    plan = box.locator("tbody th").last
    inside = box.evaluate(
        """(b, [h, p]) => { const r = b.getBoundingClientRect();
            const within = e => { const x = e.getBoundingClientRect();
              return x.top >= r.top - 1 && x.bottom <= r.bottom + 1 && x.left >= r.left - 1 && x.right <= r.right + 1; };
            return [within(h), within(p)]; }""",
        [header.element_handle(), plan.element_handle()],
    )
    scrolled = box.evaluate("b => [b.scrollTop > 0, b.scrollLeft > 0]")
    context.close()
    assert scrolled == [True, True]
    assert inside == [True, True]


def test_a_goal_page_prints_in_one_click_and_leads_to_the_next_goal(page: Any, base_url: str) -> None:
    page.goto(base_url + "plans/sample-state-plan/goal-2/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed") == 1
    assert page.get_by_role("link", name="Goal 1: previous goal").get_attribute("href") == "../goal-1/"
    page.get_by_role("link", name="Goal 3: next goal").click()
    page.wait_for_url("**/plans/sample-state-plan/goal-3/")
    assert page.get_by_role("link", name=re.compile("next goal")).count() == 0  # the last goal


@pytest.mark.parametrize(
    "url", ["plans/sample-state-plan/print/", "templates/blank/school/", "templates/blank/state/"]
)
def test_print_views_and_blank_templates_have_a_print_button(page: Any, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    assert page.locator("button[data-handbook-print]").is_visible()


def test_the_blank_templates_are_in_the_navigation(page: Any, base_url: str) -> None:
    page.goto(base_url)
    links = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "as => as.map(a => a.getAttribute('href'))"
    )
    assert {"templates/blank/state/", "templates/blank/district/", "templates/blank/school/"} <= set(links)


def test_propose_changes_opens_the_plan_form_filled_with_that_plan(page: Any, base_url: str) -> None:
    page.goto(base_url + "plans/sample-district-plan/goal-1/")
    page.locator("article a.handbook-suggest").click()
    page.wait_for_url("**/contribute/?plan=sample-district-plan")
    page.wait_for_function("() => document.getElementById('f-title')?.value.length > 0")
    assert page.input_value("#f-title") == (
        "Sample District Leadership Plan for School, Family, and Community Partnerships"
    )
    edit = page.locator("#plan-pull-request").get_attribute("href")
    assert edit is not None and edit.endswith("/edit/main/plans/sample-district-plan.md")


def test_printed_pages_stay_black_on_white_in_the_dark_scheme(browser: Any, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "plans/sample-state-plan/goal-1/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => [getComputedStyle(document.documentElement).backgroundColor,
                  getComputedStyle(document.body).backgroundColor,
                  getComputedStyle(document.querySelector('.handbook-sheet h1')).color]"""
    )
    context.close()
    assert colours[:2] == ["rgb(255, 255, 255)", "rgb(255, 255, 255)"]
    assert colours[2] == "rgb(0, 0, 0)"
