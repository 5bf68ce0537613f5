"""Site search on a fragmented index: what a reader downloads stays small at any scale.

Material's search loads one index for the whole site before the first result (5.6 MB at
1,000 plans, so about 50 MB at 10,000). The published site keeps Material's search box,
keyboard and result list, and answers its queries from a Pagefind index instead, which a
search loads in fragments: `search-worker.js` speaks the protocol of Material's search
worker and asks Pagefind. The documents are exactly the entries Material would have
searched (the same titles, texts and anchors, made by the page families); Material's index is
then left with its configuration only. What is found is what Pagefind finds: pages that hold
every word of the query, a word found by its stem and by what begins with it, accents or not.
`make serve` and the offline copy keep Material's own search: Pagefind cannot load fragments
from `file://`, and indexing on every save would slow editing.

Two choices keep a first search small and quick with 10,000 plans, where Pagefind's own way
(a record per page, every word where it stands) sent 761 KB and took 2 s for two words every
plan holds:
- Pagefind keeps where each word stands, so a word every plan says ten times filled index
  chunks of 150 KB. Each document is indexed with each of its words once (`words`); what a
  result shows is read from the document's own file (`search/documents/<n>.json`), so quoting and
  the matching sections do not need the places.
- Pagefind 1.5 scores each matching record against every matching word of every record, so a
  search's time grows with the square of the records it matches (1.4 s for 10,000). Documents
  are indexed ten to a record (`per_record`), each under a heading of its own, whose anchor
  says which document a matched word belongs to.

Plain Python (Pagefind's own Python API drives its indexer), no MkDocs here.
"""

from __future__ import annotations

import asyncio
import html
import json
import math
import re
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex

OUTPUT = "pagefind"
"""Where the index is written, under the site."""

DOCUMENTS = "search/documents"
"""Where each document's file is written, under the site: what a result shows of it."""

WORKER = "javascripts/search-worker.js"
"""The worker that answers Material's search box from the index (in `docs/`)."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip

DOCUMENTS_PER_RECORD = 10
"""Documents indexed together in one Pagefind record (more in a very large site: `per_record`)."""

RECORDS_AT_MOST = 1_000
"""Records a search may have to score: beyond 10,000 documents a record holds more of them."""

ANCHOR = "d{number}"
"""The id of a document's heading in its record (`search-worker.js` reads it back)."""

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Section:
    """A place on a page that search leads to: an activity, a goal, a heading."""

    anchor: str
    heading: str
    """Plain text, as the page shows it."""
    text: str
    """Plain text."""

    @property
    def title(self) -> str:
        """What a result calls the section: an activity says where it stands in its plan, as
        results list the plan above it."""
        where = _ACTIVITY.match(self.anchor)
        return f"Goal {where[1]}, activity {where[2]}: {self.heading}" if where else self.heading


@dataclass(frozen=True)
class SearchPage:
    """A searched page and its sections, as Material's index lists them (plain text)."""

    location: str
    """Relative to the site's root, as Material writes it: `plans/x/`."""
    title: str
    text: str
    sections: tuple[Section, ...]


def plain(text: str) -> str:
    """Material's entry text (HTML) as words."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


_ACTIVITY = re.compile(r"^goal-(\d+)-activity-(\d+)$")


def pages(docs: list[dict[str, Any]]) -> list[SearchPage]:
    """Material's index entries as pages, each with its sections in order."""
    heads: dict[str, dict[str, Any]] = {}  # each page's own entry, pages in order of first mention
    sections: dict[str, list[Section]] = {}
    for doc in docs:
        location, _, anchor = doc["location"].partition("#")
        heads.setdefault(location, {})
        if anchor:
            sections.setdefault(location, []).append(Section(anchor, plain(doc["title"]), plain(doc["text"])))
        else:
            heads[location] = doc
    return [
        SearchPage(
            location,
            plain(head.get("title", "")),
            plain(head.get("text", "")),
            tuple(sections.get(location, ())),
        )
        for location, head in heads.items()
    ]


def word_key(word: str) -> str:
    """A word as Pagefind indexes it: lower case, letters and digits only."""
    return "".join(char for char in word.lower() if char.isalnum())


def indexable(word: str) -> str:
    """A word as given to Pagefind: without leading underscores, with which Pagefind's
    indexer marks its own instructions (`___PAGEFIND_ANCHOR___`, weights), so that a plan's
    words cannot add a heading or weigh the other pages of its record (a word's key, which
    Pagefind indexes, has no underscore either way)."""
    return word.lstrip("_")


def words(page: SearchPage) -> list[str]:
    """The words a page is found by, each once (as first written) and in order; its title's
    words are left out (its heading holds them). A word's places are not kept, so the index
    holds what pages say, not how often: ranking counts a page's words, not their repeats."""
    seen = {word_key(word) for word in page.title.split()}
    found = []
    for text in (page.text, *(part for section in page.sections for part in (section.heading, section.text))):
        for word in text.split():
            key = word_key(word)
            if key and key not in seen:  # a word with a key is more than underscores
                seen.add(key)
                found.append(indexable(word))
    return found


def heading(page: SearchPage) -> str:
    """A page's title as its heading in its record; a dash for none (Pagefind keeps only
    headings that say something, and a dash is no word)."""
    said = " ".join(filter(None, map(indexable, page.title.split())))
    return said or "\N{EM DASH}"


def per_record(documents: int) -> int:
    """Documents indexed together in one Pagefind record."""
    return max(DOCUMENTS_PER_RECORD, math.ceil(documents / RECORDS_AT_MOST))


def record_file(documents: Sequence[tuple[int, SearchPage]]) -> str:
    """Documents as the small HTML file Pagefind indexes as one record: each under a heading
    with its number as anchor (the worker credits each matched word to the heading before
    it), the heading its title (weighted as a heading is), then its words."""
    body = "".join(
        f'<h2 id="{ANCHOR.format(number=number)}">{html.escape(heading(page))}</h2>'
        f"<p>{html.escape(' '.join(words(page)))}</p>"
        for number, page in documents
    )
    # No <title>: Pagefind would index it as every record's title.
    return f'<!doctype html><html lang="en"><body><main data-pagefind-body>{body}</main></body></html>'


def document(page: SearchPage) -> str:
    """A document's file: what a result shows of it (plain text, which the worker escapes)."""
    return json.dumps(
        {
            "location": page.location,
            "title": page.title or page.location,
            "text": page.text,
            "sections": [[section.anchor, section.title, section.text] for section in page.sections],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _records(found: list[SearchPage]) -> Iterator[list[tuple[int, SearchPage]]]:
    size = per_record(len(found))
    numbered = list(enumerate(found))
    for start in range(0, len(numbered), size):
        yield numbered[start : start + size]


async def _write(folder: Path, output: Path, language: str) -> None:
    # Leaving the context writes the index, to `output_path` (Pagefind's default, "pagefind",
    # would be a folder in the current directory).
    async with PagefindIndex(
        config={"force_language": language, "output_path": str(output.absolute())}
    ) as index:
        await index.add_directory(str(folder))


def write_index(docs: list[dict[str, Any]], site_dir: Path, language: str = "en") -> int:
    """Index the entries of Material's search index with Pagefind, into `<site>/pagefind/`,
    and write each document's file into `<site>/search/documents/`; the number of entries."""
    found = pages(docs)
    documents = site_dir / DOCUMENTS
    documents.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(found):
        (documents / f"{number}.json").write_text(document(page), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as folder:
        # One file per record, indexed in one request (Pagefind's service answers a request at
        # most every 0.1 s, so record by record 1,000 records would take minutes).
        for number, record in enumerate(_records(found)):
            Path(folder, f"{number:06d}.html").write_text(record_file(record), encoding="utf-8")
        # In a thread of its own: the caller may already run an event loop (a browser test
        # that builds a site), and Pagefind's API is asynchronous.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _write(Path(folder), site_dir / OUTPUT, language)).result()
    for unused in UNUSED:  # Pagefind's own search interfaces: the site keeps Material's
        (site_dir / OUTPUT / unused).unlink(missing_ok=True)
    return len(docs)
