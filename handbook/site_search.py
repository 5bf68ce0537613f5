"""Site search on a fragmented index: what a reader downloads stays small at any scale.

Material's search loads one index for the whole site before the first result (5.6 MB at
1,000 plans, so about 50 MB at 10,000). The published site keeps Material's search box,
keyboard and result list, and answers its queries from a Pagefind index instead, which a
search loads in fragments of a few kilobytes: `search-worker.js` speaks the protocol of
Material's search worker and asks Pagefind. The records are exactly the entries Material
would have searched (the same titles, texts and anchors, made by the page families), so
what is found does not change with the engine; Material's index is then left with its
configuration only. `make serve` and the offline copy keep Material's own search: Pagefind
cannot load fragments from `file://`, and indexing on every save would slow editing.

Plain Python (Pagefind's own Python API drives its indexer), no MkDocs here.
"""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex

OUTPUT = "pagefind"
"""Where the index is written, under the site."""

WORKER = "javascripts/search-worker.js"
"""The worker that answers Material's search box from the index (in `docs/`)."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Section:
    """A place on a page that search leads to: an activity, a goal, a heading."""

    anchor: str
    title: str
    """HTML, as Material's index holds it (plan words escaped)."""
    text: str
    """Plain text: what is searched and quoted."""


@dataclass(frozen=True)
class SearchPage:
    """A searched page and its sections, as Material's index lists them."""

    location: str
    """Relative to the site's root, as Material writes it: `plans/x/`."""
    title: str
    text: str
    sections: tuple[Section, ...]


def plain(text: str) -> str:
    """Material's entry text (HTML) as words."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


_ACTIVITY = re.compile(r"^goal-(\d+)-activity-(\d+)$")


def _titled(anchor: str, title: str) -> str:
    """An activity's title says where it stands in its plan: results list the plan above it."""
    where = _ACTIVITY.match(anchor)
    return f"Goal {where[1]}, activity {where[2]}: {title}" if where else title


def pages(docs: list[dict[str, Any]]) -> list[SearchPage]:
    """Material's index entries as pages, each with its sections in order."""
    heads: dict[str, dict[str, Any]] = {}  # each page's own entry, pages in order of first mention
    sections: dict[str, list[Section]] = {}
    for doc in docs:
        location, _, anchor = doc["location"].partition("#")
        heads.setdefault(location, {})
        if anchor:
            sections.setdefault(location, []).append(
                Section(anchor, _titled(anchor, doc["title"]), plain(doc["text"]))
            )
        else:
            heads[location] = doc
    return [
        SearchPage(
            location, head.get("title", ""), plain(head.get("text", "")), tuple(sections.get(location, ()))
        )
        for location, head in heads.items()
    ]


def page_file(page: SearchPage) -> str:
    """A page as the small HTML file Pagefind indexes: its title and words, each section
    under a heading with its anchor (Pagefind's sub-results), and what the results show as
    metadata (attribute values, so that commas and markup stay as written)."""
    meta = "".join(
        f'<span data-pagefind-meta="{name}[data-value]" data-value="{html.escape(value)}"></span>'
        for name, value in (("title", page.title), ("location", page.location))
    )
    body = "".join(
        f'<h2 id="{html.escape(section.anchor)}">{section.title}</h2><p>{html.escape(section.text)}</p>'
        for section in page.sections
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>page</title></head>'
        f"<body>{meta}<main data-pagefind-body><h1>{page.title}</h1><p>{html.escape(page.text)}</p>{body}"
        "</main></body></html>"
    )


async def _write(folder: Path, output: Path, language: str) -> None:
    # Leaving the context writes the index, to `output_path` (Pagefind's default, "pagefind",
    # would be a folder in the current directory).
    async with PagefindIndex(
        config={"force_language": language, "output_path": str(output.absolute())}
    ) as index:
        await index.add_directory(str(folder))


def write_index(docs: list[dict[str, Any]], site_dir: Path, language: str = "en") -> int:
    """Index the entries of Material's search index with Pagefind, into `<site>/pagefind/`;
    the number of entries."""
    found = pages(docs)
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as folder:
        # One file per page, indexed in one request (Pagefind's service answers a request at
        # most every 0.1 s, so entry by entry 13,000 activities would take 20 minutes).
        for number, page in enumerate(found):
            Path(folder, f"{number:06d}.html").write_text(page_file(page), encoding="utf-8")
        # In a thread of its own: the caller may already run an event loop (a browser test
        # that builds a site), and Pagefind's API is asynchronous.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _write(Path(folder), site_dir / OUTPUT, language)).result()
    for unused in UNUSED:  # Pagefind's own search interfaces: the site keeps Material's
        (site_dir / OUTPUT / unused).unlink(missing_ok=True)
    return len(docs)


def worker_config(config_json: str, worker: str) -> str:
    """Material's page configuration (`__config`) with its search worker replaced by ours."""
    return re.sub(
        r'"search":\s*"[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"',
        f'"search": "{worker}"',
        config_json,
    )
