"""The PDF downloads, printed from the built goal pages by Chromium (`handbook.outputs.pdf`)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from handbook.outputs import pdf
from handbook.pages import PageBuilder
from handbook.urls import Urls
from mkdocs_handbook.plans import project_dir

log = logging.getLogger("mkdocs.plugins.handbook")


def printer(pdfs: bool, chromium: str, serving: bool) -> Path | None:
    """The Chromium that prints this build's PDF downloads, or None for a build without them.

    PDFs are made when asked for (`pdfs`, which `make build` turns on), never under `serve`
    (printing would hold up every reload), and only where Chromium can run: elsewhere the
    site builds without them (and without links to them), saying so in one line.
    """
    if not pdfs or serving:
        return None
    found = Path(chromium or pdf.CHROMIUM)
    problem = pdf.unavailable(found)
    if problem:
        log.info(f"PDF downloads skipped: {problem} (set HANDBOOK_CHROMIUM to its path to make them)")
        return None
    return found


def print_pdfs(builder: PageBuilder, chromium: Path, config: MkDocsConfig, at_once: int) -> None:
    jobs = pdf.jobs(builder.documents(), Path(config.site_dir), Urls(config.use_directory_urls))
    report = pdf.make_pdfs(jobs, chromium, project_dir(config) / ".cache" / "pdfs", at_once)
    log.info(report.summary())
