"""Engine internals the handbook relies on, fenced: each named here and checked when used.

MkDocs 1.x is unmaintained and Material is in maintenance until May 2027, so these parts
are unlikely to move under the project; but a move off both engines is certain, and a
change in any of them must never be silent. Each use of something an engine does not
document goes through this module, which checks that it is still as the code expects. A
failed check takes the public path with one line saying so where the internal only makes the
build faster (logged as information, so that a strict build, which fails on any warning,
still builds), and stops the build with what changed where the site would otherwise be
wrong (a search that finds nothing):

1. MkDocs' `mkdocs.commands.build._build_page(page, config, doc_files, nav, env, ...)`, which
   `page_writers` replaces to write pages on every core (speed: else one process).
2. Material's search plugin's index, `search_index.entries` (a list of entries: location,
   title, text): plan pages add their entries to it, and the Pagefind index is made from it
   (search: else stop).
3. Material's page configuration, which names its search worker in `base.html` as
   `"search": "assets/javascripts/workers/search.<hash>.min.js"`: rewritten to the handbook's
   worker where the site searches with Pagefind (search: else stop).
4. Material's page template, stamped by `page_writers` (speed): each kind's stamp is checked
   against Material's own rendering of a page of the kind, there.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.handbook")

PAGE_WRITER_PARAMETERS = ("page", "config", "doc_files", "nav", "env")
SEARCH_PLUGIN = "material/search"
SEARCH_WORKER = re.compile(r'"search":\s*"[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
"""How Material's page configuration names its search worker (a hashed file name)."""
SEARCH_WORKER_IN_TEMPLATE = re.compile(r'"search":\s*"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
FALLBACK = "set HANDBOOK_SITE_SEARCH=material to search with Material's own index, or update mkdocs_handbook/internals.py"


def page_writer() -> Callable[..., None] | None:
    """MkDocs' page writer, where it is as `page_writers` expects; else None and one line
    saying so (pages are then written in one process, as MkDocs writes them)."""
    writer = getattr(mkdocs_build, "_build_page", None)
    if writer is None:
        log.info("Slower build: MkDocs has no _build_page any more, so pages are written in one process")
        return None
    try:
        names = tuple(inspect.signature(writer).parameters)
    except (TypeError, ValueError):
        names = ()
    if names[: len(PAGE_WRITER_PARAMETERS)] != PAGE_WRITER_PARAMETERS:
        log.info(
            f"Slower build: MkDocs' _build_page takes ({', '.join(names)}), not "
            f"({', '.join(PAGE_WRITER_PARAMETERS)}, ...), so pages are written in one process"
        )
        return None
    return writer  # type: ignore[no-any-return]


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Material's search index's entries; None where the build has no site search. A search
    plugin whose index is no longer a list of entries stops the build: plan pages would be
    missing from search, or the Pagefind index empty."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None:
        return None
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        raise PluginError(
            "Material's search plugin no longer keeps its index as search_index.entries, a list: "
            f"plan pages cannot be searched; {FALLBACK}"
        )
    return entries


def check_search_worker(env: Any) -> None:
    """Stop the build unless Material's page template names its search worker as
    `worker_config` rewrites it: else the search box would ask Material's worker, whose index
    the handbook empties, and every search would find nothing."""
    source, _, _ = env.loader.get_source(env, "base.html")
    found = len(SEARCH_WORKER_IN_TEMPLATE.findall(source))
    if found != 1:
        raise PluginError(
            f"Material's base.html names its search worker {found} times in the form "
            '"search": "assets/javascripts/workers/search.<hash>.min.js", not once: the search '
            f"box cannot be pointed at the Pagefind index; {FALLBACK}"
        )


def worker_config(config_json: str, worker: str) -> str:
    """Material's page configuration (`__config`) with its search worker replaced by ours;
    a configuration that does not name it once stops the build (see `check_search_worker`)."""
    replaced, count = SEARCH_WORKER.subn(f'"search": "{worker}"', config_json)
    if count != 1:
        raise PluginError(
            f"Material's page configuration names its search worker {count} times, not once: "
            f"the search box cannot be pointed at the Pagefind index; {FALLBACK}"
        )
    return replaced
