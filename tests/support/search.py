"""What a built site's search finds: the records of its Pagefind index, read back.

Pagefind keeps each record as a gzip-compressed JSON fragment (`pagefind/fragment/`,
behind the signature `pagefind_dcd`) holding the record's content and the meta the search
worker shows; reading them is how a test sees what visitors' searches can find, with the
pinned Pagefind version.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def published_records(site_root: Path) -> list[dict[str, Any]]:
    """Every place the site's search leads to: each page (`location`, `title` as HTML, as the
    results show it, `content`: every word searched on it) and each of its sections
    (`location` with the anchor, `title` as plain text, as Pagefind gives it)."""
    records = []
    for fragment in sorted((site_root / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(SIGNATURE), fragment
        data = json.loads(raw[len(SIGNATURE) :])
        page = data["meta"]["location"]
        records.append({"location": page, "title": data["meta"]["title"], "content": data["content"]})
        records += [
            {"location": f"{page}#{anchor['id']}", "title": anchor["text"], "content": ""}
            for anchor in data["anchors"]
            if anchor["element"] == "h2"
        ]
    return sorted(records, key=lambda record: record["location"])
