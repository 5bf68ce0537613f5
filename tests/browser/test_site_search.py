"""Site search on the fragmented index (handbook/outputs/site_search.py, search-worker.js): Material's
search box, keyboard and results, answered by Pagefind, which loads only what a query needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.browser import insert_query
from tests.support.project import Site

POLICY_FORUM = "Conduct a policy forum on partnerships with statewide representation."


def search(page: Any, words: str) -> None:
    """Search by the keyboard ("/" opens Material's box) for these words, put in at once: typed
    key by key, a busy machine shows the results of "policy" before those of "policy forum"."""
    insert_query(page, words)
    page.locator(".md-search-result__item").first.wait_for()


def test_a_search_loads_fragments_of_the_index_not_the_whole_index(
    page: Any, base_url: str, browser_site: Site
) -> None:
    loaded: list[str] = []
    page.on(
        "requestfinished", lambda request: loaded.append(request.url.removeprefix(base_url).split("?")[0])
    )
    page.goto(base_url + "plans/")
    insert_query(page, "Northwesternmostcountyunifiedschooldistrictwide")  # one plan's word, whole
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert (browser_site.root / "search/search_index.json").stat().st_size < 1024  # configuration only
    fragments = [url for url in loaded if url.startswith("pagefind/fragment/")]
    assert len(fragments) == 1  # the record of ten documents that holds the word
    documents = [url for url in loaded if url.startswith("search/documents/")]
    assert len(documents) == 1  # the one page that holds the word
    assert len(list((browser_site.root / "search" / "documents").iterdir())) > 5


def test_a_result_names_the_plan_the_goal_and_the_matching_words(page: Any, base_url: str) -> None:
    page.goto(base_url)
    search(page, "policy forum")
    item = page.locator(".md-search-result__item", has_text=POLICY_FORUM).first
    assert item.locator("h1").inner_text() == (
        "Sample State Leadership Plan for School, Family, and Community Partnerships"
    )
    assert item.locator("h2").first.inner_text() == f"Goal 1, activity 3: {POLICY_FORUM}"
    assert {mark.lower() for mark in item.locator("mark").all_inner_texts()} >= {"policy", "forum"}


def test_the_keyboard_alone_finds_an_activity_and_opens_it(page: Any, base_url: str) -> None:
    page.goto(base_url + "catalogue/")
    search(page, "policy forum")
    for _ in range(5):  # Material moves through the results with the arrow keys: the plan, then its activity
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith("#goal-1-activity-3"):
            break
    else:
        raise AssertionError("the activity was not among the first results")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans/sample-state-plan/?h=*#goal-1-activity-3")
    assert page.locator(":target").inner_text() == POLICY_FORUM


def test_the_pagefind_interfaces_the_site_does_not_use_are_not_published(browser_site: Site) -> None:
    published = {path.name for path in (browser_site.root / "pagefind").iterdir()}
    assert "pagefind.js" in published and "pagefind-entry.json" in published
    assert not any("-ui." in name for name in published)
    assert Path(browser_site.root / "javascripts" / "search-worker.js").is_file()
