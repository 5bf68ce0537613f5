from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook import offline
from tests.support.browser import CHROMIUM, launch_chromium
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import ROOT, Site, build_site, make_project


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
    """`make offline` on the samples and a plan by other hands: the zip, and the folder it
    unzips to (the copy's home page is `<folder>/index.html`)."""
    folder = tmp_path_factory.mktemp("offline")
    project = make_project(folder / "project", {"rio-grande.md": SCHOOL_DISTRICT})
    archive = folder / "dist" / "handbook-offline.zip"
    subprocess.run(
        ["make", "-s", "-C", str(ROOT), "offline", f"CONFIG={project / 'mkdocs.yml'}",
         f"OFFLINE_ZIP={archive}", f"OFFLINE_SITE={folder / 'building'}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / "unzipped")
    return archive, folder / "unzipped" / offline.FOLDER
