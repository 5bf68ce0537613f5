"""Browsing the site contacts no host but the site's own: no web fonts, CDNs or APIs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from tests.browser.conftest import site_pages
from tests.helpers import Site


def test_no_request_leaves_the_sites_host(page: Any, browser_site: Site, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for url in site_pages(browser_site):
        page.goto(base_url + url)
        page.wait_for_load_state("networkidle")
    page.goto(base_url)
    page.click("input.md-search__input")  # Material's search loads its index and worker on first use
    page.keyboard.type("policy", delay=50)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    own = urlsplit(base_url).netloc
    others = sorted(
        {u for u in requested if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own}
    )
    assert len(requested) > 100
    assert others == []


def test_the_check_sees_a_request_to_another_host(page: Any, base_url: str) -> None:
    """The check itself can fail: a font from another host is seen as requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url)
    page.evaluate(
        "() => { const l = document.createElement('link'); l.rel = 'stylesheet';"
        " l.href = 'http://fonts.invalid/css?family=Roboto'; document.head.appendChild(l); }"
    )
    page.wait_for_timeout(300)
    assert any(urlsplit(u).netloc == "fonts.invalid" for u in requested)
