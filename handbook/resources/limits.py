"""How much one resource may hold, beyond what any text may (`handbook.plans.limits`).

A resource's files are published as they are, downloaded by visitors and packed into the
offline copy, and they arrive by pull request from anyone; so each file, and all of one
resource's files together, are bounded, and checked before a byte of them is read. Real
handouts and slide decks are far smaller (the sample's PDF is 2 KB); a video belongs on
the web, named by `link:`.
"""

from __future__ import annotations

MB = 1024 * 1024

FILE_BYTES = 10 * MB
"""One file of a resource."""

RESOURCE_BYTES = 25 * MB
"""All the files of one resource together."""

FILES = 20
"""Files one resource lists."""

LANGUAGES = 20
"""Languages one resource is written in."""

LINK_CHARACTERS = 2_000
"""Characters in a resource's web address (browsers and servers refuse much longer ones)."""


def size(bytes_: int) -> str:
    """A file size as people read it: `740 KB`, `10 MB`, `12.5 MB`."""
    if bytes_ < 1024:
        return f"{bytes_:,} bytes"
    if bytes_ < MB:
        return f"{bytes_ / 1024:,.0f} KB"
    return f"{bytes_ / MB:,.1f}".removesuffix(".0") + " MB"
