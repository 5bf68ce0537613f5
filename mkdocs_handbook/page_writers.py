"""MkDocs adapter, part two: writing generated pages on every core.

MkDocs writes pages one after another, on one core. Most of a state-scale build is that
writing: each of thousands of goal sheets goes through its page template and Material's.
So, once MkDocs has read every page and is about to write them (`on_env`), `start` puts
the generated pages that nothing else reads back (no search entry, no anchor another
page's link is checked against) in a queue and forks one worker per further core to write
them; the build process writes the other pages, then, in `finish`, takes from the queue
too until it is empty, and waits for the workers before anything reads the written site
(PDFs, the offline copy, search). A worker that failed fails the build; a warning logged
in a worker fails a strict build as it would in one process.

The output is the same byte for byte: a worker is a fork of the build, with the same
pages, navigation and templates, and writes a page with MkDocs' own function for it.
That function is MkDocs' internal `_build_page`, fenced in `internals`: should it be
missing or changed, pages are written in one process as before, with one warning.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import secrets
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_handbook import internals
from mkdocs_handbook.pages import EDIT_LABEL

log = logging.getLogger("mkdocs.plugins.handbook")

SHARE_FROM = 400
"""Shared pages there must be at least for a worker: a fork is cheap, but not free."""

WARNINGS_EXIT = 3
"""A worker's exit status when it wrote its pages but logged warnings (errors: 1)."""


class _Queue:
    """The shared pages, in order, and the number of the next one to write, in memory every
    process sees: each takes the next page when it has written its last, so the work
    divides itself whatever pages cost (a plan page costs several goal sheets)."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self.pages = pages
        self.next = multiprocessing.get_context("fork").Value("l", 0)

    def take(self) -> Page | None:
        with self.next.get_lock():
            number = self.next.value
            self.next.value = number + 1
        return self.pages[number] if number < len(self.pages) else None


@dataclass
class _Run:
    """The workers of the build under way."""

    shared: set[str] = field(default_factory=set)  # src_uris the queue holds
    queue: _Queue | None = None
    pids: list[int] = field(default_factory=list)
    original: Callable[..., None] | None = None  # MkDocs' own page writer, while replaced
    arguments: tuple[Any, ...] = ()  # what it takes besides the page


_run = _Run()


def cores(setting: object) -> int:
    """How many processes write pages: the plugin's `workers` (a number, or `auto` for every core)."""
    if setting in (None, "", "auto"):
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        return max(1, int(str(setting)))
    except ValueError:
        raise PluginError(
            f"plugins: handbook: workers: '{setting}' is not a number of processes or 'auto'"
        ) from None


def start(
    processes: int,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Any,
    shareable: Callable[[Page], bool],
) -> None:
    """Fork workers that write the `shareable` pages, where there are enough; the build
    process writes the others, then joins the workers (`finish`)."""
    if processes < 2 or not hasattr(os, "fork"):
        return
    writer = internals.page_writer()
    if writer is None:
        return
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    shared = [file.page for file in doc_files if file.page is not None and shareable(file.page)]
    if len(shared) < SHARE_FROM:
        return
    queue = _Queue(shared)
    sys.stdout.flush()
    sys.stderr.flush()
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:  # the worker
            _write_and_exit(writer, queue, config, doc_files, nav, env)
        _run.pids.append(pid)
    _run.shared = {page.file.src_uri for page in shared}
    _run.queue = queue
    _run.original = writer
    _run.arguments = (config, doc_files, nav, env)

    def build_page(page: Page, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri not in _run.shared:  # the queue's pages wait for `finish`
            writer(page, *args, **kwargs)

    mkdocs_build._build_page = build_page
    log.debug(f"Writing {len(shared)} pages in {processes} processes")


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _write_and_exit(
    writer: Callable[..., None],
    queue: _Queue,
    config: MkDocsConfig,
    doc_files: Sequence[Any],
    nav: Navigation,
    env: Any,
) -> None:
    """A worker's life: write pages from the queue with MkDocs' own writer until it is
    empty, then leave at once (no clean-up of the build it was forked from: that is the
    build process's to do)."""
    status = 1
    try:
        warnings = _WarningCount()
        logging.getLogger("mkdocs").addHandler(warnings)
        while (page := queue.take()) is not None:
            writer(page, config, doc_files, nav, env)
        status = WARNINGS_EXIT if warnings.count else 0
    except BaseException:  # MkDocs has logged it; the exit status tells the build
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def finish() -> None:
    """Write what is left in the queue beside the workers, wait for them, put MkDocs'
    writer back, and report a worker's failure."""
    original, queue = _run.original, _run.queue
    if original is not None:
        mkdocs_build._build_page = original
    try:
        while queue is not None and (page := queue.take()) is not None:
            original(page, *_run.arguments)  # type: ignore[misc]
    finally:
        statuses = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in _run.pids]
        written = len(_run.shared)
        _run.pids.clear()
        _run.shared.clear()
        _run.queue = None
        _run.original = None
        _run.arguments = ()
    if any(status not in (0, WARNINGS_EXIT) for status in statuses):
        raise PluginError("writing pages in another process failed (see the errors above)")
    if WARNINGS_EXIT in statuses:
        log.warning(f"warnings while writing {written} pages in other processes (see above)")


def abandon() -> None:
    """Stop the workers of a build that failed."""
    if _run.queue is not None:
        with _run.queue.next.get_lock():
            _run.queue.next.value = len(_run.queue.pages)  # nothing more to take
    for pid in _run.pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(PluginError):
        finish()


# Stamped pages ----------------------------------------------------------------------------
#
# Material's page template costs about 2 ms a page, for thousands of goal sheets whose
# pages differ only in their title, their content, and their "edit" and canonical
# addresses. So a page of that kind is rendered through Material once, with markers where
# those four go (the stamp), and the others are the stamp with their own values put in.
# The second page of each kind is also rendered through Material and compared, byte for
# byte: should they differ, that kind of page goes back to Material. Titles and addresses
# that Material's filters would change (quotes, ampersands, runs of spaces) never use a
# stamp, so what the filters do to a marker is what they would do to the value. A template
# may read an address's query (the page actions say "Propose changes to this plan" where the
# address asks `?plan=`), so an address's marker carries its query's first key, and pages
# whose addresses differ there are of different kinds. A page's table of contents (a plan
# page's goals) is Material's own partial, rendered alone for each page: cheap beside the
# navigation and header around it.

STAMPED_TEMPLATE = "handbook-stamped.html"
"""The template of pages made from a stamp (overrides/): their body as it stands, which
`stamped` then puts in the stamp once the other plugins have read it (plugin.py, on_post_page)."""

_MARK = "hbstamp" + secrets.token_hex(8)
"""Where a stamp's holes are: new in each build process and never written out, so no plan
(a slug, a title) can write a marker into a page and move what fills it."""
SLOTS = ("title", "content", "edit_url", "canonical_url", "toc")
_TOC = '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}'
"""The table of contents as `base.html` includes it (with its words in the site's language)."""
_SAFE_TITLE = re.compile(r"[^\s&<>\"']+(?: [^\s&<>\"']+)*")
_SAFE_ADDRESS = re.compile(r"[^\s&<>\"']*")
_STANDARD_META = {"title", "search", "template", EDIT_LABEL}
"""Meta a stamp serves: the title fills its slot; the rest is one value for a kind of page
(a resource's pages all say "Propose changes to this resource", `_kind`)."""


def stampable(page: Page, in_nav: bool) -> bool:
    """Whether a generated page differs from others of its kind only in what a stamp fills:
    not in the navigation, no page in the navigation around it, no meta beyond the title,
    and a title and addresses that Material prints as they are."""
    return (
        not in_nav
        and page.previous_page is None
        and page.next_page is None
        and set(page.meta) <= _STANDARD_META
        and bool(_SAFE_TITLE.fullmatch(str(page.meta.get("title", ""))))
        and all(_SAFE_ADDRESS.fullmatch(getattr(page, slot) or "") for slot in ("edit_url", "canonical_url"))
    )


_H1 = "<h1"
_H1_HINT = "<!--<h1-->"
"""Material heads a page with its title unless the content has a heading of its own
(`partials/content.html`): a stamp for such pages is made from content that says it has one."""


Kind = tuple[int, str | None, str | None, bool, str | None, tuple[str, ...]]
_QUERY_KEY = re.compile(r"\?[^=&#]*=")


def _address_shape(address: str | None) -> str | None:
    """What of an address a template may act on besides the address itself: whether there is
    one, and its query's first key (`?plan=`)."""
    if not address:
        return None
    key = _QUERY_KEY.search(address)
    return key.group() if key else ""


def _kind(page: Page, content: str, nav: Navigation) -> Kind:
    """Pages that one stamp serves: at the same depth (the theme's files are as far away),
    with the same links to the pages of the navigation (relative to the page, they differ
    between `types/x/` and `audiences/x/`), with addresses of the same shape, with or
    without a heading of their own, with no table of contents or one that starts at the
    same place (the "Skip to content" link leads there)."""
    links = tuple(get_relative_url(item.url, page.url) for item in nav.pages)
    return (
        page.url.count("/"),
        _address_shape(page.edit_url) if EDIT_LABEL not in page.meta else str(page.meta[EDIT_LABEL]),
        _address_shape(page.canonical_url),
        _H1 in content,
        next(iter(page.toc)).url if page.toc else None,
        links,
    )


def _values(page: Page, content: str, stamp: _Stamp, context: dict[str, Any], env: Any) -> dict[str, str]:
    return {
        "title": str(page.meta["title"]),
        "content": content,
        "edit_url": page.edit_url or "",
        "canonical_url": page.canonical_url or "",
        "toc": _toc(context, env) if "toc" in stamp.slots else "",
    }


def _toc(context: dict[str, Any], env: Any) -> str:
    if _stamps.toc is None or _stamps.toc[0] is not env:
        _stamps.toc = (env, env.from_string(_TOC))
    return str(_stamps.toc[1].render(context))


@dataclass
class _Stamp:
    """Material's page with holes: `parts` around the `slots` they surround."""

    parts: list[str]
    slots: list[str]
    checked: bool = False

    def fill(self, values: dict[str, str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out += (values[slot], part)
        return "".join(out)


_PIECE = re.compile(f"{_MARK}({'|'.join(SLOTS)})(?:{_QUERY_KEY.pattern})?{_MARK}")


@dataclass
class _Stamps:
    by_kind: dict[Kind, _Stamp | None] = field(default_factory=dict)
    filled: int = 0  # pages made from a stamp in this process, for the build log and the tests
    themed: int = 0  # pages that could have been, but whose kind's stamp failed: the theme wrote them
    toc: tuple[Any, Any] | None = None  # this build's theme and its table of contents template


_stamps = _Stamps()


def stamped(page: Page, context: dict[str, Any], env: Any, content: str) -> str:
    """A stampable page's finished HTML, from its kind's stamp where that holds."""
    kind = _kind(page, content, context["nav"])
    template = env.get_template("main.html")
    if kind not in _stamps.by_kind:
        _stamps.by_kind[kind] = _make_stamp(page, context, env, has_heading=kind[3])
    stamp = _stamps.by_kind[kind]
    if stamp is None:
        _stamps.themed += 1
        return str(template.render(context))
    values = _values(page, content, stamp, context, env)
    html = stamp.fill(values)
    _stamps.filled += 1
    if not stamp.checked:
        page.content = content
        real = str(template.render(context))
        stamp.checked = True
        if real != html:
            log.debug(f"pages like {page.file.src_uri} differ from their stamp; written by the theme")
            _stamps.by_kind[kind] = None
            _stamps.filled -= 1
            _stamps.themed += 1
            return real
    return html


def _make_stamp(page: Page, context: dict[str, Any], env: Any, has_heading: bool) -> _Stamp | None:
    """Render the page with markers in its slots, and cut it there. (A table of contents is
    rendered whole, then found in the page and put aside: Material draws it from a tree.)"""
    saved = (page.meta.get("title"), page.content, page.edit_url, page.canonical_url)
    marks = {slot: f"{_MARK}{slot}{_MARK}" for slot in SLOTS}
    try:
        page.meta["title"] = marks["title"]
        page.content = (_H1_HINT if has_heading else "") + marks["content"]
        page.edit_url = _marker("edit_url", page.edit_url)
        page.canonical_url = _marker("canonical_url", page.canonical_url)
        html = str(env.get_template("main.html").render(context)).replace(_H1_HINT, "")
        if page.toc:
            toc = _toc(context, env)
            if html.count(toc) != 1:
                return None
            html = html.replace(toc, marks["toc"])
    finally:
        page.meta["title"], page.content, page.edit_url, page.canonical_url = saved
    pieces = _PIECE.split(html)
    if html.count(_MARK) != 2 * (len(pieces) // 2):  # a marker cut or changed by a filter
        return None
    return _Stamp(parts=pieces[0::2], slots=pieces[1::2])


def _marker(slot: str, address: str | None) -> str | None:
    shape = _address_shape(address)
    return None if shape is None else f"{_MARK}{slot}{shape}{_MARK}"


def forget_stamps() -> None:
    """A build's stamps are its own: the theme or its settings may change between builds."""
    _stamps.by_kind.clear()
    _stamps.filled = 0
    _stamps.themed = 0
    _stamps.toc = None
