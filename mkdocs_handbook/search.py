"""Site search: plan pages' entries into Material's search index, and, for a site to
publish, that index answered from Pagefind instead (`handbook.outputs.site_search`)."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook.outputs import site_search
from handbook.pages import SearchEntry
from mkdocs_handbook import internals

log = logging.getLogger("mkdocs.plugins.handbook")


def has_search(config: MkDocsConfig) -> bool:
    return config.plugins.get(internals.SEARCH_PLUGIN) is not None


def index_entries(page: Page, entries: list[SearchEntry], config: MkDocsConfig) -> None:
    """Index a page by its search entries (`PageContent.search_entries`), not its HTML.

    Material's index is a list of entries (address, title, text as HTML); the page itself
    is excluded from it (its meta says so), so it is not parsed, and its words arrive
    escaped, as words.
    """
    index = internals.search_entries(config)
    if index is None:  # no site search in this build
        return
    for entry in entries:
        index.append(
            {
                "location": page.url + (f"#{entry.anchor}" if entry.anchor else ""),
                "title": html.escape(entry.title, quote=False),
                "text": html.escape(entry.text, quote=False),
            }
        )


def index_with_pagefind(config: MkDocsConfig) -> None:
    """Index what Material's search would index with Pagefind; Material then writes its own
    index with the configuration only. (Run beside the page writers instead, it saved
    nothing measurable at 1,000 plans: they are done by then.)"""
    index = internals.search_entries(config)
    if index is None:
        return
    count = site_search.write_index(list(index), Path(config.site_dir), config.theme.get("language", "en"))
    index.clear()
    log.info(f"Site search: {count} entries indexed with Pagefind")
