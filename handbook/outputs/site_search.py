"""Site search on a fragmented index: what a reader downloads stays small at any scale, and a
search ranks every page that matches, keeps phrases, and can say what was meant.

Material's search loads one index for the whole site before the first result (5.6 MB at
1,000 plans, so about 50 MB at 10,000). The published site keeps Material's search box,
keyboard and result list, and answers its queries from a Pagefind index instead, which a
search loads in fragments: `search-worker.js` speaks the protocol of Material's search
worker and asks Pagefind. The documents are exactly the entries Material would have
searched (the same titles, texts and anchors, made by the page families); Material's index is
then left with its configuration only. `make serve` and the offline copy keep Material's own
search: Pagefind cannot load fragments from `file://`, and indexing on every save would slow
editing.

How a document is indexed, and why (figures in bench/README.md, 10,000 plans):
- **Each word once, and each pair of words side by side once.** Pagefind keeps every place a
  word stands: a word every plan says ten times filled index chunks of 150 KB, so two common
  words were over the 300 KB a first search may receive. A document is indexed with each of
  its words once, and with each pair of words it says side by side (`pair_key`: "reading
  logs" is the word `qqreadingqqlogs`): a quoted phrase asks for its pairs, and a query's
  words that stand together in a page find that page's pairs, which rank it first. A longer
  phrase is checked word by word in the page's own text when it is shown.
- **Ten documents to a record, in slots.** Pagefind's metadata lists every record (71 KB for
  10,000 records, 7 KB for 1,000), and a first search loads it whole; so documents are indexed
  ten to a record (`per_record`). Each has a slot of the same length in its record (padded
  with `PAD`, which Pagefind counts as a place but does not index): its title's words first
  (`TITLE_SLOTS` places), then its headings' words, then the rest. A matched place then says
  which document of the record holds it and whether in its title or a heading, from the
  record's two lengths in `search/records.json`, without loading the record's fragment; and the
  record's number is its place in Pagefind's own order by the `record` sort. So the worker
  scores every document that matches, across the whole library.
- **Words for "Did you mean".** `search/words/<length>.json` lists the index's words of each
  length with the number of documents that say them, most said first: a word that finds
  nothing is compared with the words one letter shorter, as long and one longer. Pagefind
  answers a word no page begins with by the longest word that begins it ("atendance" by
  "at"), so `search/starts/<first two letters>.json` says whether pages say a word at all.

Plain Python (Pagefind's indexer is run as a command), no MkDocs here.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTPUT = "pagefind"
"""Where the index is written, under the site."""

DOCUMENTS = "search/documents"
"""Where each document's file is written, under the site: what a result shows of it."""

RECORDS = "search/records.json"
"""Each record's slot lengths, under the site: which document a matched place belongs to."""

WORDS = "search/words"
"""The index's words by length, under the site, for "Did you mean"."""

STARTS = "search/starts"
"""The index's words by their first two letters, under the site: whether pages say a word."""

WORKER = "javascripts/search-worker.js"
"""The worker that answers Material's search box from the index (in `docs/`)."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip

DOCUMENTS_PER_RECORD = 10
"""Documents indexed together in one Pagefind record (more in a very large site: `per_record`)."""

RECORDS_AT_MOST = 1_000
"""Records in the index at most: beyond 10,000 documents a record holds more of them."""

TITLE_SLOTS = 24
"""Places of a document's title in its slot; words of a longer title count as its headings'."""

PAD = "\N{MIDDLE DOT}"
"""What fills a slot: Pagefind counts it as a place and indexes nothing of it."""

PAIR = "qq"
"""What begins and joins the two words of a pair, so that no word of a query finds a pair by
its beginning (Pagefind finds a word by what begins it)."""

SORT = "record"
"""The Pagefind sort that lists the records in order (`data-pagefind-sort`)."""

SUGGESTED_LENGTHS = range(3, 31)
"""Lengths of the words offered by "Did you mean" (no numbers, no words of one or two letters)."""

PAGEFIND = "HANDBOOK_PAGEFIND"
"""The environment variable naming Pagefind's indexer, where it is not `node_modules/.bin/pagefind`
beside the handbook (`npm ci` puts it there, pinned by package-lock.json)."""

_TAG = re.compile(r"<[^>]+>")
_ACTIVITY = re.compile(r"^goal-(\d+)-activity-(\d+)$")


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


@dataclass(frozen=True)
class Slot:
    """A document as its record holds it: the words of its title, of its headings, and the
    rest (its other words and its pairs), each a word Pagefind indexes, each once."""

    title: tuple[str, ...]
    headings: tuple[str, ...]
    rest: tuple[str, ...]


def plain(text: str) -> str:
    """Material's entry text (HTML) as words."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


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


@functools.lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A word as the worker compares it: lower case, letters and digits only. (Kept for the
    words said most: a library says a few thousand words a million times.)"""
    return "".join(char for char in word.lower() if char.isalnum())


def indexable(word: str) -> str:
    """A word as given to Pagefind: without leading underscores, with which Pagefind's
    indexer marks its own instructions (`___PAGEFIND_ANCHOR___`, weights), so that a plan's
    words cannot add a heading or weigh the other pages of its record (a word's key, which
    Pagefind indexes, has no underscore either way)."""
    return word.lstrip("_")


def pair_key(first: str, second: str) -> str:
    """The word that says two words stand side by side, in this order (from their keys)."""
    return f"{PAIR}{first}{PAIR}{second}"


def _once(texts: Iterable[str], seen: set[str]) -> list[str]:
    """The words of texts not yet seen, each once (as first written), in order."""
    found = []
    for text in texts:
        for word in text.split():
            key = word_key(word)
            if key and key not in seen:  # a word with a key is more than underscores
                seen.add(key)
                found.append(indexable(word))
    return found


_JOINED = re.compile(r"[^\w'\N{RIGHT SINGLE QUOTATION MARK}]+|_+")
"""What parts a compound ("back-to-school", "K-5", "and/or") into words for pairs; an
apostrophe does not ("district's" is one word)."""


def said_words(text: str) -> list[str]:
    """A text's words as the worker reads a query, and as pairs are made: a compound's parts
    are words side by side ("Back-to-school night": back, to, school, night; "K-5": k, 5)."""
    return [key for part in _JOINED.split(text) if (key := word_key(part))]


def _pairs(texts: Iterable[str]) -> list[str]:
    """Each pair of words side by side within one text, once, in order."""
    found: dict[str, None] = {}
    for text in texts:
        for first, second in itertools.pairwise(said_words(text)):
            found.setdefault(pair_key(first, second))
    return list(found)


def _texts(page: SearchPage) -> list[str]:
    return [
        page.title,
        page.text,
        *(part for section in page.sections for part in (section.heading, section.text)),
    ]


def slot(page: SearchPage) -> Slot:
    """What a document is found by: its title's words (the first `TITLE_SLOTS`), its
    headings' words not in its title, then its other words, then its pairs."""
    seen: set[str] = set()
    title = _once([page.title], seen)
    headings = title[TITLE_SLOTS:] + _once((section.heading for section in page.sections), seen)
    rest = _once([page.text, *(section.text for section in page.sections)], seen)
    return Slot(tuple(title[:TITLE_SLOTS]), tuple(headings), (*rest, *_pairs(_texts(page))))


def per_record(documents: int) -> int:
    """Documents indexed together in one Pagefind record."""
    return max(DOCUMENTS_PER_RECORD, math.ceil(documents / RECORDS_AT_MOST))


def record_file(number: int, slots: Sequence[Slot]) -> tuple[str, tuple[int, int]]:
    """Documents as the small HTML file Pagefind indexes as one record, and the record's two
    lengths: of its slots' headings and of their rest. Each document fills a slot as long as
    the record's longest: `TITLE_SLOTS` places of title, then headings, then the rest."""
    headings = max((len(each.headings) for each in slots), default=0)
    rest = max((len(each.rest) for each in slots), default=0)

    def filled(words: Sequence[str], length: int) -> list[str]:
        return [*words, *[PAD] * (length - len(words))]

    said = [
        word
        for each in slots
        for word in (
            *filled(each.title, TITLE_SLOTS),
            *filled(each.headings, headings),
            *filled(each.rest, rest),
        )
    ]
    # No <title> and no heading: Pagefind would index the one as every record's title and
    # weigh the other; the worker weighs places by their slot instead.
    body = html.escape(" ".join(said))
    return (
        '<!doctype html><html lang="en"><body>'
        f'<main data-pagefind-body data-pagefind-sort="{SORT}:{number:07d}"><p>{body}</p></main>'
        "</body></html>",
        (headings, rest),
    )


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


_PARTS = re.compile(r"[^\w]+|_+")


@functools.lru_cache(maxsize=1 << 16)
def _keys(word: str) -> frozenset[str]:
    """A word's key and, as Pagefind indexes a compound ("family-night", "<b>night</b>"), its
    parts' keys."""
    return frozenset({word_key(word), *(word_key(part) for part in _PARTS.split(word))})


def said(found: Sequence[SearchPage]) -> Counter[str]:
    """Each word of letters the documents say, with the number of documents that say it."""
    counted: Counter[str] = Counter()
    for page in found:
        words = {word for text in _texts(page) for word in text.split()}
        counted.update({key for word in words for key in _keys(word) if key.isalpha()})
    return counted


def vocabulary(said: Counter[str]) -> dict[int, list[tuple[str, int]]]:
    """The index's words of each length offered by "Did you mean" (from `said`), each with the
    number of documents that say it, most said first (then alphabetically, so a build is
    reproducible)."""
    by_length: dict[int, list[tuple[str, int]]] = {}
    for key, count in sorted(said.items(), key=lambda item: (-item[1], item[0])):
        if len(key) in SUGGESTED_LENGTHS:
            by_length.setdefault(len(key), []).append((key, count))
    return by_length


def bare(word: str) -> str:
    """A word without its accents, as Pagefind compares words by default."""
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def start_name(word: str) -> str:
    """The file of words that begin as this word does: its first two letters without accents,
    as hexadecimal code points (`at` -> `61-74`), so any letter makes a plain file name."""
    return "-".join(f"{ord(char):x}" for char in bare(word.lower())[:2])


def beginnings(said: Counter[str]) -> dict[str, list[str]]:
    """The index's words by their first two letters (`start_name`), without accents, sorted.
    Pagefind answers a word no page begins with by the longest word that begins it
    ("atendance" by "at"): the worker asks here whether pages say a word at all."""
    starts: dict[str, set[str]] = {}
    for key in said:
        plain = bare(key)
        if len(plain) >= 2:
            starts.setdefault(start_name(plain), set()).add(plain)
    return {name: sorted(words) for name, words in sorted(starts.items())}


def _records(found: list[SearchPage]) -> Iterator[list[SearchPage]]:
    size = per_record(len(found))
    for start in range(0, len(found), size):
        yield found[start : start + size]


def pagefind_command() -> str:
    """Pagefind's indexer: `HANDBOOK_PAGEFIND`, or the one `npm ci` installed beside the handbook."""
    named = os.environ.get(PAGEFIND)
    if named:
        return named
    beside = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "pagefind"
    if beside.exists():
        return str(beside)
    found = shutil.which("pagefind")
    if found is None:
        raise RuntimeError(
            "Site search needs Pagefind's indexer: run `npm ci` in the handbook's folder "
            f"(package-lock.json pins it), or name it in {PAGEFIND}."
        )
    return found


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_index(docs: list[dict[str, Any]], site_dir: Path, language: str = "en") -> int:
    """Index the entries of Material's search index with Pagefind, into `<site>/pagefind/`,
    and write each document's file, the records' lengths and the words for "Did you mean"
    into `<site>/search/`; the number of entries."""
    found = pages(docs)
    documents = site_dir / DOCUMENTS
    documents.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(found):
        (documents / f"{number}.json").write_text(document(page), encoding="utf-8")
    lengths = []
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as folder:
        for number, record in enumerate(_records(found)):
            text, record_lengths = record_file(number, [slot(page) for page in record])
            Path(folder, f"{number:07d}.html").write_text(text, encoding="utf-8")
            lengths.append(record_lengths)
        output = site_dir / OUTPUT
        shutil.rmtree(output, ignore_errors=True)
        subprocess.run(
            [
                pagefind_command(), "--site", folder, "--output-path", str(output.absolute()),
                "--force-language", language, "--silent",
            ],
            check=True,
        )  # fmt: skip
    (site_dir / RECORDS).write_text(
        _compact(
            {
                "documents": len(found),
                "per_record": per_record(len(found)),
                "title": TITLE_SLOTS,
                "records": lengths,
            }
        ),
        encoding="utf-8",
    )
    suggested = site_dir / WORDS
    suggested.mkdir(parents=True, exist_ok=True)
    counted = said(found)
    for length, listed in vocabulary(counted).items():
        (suggested / f"{length}.json").write_text(_compact(listed), encoding="utf-8")
    started = site_dir / STARTS
    started.mkdir(parents=True, exist_ok=True)
    for name, words in beginnings(counted).items():
        (started / f"{name}.json").write_text(_compact(words), encoding="utf-8")
    for unused in UNUSED:  # Pagefind's own search interfaces: the site keeps Material's
        (output / unused).unlink(missing_ok=True)
    return len(docs)
