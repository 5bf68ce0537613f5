"""The audience groups of partnership work, from `data/audiences.yml`, and which a goal reaches.

Plans write each goal's target audience in their own words ("Districts leaders for
partnerships", "ATPs in all preschools and elementary, middle, and high schools"), so in
a state of 1,000 plans nearly every goal has an audience of its own: a page or a filter
option per audience text would be a page per goal. The handbook lists audiences by group
instead, a vocabulary like the strategies: a goal reaches the groups whose words stand in
its audience text (or those it names with `audience_groups`), and its text is shown as
written. A goal that reaches no group is listed under "Other audiences".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from handbook.urls import OTHER_AUDIENCES_SLUG
from handbook.vocabularies.vocabulary import DATA, Term, Vocabulary

DATA_FILE = DATA / "audiences.yml"

OTHER_SLUG = OTHER_AUDIENCES_SLUG
"""Where goals that reach no group are listed (`/audiences/other/`); no group may take it."""

_WORD = re.compile(r"[^\W_]+")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bor\b)\s*")


@dataclass(frozen=True)
class AudienceGroup(Term):
    """One audience group: its name and description, other names a plan may give it in
    `audience_groups` (`aliases`), and the words that show a free-text audience reaches it."""

    words: tuple[str, ...] = ()


def _spaced(text: str) -> str:
    """Text as its words, lowercase, one space apart and one space around: whole words match
    as `" word "` substrings, whatever the punctuation."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def readings(text: str) -> list[str]:
    """The audience text, and each item of a list with the list's shared last word:
    "district, school, and community leaders" also reads "district leaders" and
    "school leaders" (each as `_spaced` text)."""
    found = [_spaced(text)]
    items = [item for item in _LIST_SEPARATOR.split(text.casefold()) if item.strip()]
    last = items[-1].split() if items else []
    if len(items) > 1 and len(last) > 1:
        found += [_spaced(f"{item} {last[-1]}") for item in items[:-1] if len(item.split()) == 1]
    return found


@dataclass(frozen=True)
class AudienceGroups(Vocabulary[AudienceGroup]):
    """The groups, with matching of audience texts against their words."""

    _words: tuple[tuple[AudienceGroup, tuple[str, ...]], ...] = field(init=False, repr=False, compare=False)
    _reached: dict[str, tuple[AudienceGroup, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if any(group.slug == OTHER_SLUG for group in self.terms):
            raise ValueError(
                f"no audience group may be called '{OTHER_SLUG}': it lists the goals of no group"
            )
        words = tuple((group, tuple(_spaced(word) for word in group.words)) for group in self.terms)
        object.__setattr__(self, "_words", words)

    def reached_by(self, audience: str) -> tuple[AudienceGroup, ...]:
        """The groups an audience text reaches, in the vocabulary's order (none: "Other").
        Remembered per text: at state scale many goals share an audience."""
        found = self._reached.get(audience)
        if found is None:
            texts = readings(audience)
            found = tuple(
                group for group, spelled in self._words if any(w in text for text in texts for w in spelled)
            )
            self._reached[audience] = found
        return found


def load_audience_groups() -> AudienceGroups:
    entries = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return AudienceGroups(
        tuple(
            AudienceGroup(
                slug=entry["slug"],
                name=entry["name"],
                description=" ".join(entry["description"].split()),
                aliases=tuple(entry.get("aliases", ())),
                words=tuple(str(word) for word in entry["words"]),
            )
            for entry in entries
        )
    )


AUDIENCE_GROUPS = load_audience_groups()
