"""MkDocs adapter, part two: writing generated pages on every core.

MkDocs writes pages one after another, on one core. Most of a state-scale build is that
writing: each of thousands of goal sheets goes through its page template and Material's.
So, once MkDocs has read every page and is about to write them (`on_env`), `start` forks
one worker per further core and hands each a share of the generated pages that nothing
else reads back (no search entry, no anchor another page's link is checked against); the
build process writes the rest, and skips the shared ones. `finish` waits for the workers
before anything reads the written site (PDFs, the offline copy, search) and fails the build
if one failed; a warning logged in a worker fails a strict build as it would in one process.

The output is the same byte for byte: a worker is a fork of the build, with the same
pages, navigation and templates, and writes a page with MkDocs' own function for it.
That function is MkDocs' internal `_build_page` (MkDocs 1.x receives security fixes only,
so it stays put); should it be missing, pages are written in one process as before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
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

log = logging.getLogger("mkdocs.plugins.handbook")

SHARE_FROM = 400
"""Pages a worker's share must hold at least: a fork is cheap, but not free."""

WARNINGS_EXIT = 3
"""A worker's exit status when it wrote its pages but logged warnings (errors: 1)."""


@dataclass
class _Run:
    """The workers of the build under way."""

    shared: set[str] = field(default_factory=set)  # src_uris a worker writes
    pids: list[int] = field(default_factory=list)
    original: Callable[..., None] | None = None  # MkDocs' own page writer, while replaced


_run = _Run()


def cores(setting: object) -> int:
    """How many processes write pages: `extra.handbook.workers` (a number, or `auto` for every core)."""
    if setting in (None, "", "auto"):
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        return max(1, int(str(setting)))
    except ValueError:
        raise PluginError(
            f"extra.handbook.workers: '{setting}' is not a number of processes or 'auto'"
        ) from None


def start(
    processes: int,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Any,
    shareable: Callable[[Page], bool],
) -> None:
    """Fork workers for a share of the `shareable` pages each, where there are enough."""
    writer = getattr(mkdocs_build, "_build_page", None)
    if processes < 2 or writer is None or not hasattr(os, "fork"):
        return
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for file in doc_files if file.page is not None]
    shared = [page for page in pages if shareable(page)]
    share = min(len(pages) // processes, len(shared) // (processes - 1) if processes > 1 else 0)
    if share < SHARE_FROM:
        return
    shares = [shared[-share * (n + 1) : len(shared) - share * n] for n in range(processes - 1)]
    sys.stdout.flush()
    sys.stderr.flush()
    for pages_of_worker in shares:
        pid = os.fork()
        if pid == 0:  # the worker
            _write_and_exit(writer, pages_of_worker, config, doc_files, nav, env)
        _run.pids.append(pid)
    _run.shared = {page.file.src_uri for pages_of_worker in shares for page in pages_of_worker}
    _run.original = writer

    def build_page(page: Page, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri not in _run.shared:  # the workers write the shared pages
            writer(page, *args, **kwargs)

    mkdocs_build._build_page = build_page
    log.debug(f"Writing {len(_run.shared)} pages in {len(shares)} more process(es)")


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _write_and_exit(
    writer: Callable[..., None],
    pages: Sequence[Page],
    config: MkDocsConfig,
    doc_files: Sequence[Any],
    nav: Navigation,
    env: Any,
) -> None:
    """A worker's life: write its pages with MkDocs' own writer, then leave at once (no
    clean-up of the build it was forked from: that is the build process's to do)."""
    status = 1
    try:
        warnings = _WarningCount()
        logging.getLogger("mkdocs").addHandler(warnings)
        for page in pages:
            writer(page, config, doc_files, nav, env)
        status = WARNINGS_EXIT if warnings.count else 0
    except BaseException:  # MkDocs has logged it; the exit status tells the build
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def finish() -> None:
    """Wait for the workers, put MkDocs' writer back, and report a worker's failure."""
    if _run.original is not None:
        mkdocs_build._build_page = _run.original
    statuses = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in _run.pids]
    written = len(_run.shared)
    _run.pids.clear()
    _run.shared.clear()
    _run.original = None
    if any(status not in (0, WARNINGS_EXIT) for status in statuses):
        raise PluginError("writing pages in another process failed (see the errors above)")
    if WARNINGS_EXIT in statuses:
        log.warning(f"warnings while writing {written} pages in other processes (see above)")


def abandon() -> None:
    """Stop the workers of a build that failed."""
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
# stamp, so what the filters do to a marker is what they would do to the value.

STAMPED_TEMPLATE = "handbook-stamped.html"
"""The template of pages made from a stamp: their finished HTML, as it stands (overrides/)."""

_MARK = "hbstamp9d2e7"
SLOTS = ("title", "content", "edit_url", "canonical_url")
_SAFE_TITLE = re.compile(r"[^\s&<>\"']+(?: [^\s&<>\"']+)*")
_SAFE_ADDRESS = re.compile(r"[^\s&<>\"']*")
_STANDARD_META = {"title", "search", "template"}


def stampable(page: Page, in_nav: bool) -> bool:
    """Whether a generated page differs from others of its kind only in what a stamp fills:
    not in the navigation, no table of contents, no page in the navigation around it, no
    meta beyond the title, and a title and addresses that Material prints as they are."""
    return (
        not in_nav
        and not page.toc
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


Kind = tuple[int, bool, bool, bool, tuple[str, ...]]


def _kind(page: Page, content: str, nav: Navigation) -> Kind:
    """Pages that one stamp serves: at the same depth (the theme's files are as far away),
    with the same links to the pages of the navigation (relative to the page, they differ
    between `types/x/` and `audiences/x/`), with or without the same addresses, with or
    without a heading of their own."""
    links = tuple(get_relative_url(item.url, page.url) for item in nav.pages)
    return (page.url.count("/"), bool(page.edit_url), bool(page.canonical_url), _H1 in content, links)


def _values(page: Page, content: str) -> dict[str, str]:
    return {
        "title": str(page.meta["title"]),
        "content": content,
        "edit_url": page.edit_url or "",
        "canonical_url": page.canonical_url or "",
    }


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


_PIECE = re.compile(f"{_MARK}({'|'.join(SLOTS)}){_MARK}")


@dataclass
class _Stamps:
    by_kind: dict[Kind, _Stamp | None] = field(default_factory=dict)
    filled: int = 0  # pages made from a stamp in this process, for the build log and the tests


_stamps = _Stamps()


def stamped(page: Page, context: dict[str, Any], env: Any, content: str) -> str:
    """A stampable page's finished HTML, from its kind's stamp where that holds."""
    kind = _kind(page, content, context["nav"])
    template = env.get_template("main.html")
    if kind not in _stamps.by_kind:
        _stamps.by_kind[kind] = _make_stamp(page, context, template, has_heading=kind[3])
    stamp = _stamps.by_kind[kind]
    if stamp is None:
        return str(template.render(context))
    values = _values(page, content)
    html = stamp.fill(values)
    _stamps.filled += 1
    if not stamp.checked:
        page.content = content
        real = str(template.render(context))
        stamp.checked = True
        if real != html:
            log.debug(f"pages like {page.file.src_uri} differ from their stamp; written by the theme")
            _stamps.by_kind[kind] = None
            return real
    return html


def _make_stamp(page: Page, context: dict[str, Any], template: Any, has_heading: bool) -> _Stamp | None:
    """Render the page with markers in its slots, and cut it there."""
    saved = (page.meta.get("title"), page.content, page.edit_url, page.canonical_url)
    marks = {slot: f"{_MARK}{slot}{_MARK}" for slot in SLOTS}
    try:
        page.meta["title"] = marks["title"]
        page.content = (_H1_HINT if has_heading else "") + marks["content"]
        page.edit_url = marks["edit_url"] if page.edit_url else None
        page.canonical_url = marks["canonical_url"] if page.canonical_url else None
        html = str(template.render(context)).replace(_H1_HINT, "")
    finally:
        page.meta["title"], page.content, page.edit_url, page.canonical_url = saved
    pieces = _PIECE.split(html)
    if html.count(_MARK) != 2 * (len(pieces) // 2):  # a marker cut or changed by a filter
        return None
    return _Stamp(parts=pieces[0::2], slots=pieces[1::2])


def forget_stamps() -> None:
    """A build's stamps are its own: the theme or its settings may change between builds."""
    _stamps.by_kind.clear()
    _stamps.filled = 0
