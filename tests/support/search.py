"""What a built site's search finds: its documents and the records of its Pagefind index,
read back.

Each searched page is a document (`search/documents/<n>.json`: what a result shows of it),
indexed with Pagefind in records of several documents, each in a slot of its record (its
title's words, its headings', then the rest and its pairs; `search/records.json` gives the
lengths), each word once. Pagefind keeps a record as a gzip-compressed JSON fragment
(`pagefind/fragment/`, behind the signature `pagefind_dcd`); reading them is how a test sees
what visitors' searches can find, with the pinned Pagefind version.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from handbook.outputs.site_search import PAD

SIGNATURE = b"pagefind_dcd"


def fragments(site_root: Path) -> list[dict[str, Any]]:
    """The records of the site's Pagefind index, as Pagefind wrote them."""
    found = []
    for fragment in sorted((site_root / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(SIGNATURE), fragment
        found.append(json.loads(raw[len(SIGNATURE) :]))
    return found


def indexed_slots(site_root: Path) -> dict[int, tuple[list[str], list[str], list[str]]]:
    """Each document's words as the index holds them, by number: its title's, its headings'
    and the rest (its other words, then its pairs), padding left out."""
    layout = json.loads((site_root / "search" / "records.json").read_text(encoding="utf-8"))
    slots: dict[int, tuple[list[str], list[str], list[str]]] = {}
    for record in fragments(site_root):
        number = int(Path(record["url"]).stem)  # records are written as <number>.html
        headings, rest = layout["records"][number]
        title = layout["title"]
        length = title + headings + rest
        said = record["content"].rstrip(".").split(" ")  # Pagefind ends a paragraph with a full stop
        for first in range(0, len(said), length):
            words = [word if word != PAD else "" for word in said[first : first + length]]
            parts = (words[:title], words[title : title + headings], words[title + headings :])
            slots[number * layout["per_record"] + first // length] = tuple(  # type: ignore[assignment]
                [word for word in part if word] for part in parts
            )
    return slots


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
