"""One owner per published address: two sources for one path are a problem, never a silent loss.

A static site engine writes its files one after another, so two sources for one address
(a plan named `page-2` and page 2 of the list of plans, a hand-written
`docs/catalogue.md` and the generated catalogue, a file in `docs/` where a download is
generated) end with one of them lost without a word, and the survivor's title may even
stand in search for the other. The adapter hands every address it publishes here, with
where each comes from, and stops the build with one line per address that has more than
one source. The addresses are the engine's own (`catalogue/index.html`), so that two
source names for one address (`catalogue.md`, `catalogue/index.md`) meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

WRITTEN_AFTER = ("pagefind/", "search/")
WRITTEN_AFTER_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
"""What the build writes after the pages: the site search's index and documents (Pagefind's,
Material's), the sitemap and the 404 page. A hand-written file there would be mixed into
them or replaced."""


@dataclass(frozen=True)
class Published:
    """A file the site publishes at `address`, and what it is made from, as a person would
    look for it: a file of the repository (`docs/x.md`, `plans/x.md`) or a generated page."""

    address: str
    source: str
    hand_written: bool = False
    """From a file someone wrote in `docs/`: the one to rename, when it meets a generated one."""


def clashes(published: list[Published]) -> Iterator[str]:
    """One line for each address with more than one source, naming them and what to do, and
    for each hand-written file where the build writes later."""
    owners: dict[str, list[Published]] = {}
    for item in published:
        owners.setdefault(item.address, []).append(item)
    for address, items in sorted(owners.items()):
        if len(items) < 2:
            continue
        items.sort(key=lambda item: not item.hand_written)
        names = " and ".join(dict.fromkeys(item.source for item in items))
        written = [item.source for item in items if item.hand_written]
        advice = f"rename or remove {written[0]}" if written else "rename one of them"
        yield f"{address}: published from both {names}, and only one can be: {advice}"
    for item in published:
        if item.hand_written and (
            item.address.startswith(WRITTEN_AFTER) or item.address in WRITTEN_AFTER_FILES
        ):
            yield (
                f"{item.address}: {item.source} is where the build writes a file of its own (the site "
                "search's, the sitemap, the 404 page) after the pages, which would replace it: move it elsewhere"
            )
