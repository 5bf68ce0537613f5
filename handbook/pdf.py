"""PDF downloads: each plan's goal template pages, printed by Chromium into one PDF per plan.

Plain Python (no MkDocs): the engine adapter hands over the built pages once the site is
written. Chromium prints each goal page exactly as a visitor's browser prints it, with the
same print stylesheet the browser tests check, so the PDF is the page on paper, one page per
goal, with real text (selectable and searchable). pypdf joins the pages and drops their
links, which point into the build machine's folders.

Why Chromium and not WeasyPrint: the goal pages are laid out for Chromium's print engine
already (the tests print them there), Debian packages it and Playwright drives it, both
needed for the browser tests anyway; WeasyPrint would be a second layout engine, with its
own idea of the same CSS, to keep fitting one page.

Printing is the slow part of a build (a fraction of a second a page: minutes for a state of
1,000 plans), so PDFs are cached by what they are made from: what each goal page prints (its
article, links aside, so that the online and the offline build share one cache) and the
stylesheets it loads. A build reprints only plans whose pages changed, and removes cached
PDFs that no plan uses any more.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import re
import shutil
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from handbook import urls
from handbook.atomic import written_whole
from handbook.library import Library

PAPER = "Letter"
"""The paper of the downloads: the handbook's own (US Letter). Each page fits A4 as well."""

SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""Print scales tried in turn should a page spill onto a second sheet after all (the page's
own type scale is estimated, see `printing`), so that the PDF keeps one page per goal."""

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, where a build looks for it unless told otherwise (`HANDBOOK_CHROMIUM`)."""

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless Chromium for a build: no sandbox (builds run as root in containers) and none of
the background traffic a closed network refuses."""

VERSION = "1"
"""Part of every cache key: change it when the way PDFs are made changes."""

_LINK = re.compile(rb'\s(?:href|src)="[^"]*"')
_STYLESHEET = re.compile(rb'<link rel="stylesheet" href="([^"?#]+)')
_ARTICLE = re.compile(rb"<article\b.*?</article>", re.DOTALL)


@dataclass(frozen=True)
class PlanPdf:
    """One plan's PDF: its goal template pages (built HTML files), in order, and where it goes."""

    title: str
    pages: tuple[Path, ...]
    output: Path


@dataclass
class PdfReport:
    """What a run did, for the build log."""

    made: int = 0
    reused: int = 0
    seconds: float = 0.0
    spilled: list[str] = field(default_factory=list)
    """Pages that took more than one sheet even at the smallest scale (kept whole)."""

    def summary(self) -> str:
        pdfs = self.made + self.reused
        line = f"PDF downloads: {pdfs} plan{'s' if pdfs != 1 else ''} ({self.made} printed, {self.reused} unchanged)"
        line += f" in {self.seconds:.1f} s"
        if self.spilled:
            line += f"; {len(self.spilled)} page(s) longer than one sheet: {', '.join(self.spilled[:3])}"
        return line


def unavailable(chromium: Path) -> str | None:
    """Why PDFs cannot be printed here, in a few words, or None when they can."""
    if not (chromium.is_file() and os.access(chromium, os.X_OK)):
        return f"Chromium not found at {chromium}"
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed"
    return None


def plan_jobs(library: Library, site_dir: Path, site_urls: urls.Urls) -> list[PlanPdf]:
    """One PDF per plan, from its goal template pages as built in `site_dir`."""
    return [
        PlanPdf(
            plan.title,
            tuple(
                _built_file(site_dir, site_urls, urls.goal_uri(plan.slug, number))
                for number in range(1, len(plan.goals) + 1)
            ),
            site_dir / urls.plan_pdf(plan.slug),
        )
        for plan in library.plans
    ]


def make_pdfs(jobs: Sequence[PlanPdf], chromium: Path, cache: Path) -> PdfReport:
    """Write every job's PDF, printing only those the cache does not hold.

    Playwright's synchronous API will not start in a thread that already runs it (a test
    run's own browser, an event loop), so printing runs on a thread of its own.
    """
    start = time.monotonic()
    cache.mkdir(parents=True, exist_ok=True)
    stylesheets: dict[Path, bytes] = {}
    keyed = [(job, cache / f"{cache_key(job, stylesheets)}.pdf") for job in jobs]
    todo = [(job, cached) for job, cached in keyed if not cached.is_file()]
    report = PdfReport(made=len(todo), reused=len(keyed) - len(todo))
    if todo:
        with ThreadPoolExecutor(max_workers=1) as thread:
            report.spilled = thread.submit(_print, todo, chromium).result()
    for job, cached in keyed:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, job.output)
    _prune(cache, {cached for _, cached in keyed})
    report.seconds = time.monotonic() - start
    return report


def cache_key(job: PlanPdf, stylesheets: dict[Path, bytes]) -> str:
    """What the PDF is made from: what each page prints (its article: print hides the rest)
    without link targets (which differ between a site with directory URLs and the offline
    copy, and are dropped from the PDF), the stylesheets each page loads (read once into
    `stylesheets`), and the title."""
    digest = hashlib.sha256(f"{VERSION}\n{PAPER}\n{job.title}\n".encode())
    for page in job.pages:
        html = page.read_bytes()
        article = _ARTICLE.search(html)
        digest.update(_LINK.sub(b"", article[0] if article else html))
        for href in _STYLESHEET.findall(html):
            path = (page.parent / href.decode()).resolve()
            if path not in stylesheets:
                stylesheets[path] = path.read_bytes() if path.is_file() else b""
            digest.update(stylesheets[path])
    return digest.hexdigest()


def _print(todo: Iterable[tuple[PlanPdf, Path]], chromium: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    spilled = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        for job, cached in todo:
            writer = PdfWriter()
            for html in job.pages:
                page.goto(html.as_uri())
                for scale in SCALES:
                    printed = PdfReader(
                        io.BytesIO(page.pdf(format=PAPER, print_background=True, scale=scale))
                    )
                    if len(printed.pages) == 1:
                        break
                else:
                    spilled.append(str(html))
                writer.append(printed)
            writer.remove_links()
            writer.add_metadata({"/Title": job.title})
            with written_whole(cached) as part:  # a cache entry is whole or absent
                writer.write(part)
        browser.close()
    return spilled


def _prune(cache: Path, keep: set[Path]) -> None:
    """Forget PDFs of pages that no longer exist: every build covers every plan."""
    for entry in cache.glob("*.pdf"):
        if entry not in keep:
            entry.unlink()


def _built_file(site_dir: Path, site_urls: urls.Urls, src_uri: str) -> Path:
    url = site_urls.url(src_uri)
    return site_dir / (url + "index.html" if url.endswith("/") or not url else url)
