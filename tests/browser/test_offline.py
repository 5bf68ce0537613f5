"""The unzipped offline copy, opened as a file in Chromium, with no web server and no network:
a person goes from the home page to a plan and its goal page, searches, and filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

POLICY_FORUM = "Conduct a policy forum on partnerships with statewide representation."


@pytest.fixture
def offline_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page, and every address it requests."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page, requested
    context.close()


def follow(page: Any, text: str) -> None:
    """Click the first link in the page's text (not the navigation) that says `text`."""
    page.locator("article a", has_text=text).first.click()
    page.wait_for_load_state("load")


def test_home_to_a_plan_and_its_goal_page_and_search_without_a_network(
    offline_page: tuple[Any, list[str]], offline_copy: tuple[Path, Path]
) -> None:
    page, requested = offline_page
    _, root = offline_copy
    page.goto((root / "index.html").as_uri())
    follow(page, "All plans")
    follow(page, "Sample State Leadership Plan")
    assert page.url == (root / "plans/sample-state-plan/index.html").as_uri()
    follow(page, "Goal 2 on the")
    assert page.url == (root / "plans/sample-state-plan/goal-2.html").as_uri()
    assert "Leadership Plan for Partnerships: Goal 2" in page.inner_text("h1")

    page.goto((root / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("policy forum", delay=80)
    result = page.locator(".md-search-result__item a", has_text=POLICY_FORUM)
    result.wait_for(timeout=15_000)  # the search worker runs (in an iframe) from file://
    result.click()
    page.wait_for_url("**/plans/sample-state-plan/index.html?h=*#goal-1-activity-3")
    assert page.locator(":target").inner_text() == POLICY_FORUM

    assert len(requested) > 20
    assert [url for url in requested if not url.startswith(("file:", "data:", "blob:", "about:"))] == []


def test_the_catalogue_filters_from_a_file(
    offline_page: tuple[Any, list[str]], offline_copy: tuple[Path, Path]
) -> None:
    page, _ = offline_page
    _, root = offline_copy
    page.goto((root / "catalogue/index.html").as_uri() + "?level=state")
    page.wait_for_function("document.getElementById('catalogue-count').textContent.includes('match')")
    rows = page.locator("#catalogue-table tbody tr:visible")
    assert rows.count() == 14  # the state sample's fourteen activities
    assert all("Sample State" in text for text in rows.all_inner_texts())


def test_the_plan_form_fills_checks_and_downloads_from_a_file(
    offline_page: tuple[Any, list[str]], offline_copy: tuple[Path, Path]
) -> None:
    """From file:// the form still fills from a plan's data, checks and downloads (opening the
    pull request needs the network, and says where it leads)."""
    page, requested = offline_page
    _, root = offline_copy
    page.goto((root / "contribute.html").as_uri() + "?plan=sample-school-plan")
    page.wait_for_function("() => (document.getElementById('f-title') || {}).value")
    page.fill("#f-title", "A school's plan, changed offline")
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.getElementById('plan-file').value.includes('changed offline')")
    with page.expect_download() as download:
        page.click("#plan-download")
    assert download.value.suggested_filename == "sample-school-plan.md"
    assert "title: A school's plan, changed offline" in Path(download.value.path()).read_text("utf-8")
    assert [url for url in requested if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
