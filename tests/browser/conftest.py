"""A real browser on the built site: Debian's Chromium driven by Playwright.

The site (the sample plans, a plan written by other hands and a plan of unbroken long
words) is built once and served on a loopback port; every test shares the session's one
Chromium (`browser` in tests/conftest.py). Without Chromium that fixture skips each
browser test with the reason and the fix, which `-ra` prints in `make test`'s summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

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


def site_pages(site: Site) -> list[str]:
    """Every page of the built site (each index.html, and 404.html), as URL paths."""
    pages = [p.relative_to(site.root).as_posix() for p in sorted(site.root.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages]


def page_kind(url: str) -> str:
    """What kind of page a URL path is, whatever plan, strategy or number it names:
    `plans/x/goal-2/` -> `plans/*/goal-#`, `strategies/x/page-2/` -> `strategies/*/page-#`."""
    head, *rest = url.strip("/").split("/")
    shape = [
        re.sub(r"\d+", "#", part) if re.fullmatch(r"(?:goal|page)-\d+|print|blank", part) else "*"
        for part in rest
    ]
    return "/".join([head, *shape])


LEVELS_AND_EDGES = (
    "plans/sample-school-plan/", "plans/sample-school-plan/goal-1/", "plans/unbroken/",
    "plans/unbroken/goal-1/",
)  # fmt: skip
"""Pages of one kind that still differ in what matters to a check: school plans and their
goal sheets are drawn from other templates, and the unbroken plan has words that never wrap."""


def one_page_of_each_kind(site: Site) -> list[str]:
    """The first page of every kind on the site, and the pages of `LEVELS_AND_EDGES`: what
    a check needs to see when pages of one kind are made by the same templates and scripts."""
    first: dict[str, str] = {}
    for url in site_pages(site):
        first.setdefault(page_kind(url), url)
    return sorted({*first.values(), *LEVELS_AND_EDGES})


def settle(page: Any) -> None:
    """Wait for what a page draws after loading: the catalogue fills its table from JSON."""
    if page.locator("#catalogue-count").count():
        page.wait_for_function("document.getElementById('catalogue-count').textContent.includes('activit')")
