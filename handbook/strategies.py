"""The six leadership strategies, from `data/strategies.yml` (see `vocabulary`)."""

from __future__ import annotations

from handbook.vocabulary import DATA, Term, Vocabulary, load_vocabulary

Strategy = Term
StrategyCatalogue = Vocabulary
DATA_FILE = DATA / "strategies.yml"


def load_strategies() -> Vocabulary:
    return load_vocabulary(DATA_FILE)


STRATEGIES = load_strategies()
