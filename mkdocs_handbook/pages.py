"""Each generated page as MkDocs sees it: its title and meta, its table of contents, and
its finished HTML, placed when the page is written."""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from handbook import urls
from handbook.pages import PageContent, Search, TocEntry
from handbook.urls import Urls

RESOURCES = "resources"
"""The folder of resource files, as a page's `source` names it (`resources/<slug>.md`)."""

_ID = re.compile(r'\sid="([^"]+)"')


def suggest_change(page: Page, config: MkDocsConfig, plan: str | None) -> str | None:
    """Where "Propose changes to this plan" (or "Propose a plan") leads: the plan form
    (`/contribute/`), filled with the plan a plan's pages are made from; not straight into
    the code host's editor."""
    if page.file.src_uri == urls.CONTRIBUTE:
        return None
    link = Urls(config.use_directory_urls).link(page.file.src_uri, urls.CONTRIBUTE)
    return link + (f"?plan={plan}" if plan else "")


EDIT_LABEL = "handbook_edit_label"
"""A page's meta naming its edit link in words, where it is not the plan form's
(`overrides/partials/actions.html`); pages with one label share a stamp (`page_writers`)."""


def edit_in_repository(config: MkDocsConfig, source: str) -> str | None:
    """A file of the repository (`resources/<slug>.md`) in the code host's editor, on the
    branch `edit_uri` names (`edit/main/docs/`), as macros.py's `repository` gives it."""
    if not config.repo_url:
        return None
    branch = [*str(config.edit_uri or "edit/main/").strip("/").split("/"), "main"][1]
    return f"{config.repo_url.rstrip('/')}/edit/{branch}/{source}"


def describe(page: Page, config: MkDocsConfig, content: PageContent | None) -> None:
    """A page's edit link; and a generated page's title, search policy and layout. A resource's
    page opens its file in the code host's editor (there is no form for resources)."""
    source = content.source if content else None
    if source and source.startswith(f"{RESOURCES}/"):
        page.edit_url = edit_in_repository(config, source)
        page.meta[EDIT_LABEL] = "Propose changes to this resource"
    else:
        plan = posixpath.splitext(posixpath.basename(source))[0] if source else None
        page.edit_url = suggest_change(page, config, plan)
    if content is None:
        return
    # Titles reach Material's templates unescaped; the plan's words must stay text.
    page.meta["title"] = html.escape(content.title, quote=False)
    if content.search is not Search.PAGE:
        page.meta["search"] = {"exclude": True}  # not searched, or searched by its entries
    if content.wide:
        page.meta["hide"] = ["toc"]  # Material: no column for a table of contents


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


def set_toc(page: Page, content: PageContent) -> None:
    page.toc = get_toc(_toc_tokens(content.toc))


def place(page: Page, content: PageContent) -> None:
    """The page's HTML, made now that it is written: MkDocs reads every page before it writes
    any, and at state scale their HTML would otherwise sit in memory together."""
    body = str(content.render())
    page.content = body
    page.present_anchor_ids = set(_ID.findall(body))
