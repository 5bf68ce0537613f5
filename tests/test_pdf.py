"""PDF downloads: made by a build that asks for them, reprinted only when a plan changes,
and left out (with a one-line notice, and no links to them) where Chromium is missing or
the site is served for editing."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support.browser import CHROMIUM, needs_chromium
from tests.support.project import Site, build_site, make_project
from tests.support.web import fetch, free_port, wait_for

PLAN = """
    ---
    title: Lakeside District Leadership Plan
    level: district
    goals:
      - title: Welcome every family.
        strategies: [Create awareness]
        audience: Families
        activities:
          - Hold a welcome night at each school.
      - title: Train the teams.
        strategies: [Share knowledge]
        audience: Action Teams for Partnerships
        activities:
          - Run a workshop for every team.
    ---
"""


@contextmanager
def pdf_settings(chromium: Path = CHROMIUM) -> Iterator[None]:
    """What `make build` sets: PDFs on, printed by the given Chromium."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_PDFS", "true")
        env.setenv("HANDBOOK_CHROMIUM", str(chromium))
        yield


def notices(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("PDF downloads")]


def test_without_chromium_the_site_builds_without_pdfs_and_says_so_in_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "no-chromium-here"
    project = make_project(tmp_path / "project", {"lakeside.md": PLAN}, samples=False)
    with pdf_settings(missing), caplog.at_level(logging.INFO):
        site = build_site(project)
    assert notices(caplog) == [
        f"PDF downloads skipped: Chromium not found at {missing} (set HANDBOOK_CHROMIUM to its path to make them)"
    ]
    assert list(site.root.rglob("*.pdf")) == []
    assert site.content("plans/lakeside/").select("a[href$='.pdf']") == []


def test_a_build_that_does_not_ask_for_pdfs_makes_none_and_says_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project", {"lakeside.md": PLAN}, samples=False)
    with caplog.at_level(logging.INFO):
        site = build_site(project)
    assert notices(caplog) == []
    assert list(site.root.rglob("*.pdf")) == []


@needs_chromium
def test_pdfs_are_reprinted_only_for_plans_that_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hillside = PLAN.replace("Lakeside", "Hillside")
    project = make_project(
        tmp_path / "project", {"lakeside.md": PLAN, "hillside.md": hillside}, samples=False
    )

    def build() -> tuple[Site, str]:
        caplog.clear()
        with pdf_settings(), caplog.at_level(logging.INFO):
            site = build_site(project)
        (notice,) = notices(caplog)
        return site, notice

    site, notice = build()
    assert "2 plans (2 printed, 0 unchanged)" in notice
    assert build()[1].startswith("PDF downloads: 2 plans (0 printed, 2 unchanged)")
    plan = project / "plans" / "hillside.md"
    plan.write_text(plan.read_text().replace("Run a workshop", "Run two workshops"))
    site, notice = build()
    assert "2 plans (1 printed, 1 unchanged)" in notice
    text = PdfReader(site.path("plans/hillside/hillside.pdf")).pages[1].extract_text()
    assert "Run two workshops for every team." in text
    assert len(list((project / ".cache" / "pdfs").glob("*.pdf"))) == 2  # the old one is gone


def test_serving_never_prints_pdfs_even_when_asked(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds on every save: printing would hold up each reload."""
    project = make_project(tmp_path / "project", {"lakeside.md": PLAN}, samples=False)
    port = free_port()
    env = {**os.environ, "HANDBOOK_PDFS": "true", "HANDBOOK_CHROMIUM": str(CHROMIUM)}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base + "plans/lakeside/", "Welcome every family"), (
            tmp_path / "serve.log"
        ).read_text()
        assert ".pdf" not in (fetch(base + "plans/lakeside/") or "")
        assert fetch(base + "plans/lakeside/lakeside.pdf") is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    assert "PDF downloads" not in (tmp_path / "serve.log").read_text()


@needs_chromium
def test_a_plans_pdf_is_the_same_whatever_its_printer_printed_before(tmp_path: Path) -> None:
    """Printers reuse a loaded page for plan after plan, and Chromium numbers a tagged PDF's
    table cells after the page's DOM nodes; a PDF must not depend on which plans happened to
    be printed before it on the same printer (builds with different caches, other cores)."""
    from handbook import urls
    from handbook.outputs import pdf
    from handbook.pages import PageBuilder
    from handbook.plans.loading import load_library

    hillside = PLAN.replace("Lakeside", "Hillside")
    project = make_project(
        tmp_path / "project", {"lakeside.md": PLAN, "hillside.md": hillside}, samples=False
    )
    site = build_site(project)
    documents = PageBuilder(load_library(project / "plans")).documents()
    jobs = {job.title: job for job in pdf.jobs(documents, site.root, urls.Urls())}
    hill, lake = jobs["Hillside District Leadership Plan"], jobs["Lakeside District Leadership Plan"]
    pdf.make_pdfs([hill], CHROMIUM, tmp_path / "alone")
    alone = hill.output.read_bytes()
    pdf.make_pdfs([lake, hill], CHROMIUM, tmp_path / "after", at_once=1)
    assert hill.output.read_bytes() == alone
