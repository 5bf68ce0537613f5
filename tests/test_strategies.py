"""Strategy names as plans write them: any case, two-part names in either order."""

from __future__ import annotations

import pytest

from handbook.vocabularies.audiences import AUDIENCE_GROUPS
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES, load_strategies

SLUGS = [
    "create-awareness",
    "align-program-and-policy",
    "guide-learning-and-program-development",
    "document-progress-and-evaluate-outcomes",
    "share-knowledge",
    "celebrate-milestones",
]


def test_the_six_strategies_come_from_the_data_file_in_the_handbook_order() -> None:
    assert [s.slug for s in load_strategies()] == SLUGS
    assert all(s.description for s in STRATEGIES)


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Create awareness", "create-awareness"),
        ("CREATE AWARENESS", "create-awareness"),
        ("create awareness.", "create-awareness"),
        ("Align program and policy", "align-program-and-policy"),
        ("Align policy and program", "align-program-and-policy"),
        ("align  policy & program", "align-program-and-policy"),
        ("Guide program development and learning", "guide-learning-and-program-development"),
        ("Evaluate outcomes and document progress", "document-progress-and-evaluate-outcomes"),
        ("share Knowledge", "share-knowledge"),
        ("Celebrate Milestones", "celebrate-milestones"),
    ],
)
def test_names_match_in_any_case_and_order(written: str, slug: str) -> None:
    strategy = STRATEGIES.match(written)
    assert strategy is not None and strategy.slug == slug


@pytest.mark.parametrize("written", ["Create", "Awareness create", "Align program", "Share milestones", ""])
def test_other_names_do_not_match(written: str) -> None:
    assert STRATEGIES.match(written) is None


def test_a_misspelt_name_gets_a_suggestion() -> None:
    assert STRATEGIES.suggest("Celebrate milestons") == "Celebrate milestones"
    assert STRATEGIES.suggest("Align polcy and program") == "Align program and policy"
    assert STRATEGIES.suggest("Fundraising") is None


def test_every_term_may_be_named_by_its_slug_as_addresses_write_it() -> None:
    """The audience groups' data says a plan may name a group by its slug (`district-leaders`),
    and the schema describes the field so; the validator and the form (which match with
    `spellings`) take it too."""
    for vocabulary in (STRATEGIES, AUDIENCE_GROUPS, INVOLVEMENT_TYPES):
        for term in vocabulary:
            assert vocabulary.match(term.slug) is term
            assert term.slug in vocabulary.spellings()
