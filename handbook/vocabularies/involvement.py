"""The six types of involvement of school One-Year Action Plans, from `data/involvement_types.yml`.

Plans name a type by name in any case, or by its number (1 to 6), as the handbook's
framework numbers them (see `vocabulary`).
"""

from __future__ import annotations

from handbook.vocabularies.vocabulary import DATA, Term, Vocabulary, load_vocabulary


class InvolvementType(Term):
    """One of the six types of involvement (parenting, communicating, ...) of a school
    activity: a type of its own, so that it cannot be passed where a strategy is meant."""


INVOLVEMENT_TYPES: Vocabulary[InvolvementType] = load_vocabulary(
    DATA / "involvement_types.yml", InvolvementType
)
