"""Site search on the fragmented index (handbook/outputs/site_search.py, search-worker.js): Material's
search box, keyboard and results, answered by Pagefind, which loads only what a query needs;
phrases, words side by side, titles, and "Did you mean", as a reader meets them in the box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SCHEMES, TAGS, axe, summary
from tests.support.browser import insert_query
from tests.support.project import Site, build_site, make_project
from tests.support.web import serve_site

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
    # a matched place says its document (search/records.json): no record's fragment is read
    assert [url for url in loaded if url.startswith("pagefind/fragment/")] == []
    assert "search/records.json" in loaded
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
    assert "policy forum" in [
        mark.lower() for mark in item.locator("mark").all_inner_texts()
    ]  # side by side: one mark


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


def plan(title: str, *activities: str) -> str:
    listed = "\n".join(f"          - {activity}" for activity in activities)
    return f"""
    ---
    title: {title}
    level: district
    goals:
      - title: Work with families.
        strategies: [create awareness]
        audience: Families
        activities:
{listed}
    ---
    """


SEARCHED = {
    "riverside.md": plan(
        "Riverside District Partnership Plan", "Families keep reading logs at home each week."
    ),
    "oakdale.md": plan(
        "Oakdale District Partnership Plan",
        "Reading nights for families in the library.",
        "Teachers collect attendance logs.",
        "Make a lantern with students.",
    ),
    "lantern.md": plan("Lantern Festival Plan", "Invite families to the festival."),
    "maple.md": plan("Maple District Partnership Plan", "Hold a parent workshop on homework."),
}


@pytest.fixture(scope="module")
def searched_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site of four plans written for what these searches must tell apart."""
    site = build_site(make_project(tmp_path_factory.mktemp("searched"), SEARCHED, samples=False))
    with serve_site(site.root) as url:
        yield url


def shown(page: Any) -> list[str]:
    """The pages the results list, in order, by their file's name."""
    page.locator(".md-search-result__item").first.wait_for()
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "links => links.map(a => a.getAttribute('href'))"
    )
    return [href.split("/plans/")[1].split("/")[0] for href in hrefs if "/plans/" in href]


def test_a_quoted_phrase_finds_only_the_pages_that_say_it_marked_as_one(page: Any, searched_url: str) -> None:
    page.goto(searched_url)
    insert_query(page, '"reading logs"')
    assert shown(page) == ["riverside"]  # Oakdale says "Reading" and "logs", apart
    assert "reading logs" in [
        mark.lower() for mark in page.locator(".md-search-result mark").all_inner_texts()
    ]


def test_words_together_outrank_the_same_words_apart(page: Any, searched_url: str) -> None:
    page.goto(searched_url)
    insert_query(page, "reading logs")
    assert shown(page) == ["riverside", "oakdale"]


def test_a_word_in_a_title_outranks_the_word_in_a_pages_text(page: Any, searched_url: str) -> None:
    page.goto(searched_url)
    insert_query(page, "lantern")
    assert shown(page) == ["lantern", "oakdale"]


def test_a_misspelled_word_offers_the_right_one_and_one_click_searches_it(
    page: Any, searched_url: str
) -> None:
    page.goto(searched_url)
    insert_query(page, "parent wrokshop")
    offer = page.locator("#handbook-search-suggestion")
    offer.wait_for()
    assert offer.inner_text() == "Did you mean parent workshop?"
    offer.get_by_role("button", name="parent workshop").click()
    assert page.locator(".md-search__input").input_value() == "parent workshop"
    assert shown(page) == ["maple"]
    page.locator("#handbook-search-suggestion").wait_for(state="detached")  # nothing more to offer


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_did_you_mean_reads_in_both_schemes_and_to_a_screen_reader(
    browser: Any, searched_url: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(searched_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    insert_query(page, "wrokshop")
    page.locator("#handbook-search-suggestion").wait_for()
    page.wait_for_function(
        "document.getAnimations().every((a) => a.playState !== 'running')"
    )  # the dialog's fade
    assert summary(axe(page, {"type": "tag", "values": TAGS}, part=".md-search-result")) == []
    context.close()
