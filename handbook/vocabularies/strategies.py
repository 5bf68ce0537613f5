"""The six leadership strategies, from `data/strategies.yml` (see `vocabulary`)."""

from __future__ import annotations

from handbook.vocabularies.vocabulary import DATA, Term, Vocabulary, load_vocabulary


class Strategy(Term):
    """One of the six leadership strategies a goal of a state or district plan uses.

    A type of its own, not a bare `Term`, so that the type checker tells a strategy
    from a type of involvement (both have a slug, a name and a description)."""


StrategyCatalogue = Vocabulary[Strategy]
DATA_FILE = DATA / "strategies.yml"


def load_strategies() -> StrategyCatalogue:
    return load_vocabulary(DATA_FILE, Strategy)


STRATEGIES = load_strategies()
