"""Page builders without an engine: pagination of long listings."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.pages import PageBuilder, PageContent, Search, paginate
from handbook.pages.listing import plans_held
from handbook.pages.listings import StrategyPages
from handbook.plans.loading import load_library
from tests.support.project import ROOT


def test_paginate_keeps_items_whole_and_pages_within_size() -> None:
    assert paginate([3, 3, 3, 1], lambda n: n, 6) == [[3, 3], [3, 1]]
    assert paginate([9, 1], lambda n: n, 6) == [[9], [1]]  # an item larger than a page gets its own
    assert paginate([], lambda n: n, 6) == [[]]  # an empty listing still has its page


@pytest.fixture(scope="module")
def builder() -> PageBuilder:
    """Listing pages of 1,500 bytes: the state plan's first goal (five activities) fills one."""
    return PageBuilder(load_library(ROOT / "plans"), page_budget=1500)


def strategy_listing(builder: PageBuilder, slug: str) -> list[PageContent]:
    return builder.family(StrategyPages).listing(builder.library.strategies.by_slug(slug))


def test_a_long_strategy_listing_continues_on_numbered_pages(builder: PageBuilder) -> None:
    pages = strategy_listing(builder, "create-awareness")
    assert [p.src_uri for p in pages] == [
        "strategies/create-awareness.md",
        "strategies/create-awareness/page-2.md",
    ]
    links: list[str] = []
    for page in pages:
        soup = BeautifulSoup(page.html, "html.parser")
        links += [a["href"].split("#")[1] for a in soup.select("ol.handbook-activity-links a")]
        listed = soup.select("nav.handbook-pagination a")
        assert len(listed) == 2 * 2  # the page list stands above and below the listing
        assert [a["href"] for a in soup.select('nav.handbook-pagination a[aria-current="page"]')] == [
            "./"
        ] * 2
    # state goal 1 (5 activities), then district goal 1 (4): every activity once, in order
    assert links == [f"goal-1-activity-{n}" for n in [1, 2, 3, 4, 5, 1, 2, 3, 4]]
    assert pages[1].title == "Create awareness (page 2)"
    assert all(page.search is Search.NONE for page in pages)


def test_a_short_listing_has_one_page_and_no_page_list(tmp_path: Path) -> None:
    builder = PageBuilder(load_library(ROOT / "plans"))
    (page,) = strategy_listing(builder, "share-knowledge")
    assert "handbook-pagination" not in page.html


def test_further_pages_are_named_by_level_and_letter_not_by_plan_titles(builder: PageBuilder) -> None:
    """At a thousand plans a range of titles says nothing; "District plans M to Z" does."""
    pages = strategy_listing(builder, "create-awareness")
    soup = BeautifulSoup(pages[0].html, "html.parser")
    labels = [" ".join(li.get_text(" ").split()) for li in soup.select("nav.handbook-pagination li")][:2]
    assert labels == ["Page 1 : State plans S", "Page 2 : District plans S"]


def test_a_page_label_gives_each_level_its_letters() -> None:
    library = load_library(ROOT / "plans")
    plans = [plan.model_copy(update={"title": title}) for plan, title in zip(
        library.plans, ["Adams state plan", "Zion district plan", "Maple school plan", "Elm school plan"], strict=True
    )]  # fmt: skip
    assert plans_held(plans) == "State plans A, district plans Z, school plans M\N{EN DASH}E"
    assert plans_held([plans[1], plans[1].model_copy(update={"title": "Baker district plan"})]) == (
        "District plans Z\N{EN DASH}B"
    )
