"""A real browser on the built site: Debian's Chromium driven by Playwright.

The site (the sample plans, a plan written by other hands and a plan of unbroken long
words) is built once and served on a loopback port; every test shares the session's one
Chromium (`browser` in tests/conftest.py). Without Chromium that fixture skips each
browser test with the reason and the fix, which `-ra` prints in `make test`'s summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.pages import one_page_of_each_kind, site_pages
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import Site, build_site, make_project
from tests.support.web import serve_site

# axe-core as shipped inside the pinned PyPI package axe-playwright-python (see README).
AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")

# A valid plan whose words and addresses never break: no page may scroll sideways for it.
UNBROKEN = """
    ---
    title: Northwesternmostcountyunifiedschooldistrictwide Leadership Plan for Partnerships
    level: district
    organization: Northwesternmostcountyunifiedschooldistrictofficeoffamilyengagement
    goals:
      - title: Share https://example.org/partnerships/resources/for/families/and/schools/every/year/index.html
        strategies: [share knowledge]
        audience: Familiesschoolsandcommunitypartnerstogetherinoneverylongword
        activities:
          - text: Publish https://example.org/newsletters/family-school-community-partnerships/2026/issue-1.html
            dates: Firstmondayofeverymonththroughouttheschoolyear
            responsible: Communicationsofficewiththecoordinatorforpartnerships
    ---
    Read more at https://example.org/partnerships/handbook/introduction/for/new/district/leaders.html.
"""


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    plans = {"rio-grande.md": SCHOOL_DISTRICT, "unbroken.md": UNBROKEN}
    return build_site(make_project(tmp_path_factory.mktemp("browser"), plans))


@pytest.fixture(scope="session")
def base_url(browser_site: Site) -> Iterator[str]:
    with serve_site(browser_site.root) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def settle(page: Any) -> None:
    """Wait for what a page draws after loading: the catalogue fills its table from JSON."""
    if page.locator("#catalogue-count").count():
        page.wait_for_function("document.getElementById('catalogue-count').textContent.includes('activit')")


# What axe checks: WCAG 2.1 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What a visitor's browser asks for, and the Material scheme (mkdocs.yml palette) it must get.
SCHEMES = {"light": "default", "dark": "slate"}


def axe(
    page: Any, run_only: dict[str, Any], part: str = "", skip: list[str] | None = None
) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (or on the part a selector names), from
    the copy in the pinned package, but for the rules in `skip`. Only violations are asked
    for: axe then skips gathering what passed, half its time."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    options: dict[str, Any] = {"runOnly": run_only, "resultTypes": ["violations"]}
    if skip:
        options["rules"] = {rule: {"enabled": False} for rule in skip}
    result: dict[str, Any] = page.evaluate(
        "([part, options]) => axe.run(part ? document.querySelector(part) : document, options)",
        [part, options],
    )
    return list(result["violations"])


def summary(violations: list[dict[str, Any]]) -> list[str]:
    """A violation per line, with the first elements it names: enough to find it."""
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


class Outside:
    """Every request from a browser context to a host other than the site's, recorded and
    refused: the test sees it, and the third party never does."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.requested: list[str] = []
        self.own = 0
        self._open = 0
        self._last = time.monotonic()
        context.route("**/*", self._route)
        context.on("request", lambda request: self._moved(1))
        context.on("requestfinished", lambda request: self._moved(-1))
        context.on("requestfailed", lambda request: self._moved(-1))

    def _moved(self, change: int) -> None:
        self._open += change
        self._last = time.monotonic()

    def wait_for_quiet(self, page: Any, quiet: float = 0.3) -> None:
        """Wait until no request has been open for `quiet` seconds: what scripts ask for after a
        page has loaded is asked by then. (Playwright's `networkidle` waits a fixed 500 ms;
        a page's own scripts here ask within milliseconds of loading, or on a visitor's act.)"""
        while self._open > 0 or time.monotonic() - self._last < quiet:
            page.wait_for_timeout(50)

    def _route(self, route: Any) -> None:
        if urlsplit(route.request.url).netloc == self.host:
            self.own += 1
            route.continue_()
        else:
            self.requested.append(route.request.url)
            route.abort()


PHONE = {"width": 375, "height": 740}
"""A phone's screen, as the tests hold pages to it."""


@dataclass
class Tour:
    """What one visit of some pages saw: axe's problems by page, the colour scheme each page
    had, every request to another host, and the pages wider than the screen."""

    pages: list[str]
    outside: Outside
    problems: dict[str, list[str]] = field(default_factory=dict)
    schemes: set[str] = field(default_factory=set)
    wide: list[tuple[str, int]] = field(default_factory=list)


def take_tour(
    context: Any, base_url: str, pages: list[str], width: int, quiet: bool, contrast: set[str] | None = None
) -> Tour:
    """Visit each page: axe's problems, its scheme, whether it scrolls sideways, and (`quiet`)
    a wait until the network is quiet, so that what scripts ask for after loading is seen.
    `contrast`: the pages axe measures colour contrast on (all if None), its slowest rule."""
    context.add_init_script(AXE)
    page = context.new_page()
    tour = Tour(pages, Outside(context, base_url))
    for url in tour.pages:
        page.goto(base_url + url)
        settle(page)
        tour.schemes.add(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))
        skip = [] if contrast is None or url in contrast else ["color-contrast"]
        if problems := summary(axe(page, {"type": "tag", "values": TAGS}, skip=skip)):
            tour.problems[url] = problems
        if (scrolled := page.evaluate("document.documentElement.scrollWidth")) > width:
            tour.wide.append((url, scrolled))
        if quiet:
            tour.outside.wait_for_quiet(page)  # requests made after the page has loaded, too
    context.close()
    return tour


@pytest.fixture(scope="session")
def phone_tour(browser: Any, browser_site: Site, base_url: str) -> Tour:
    """Every page of the site on a phone in the light scheme, each checked by axe and for
    scrolling sideways. (The dark tour sees a page of each kind on a laptop's screen, so both
    layouts and both schemes are checked; one visit of every page costs a page load, and two
    would cost twice that.) Colour contrast, a quarter of axe's time, is measured on a page
    of each kind: pages of one kind share their templates and stylesheets, so their colours."""
    context = browser.new_context(color_scheme="light", viewport=PHONE)
    kinds = set(one_page_of_each_kind(browser_site))
    return take_tour(context, base_url, site_pages(browser_site), PHONE["width"], quiet=False, contrast=kinds)


@pytest.fixture(scope="session")
def dark_tour(browser: Any, browser_site: Site, base_url: str) -> Tour:
    """One page of each kind in the dark scheme, each checked by axe and waited on until the
    network is quiet (what scripts ask for after loading, too). The accessibility and the
    privacy checks read the same visit: a visit costs a page load and half a second of quiet
    network, so two tours of the same pages would cost twice that."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 800})
    return take_tour(context, base_url, one_page_of_each_kind(browser_site), 1280, quiet=True)
