"""Browsing the site contacts no host but the site's own: no web fonts, CDNs, APIs or trackers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import one_page_of_each_kind, settle, site_pages
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


class Outside:
    """Every request from a browser context to a host other than the site's, recorded and
    refused: the test sees it, and the third party never does."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.requested: list[str] = []
        self.own = 0
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if urlsplit(route.request.url).netloc == self.host:
            self.own += 1
            route.continue_()
        else:
            self.requested.append(route.request.url)
            route.abort()


@pytest.fixture
def outside(browser: Any, base_url: str) -> Iterator[tuple[Any, Outside]]:
    context = browser.new_context()
    yield context.new_page(), Outside(context, base_url)
    context.close()


def test_no_request_leaves_the_sites_host(
    outside: tuple[Any, Outside], browser_site: Site, base_url: str
) -> None:
    """One page of each kind, waited on until the network is idle: what scripts ask for at run
    time comes with a kind's templates; what any page's HTML names is checked on every page
    (below)."""
    page, requests = outside
    for url in one_page_of_each_kind(browser_site):
        page.goto(base_url + url)
        settle(page)
        page.wait_for_load_state("networkidle")  # requests made after the page has loaded, too
    page.goto(base_url)
    page.click("input.md-search__input")  # Material's search loads its index and worker on first use
    page.keyboard.type("policy", delay=50)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    assert requests.own > 100  # the check saw the site's own traffic
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
