"""Progress through a school year: how many activities stand where, counted.

A team reports each activity's `status` as the year goes on (planned, in progress, done,
not done); the plan page sums up its plan, and the progress page every plan, by leadership
strategy or type of involvement, each district with its schools under it, year by year.
Activities with no status are counted as such, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handbook.library import Library
from handbook.plans import years
from handbook.plans.model import Activity, Level, Plan, Status
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy

STATUSES: tuple[Status, ...] = (Status.DONE, Status.IN_PROGRESS, Status.PLANNED, Status.NOT_DONE)
"""The order the counts are shown in: what is done first."""


@dataclass(frozen=True)
class Tally:
    """Activities counted by status; `unreported` have none."""

    counts: tuple[int, ...]
    """One count per status, in `STATUSES` order."""
    unreported: int

    @classmethod
    def of(cls, activities: Iterable[Activity]) -> Tally:
        counts = dict.fromkeys(STATUSES, 0)
        unreported = 0
        for activity in activities:
            if activity.status is None:
                unreported += 1
            else:
                counts[activity.status] += 1
        return cls(tuple(counts.values()), unreported)

    @classmethod
    def total_of(cls, tallies: Iterable[Tally]) -> Tally:
        tallies = list(tallies)
        counts = tuple(sum(tally.counts[n] for tally in tallies) for n in range(len(STATUSES)))
        return cls(counts, sum(tally.unreported for tally in tallies))

    def count(self, status: Status) -> int:
        return self.counts[STATUSES.index(status)]

    @property
    def by_status(self) -> list[tuple[Status, int]]:
        return list(zip(STATUSES, self.counts, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts) + self.unreported

    @property
    def reported(self) -> bool:
        return any(self.counts)

    def summary(self) -> str:
        """ "6 of 10 activities done", with what is in progress or not done where any is."""
        total = self.total
        words = [f"{self.count(Status.DONE)} of {total} activit{'ies' if total != 1 else 'y'} done"]
        words += [f"{count} {status.value}" for status, count in self.by_status[1:] if count]
        if self.unreported:
            words.append(f"{self.unreported} without a status")
        return ", ".join(words)


def plan_tally(plan: Plan) -> Tally:
    return Tally.of(activity for goal in plan.goals for activity in goal.activities)


def reporting(plans: Iterable[Plan]) -> list[Plan]:
    """The plans that report the status of any activity."""
    return [plan for plan in plans if any(a.status for goal in plan.goals for a in goal.activities)]


def by_strategy(plans: Sequence[Plan], library: Library) -> list[tuple[Strategy, Tally]]:
    """Activities of state and district plans by the strategies their goals use (an activity
    of a goal with two strategies counts under both, as coverage counts it)."""
    return [
        (strategy, Tally.of(a for plan in plans for goal in plan.goals if strategy in goal.strategies for a in goal.activities))
        for strategy in library.strategies
    ]  # fmt: skip


def by_type(plans: Sequence[Plan], library: Library) -> list[tuple[InvolvementType, Tally]]:
    """Activities of school plans by their type of involvement."""
    return [
        (kind, Tally.of(a for plan in plans for goal in plan.goals for a in goal.activities if a.type == kind))
        for kind in library.types
    ]  # fmt: skip


def by_term(
    plan: Plan, library: Library
) -> list[tuple[Strategy, Tally]] | list[tuple[InvolvementType, Tally]]:
    """A plan's activities by what the handbook sorts its level's activities by."""
    return by_type([plan], library) if plan.level is Level.SCHOOL else by_strategy([plan], library)


@dataclass(frozen=True)
class DistrictProgress:
    """A district plan's school plans for one school year (None: the school plans that give
    no year), with their total: what the district's schools did that year, together."""

    district: Plan
    year: str | None
    schools: list[Plan]
    total: Tally


def school_years(library: Library, district: Plan) -> list[DistrictProgress]:
    """A district plan's school plans, one entry per school year they are for (newest first,
    those without a year last), each school plan under its year whether it reports or not: a
    district's schools rewrite their plans every year, and last year's counts added to this
    year's would say nothing."""
    schools = library.schools_of(district)
    found = []
    for year in [*years.newest_first({s.year for s in schools if s.year}), None]:
        of_year = [school for school in schools if school.year == year]
        if of_year:
            found.append(DistrictProgress(district, year, of_year, Tally.total_of(map(plan_tally, of_year))))
    return found


def without_district(library: Library) -> list[Plan]:
    """The school plans whose district plan is not in the handbook (they name none, or one
    that is not a district plan here): listed on their own, so that every plan is listed."""
    districts = {plan.slug for plan in library.plans if plan.level is Level.DISTRICT}
    return [
        plan
        for plan in library.plans
        if plan.level is Level.SCHOOL and (plan.district is None or plan.district not in districts)
    ]
