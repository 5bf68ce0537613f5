"""All plans together, and the cross-plan views pages are built from.

Strategies and audiences induce a graph across plans, not a tree: one goal appears
under two strategies and one audience, one strategy under many plans. The library
computes these views once from the validated plans so that every page builder works
from the same numbering (goals and activities counted from 1 in file order, as the
plans print them and as the public URLs and anchors use them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from handbook.involvement import INVOLVEMENT_TYPES, InvolvementType
from handbook.model import Activity, Goal, Level, Plan
from handbook.strategies import STRATEGIES, Strategy, StrategyCatalogue
from handbook.vocabulary import Vocabulary


@dataclass(frozen=True)
class GoalRef:
    """A goal with its plan and its number in that plan (from 1)."""

    plan: Plan
    number: int
    goal: Goal

    def activities(self) -> Iterator[ActivityRef]:
        for number, activity in enumerate(self.goal.activities, start=1):
            yield ActivityRef(self, number, activity)


@dataclass(frozen=True)
class ActivityRef:
    """An activity with its goal and its number in that goal (from 1)."""

    goal: GoalRef
    number: int
    activity: Activity


@dataclass(frozen=True)
class Audience:
    """A target audience as plans write it, with every goal addressed to it."""

    name: str
    slug: str
    goals: tuple[GoalRef, ...]


SLUG_LENGTH = 120
"""Characters of a slug made from free text: a URL part and a file name, which file systems
cap (255 bytes), while an audience may be a paragraph long."""


def slugify(text: str) -> str:
    """An ASCII anchor or URL part: 'Districts leaders for partnerships' -> 'districts-leaders-for-partnerships'.

    Long texts are cut at a word's end within `SLUG_LENGTH` characters.
    """
    ascii_text = unicodedata.normalize("NFKD", text[: SLUG_LENGTH * 4]).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_LENGTH:
        cut = slug[: SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:SLUG_LENGTH]
    return slug or "audience"


def _audience_key(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


@dataclass(frozen=True)
class Library:
    """The plans in the handbook's order (state, district, school; then by title)."""

    plans: tuple[Plan, ...]
    strategies: StrategyCatalogue = STRATEGIES
    types: Vocabulary[InvolvementType] = INVOLVEMENT_TYPES

    @classmethod
    def from_plans(cls, plans: list[Plan]) -> Library:
        order = {level: index for index, level in enumerate(Level)}
        return cls(
            tuple(sorted(plans, key=lambda plan: (order[plan.level], plan.title.casefold(), plan.slug)))
        )

    def by_level(self) -> dict[Level, list[Plan]]:
        """Every level, in order, with its plans (possibly none)."""
        grouped: dict[Level, list[Plan]] = {level: [] for level in Level}
        for plan in self.plans:
            grouped[plan.level].append(plan)
        return grouped

    def goals(self) -> Iterator[GoalRef]:
        for plan in self.plans:
            for number, goal in enumerate(plan.goals, start=1):
                yield GoalRef(plan, number, goal)

    def goals_using(self, strategy: Strategy) -> list[GoalRef]:
        return [ref for ref in self.goals() if strategy in ref.goal.strategies]

    def activities(self) -> Iterator[ActivityRef]:
        """Every activity of every plan, in plan, goal and activity order."""
        for ref in self.goals():
            yield from ref.activities()

    def activities_of_type(self, kind: InvolvementType) -> list[ActivityRef]:
        return [item for item in self.activities() if item.activity.type == kind]

    def schools_of(self, district: Plan) -> list[Plan]:
        """The school plans that name this district plan."""
        return self._schools_by_district.get(district.slug, [])

    @cached_property
    def _schools_by_district(self) -> dict[str, list[Plan]]:
        """School plans by the slug of the district plan they name: looked up from every
        district plan page, so one pass instead of one scan of all plans per district."""
        schools: dict[str, list[Plan]] = {}
        for plan in self.plans:
            if plan.level is Level.SCHOOL and plan.district:
                schools.setdefault(plan.district, []).append(plan)
        return schools

    def plan(self, slug: str) -> Plan | None:
        return self._by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, Plan]:
        return {plan.slug: plan for plan in self.plans}

    def strategy_counts(self, plan: Plan) -> dict[Strategy, int]:
        """Activities of the plan in goals that use each strategy (0 where none): its coverage."""
        counts = dict.fromkeys(self.strategies, 0)
        for goal in plan.goals:
            for strategy in goal.strategies:
                counts[strategy] += len(goal.activities)
        return counts

    def type_counts(self, plan: Plan) -> dict[InvolvementType, int]:
        """Activities of the plan of each type of involvement (0 where none)."""
        counts = dict.fromkeys(self.types, 0)
        for goal in plan.goals:
            for activity in goal.activities:
                if activity.type is not None:
                    counts[activity.type] += 1
        return counts

    def activity_count(self) -> int:
        return sum(plan.activity_count for plan in self.plans)

    def audience_slug(self, text: str) -> str:
        """The anchor of an audience on the audiences page."""
        return self._audience_slugs[_audience_key(text)]

    @cached_property
    def _audience_slugs(self) -> dict[str, str]:
        return {_audience_key(audience.name): audience.slug for audience in self.audiences()}

    def audiences(self) -> list[Audience]:
        """Audiences that differ only in case, spacing or a final period are one audience."""
        return self._audiences

    @cached_property
    def _audiences(self) -> list[Audience]:
        groups: dict[str, list[GoalRef]] = {}
        names: dict[str, str] = {}
        for ref in self.goals():
            if ref.goal.audience is None:  # school goals may leave it out
                continue
            key = _audience_key(ref.goal.audience)
            groups.setdefault(key, []).append(ref)
            names.setdefault(key, ref.goal.audience)
        audiences: list[Audience] = []
        used: set[str] = {"index"}  # `audiences/index` is the audiences page itself
        for key in sorted(groups, key=lambda k: names[k].casefold()):
            slug = base = slugify(names[key])
            suffix = 2
            while slug in used:
                slug, suffix = f"{base}-{suffix}", suffix + 1
            used.add(slug)
            audiences.append(Audience(names[key], slug, tuple(groups[key])))
        return audiences
