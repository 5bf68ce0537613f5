"""Public URLs of handbook pages and the relative links between them."""

from __future__ import annotations

import posixpath

import pytest

from handbook import urls
from handbook.urls import Urls


@pytest.mark.parametrize(
    ("src_uri", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        (urls.PLANS_INDEX, "plans/", "plans/index.html"),
        (urls.plan_uri("x"), "plans/x/", "plans/x/index.html"),
        (urls.goal_uri("x", 2), "plans/x/goal-2/", "plans/x/goal-2.html"),
        (
            urls.strategy_uri("share-knowledge"),
            "strategies/share-knowledge/",
            "strategies/share-knowledge.html",
        ),
    ],
)
def test_pages_are_served_at_their_public_urls(src_uri: str, directory: str, flat: str) -> None:
    assert Urls(directory_urls=True).url(src_uri) == directory
    assert Urls(directory_urls=False).url(src_uri) == flat


@pytest.mark.parametrize(
    ("here", "there", "anchor", "directory", "flat"),
    [
        ("index.md", urls.plan_uri("x"), None, "plans/x/", "plans/x/index.html"),
        (urls.plan_uri("x"), "index.md", None, "../../", "../../index.html"),
        (urls.goal_uri("x", 1), urls.plan_uri("x"), "goal-1", "../#goal-1", "index.html#goal-1"),
        (
            urls.goal_uri("x", 1),
            urls.strategy_uri("s"),
            None,
            "../../../strategies/s/",
            "../../strategies/s.html",
        ),
        (urls.plan_uri("x"), urls.goal_uri("x", 3), None, "goal-3/", "goal-3.html"),
        (
            urls.plan_uri("x"),
            urls.plan_uri("x"),
            "goal-2-activity-1",
            "#goal-2-activity-1",
            "#goal-2-activity-1",
        ),
    ],
)
def test_links_are_relative_to_the_page_they_stand_on(
    here: str, there: str, anchor: str | None, directory: str, flat: str
) -> None:
    assert Urls(directory_urls=True).link(here, there, anchor) == directory
    assert Urls(directory_urls=False).link(here, there, anchor) == flat


PAGES = [
    "index.md", urls.PLANS_INDEX, urls.plan_uri("x"), urls.goal_uri("x", 1), urls.goal_uri("y", 2),
    urls.strategy_uri("s"), urls.listing_page(urls.strategy_uri("s"), 2), urls.CATALOGUE, urls.CATALOGUE_CSV, urls.plan_csv("x"),
    urls.TEMPLATE_GUIDE, urls.CATALOGUE_SCRIPT,
]  # fmt: skip


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_is_what_posixpath_relpath_gives(directory_urls: bool) -> None:
    site = Urls(directory_urls=directory_urls)
    for here in PAGES:
        for there in PAGES:
            if here == there:
                continue
            base = site.url(here) if site.url(here).endswith("/") else posixpath.dirname(site.url(here))
            expected = posixpath.relpath(site.url(there) or ".", base.rstrip("/") or ".")
            if site.url(there).endswith("/") or site.url(there) == "":
                expected = "./" if expected == "." else expected + "/"
            assert site.link(here, there) == expected, (here, there)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (urls.strategy_uri("share-knowledge"), "strategies/share-knowledge/page-2.md"),
        (urls.type_uri("parenting"), "types/parenting/page-2.md"),
        (urls.audience_uri("families"), "audiences/families/page-2.md"),
        (urls.COVERAGE, "coverage/page-2.md"),
    ],
)
def test_every_long_listing_continues_under_its_first_pages_url(first: str, second: str) -> None:
    assert urls.listing_page(first, 1) == first
    assert urls.listing_page(first, 2) == second
    served = Urls(directory_urls=True)
    assert served.url(second).startswith(served.url(first))
