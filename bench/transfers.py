"""What a visitor's browser downloads, measured in Chromium: a first search and a first
filtered catalogue view (issue 15).

A reader arrives on a page of the site (its theme's styles and scripts then sit in the
browser's cache), then either searches or opens the catalogue filtered by an address. What
that costs is every response the browser receives for it that the first page did not
already bring, counted as a static host sends it: compressed where compressing helps
(HTML, scripts, JSON), as it is where it does not (Pagefind's files come compressed).
The time is from the first key (or the navigation) to the first results on screen.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.browser import launch_chromium
from tests.support.web import serve_site

SEARCH_WORDS = "families night"
"""Two words most plans hold, so the first search has many results to show."""

SEARCH_PHRASE = '"reading workshop"'
"""A phrase in quotation marks: its words side by side, in that order."""

CATALOGUE_VIEW = "catalogue/?strategy=share-knowledge&level=district"
"""A filtered view a reader may be sent to from a strategy page."""


@dataclass(frozen=True)
class Transfer:
    bytes: int
    seconds: float
    requests: int
    files: tuple[tuple[str, int], ...] = ()
    """Each file received and what it cost, the largest first."""

    def largest(self, count: int = 6) -> str:
        return ", ".join(
            f"{url.rsplit('/', 2)[-2]}/{url.rsplit('/', 1)[-1]} {size / 1024:.0f} KB"
            for url, size in self.files[:count]
        )


def sent(body: bytes) -> int:
    """Bytes a host sends for a file: compressed where that makes it smaller."""
    return min(len(body), len(gzip.compress(body, 6)))


class _Recorder:
    """Responses of a page from the moment `start` is called, without those the page had
    already loaded (the browser's cache holds them)."""

    def __init__(self, page: Any) -> None:
        self.seen: set[str] = set()
        self.recording = False
        self.responses: list[Any] = []
        page.on("response", self._on_response)

    def _on_response(self, response: Any) -> None:
        url = response.url.split("#")[0]
        if self.recording and url not in self.seen:
            self.responses.append(response)
        self.seen.add(url)

    def start(self) -> None:
        self.recording = True

    def total(self) -> dict[str, int]:
        counted = {}
        for response in self.responses:
            try:
                counted[response.url] = sent(response.body())
            except Exception:  # a redirect or an aborted request: nothing arrived
                counted.setdefault(response.url, 0)
        return counted


def _first(page: Any, base: str, view: Callable[[Any], float | None]) -> Transfer:
    """What `view` receives and how long it takes (as `view` measures it in the page, or else
    as the test sees it), after a first page of the site (loaded twice, so that everything it
    brings is seen before counting starts)."""
    page.goto(base)
    page.wait_for_load_state("networkidle")
    recorder = _Recorder(page)
    page.reload()
    page.wait_for_load_state("networkidle")
    recorder.start()
    started = time.perf_counter()
    seconds = view(page)
    if seconds is None:
        seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    counted = recorder.total()
    files = tuple(sorted(counted.items(), key=lambda item: -item[1]))
    return Transfer(sum(counted.values()), seconds, len(counted), files)


_SHOWN = """() => {
  window.handbookBench = { started: performance.now(), shown: null };
  new MutationObserver((changes, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      window.handbookBench.shown = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, { childList: true, subtree: true });
}"""
"""Times the first result in the page: Playwright looks for an element at growing intervals
(up to 0.5 s apart), which would count its wait as the site's."""


def first_search(page: Any, base: str, words: str = SEARCH_WORDS) -> Transfer:
    def search(page: Any) -> float:
        page.evaluate(_SHOWN)
        page.keyboard.press("/")  # Material's key for the search box
        page.keyboard.type(words)
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        timed = page.evaluate("() => window.handbookBench")
        assert timed["shown"] is not None, "the page drew a result the observer did not see"
        return float(timed["shown"] - timed["started"]) / 1000

    return _first(page, base, search)


def first_catalogue_view(page: Any, base: str) -> Transfer:
    def view(page: Any) -> None:  # waits frame by frame: timed as the test sees it
        page.goto(base + CATALOGUE_VIEW)
        page.wait_for_function(
            "window.handbookCatalogueStatus && window.handbookCatalogueStatus.lastFilterMs >= 0",
            timeout=120_000,
        )

    return _first(page, base, view)


def first_phrase_search(page: Any, base: str) -> Transfer:
    return first_search(page, base, SEARCH_PHRASE)


@dataclass(frozen=True)
class Transfers:
    search: Transfer
    phrase: Transfer
    catalogue: Transfer


def measure(site: Path) -> Transfers:
    """A first search, a first quoted phrase and a first filtered catalogue view, each in a
    fresh browser."""
    from playwright.sync_api import sync_playwright

    with serve_site(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            results = []
            for view in (first_search, first_phrase_search, first_catalogue_view):
                context = browser.new_context()
                results.append(view(context.new_page(), base))
                context.close()
        finally:
            browser.close()
    return Transfers(*results)
