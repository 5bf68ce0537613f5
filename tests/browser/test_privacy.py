"""Browsing the site contacts no host but the site's own: no web fonts, CDNs, APIs or trackers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import Outside, Tour
from tests.support.pages import site_pages
from tests.support.project import Site

# What a browser fetches by itself, unlike <a href> or <link rel="canonical">, which wait for a person.
FETCHED_BY = {"src", "srcset", "poster", "data"}
FETCHING_LINKS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
}
CSS_URL = re.compile(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)")


def fetched_addresses(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    addresses = [
        str(value).split()[0]
        for tag in soup.find_all(True)
        for name, value in tag.attrs.items()
        if name in FETCHED_BY and value
    ]
    addresses += [
        str(link["href"])
        for link in soup.find_all("link", href=True)
        if FETCHING_LINKS & set(link.get("rel", []))
    ]
    return addresses + CSS_URL.findall(html)


@pytest.fixture
def outside(browser: Any, base_url: str) -> Iterator[tuple[Any, Outside]]:
    context = browser.new_context()
    yield context.new_page(), Outside(context, base_url)
    context.close()


def test_no_request_leaves_the_sites_host(
    dark_tour: Tour, outside: tuple[Any, Outside], base_url: str
) -> None:
    """One page of each kind, waited on until the network is idle (the tour the dark-scheme
    accessibility check takes): what scripts ask for at run time comes with a kind's
    templates; what any page's HTML names is checked on every page (below). Then a search,
    which loads its index and worker on first use."""
    assert dark_tour.outside.own > 100  # the check saw the site's own traffic
    assert dark_tour.outside.requested == []
    page, requests = outside
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type("policy", delay=50)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    assert requests.own > 10
    assert requests.requested == []


def test_no_page_or_stylesheet_names_a_resource_on_another_host(browser_site: Site) -> None:
    """What a walk might not trigger (a lazy image below the fold, a preconnect, a font in a
    media query) is written in the HTML and CSS: every address there is relative to the site."""
    found = {
        (url, address)
        for url in site_pages(browser_site)
        for address in fetched_addresses(browser_site.html(url))
        if urlsplit(address).netloc
    }
    for sheet in browser_site.root.rglob("*.css"):
        found |= {(sheet.name, address) for address in CSS_URL.findall(sheet.read_text("utf-8"))}
    assert found == set()


def test_the_check_sees_a_request_to_another_host(outside: tuple[Any, Outside], base_url: str) -> None:
    """The check itself can fail: a web font from another host is seen, and refused."""
    page, requests = outside
    page.goto(base_url)
    with page.expect_event("requestfailed"):
        page.evaluate(
            "() => { const l = document.createElement('link'); l.rel = 'stylesheet';"
            " l.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.appendChild(l); }"
        )
    assert requests.requested == ["https://fonts.googleapis.com/css?family=Roboto"]
