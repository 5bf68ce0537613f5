"""PDF downloads: each plan's goal template pages, printed by Chromium into one PDF per plan.

Plain Python (no MkDocs): the engine adapter hands over the built pages once the site is
written. Chromium prints a plan's goal pages as a visitor's browser prints them, with the
same print stylesheet the browser tests check, so the PDF is the pages on paper, one page
per goal, with real text (selectable and searchable). A plan's goal pages are printed as
one document (their articles, each on a sheet of its own) in one go, in a page that is
loaded once and then takes each plan's sheets in turn: one print a plan instead of a
navigation and a print a goal. The PDF is tagged (headings, lists and tables in a structure
tree, the language, the title shown, a bookmark for each goal), so that a screen reader can
read it, as ADA Title II and Section 508 ask of a public body's documents.

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
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject

from handbook import urls
from handbook.outputs.atomic import written_whole
from handbook.pages.content import Document

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

VERSION = "3"
"""Part of every cache key: change it when the way PDFs are made changes."""

_LINK = re.compile(rb'\s(?:href|src)="[^"]*"')
_STYLESHEET = re.compile(rb'<link rel="stylesheet" href="([^"?#]+)')
_ARTICLE = re.compile(rb"<article\b.*?</article>", re.DOTALL)
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


@dataclass(frozen=True)
class PdfJob:
    """One PDF: built HTML pages printed in order, and where the PDF goes. `sheet_each`: each
    page is one sheet (a plan's goal pages), tried at smaller scales should one spill;
    otherwise the pages flow over as many sheets as they need (a year's practices)."""

    title: str
    pages: tuple[Path, ...]
    output: Path
    sheet_each: bool = True


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


def jobs(documents: Iterable[Document], site_dir: Path, site_urls: urls.Urls) -> list[PdfJob]:
    """The documents the pages declare (`handbook.pages`), from their pages as built in `site_dir`."""
    return [
        PdfJob(
            document.title,
            tuple(_built_file(site_dir, site_urls, src_uri) for src_uri in document.pages),
            site_dir / document.path,
            document.sheet_each,
        )
        for document in documents
    ]


def make_pdfs(jobs: Sequence[PdfJob], chromium: Path, cache: Path, at_once: int = 1) -> PdfReport:
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


def cache_key(job: PdfJob, stylesheets: dict[Path, bytes]) -> str:
    """What the PDF is made from: what each page prints (its article: print hides the rest)
    without link targets (which differ between a site with directory URLs and the offline
    copy, and are dropped from the PDF), the stylesheets each page loads (read once into
    `stylesheets`), and the title."""
    digest = hashlib.sha256(f"{VERSION}\n{PAPER}\n{job.title}\n{job.sheet_each}\n".encode())
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


def _print(todo: Sequence[tuple[PdfJob, Path]], chromium: Path, at_once: int) -> list[str]:
    """Print every job, `at_once` plans at a time (Chromium lays out each page in a process
    of its own, so a core each)."""
    return asyncio.run(_print_all(todo, chromium, at_once))


async def _print_all(todo: Sequence[tuple[PdfJob, Path]], chromium: Path, at_once: int) -> list[str]:
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


async def _print_plan(page: Any, job: PdfJob, cached: Path, printer: int) -> list[str]:
    """One plan's PDF: all its goal pages' articles in the loaded page, printed in one go
    (no navigation, one print for the plan, not one of each per goal), as a tagged PDF with
    a bookmark for each goal. Should a sheet spill onto a second page after all, the plan
    prints at the largest scale that keeps every sheet on one (one print still: joining
    PDFs would lose their structure for screen readers)."""
    await page.evaluate(_SWAP, [_sheets(job).decode("utf-8"), job.title])
    spilled: list[str] = []
    for scale in SCALES if job.sheet_each else SCALES[:1]:
        printed = await page.pdf(format=PAPER, print_background=True, scale=scale, tagged=True, outline=True)
        if not job.sheet_each or len(PdfReader(io.BytesIO(printed)).pages) == len(job.pages):
            break
    else:
        spilled.append(str(job.output))
    # pypdf's work is Python's: on a thread, while Chromium prints the next plans.
    await asyncio.to_thread(_write_pdf, printed, job.title, cached)
    return spilled


REMOVED = ("/CreationDate", "/ModDate", "/Creator")
"""What Chromium writes into a PDF's information that changes from build to build (the
time, the browser's version), left out so that two builds of one commit are byte-identical."""


def _write_pdf(printed: bytes, title: str, cached: Path) -> None:
    """The printed PDF as the download, its structure for screen readers kept whole (Chromium
    tags headings, lists and tables, sets the language and shows the title): titled, and
    without the dates Chromium stamps."""
    reader = PdfReader(io.BytesIO(printed))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # Chromium's PDF 1.4, which tagging needs (pypdf writes 1.3)
    kept = {key: value for key, value in (writer.metadata or {}).items() if key not in REMOVED}
    writer.metadata = {**kept, "/Title": title}
    _number_elements(writer)
    with written_whole(cached) as part:  # a cache entry is whole or absent
        writer.write(part)


def _number_elements(writer: PdfWriter) -> None:
    """Give the structure elements that carry an ID (header cells, which data cells name as
    their `/Headers`) the IDs `node00000001`, `node00000002`, ... in document order.

    Chromium names them after the page's DOM nodes, whose numbers depend on what the page
    held before (printers reuse a loaded page), so the same plan would print differently
    from build to build."""
    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return
    tree = tree.get_object()
    renamed: dict[str, str] = {}
    elements: list[DictionaryObject] = []

    def visit(node: Any) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for kid in node:
                visit(kid)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            elements.append(node)
            if "/ID" in node:
                new = renamed.setdefault(str(node["/ID"]), f"node{len(renamed) + 1:08d}")
                node[NameObject("/ID")] = ByteStringObject(new.encode("ascii"))
            if "/K" in node:
                visit(node["/K"])

    visit(tree.get("/K"))
    for element in elements:  # data cells name their header cells
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes]:
            attribute = attribute.get_object() if isinstance(attribute, IndirectObject) else attribute
            headers = attribute.get("/Headers") if isinstance(attribute, DictionaryObject) else None
            if isinstance(attribute, DictionaryObject) and isinstance(headers, ArrayObject):
                attribute[NameObject("/Headers")] = ArrayObject(
                    ByteStringObject(renamed.get(str(name), str(name)).encode("ascii")) for name in headers
                )
    if "/IDTree" in tree:
        _rename_keys(tree["/IDTree"], renamed)


def _rename_keys(node: Any, renamed: dict[str, str]) -> None:
    """Rename the keys of a name tree in place (leaves keep their order: Chromium numbers
    nodes in document order too), so that no part of the old tree is left behind."""
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if not isinstance(node, DictionaryObject):
        return
    for kid in node.get("/Kids", ArrayObject()):
        _rename_keys(kid, renamed)
    names = node.get("/Names")
    if isinstance(names, ArrayObject):
        pairs = sorted(
            (renamed.get(str(names[i]), str(names[i])), names[i + 1]) for i in range(0, len(names) - 1, 2)
        )
        node[NameObject("/Names")] = ArrayObject(
            item for key, value in pairs for item in (ByteStringObject(key.encode("ascii")), value)
        )
        if pairs and "/Limits" in node:
            node[NameObject("/Limits")] = ArrayObject(
                ByteStringObject(key.encode("ascii")) for key in (pairs[0][0], pairs[-1][0])
            )
    elif "/Limits" in node and isinstance(kids := node.get("/Kids"), ArrayObject) and kids:
        first, last = kids[0].get_object(), kids[-1].get_object()
        node[NameObject("/Limits")] = ArrayObject([first["/Limits"][0], last["/Limits"][1]])


SHELL = "handbook-pdf-{printer}.html"
"""The page a printer loads first, written beside a plan's first goal page (so that its
stylesheets load from where they are) and removed once loaded."""


async def _load_shell(page: Any, job: PdfJob, printer: int) -> None:
    """Load a goal page without its scripts (nothing they do shows on paper, and running
    them costs time): the page every plan's sheets are printed in, one plan after another."""
    path = job.pages[0].parent / SHELL.format(printer=printer)
    path.write_bytes(_SCRIPT.sub(b"", job.pages[0].read_bytes()))
    try:
        await page.goto(path.as_uri())
    finally:
        path.unlink(missing_ok=True)


def _sheets(job: PdfJob) -> bytes:
    """A plan's goal pages as one article's content: each page's article in a section that
    print.css starts on a sheet of its own, its links without their targets (which would
    point into the build machine's folders; on paper a link is its words)."""
    sections = []
    for html in job.pages:
        article = _ARTICLE.search(html.read_bytes())
        assert article is not None, f"{html} has no article"
        inner = _LINK.sub(b"", article[0][article[0].index(b">") + 1 : -len(b"</article>")])
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
