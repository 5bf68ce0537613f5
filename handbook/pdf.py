"""PDF downloads: each plan's goal template pages, printed by Chromium into one PDF per plan.

Plain Python (no MkDocs): the engine adapter hands over the built pages once the site is
written. Chromium prints a plan's goal pages as a visitor's browser prints them, with the
same print stylesheet the browser tests check, so the PDF is the pages on paper, one page
per goal, with real text (selectable and searchable). A plan's goal pages are printed as
one document (their articles, each on a sheet of its own) in one go, in a page that is
loaded once and then takes each plan's sheets in turn: one print a plan instead of a
navigation and a print a goal. pypdf drops the links,
which point into the build machine's folders.

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

import asyncio
import hashlib
import importlib.util
import io
import os
import re
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

VERSION = "2"
"""Part of every cache key: change it when the way PDFs are made changes."""

_LINK = re.compile(rb'\s(?:href|src)="[^"]*"')
_STYLESHEET = re.compile(rb'<link rel="stylesheet" href="([^"?#]+)')
_ARTICLE = re.compile(rb"<article\b.*?</article>", re.DOTALL)
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


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


def make_pdfs(jobs: Sequence[PlanPdf], chromium: Path, cache: Path, at_once: int = 1) -> PdfReport:
    """Write every job's PDF, printing only those the cache does not hold, `at_once` plans
    at a time (one per core is what a build asks for).

    Playwright will not start in a thread that already runs it (a test run's own browser,
    an event loop), so printing runs on a thread of its own.
    """
    start = time.monotonic()
    cache.mkdir(parents=True, exist_ok=True)
    stylesheets: dict[Path, bytes] = {}
    keyed = [(job, cache / f"{cache_key(job, stylesheets)}.pdf") for job in jobs]
    todo = [(job, cached) for job, cached in keyed if not cached.is_file()]
    report = PdfReport(made=len(todo), reused=len(keyed) - len(todo))
    if todo:
        with ThreadPoolExecutor(max_workers=1) as thread:
            report.spilled = thread.submit(_print, todo, chromium, at_once).result()
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


def _print(todo: Sequence[tuple[PlanPdf, Path]], chromium: Path, at_once: int) -> list[str]:
    """Print every job, `at_once` plans at a time (Chromium lays out each page in a process
    of its own, so a core each)."""
    return asyncio.run(_print_all(todo, chromium, at_once))


async def _print_all(todo: Sequence[tuple[PlanPdf, Path]], chromium: Path, at_once: int) -> list[str]:
    from playwright.async_api import async_playwright

    spilled: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
        queue = list(reversed(todo))

        async def printer(number: int) -> None:
            # A context each: pages of one context and one origin (file://) share a renderer.
            context = await browser.new_context()
            page = await context.new_page()
            await _load_shell(page, todo[0][0], number)  # stylesheets parsed once, then kept
            while queue:
                job, cached = queue.pop()
                spilled.extend(await _print_plan(page, job, cached, number))
            await context.close()

        await asyncio.gather(*(printer(n) for n in range(max(1, min(at_once, len(todo))))))
        await browser.close()
    return sorted(spilled)


_SWAP = """([sheets, title]) => {
  document.querySelector("article").innerHTML = sheets;
  document.title = title;
}"""


async def _print_plan(page: Any, job: PlanPdf, cached: Path, printer: int) -> list[str]:
    """One plan's PDF: all its goal pages' articles in the loaded page, printed in one go
    (no navigation, one print for the plan, not one of each per goal). Should a sheet spill
    onto a second page after all, each goal page is printed alone, at the largest scale
    that keeps it on one."""
    await page.evaluate(_SWAP, [_sheets(job).decode("utf-8"), job.title])
    printed = [await page.pdf(format=PAPER, print_background=True)]
    spilled: list[str] = []
    if len(PdfReader(io.BytesIO(printed[0])).pages) != len(job.pages):
        printed = []
        for html in job.pages:
            await page.goto(html.as_uri())
            for scale in SCALES:
                one = await page.pdf(format=PAPER, print_background=True, scale=scale)
                if len(PdfReader(io.BytesIO(one)).pages) == 1:
                    break
            else:
                spilled.append(str(html))
            printed.append(one)
        await _load_shell(page, job, printer)
    # pypdf's work is Python's: on a thread, while Chromium prints the next plans.
    await asyncio.to_thread(_write_pdf, printed, job.title, cached)
    return spilled


def _write_pdf(printed: Sequence[bytes], title: str, cached: Path) -> None:
    """The printed pages as the download: without links (they point into the build
    machine's folders), titled, and without the dates Chromium stamps (builds are
    byte-identical)."""
    writer = PdfWriter()
    for pdf in printed:
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.remove_links()
    writer.add_metadata({"/Title": title})
    with written_whole(cached) as part:  # a cache entry is whole or absent
        writer.write(part)


SHELL = "handbook-pdf-{printer}.html"
"""The page a printer loads first, written beside a plan's first goal page (so that its
stylesheets load from where they are) and removed once loaded."""


async def _load_shell(page: Any, job: PlanPdf, printer: int) -> None:
    """Load a goal page without its scripts (nothing they do shows on paper, and running
    them costs time): the page every plan's sheets are printed in, one plan after another."""
    path = job.pages[0].parent / SHELL.format(printer=printer)
    path.write_bytes(_SCRIPT.sub(b"", job.pages[0].read_bytes()))
    try:
        await page.goto(path.as_uri())
    finally:
        path.unlink(missing_ok=True)


def _sheets(job: PlanPdf) -> bytes:
    """A plan's goal pages as one article's content: each page's article in a section that
    print.css starts on a sheet of its own. (Every goal page stands as deep in the site, so
    the shell's stylesheets and the articles' relative links hold for every plan.)"""
    sections = []
    for html in job.pages:
        article = _ARTICLE.search(html.read_bytes())
        assert article is not None, f"{html} has no article"
        inner = article[0][article[0].index(b">") + 1 : -len(b"</article>")]
        sections.append(b'<section class="handbook-printed-goal">' + inner + b"</section>")
    return b"".join(sections)


def _prune(cache: Path, keep: set[Path]) -> None:
    """Forget PDFs of pages that no longer exist: every build covers every plan."""
    for entry in cache.glob("*.pdf"):
        if entry not in keep:
            entry.unlink()


def _built_file(site_dir: Path, site_urls: urls.Urls, src_uri: str) -> Path:
    url = site_urls.url(src_uri)
    return site_dir / (url + "index.html" if url.endswith("/") or not url else url)
