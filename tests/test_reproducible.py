"""Two clean builds of the same plans give byte-identical sites, PDF downloads included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM
from tests.support.project import make_project, snapshot


def build(project: Path, epoch: str) -> dict[str, bytes]:
    # As `make build` builds: with each plan's PDF (printed where Chromium is installed).
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "HANDBOOK_PDFS": "true",
        "HANDBOOK_CHROMIUM": str(CHROMIUM),
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        env=env,
        check=True,
        timeout=300,
    )
    return snapshot(project / "site")


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One build, read by both tests (a build with PDFs takes seconds)."""
    return build(make_project(tmp_path_factory.mktemp("one")), "1700000000")


def test_two_builds_in_different_folders_are_byte_identical(first: dict[str, bytes], tmp_path: Path) -> None:
    second = build(make_project(tmp_path / "two"), "1700000000")
    assert len(first) > 50 and "sitemap.xml.gz" in first and "search/search_index.json" in first
    if CHROMIUM.exists():
        assert "plans/sample-state-plan/sample-state-plan.pdf" in first
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_source_date_is_the_one_date_in_the_output(first: dict[str, bytes]) -> None:
    gzip_mtime = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")  # RFC 1952 header
    assert gzip_mtime == 1700000000 - 1700000000 % 86400  # MkDocs keeps the day (UTC midnight)
