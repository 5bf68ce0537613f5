"""What a built site's search finds: its documents and the records of its Pagefind index,
read back.

Each searched page is a document (`search/documents/<n>.json`: what a result shows of it),
indexed with Pagefind in records of several documents, each under a heading `d<n>`, with each
of its words once. Pagefind keeps a record as a gzip-compressed JSON fragment
(`pagefind/fragment/`, behind the signature `pagefind_dcd`); reading them is how a test sees
what visitors' searches can find, with the pinned Pagefind version.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def fragments(site_root: Path) -> list[dict[str, Any]]:
    """The records of the site's Pagefind index, as Pagefind wrote them."""
    found = []
    for fragment in sorted((site_root / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(SIGNATURE), fragment
        found.append(json.loads(raw[len(SIGNATURE) :]))
    return found


def indexed_words(site_root: Path) -> dict[int, str]:
    """Each document's words as the index holds them (its heading and its words), by number."""
    words: dict[int, str] = {}
    for record in fragments(site_root):
        said = record["content"].split()
        anchors = sorted(record["anchors"], key=lambda anchor: anchor["location"])
        ends = [anchor["location"] for anchor in anchors[1:]] + [len(said)]
        for anchor, end in zip(anchors, ends, strict=True):
            words[int(anchor["id"].removeprefix("d"))] = " ".join(said[anchor["location"] : end])
    return words


def published_records(site_root: Path) -> list[dict[str, Any]]:
    """Every place the site's search leads to: each page (`location`, `title`, `content`:
    every word searched on it) and each of its sections (`location` with the anchor, `title`
    as results show it, `content`: its text), as plain text (the worker escapes it)."""
    records = []
    for path in (site_root / "search" / "documents").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        page = document["location"]
        words = [
            document["text"],
            *(part for _, title, text in document["sections"] for part in (title, text)),
        ]
        records.append({"location": page, "title": document["title"], "content": " ".join(words)})
        records += [
            {"location": f"{page}#{anchor}", "title": title, "content": text}
            for anchor, title, text in document["sections"]
        ]
    return sorted(records, key=lambda record: record["location"])
