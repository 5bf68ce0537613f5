"""Named terms from the handbook's data files, and matching plan text to them.

The handbook has two fixed vocabularies: the six leadership strategies and the six
types of involvement. Both are data (names, slugs, descriptions in `data/*.yml`), not
code, so a publisher can reword a description without touching Python. Plans name
terms the way people write them: in any case, and with the two halves of a two-part
name in either order (the handbook's own samples print "Align program and policy"
and "Align policy and program"); types may also be given by their number. `match`
accepts exactly those and nothing else, so a typo is an error with a suggestion
instead of a silently new term.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Term:
    """One strategy or type of involvement as the handbook names and explains it."""

    slug: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    number: int | None = None

    def __str__(self) -> str:
        return self.name


def normalize_name(text: str) -> str:
    """Fold case, spacing, '&' and trailing punctuation so that only the words count."""
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[\s,.;:]+", " ", text)
    return text.strip()


def name_variants(name: str) -> set[str]:
    """Every accepted spelling of a name, normalized.

    A two-part name "V a and b" is also accepted as "V b and a" (the parts share
    the verb: "Align policy and program"), and "V1 a and V2 b" as "V2 b and V1 a"
    (two clauses: "Evaluate outcomes and document progress").
    """
    base = normalize_name(name)
    variants = {base}
    if " and " in base:
        first, second = base.split(" and ", 1)
        variants.add(f"{second} and {first}")
        verb, _, rest = first.partition(" ")
        if rest:
            variants.add(f"{verb} {second} and {rest}")
    return variants


T = TypeVar("T", bound=Term)


@dataclass(frozen=True)
class Vocabulary(Generic[T]):
    """Terms of one kind in the handbook's order, with a lookup from every accepted spelling."""

    terms: tuple[T, ...]
    _by_key: dict[str, T] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, T] = {}
        for term in self.terms:
            for spelling in (term.name, *term.aliases):
                for key in name_variants(spelling):
                    by_key[key] = term
            by_key[normalize_name(term.slug)] = term  # as addresses write it: district-leaders
            if term.number is not None:
                by_key[str(term.number)] = term
        object.__setattr__(self, "_by_key", by_key)

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def match(self, name: str | int) -> T | None:
        """The term this name (or number) means, or None."""
        return self._by_key.get(normalize_name(str(name)))

    def spellings(self) -> dict[str, str]:
        """Every accepted spelling (normalized, as `match` looks it up) and the name it means:
        what the plan form in the browser matches with, so that both sides accept the same."""
        return {key: self._by_key[key].name for key in sorted(self._by_key)}  # the same in every build

    def suggest(self, name: str) -> str | None:
        """The official name closest to a name that did not match, for "did you mean"."""
        close = difflib.get_close_matches(normalize_name(name), list(self._by_key), n=1, cutoff=0.6)
        return self._by_key[close[0]].name if close else None

    def by_slug(self, slug: str) -> T:
        for term in self.terms:
            if term.slug == slug:
                return term
        raise KeyError(slug)

    def names(self) -> str:
        return ", ".join(term.name for term in self.terms)


def load_vocabulary(path: Path, kind: type[T]) -> Vocabulary[T]:
    """Read a data file of terms of one kind; its order is the order pages list them in."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Vocabulary(
        tuple(
            kind(
                slug=entry["slug"],
                name=entry["name"],
                description=" ".join(entry["description"].split()),
                aliases=tuple(entry.get("aliases", ())),
                number=entry.get("number"),
            )
            for entry in entries
        )
    )
