"""What a person does: search for an activity, move by keyboard alone, read on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import PHONE, settle
from tests.support.project import Site
from tests.support.web import serve_site

POLICY_FORUM = "Conduct a policy forum on partnerships with statewide representation."


def test_search_typed_as_a_person_types_finds_an_activity_and_leads_to_its_anchor(
    page: Any, base_url: str
) -> None:
    """Material's own search dialog, typed into key by key: the activity is a result of its own
    (plan.html makes each activity a search section) and opens at its own anchor."""
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type("policy forum", delay=80)
    result = page.locator(".md-search-result__item a", has_text=POLICY_FORUM)
    result.wait_for()
    assert result.get_attribute("href").endswith("#goal-1-activity-3")
    result.click()
    page.wait_for_url("**/plans/sample-state-plan/?h=*#goal-1-activity-3")
    activity = page.locator(":target")
    assert activity.get_attribute("id") == "goal-1-activity-3"
    assert activity.inner_text() == POLICY_FORUM
    # In view, and not under Material's sticky header.
    header = page.locator(".md-header").bounding_box()
    box = activity.bounding_box()
    assert header is not None and box is not None
    assert header["y"] + header["height"] <= box["y"] < page.viewport_size["height"]


def tab_to(page: Any, href_end: str, limit: int = 300) -> None:
    """Press Tab until the focused link's address ends as given, then Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href and href.endswith(href_end):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    pytest.fail(f"no link to {href_end} within {limit} presses of Tab")


def test_keyboard_alone_reaches_a_goal_template_page_from_home(page: Any, base_url: str) -> None:
    page.goto(base_url)
    tab_to(page, "plans/")
    assert page.url == base_url + "plans/"
    tab_to(page, "sample-district-plan/")
    tab_to(page, "goal-2/")
    assert page.url == base_url + "plans/sample-district-plan/goal-2/"
    assert "Leadership Plan for Partnerships: Goal 2" in page.inner_text("h1")


def test_wide_tables_scroll_inside_their_own_box_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "plans/sample-school-plan/goal-1/")
    box = page.locator(".handbook-table-scroll").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone...
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # ...but only its box scrolls
    context.close()


def test_the_phone_check_sees_a_page_that_scrolls_sideways(browser: Any, base_url: str) -> None:
    """The check itself can fail: an element wider than the phone makes the page scroll."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url)
    page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend', '<pre>' + 'x'.repeat(400) + '</pre>')"
    )
    page.add_style_tag(content="article pre { white-space: pre; overflow: visible; }")
    wider = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert wider > 375


LAPTOP = {"width": 1280, "height": 900}
DATA_PAGES = ["catalogue/", "coverage/", "plans/sample-state-plan/", "plans/sample-school-plan/"]


@pytest.fixture(scope="module")
def samples_url(sample_site: Site) -> Iterator[str]:
    """The sample plans alone: words as long as plans' words are (the plan of unbroken
    words on the browser site scrolls inside its tables' boxes, by design)."""
    with serve_site(sample_site.root) as url:
        yield url


@pytest.mark.parametrize("url", DATA_PAGES)
def test_data_tables_fit_a_laptop_screen_without_breaking_a_word(
    browser: Any, samples_url: str, url: str
) -> None:
    """At 1280 px the catalogue and coverage tables take the page's width (no empty column
    for a table of contents), the compact coverage table fits a plan page's column, and the
    layout wraps text between words only ("e-messag / e" no more)."""
    base_url = samples_url
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(base_url + url)
    settle(page)
    tables = page.evaluate(
        """() => [...document.querySelectorAll('table.handbook-catalogue, table.handbook-coverage')].map(t => ({
            table: t.scrollWidth, box: (t.closest('.handbook-table-scroll') || t.parentElement).clientWidth,
            breaks: [...t.querySelectorAll('td, td a, th, th a')].map(e => getComputedStyle(e))
                .filter(s => s.wordBreak !== 'normal' || !['normal'].includes(s.overflowWrap)).length
        }))"""
    )
    context.close()
    assert tables
    for table in tables:
        assert table["table"] <= table["box"], (url, table)
        assert table["breaks"] == 0, url


def test_data_pages_give_their_tables_the_pages_width(browser: Any, samples_url: str) -> None:
    base_url = samples_url
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    for url in ("catalogue/", "coverage/"):
        page.goto(base_url + url)
        settle(page)
        assert page.locator(".md-sidebar--secondary").is_hidden(), url  # no empty contents column
        width = page.evaluate("document.querySelector('table').getBoundingClientRect().width")
        assert width > 900, url
    context.close()


def test_on_a_phone_each_catalogue_activity_is_a_card_of_labelled_values(browser: Any, base_url: str) -> None:
    """The activity first, then each value it has after its label; the plan, level and goal are
    said in one line under the activity (how short the cards are: test_catalogue_on_a_phone.py)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "catalogue/?plan=sample-state-plan")
    settle(page)
    first = page.locator("#catalogue-table tbody tr").first
    assert first.evaluate("r => getComputedStyle(r).display") == "flex"
    labels = first.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert labels == ["Plan", "Level", "Goal", "Activity", "Strategies", "Audience", "Dates", "Status"]
    shown = first.evaluate(
        """r => Array.from(r.cells).filter(c => c.getClientRects().length)
             .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
             .map(c => [c.dataset.label, getComputedStyle(c, '::before').content])"""
    )
    assert [label for label, _ in shown] == ["Activity", "Strategies", "Audience"]  # no dates or status
    assert shown[2][1] == '"Audience: "'
    assert "Sample State" in first.locator(".handbook-card-source").inner_text()
    assert first.get_attribute("role") == "row"  # a table to a screen reader still
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
