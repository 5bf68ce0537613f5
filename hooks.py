"""MkDocs adapter: plan pages in, nothing else.

The only module besides `macros.py` that talks to MkDocs. It validates the plans
before MkDocs cleans `site/` (so a bad plan never costs the last good site), adds one
generated file per handbook page, and places the finished HTML from `handbook.pages`
into each: generated pages skip Markdown and Jinja entirely. Generated pages are not
added to the navigation; `mkdocs.yml` lists only the index pages, because a nav entry
per page makes every page carry every link (output grows with the square of the plan
count). It also hands the engine's events to the plain-Python parts that need them:
plan pages' search text to Material's search index, the built goal pages to
`handbook.pdf`, and the offline copy's settings to Material's offline plugin.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import page_writers
from handbook import addresses, pdf, site_search, urls
from handbook.addresses import Published
from handbook.library import Library
from handbook.loading import PlanErrors, last_valid_library, load_library_cached
from handbook.page_macros import PageMacros
from handbook.pages import PageBuilder, PageContent, Search, SearchEntry, TocEntry, template_path
from handbook.problems import quote
from handbook.schema import SCHEMA_PATH, schema_text
from handbook.urls import Urls
from macro_pages import runs_macros
from macros import PAGE_MACROS

log = logging.getLogger("mkdocs.plugins.handbook")
_generated: dict[str, PageContent] = {}
_ID = re.compile(r'\sid="([^"]+)"')


class HandbookPage(File):
    """A generated page that knows what it is made from (`PageContent.inputs`).

    Under `mkdocs serve --dirty` (what `make serve` runs) MkDocs rebuilds only files
    that say they changed. A generated page changed when any of its inputs is newer than
    the page last written: the plan files it shows (a plan page shows its district's and
    its schools' titles too), the page templates it is rendered from, and, for pages
    that list every plan, any plan file or the plans folder itself (a plan added or
    removed). Saving one plan of a thousand then rebuilds a few dozen pages instead of
    four thousand, and editing a template rebuilds its family. Plain `mkdocs build`
    ignores this and builds everything.
    """

    inputs: tuple[Path, ...] = ()
    every_plan: bool = False

    @classmethod
    def of(cls, content: PageContent, config: MkDocsConfig) -> HandbookPage:
        page = cls.generated(config, content.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        assert isinstance(page, cls)
        project = project_dir(config)
        page.inputs = (
            *(project / source for source in sorted(content.inputs.plans)),
            *(template_path(name) for name in sorted(content.inputs.templates)),
        )
        page.every_plan = content.inputs.every_plan
        return page

    def is_modified(self) -> bool:
        try:
            built = os.path.getmtime(self.abs_dest_path)
        except OSError:  # not built yet
            return True
        if self.every_plan and built < _session.newest_plan:
            return True
        return any(_mtime(path) > built for path in self.inputs)


class PlanDataPage(File):
    """A hand-written page that shows plan data (`render_macros: true`: its counts, lists and
    tables come from the plans, `macros.py`). Under `mkdocs serve --dirty` it changed when it
    was saved, as MkDocs knows, and also when any plan changed since it was last written, so a
    plan saved under `make serve` reaches the guides that show it too."""

    @classmethod
    def of(cls, file: File) -> PlanDataPage:
        return cls(
            file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion
        )

    def is_modified(self) -> bool:
        if super().is_modified():
            return True
        return _mtime(Path(self.abs_dest_path)) < _session.newest_plan


def shows_plan_data(file: File) -> bool:
    """Whether a hand-written page is rendered by the macros (its front matter opts in)."""
    if file.abs_src_path is None:
        return False
    try:
        return runs_macros(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return False  # MkDocs says what is wrong with it when it reads the page


def _mtime(path: Path) -> float:
    """When a file last changed; a file that is gone changed just now."""
    try:
        return os.path.getmtime(path)
    except OSError:
        return float("inf")


def newest_plan_change(folder: Path) -> float:
    """The last change to any plan, or to the plans folder (a plan added, removed, renamed)."""
    times = [folder.stat().st_mtime, *(path.lstat().st_mtime for path in folder.glob("*.md"))]
    return max(times)


class GeneratedPage(Page):
    """A generated page's MkDocs page: its HTML comes finished from `handbook.pages`
    (`on_page_content`), so MkDocs' Markdown pass over its empty source is skipped (at
    state scale, setting up Markdown for thousands of pages costs seconds)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.present_anchor_ids = set()


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of `mkdocs.yml`, which holds `plans/`."""
    return Path(config.config_file_path).parent


def plans_dir(config: MkDocsConfig) -> Path:
    return project_dir(config) / "plans"


@dataclass
class _Session:
    """What outlives one build: MkDocs keeps a hook module across `serve` rebuilds."""

    serving: bool = False
    library: Library | None = None  # the plans this build is made from
    newest_plan: float = 0.0  # when a plan last changed, for pages made from every plan
    chromium: Path | None = None  # prints this build's PDF downloads, if it makes them
    nav: Navigation | None = None  # this build's navigation, for the page writers
    env: Any = None  # this build's theme templates, for stamped pages
    builder: PageBuilder | None = None  # this build's pages, and the PDFs printed from them
    made: list[File] = field(default_factory=list)  # this build's generated files, until on_files


_session = _Session()


def on_startup(command: str, dirty: bool) -> None:
    _session.serving = command == "serve"


def guarded_folders(config: MkDocsConfig) -> list[Path]:
    """The folders besides `plans/` whose files reach the site: the pages and the theme's
    templates. A link in them that leads outside the repository stops the build."""
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def load(config: MkDocsConfig) -> Library:
    """The validated plans, or a build error listing every problem in every plan.

    Under `serve`, a plan saved with a problem must not cost the editor the site they
    are looking at: the problems are logged (no traceback) and the build goes on
    from the last valid plans, until the plan is fixed and saved again. Not so for a
    link that leads outside the repository: MkDocs would follow it, so nothing is built.
    """
    folder = plans_dir(config)
    try:
        library = load_library_cached(folder, guarded=guarded_folders(config))
    except PlanErrors as errors:
        count = len(errors.problems)
        report = f"{count} problem{'s' if count != 1 else ''} in plan files"
        last_valid = last_valid_library(folder)
        if _session.serving and last_valid is not None and not errors.unsafe:
            log.error(f"{report}; still showing the last valid plans:\n{errors}")
            return last_valid
        raise PluginError(f"{report}; nothing was built:\n{errors}") from None
    if library.notices:
        count = len(library.notices)
        log.info(
            f"{count} goal{'s reach' if count != 1 else ' reaches'} no audience group and "
            "stand under Other audiences (`make check` names them)"
        )
    return library


@event_priority(100)  # before mkdocs-macros reads the plans, and before `site/` is cleaned
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    page_writers.forget_stamps()
    _session.library = load(config)
    _session.newest_plan = newest_plan_change(plans_dir(config))
    _session.chromium = pdf_printer(config)
    offline_polyfill(config)
    if searches_pagefind(config):
        config.extra.setdefault("handbook", {})["site_search_worker"] = site_search.WORKER
    return config


SEARCH_PLUGIN = "material/search"
OFFLINE_PLUGIN = "material/offline"
IFRAME_WORKER = "javascripts/vendor/iframe-worker-shim.js"
"""Material's offline search runs its worker in an iframe under `file://`, through this shim."""


def offline_polyfill(config: MkDocsConfig) -> None:
    """The offline copy (`make offline` turns Material's offline plugin on) is self-contained.

    The plugin adds its worker shim from a CDN unless a polyfill named iframe-worker is
    listed already: the copy is for rooms without a network, and visitors' browsers contact
    no third party, so the site serves its own (this runs before the plugin: the hook's
    priority is higher). And the copy never offers itself for download.
    """
    if offline_copy(config):
        config.extra["polyfills"] = [IFRAME_WORKER]
        config.extra.setdefault("handbook", {})["offline_zip"] = ""


def offline_copy(config: MkDocsConfig) -> bool:
    """Whether this build is the offline copy (`make offline`: Material's offline plugin on)."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.enabled)


def publishes(config: MkDocsConfig) -> bool:
    """Whether this build is a site to publish: not `serve` (what it would write at each save
    would slow editing) nor the offline copy (a page opened from `file://` cannot fetch
    files). Only such a build has files loaded piece by piece: the catalogue's views
    (`handbook.catalogue_views`; the others load every activity) and the search index."""
    return not _session.serving and not offline_copy(config)


def searches_pagefind(config: MkDocsConfig) -> bool:
    """Whether this build answers site search from a Pagefind index (`handbook.site_search`):
    a build to publish, not `serve` (indexing each save would slow editing) nor the offline
    copy (a page opened from `file://` cannot load the index's fragments); those keep
    Material's own search, and `extra.handbook.site_search: material` asks for it."""
    return (
        publishes(config)
        and settings(config).get("site_search", "pagefind") == "pagefind"
        and config.plugins.get(SEARCH_PLUGIN) is not None
    )


def settings(config: MkDocsConfig) -> dict[str, Any]:
    """The handbook's own settings: `extra.handbook` in mkdocs.yml."""
    return dict(config.extra.get("handbook") or {})


def pdf_printer(config: MkDocsConfig) -> Path | None:
    """The Chromium that prints this build's PDF downloads, or None for a build without them.

    PDFs are made when asked for (`extra.handbook.pdfs`, which `make build` turns on), never
    under `serve` (printing would hold up every reload), and only where Chromium can run:
    elsewhere the site builds without them (and without links to them), saying so in one line.
    """
    handbook = settings(config)
    if not handbook.get("pdfs") or _session.serving:
        return None
    chromium = Path(str(handbook.get("chromium") or pdf.CHROMIUM))
    problem = pdf.unavailable(chromium)
    if problem:
        log.info(f"PDF downloads skipped: {problem} (set HANDBOOK_CHROMIUM to its path to make them)")
        return None
    return chromium


def offline_download(config: MkDocsConfig) -> Path | None:
    """The offline copy to publish with this site (`extra.handbook.offline_zip`), if any.

    The Pages workflow sets it after `make offline`; the home page then links it (macros.py).
    """
    setting = settings(config).get("offline_zip")
    if not setting:
        return None
    download = project_dir(config) / str(setting)
    if not download.is_file():
        raise PluginError(
            f"offline copy {download} not found: run `make offline` first, or unset HANDBOOK_OFFLINE_ZIP"
        )
    return download


@event_priority(100)  # before `site/` is cleaned: a build stopped here leaves the last site as it was
def on_pre_build(config: MkDocsConfig) -> None:
    """Make this build's generated files, and stop it if any address has two sources
    (`handbook.addresses`). Done before MkDocs cleans `site/`, which it does before
    `on_files`, so that a clash costs nobody the site they had."""
    address = urlsplit(config.site_url or "/")
    origin = f"{address.scheme}://{address.netloc}" if address.scheme and address.netloc else ""
    site_urls = Urls(config.use_directory_urls, base=address.path or "/", origin=origin)
    assert _session.library is not None, "on_config loads the plans first"
    builder = PageBuilder(
        _session.library, site_urls, pdfs=_session.chromium is not None, views=publishes(config)
    )
    _session.builder = builder
    _generated.clear()
    docs = Path(config.docs_dir).name
    published = [
        Published(file.dest_uri, f"{docs}/{file.src_uri}", hand_written=True)
        for file in get_files(config)  # what the build reads next, as it reads it
        if file.inclusion.value > InclusionLevel.DRAFT.value  # drafts and exclusions are not published
    ]
    made: list[File] = []
    for content in builder.pages():
        page = HandbookPage.of(content, config)
        GeneratedPage(None, page, config)  # pages listed in the nav get MkDocs' own Page instead
        made.append(page)
        made_from = f" made from {content.source}" if content.source else ""
        published.append(Published(page.dest_uri, f"the page '{quote(content.title)}'{made_from}"))
        _generated[content.src_uri] = content
    for download in builder.downloads():
        made.append(File.generated(config, download.path, content=download.content()))
        published.append(Published(download.path, "a file the handbook makes from the plans"))
    made.append(File.generated(config, SCHEMA_PATH, content=schema_text()))  # for editors' tools
    published.append(Published(SCHEMA_PATH, "the plan schema the handbook makes from its plan model"))
    if (offline_zip := offline_download(config)) is not None:
        made.append(File.generated(config, urls.OFFLINE_ZIP, abs_src_path=str(offline_zip)))
        published.append(Published(urls.OFFLINE_ZIP, "the offline copy (make offline)"))
    published += [Published(document.path, "a PDF the handbook prints") for document in builder.documents()]
    if problems := list(addresses.clashes(published)):
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise PluginError(f"{count} with the site's addresses; nothing was built:\n" + "\n".join(problems))
    _session.made = made


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The generated files (`on_pre_build`) beside the hand-written ones."""
    if _session.serving:  # only `serve --dirty` asks pages whether they changed
        for written in [f for f in files.documentation_pages() if shows_plan_data(f)]:
            files.remove(written)
            files.append(PlanDataPage.of(written))
    for made in _session.made:
        files.append(made)
    _session.made = []
    return files


def suggest_change(page: Page, config: MkDocsConfig, plan: str | None) -> str | None:
    """Where "Propose changes to this plan" (or "Propose a plan") leads: the plan form
    (`/contribute/`), filled with the plan a plan's pages are made from; not straight into
    the code host's editor."""
    if page.file.src_uri == urls.CONTRIBUTE:
        return None
    link = Urls(config.use_directory_urls).link(page.file.src_uri, urls.CONTRIBUTE)
    return link + (f"?plan={plan}" if plan else "")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    content = _generated.get(page.file.src_uri)
    plan = posixpath.splitext(posixpath.basename(content.source))[0] if content and content.source else None
    page.edit_url = suggest_change(page, config, plan)
    if content is None:
        return markdown
    # Titles reach Material's templates unescaped; the plan's words must stay text.
    page.meta["title"] = html.escape(content.title, quote=False)
    if content.search is not Search.PAGE:
        page.meta["search"] = {"exclude": True}  # not searched, or searched by its entries
    if content.wide:
        page.meta["hide"] = ["toc"]  # Material: no column for a table of contents
    return ""


def _toc_tokens(entries: tuple[TocEntry, ...]) -> list[Any]:
    return [
        {
            "level": entry.level,
            "id": entry.anchor,
            "name": html.escape(entry.title, quote=False),
            "children": _toc_tokens(entry.children),
        }
        for entry in entries
    ]


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """A generated page's table of contents, and its search text into the index. Its HTML is
    made later, when the page is written (`on_page_context`): MkDocs reads every page before
    it writes any, and at state scale their HTML would otherwise sit in memory together."""
    content = _generated.get(page.file.src_uri)
    if content is None:
        return html_text
    page.toc = get_toc(_toc_tokens(content.toc))
    if content.search is Search.ENTRIES:
        index_search_entries(page, content.entries(), config)
    in_nav = _session.nav is not None and page in _session.nav.pages
    if page_writers.stampable(page, in_nav):
        page.meta["template"] = page_writers.STAMPED_TEMPLATE
    return ""


_stamping: dict[str, Any] = {}
"""The context of a page to be made from a stamp (`on_post_page`), while it is written."""


@event_priority(100)  # the page's HTML must be in place before any plugin reads it
def on_page_context(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    content = _generated.get(page.file.src_uri)
    if content is not None:
        body = str(content.render())
        page.content = body
        page.present_anchor_ids = set(_ID.findall(body))
        if page.meta.get("template") == page_writers.STAMPED_TEMPLATE:
            _stamping[page.file.src_uri] = context
    return context


@event_priority(100)  # the whole page, before any plugin reads it
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """A stamped page's HTML, from its body as the other plugins left it: made here, not in
    `on_page_context`, so that they go through the body and not the whole page (Material's
    search plugin runs a pattern over it)."""
    context = _stamping.pop(page.file.src_uri, None)
    if context is not None and _session.env is not None:
        output = page_writers.stamped(page, context, _session.env, page.content or "")
    if page.file.src_uri in _generated:
        page.content = ""  # written: let it go
    return output


def index_search_entries(page: Page, entries: list[SearchEntry], config: MkDocsConfig) -> None:
    """Index a page by its search entries (`PageContent.search_entries`), not its HTML.

    Material's index is a list of entries (address, title, text as HTML); the page itself
    is excluded from it (`on_page_markdown`), so it is not parsed, and its words arrive
    escaped, as words.
    """
    search = config.plugins.get(SEARCH_PLUGIN)
    index = getattr(search, "search_index", None)
    if index is None:  # no site search in this build
        return
    for entry in entries:
        index.entries.append(
            {
                "location": page.url + (f"#{entry.anchor}" if entry.anchor else ""),
                "title": html.escape(entry.title, quote=False),
                "text": html.escape(entry.text, quote=False),
            }
        )


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _session.nav = nav
    return nav


@event_priority(-100)  # last: every other plugin has had the environment
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page is read; before MkDocs writes them, stop for mistakes in hand-written pages'
    macros, then share the writing among the cores (`page_writers`). Not under `serve`,
    which rewrites a few pages at a time."""
    report_macro_problems(config)
    _session.env = env
    env.filters["handbook_search_worker"] = lambda config_json, worker: Markup(
        site_search.worker_config(str(config_json), worker)
    )
    if not _session.serving and _session.nav is not None:
        in_nav = {page.file.src_uri for page in _session.nav.pages}

        def shareable(page: Page) -> bool:
            content = _generated.get(page.file.src_uri)
            return content is not None and content.search is Search.NONE and page.file.src_uri not in in_nav

        processes = page_writers.cores(settings(config).get("workers"))
        page_writers.start(processes, config, files, _session.nav, env, shareable)
    return env


def report_macro_problems(config: MkDocsConfig) -> None:
    """Mistakes in hand-written pages' calls of the plan-data macros (`handbook.page_macros`),
    every one of every page, in one build error: each page has been read (its macros run) and
    none written. Under `serve` they are logged instead and the pages show nothing where the
    mistaken calls stand, as a plan's problems keep the last valid plans."""
    page_macros = getattr(config.plugins.get("macros"), PAGE_MACROS, None)
    if not isinstance(page_macros, PageMacros) or not page_macros.problems:
        return
    count = len(page_macros.problems)
    report = f"{count} problem{'s' if count != 1 else ''} in macros of hand-written pages"
    if _session.serving:
        log.error(f"{report}:\n{page_macros.report()}")
        return
    raise PluginError(f"{report}; nothing was built:\n{page_macros.report()}")


@event_priority(100)  # before anything reads the written site (the offline copy, search)
def on_post_build(config: MkDocsConfig) -> None:
    """Every page written (`page_writers`), the site search indexed (`handbook.site_search`),
    then the PDF downloads, printed from the goal pages (`handbook.pdf`)."""
    page_writers.finish()
    index_site_search(config)
    if _session.chromium is None or _session.builder is None:
        return
    assert _session.builder is not None, "on_pre_build made the pages"
    jobs = pdf.jobs(_session.builder.documents(), Path(config.site_dir), Urls(config.use_directory_urls))
    at_once = page_writers.cores(settings(config).get("workers"))
    report = pdf.make_pdfs(jobs, _session.chromium, project_dir(config) / ".cache" / "pdfs", at_once)
    log.info(report.summary())


def index_site_search(config: MkDocsConfig) -> None:
    """Index what Material's search would index with Pagefind; Material then writes its own
    index with the configuration only. (Run beside the page writers instead, it saved
    nothing measurable at 1,000 plans: they are done by then.)"""
    index = getattr(config.plugins.get(SEARCH_PLUGIN), "search_index", None)
    if not settings(config).get("site_search_worker") or index is None:
        return
    count = site_search.write_index(
        list(index.entries), Path(config.site_dir), config.theme.get("language", "en")
    )
    index.entries.clear()
    log.info(f"Site search: {count} entries indexed with Pagefind")


def on_build_error(error: Exception) -> None:
    page_writers.abandon()
