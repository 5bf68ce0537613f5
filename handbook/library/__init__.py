"""All plans together, and the cross-plan views pages are built from.

Strategies and audience groups induce a graph across plans, not a tree: one goal appears
under two strategies and three audience groups, one strategy under many plans. The library
computes these views once from the validated plans so that every page builder works
from the same numbering (goals and activities counted from 1 in file order, as the
plans print them and as the public URLs and anchors use them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from handbook.plans import years
from handbook.plans.model import Activity, Goal, Level, Plan
from handbook.plans.problems import PlanProblem
from handbook.vocabularies.audiences import AUDIENCE_GROUPS, OTHER_SLUG, AudienceGroup, AudienceGroups
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES, InvolvementType
from handbook.vocabularies.strategies import STRATEGIES, Strategy, StrategyCatalogue
from handbook.vocabularies.vocabulary import Vocabulary


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
    """An audience group with every goal that reaches it, or (`group` None) the goals whose
    audience text reaches no group: "Other audiences"."""

    slug: str
    name: str
    description: str
    goals: tuple[GoalRef, ...]
    group: AudienceGroup | None = None

    @property
    def activity_count(self) -> int:
        return sum(len(ref.goal.activities) for ref in self.goals)


OTHER_AUDIENCES = "Other audiences"


@dataclass(frozen=True)
class Library:
    """The plans in the handbook's order (state, district, school; then by title)."""

    plans: tuple[Plan, ...]
    strategies: StrategyCatalogue = STRATEGIES
    types: Vocabulary[InvolvementType] = INVOLVEMENT_TYPES
    audience_groups: AudienceGroups = AUDIENCE_GROUPS
    notices: tuple[PlanProblem, ...] = ()
    """What is worth an editor's look in valid plans (a goal that reaches no audience group)."""

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

    def years(self) -> list[str]:
        """The school years the plans are for, newest first."""
        return years.newest_first({plan.year for plan in self.plans if plan.year})

    def plans_of_year(self, year: str) -> list[Plan]:
        return [plan for plan in self.plans if plan.year == year]

    def years_of(self, plan: Plan) -> list[Plan]:
        """Every year's plan of the chain this plan is in (`previous` links a plan to the one
        before it; `loading` makes sure each has one next year's plan at most), newest first.
        A plan that no other names and that names none is alone in its chain."""
        first = plan
        while first.previous and (earlier := self.plan(first.previous)) is not None:
            first = earlier
        chain = [first]
        while (later := self._next_year.get(chain[-1].slug)) is not None and later not in chain:
            chain.append(later)
        return chain[::-1]

    @cached_property
    def _next_year(self) -> dict[str, Plan]:
        return {plan.previous: plan for plan in self.plans if plan.previous}

    def practices(self, year: str) -> list[ActivityRef]:
        """The activities put forward as promising practices in plans for that year, in the
        handbook's order of plans."""
        return [
            item
            for plan in self.plans_of_year(year)
            for item in self.plan_activities(plan)
            if item.activity.practice
        ]

    def plan_activities(self, plan: Plan) -> Iterator[ActivityRef]:
        for number, goal in enumerate(plan.goals, start=1):
            yield from GoalRef(plan, number, goal).activities()

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

    def groups_of(self, goal: Goal) -> tuple[AudienceGroup, ...]:
        """The audience groups a goal reaches: those it names (`audience_groups`), or those
        its audience text matches (see `audiences`)."""
        if goal.audience_groups is not None:
            return tuple(goal.audience_groups)
        return self.audience_groups.reached_by(goal.audience) if goal.audience else ()

    def audiences(self) -> list[Audience]:
        """Every audience group with the goals that reach it (possibly none), then "Other
        audiences" with the goals whose audience reaches no group, where there are any.
        Goals without an audience (school goals may leave it out) are in neither."""
        return self._audiences

    def unmatched_goals(self) -> list[GoalRef]:
        """Goals with an audience text that reaches no group (and names none)."""
        last = self._audiences[-1]
        return list(last.goals) if last.group is None else []

    @cached_property
    def _audiences(self) -> list[Audience]:
        by_group: dict[AudienceGroup, list[GoalRef]] = {group: [] for group in self.audience_groups}
        other: list[GoalRef] = []
        for ref in self.goals():
            if ref.goal.audience is None and ref.goal.audience_groups is None:
                continue
            groups = self.groups_of(ref.goal)
            for group in groups:
                by_group[group].append(ref)
            if not groups:
                other.append(ref)
        audiences = [
            Audience(group.slug, group.name, group.description, tuple(refs), group)
            for group, refs in by_group.items()
        ]
        if other:
            description = (
                "Goals whose target audience matches none of the groups above, as their plans word it."
            )
            audiences.append(Audience(OTHER_SLUG, OTHER_AUDIENCES, description, tuple(other)))
        return audiences
