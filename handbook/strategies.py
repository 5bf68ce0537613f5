"""The six leadership strategies, read from `data/strategies.yml`, and name matching.

The strategies are data (names, slugs, descriptions), not code, so a publisher can
reword a description without touching Python. Plans name strategies the way people
write them: in any case, and with the two halves of a two-part name in either order
(the handbook's own samples print "Align program and policy" and "Align policy and
program"). `StrategyCatalogue.match` accepts all of those and nothing else, so a
typo is an error with a suggestion instead of a silently new strategy.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parent / "data" / "strategies.yml"


@dataclass(frozen=True)
class Strategy:
    """One leadership strategy as the handbook names and explains it."""

    slug: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def normalize_name(text: str) -> str:
    """Fold case, spacing, '&' and trailing punctuation so that only the words count."""
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[\s,.;:]+", " ", text)
    return text.strip()


def name_variants(name: str) -> set[str]:
    """Every accepted spelling of a strategy name, normalized.

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


@dataclass(frozen=True)
class StrategyCatalogue:
    """The strategies in the handbook's order, with a lookup from every accepted spelling."""

    strategies: tuple[Strategy, ...]
    _by_key: dict[str, Strategy] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Strategy] = {}
        for strategy in self.strategies:
            for spelling in (strategy.name, *strategy.aliases):
                for key in name_variants(spelling):
                    by_key[key] = strategy
        object.__setattr__(self, "_by_key", by_key)

    def __iter__(self) -> Iterator[Strategy]:
        return iter(self.strategies)

    def __len__(self) -> int:
        return len(self.strategies)

    def match(self, name: str) -> Strategy | None:
        """The strategy this name means, or None."""
        return self._by_key.get(normalize_name(name))

    def suggest(self, name: str) -> str | None:
        """The official name closest to a name that did not match, for "did you mean"."""
        close = difflib.get_close_matches(normalize_name(name), list(self._by_key), n=1, cutoff=0.6)
        return self._by_key[close[0]].name if close else None

    def by_slug(self, slug: str) -> Strategy:
        for strategy in self.strategies:
            if strategy.slug == slug:
                return strategy
        raise KeyError(slug)


def load_strategies(path: Path = DATA_FILE) -> StrategyCatalogue:
    """Read the strategy data file; its order is the order pages list strategies in."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return StrategyCatalogue(
        tuple(
            Strategy(
                slug=entry["slug"],
                name=entry["name"],
                description=" ".join(entry["description"].split()),
                aliases=tuple(entry.get("aliases", ())),
            )
            for entry in entries
        )
    )


STRATEGIES = load_strategies()
