"""Shared fixtures, and the tier each test belongs to.

Tiers (`pytest -m <tier>`; `make test-fast` runs all but browser, serve and scale):
- `unit`: plain Python, no site built;
- `site`: builds sites in temporary folders (or runs make, mkdocs, git) and reads them back;
- `serve`: runs `mkdocs serve` or `make serve` and waits for it;
- `browser`: drives Chromium (every test under `tests/browser/`, and any test that asks for
  the `browser` fixture);
- `scale`: builds a thousand plans or more.
A test is put in its tier here, from where it is and what it uses, so a new test needs no
marker of its own.
"""

from __future__ import annotations

import functools
import inspect
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook.outputs import offline, site_search
from tests.support.browser import CHROMIUM, launch_chromium
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import ROOT, Site, build_site, make_project

# A test project that copies the handbook's code (`copy_code=True`) has no node_modules beside
# it: its builds index with this checkout's pinned Pagefind.
os.environ.setdefault(site_search.PAGEFIND, str(ROOT / "node_modules" / ".bin" / "pagefind"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real plans built once for every test that only reads the result."""
    return build_site(make_project(tmp_path_factory.mktemp("samples")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project with the sample plans, for tests that add or change plans."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole run: Playwright's sync API allows one instance per thread,
    so every browser test shares this one."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`make offline` on the samples (plans and resources) and a plan by other hands: the zip,
    and the folder it unzips to (the copy's home page is `<folder>/index.html`)."""
    folder = tmp_path_factory.mktemp("offline")
    project = make_project(folder / "project", {"rio-grande.md": SCHOOL_DISTRICT}, resources=True)
    archive = folder / "dist" / "handbook-offline.zip"
    subprocess.run(
        ["make", "-s", "-C", str(ROOT), "offline", f"CONFIG={project / 'mkdocs.yml'}",
         f"OFFLINE_ZIP={archive}", f"OFFLINE_SITE={folder / 'building'}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / "unzipped")
    return archive, folder / "unzipped" / offline.FOLDER


SITE_WORDS = ("build_site(", "make_project(", "sample_site", '"mkdocs"', '"make"', '"git"', 'ROOT / ".venv')
"""What a module uses when its tests build sites or run commands."""


def _tier(item: pytest.Item) -> str:
    path = Path(str(item.fspath))
    fixtures = set(getattr(item, "fixturenames", ()))
    source = inspect.getsource(item.function) if isinstance(item, pytest.Function) else ""
    if "scale" in path.stem:
        return "scale"
    if "browser" in path.parts or "browser" in fixtures:
        return "browser"
    if path.stem == "test_serve" or "serving(" in source:
        return "serve"
    builds = isinstance(item, pytest.Function) and item.module is not None and _builds(item.module)
    return "site" if builds else "unit"


@functools.cache
def _builds(module: Any) -> bool:
    """Whether a test module builds sites or runs commands (read once per module, not per test)."""
    source = inspect.getsource(module)
    return any(word in source for word in SITE_WORDS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(_tier(item))
