"""WCAG 2.1 AA (and axe's best practices) on every page, in the light and dark schemes, and
reflow on a phone (WCAG 1.4.10). The tours are taken once per test process and read by each
test of theirs: tests reading one tour stay in this file, so the two processes of `make test`
(which share out whole files) do not both take it (45 s each)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import SCHEMES, TAGS, Tour, axe, summary


def test_axe_finds_no_violation_on_any_page_in_the_light_scheme(phone_tour: Tour) -> None:
    """Every page, on a phone's screen (where the navigation folds and tables scroll in their
    boxes); the dark tour below sees a page of each kind on a laptop's."""
    assert len(phone_tour.pages) > 40
    assert phone_tour.schemes == {SCHEMES["light"]}
    assert phone_tour.problems == {}


def test_no_page_scrolls_sideways_on_a_phone(phone_tour: Tour) -> None:
    """375 px wide, every page, the plan of unbroken long words included (conftest.py)."""
    assert len(phone_tour.pages) > 40
    assert phone_tour.wide == []


def test_axe_finds_no_violation_on_a_page_of_each_kind_in_the_dark_scheme(dark_tour: Tour) -> None:
    """In the dark scheme (Material's slate, chosen by the browser's preference as a
    visitor's is) one page of each kind, since a scheme changes colours, which pages of one
    kind share (their templates and stylesheets are the same)."""
    assert len(dark_tour.pages) > 15
    assert dark_tour.schemes == {SCHEMES["dark"]}
    assert dark_tour.problems == {}


def test_the_palette_toggle_switches_scheme_and_contrast_holds_both_ways(page: Any, base_url: str) -> None:
    """A visitor can switch with Material's toggle; text keeps AA contrast on either side."""
    page.goto(base_url + "coverage/")  # shaded header cells with links, table gaps, the footer
    for name, scheme in [("Switch to dark mode", "slate"), ("Switch to light mode", "default")]:
        page.get_by_title(name).click()  # the header's sun or moon button
        body = page.locator(f"body[data-md-color-scheme='{scheme}']")
        body.wait_for()
        assert summary(axe(page, {"type": "rule", "values": ["color-contrast"]})) == []


def test_axe_would_catch_the_search_dialog_without_a_name(page: Any, base_url: str) -> None:
    """The check itself can fail: remove the dialog's name and axe reports it."""
    page.goto(base_url)
    page.evaluate("document.querySelector('.md-search').removeAttribute('aria-label')")
    violations = axe(page, {"type": "rule", "values": ["aria-dialog-name"]})
    assert [v["id"] for v in violations] == ["aria-dialog-name"]


def test_axe_would_catch_the_footer_text_at_materials_own_contrast(page: Any, base_url: str) -> None:
    """The check itself can fail: Material's footer colour (4.47:1) comes back and axe reports it."""
    page.goto(base_url)
    page.add_style_tag(content=".md-footer-meta .md-copyright { color: var(--md-footer-fg-color--lighter); }")
    violations = axe(page, {"type": "rule", "values": ["color-contrast"]})
    assert [(v["id"], v["nodes"][0]["target"]) for v in violations] == [("color-contrast", [".md-copyright"])]


def open_search_results(page: Any, base_url: str) -> None:
    """Material's search dialog with results on show, as a visitor sees it after typing."""
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type("policy", delay=50)
    page.locator(".md-search-result__item mark").first.wait_for()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_in_search_results(browser: Any, base_url: str, scheme: str) -> None:
    """The dialog is closed while pages are checked; its results (count line, highlighted
    matches) get checked open, in both schemes."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    open_search_results(page, base_url)
    problems = summary(axe(page, {"type": "tag", "values": TAGS}))
    context.close()
    assert problems == []


def test_axe_would_catch_search_matches_in_materials_accent_colour(page: Any, base_url: str) -> None:
    """The check itself can fail: Material's highlight colour (4.25:1) comes back and axe reports it."""
    open_search_results(page, base_url)
    page.add_style_tag(content=".md-search-result mark { color: var(--md-accent-fg-color) !important; }")
    violations = axe(page, {"type": "rule", "values": ["color-contrast"]})
    assert [v["id"] for v in violations] == ["color-contrast"]
    assert all("mark" in str(node["target"]) for node in violations[0]["nodes"])
