"""The MkDocs plugin: MkDocs' events in, calls into the jobs beside it out.

It validates the plans before MkDocs cleans `site/` (so a bad plan never costs the last good
site), adds the generated pages and files (`files`), places their finished HTML from
`handbook.pages` (`pages`), and hands the engine's events to the parts that need them: plan
pages' search text to Material's search index and the site to Pagefind (`search`), the built
goal pages to the PDF printers (`pdfs`), the offline copy's settings to Material's offline
plugin (`offline`), and the writing of pages to every core (`page_writers`). What outlives
one build under `serve` is kept on the plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.library import Library
from handbook.outputs import site_search
from handbook.pages import PageBuilder, PageContent, Search
from handbook.resources.library import ResourceLibrary
from handbook.urls import Urls
from mkdocs_handbook import files as generated_files
from mkdocs_handbook import internals, macro_problems, offline, page_writers, pages, pdfs, plans, search
from mkdocs_handbook.config import HandbookConfig


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is untyped
    def __init__(self) -> None:
        self.serving = False
        self.library: Library | None = None  # the plans this build is made from
        self.resources = ResourceLibrary()  # the resources beside them (resources/), if any
        self.freshness = generated_files.Freshness()  # when a plan, and a resource, last changed
        self.chromium: Path | None = None  # prints this build's PDF downloads, if it makes them
        self.nav: Navigation | None = None  # this build's navigation, for the page writers
        self.env: Any = None  # this build's theme templates, for stamped pages
        self.builder: PageBuilder | None = None  # this build's pages, and the PDFs printed from them
        self.made: list[File] = []  # this build's generated files, from on_pre_build to on_files
        self.generated: dict[str, PageContent] = {}  # the generated pages, by source path
        self.stamping: dict[str, Any] = {}  # the context of a page to be made from a stamp

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)  # before mkdocs-macros reads the plans, and before `site/` is cleaned
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        page_writers.forget_stamps()
        self.library, self.resources = plans.load(config, self.serving)
        self.freshness.newest_plan = plans.newest_change(plans.plans_dir(config))
        self.freshness.newest_resource = plans.newest_change(plans.resources_dir(config))
        self.chromium = pdfs.printer(self.config.pdfs, self.config.chromium, self.serving)
        offline.self_contained(config, self.config)
        return config

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """`resources/` is watched as `plans/` is (mkdocs.yml's `watch`, which cannot name a
        folder a project may not have): a saved resource rebuilds its pages."""
        folder = plans.resources_dir(config)
        if folder.is_dir():
            server.watch(str(folder))
        return server

    def publishes(self, config: MkDocsConfig) -> bool:
        """Whether this build is a site to publish: not `serve` (what it would write at each
        save would slow editing) nor the offline copy (a page opened from `file://` cannot
        fetch files). Only such a build has files loaded piece by piece: the catalogue's views
        (`handbook.browser.catalogue_views`; the others load every activity) and the search index."""
        return not self.serving and not offline.offline_copy(config)

    def searches_pagefind(self, config: MkDocsConfig) -> bool:
        """Whether this build answers site search from a Pagefind index (`handbook.outputs.site_search`):
        a build to publish whose `site_search` is `pagefind`; the others keep Material's."""
        return self.publishes(config) and self.config.site_search == "pagefind" and search.has_search(config)

    @event_priority(100)  # before `site/` is cleaned: a build stopped here leaves the last site as it was
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        address = urlsplit(config.site_url or "/")
        origin = f"{address.scheme}://{address.netloc}" if address.scheme and address.netloc else ""
        site_urls = Urls(config.use_directory_urls, base=address.path or "/", origin=origin)
        assert self.library is not None, "on_config loads the plans first"
        self.builder = PageBuilder(
            self.library,
            site_urls,
            pdfs=self.chromium is not None,
            views=self.publishes(config),
            resources=self.resources,
        )
        self.generated.clear()
        zip_file = offline.offline_download(config, self.config)
        self.made = generated_files.generated_files(
            self.builder, config, self.freshness, self.generated, zip_file
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.serving:  # only `serve --dirty` asks pages whether they changed
            generated_files.watch_plan_data_pages(files, self.freshness)
        for made in self.made:
            files.append(made)
        self.made = []
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        content = self.generated.get(page.file.src_uri)
        pages.describe(page, config, content)
        return markdown if content is None else ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's table of contents, and its search text into the index. Its HTML
        is made later, when the page is written (`on_page_context`)."""
        content = self.generated.get(page.file.src_uri)
        if content is None:
            return html
        pages.set_toc(page, content)
        if content.search is Search.ENTRIES:
            search.index_entries(page, content.entries(), config)
        in_nav = self.nav is not None and page in self.nav.pages
        if page_writers.stampable(page, in_nav):
            page.meta["template"] = page_writers.STAMPED_TEMPLATE
        return ""

    @event_priority(-100)  # last: every other plugin has had the environment
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read; before MkDocs writes them, stop for mistakes in hand-written
        pages' macros, then share the writing among the cores (`page_writers`). Not under
        `serve`, which rewrites a few pages at a time."""
        macro_problems.report(config, self.serving)
        self.env = env
        pagefind = self.searches_pagefind(config)
        if pagefind:
            internals.check_search_worker(env)
        env.globals["handbook_search_worker"] = site_search.WORKER if pagefind else ""
        env.filters["handbook_search_worker"] = lambda config_json, worker: Markup(
            internals.worker_config(str(config_json), worker)
        )
        if not self.serving and self.nav is not None:
            in_nav = {page.file.src_uri for page in self.nav.pages}

            def shareable(page: Page) -> bool:
                content = self.generated.get(page.file.src_uri)
                return (
                    content is not None and content.search is Search.NONE and page.file.src_uri not in in_nav
                )

            processes = page_writers.cores(self.config.workers)
            page_writers.start(processes, config, files, self.nav, env, shareable)
        return env

    @event_priority(100)  # the page's HTML must be in place before any plugin reads it
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        content = self.generated.get(page.file.src_uri)
        if content is not None:
            pages.place(page, content)
            if page.meta.get("template") == page_writers.STAMPED_TEMPLATE:
                self.stamping[page.file.src_uri] = context
        return context

    @event_priority(100)  # the whole page, before any plugin reads it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A stamped page's HTML, from its body as the other plugins left it: made here, not in
        `on_page_context`, so that they go through the body and not the whole page (Material's
        search plugin runs a pattern over it)."""
        context = self.stamping.pop(page.file.src_uri, None)
        if context is not None and self.env is not None:
            output = page_writers.stamped(page, context, self.env, page.content or "")
        if page.file.src_uri in self.generated:
            page.content = ""  # written: let it go
        return output

    @event_priority(100)  # before anything reads the written site (the offline copy, search)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Every page written (`page_writers`), the site search indexed (`handbook.outputs.site_search`),
        then the PDF downloads, printed from the goal pages (`handbook.outputs.pdf`)."""
        page_writers.finish()
        if self.searches_pagefind(config):
            search.index_with_pagefind(config)
        if self.chromium is not None and self.builder is not None:
            pdfs.print_pdfs(self.builder, self.chromium, config, page_writers.cores(self.config.workers))

    def on_build_error(self, *, error: Exception) -> None:
        page_writers.abandon()
