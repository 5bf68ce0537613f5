"""Mistakes in hand-written pages' calls of the plan-data macros (`handbook.pages.page_macros`),
every one of every page, in one build error."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.pages.page_macros import PAGE_MACROS, PageMacros

log = logging.getLogger("mkdocs.plugins.handbook")


def report(config: MkDocsConfig, serving: bool) -> None:
    """Stop the build for them: each page has been read (its macros run) and none written.
    Under `serve` they are logged instead and the pages show nothing where the mistaken
    calls stand, as a plan's problems keep the last valid plans."""
    page_macros = getattr(config.plugins.get("macros"), PAGE_MACROS, None)
    if not isinstance(page_macros, PageMacros) or not page_macros.problems:
        return
    count = len(page_macros.problems)
    said = f"{count} problem{'s' if count != 1 else ''} in macros of hand-written pages"
    if serving:
        log.error(f"{said}:\n{page_macros.report()}")
        return
    raise PluginError(f"{said}; nothing was built:\n{page_macros.report()}")
