from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CHROMIUM, Site, build_site, launch_chromium, make_project


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
