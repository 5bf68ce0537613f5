"""A real browser on the built site: Debian's Chromium driven by Playwright.

The site (the sample plans plus a plan written by other hands) is built once and
served on a loopback port; one browser serves every test. Without Chromium these
tests are skipped, and `make test` says so in its summary with how to enable them.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

from tests.helpers import CHROMIUM, Site, build_site, make_project, serve_site
from tests.test_fixture_plans import SCHOOL_DISTRICT

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests skipped: Chromium not found at {CHROMIUM}; "
        "install it (apt-get install chromium) to run them",
        allow_module_level=True,
    )

AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(make_project(tmp_path_factory.mktemp("browser"), {"rio-grande.md": SCHOOL_DISTRICT}))


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
    """Every page of the built site, as URL paths."""
    pages = [p.relative_to(site.root).as_posix() for p in sorted(site.root.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages]
