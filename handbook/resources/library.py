"""All resources together, and which of them help with what: a kind, a strategy, a group, a goal.

Pages list resources by kind, on each strategy's, audience group's and type's page, and
under each goal as "Resources for this goal"; they ask here, so that every page answers
with one rule. A goal's resources are those that share its strategies, its audience
groups or its activities' types of involvement, best matches first: a brief on two of the
goal's strategies helps more than one on one of them. (A school's goals name no strategy
and seldom a group; their activities each name a type, which is how they meet resources.)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from handbook.library import Library
from handbook.plans.model import Goal, Level
from handbook.resources.model import Resource, ResourceKind
from handbook.vocabularies.audiences import AudienceGroup
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy
from handbook.vocabularies.vocabulary import Term

_PLANS_RULE = Library(())
"""The plans' own rule for the audience groups a goal reaches (`Library.groups_of`): the groups
it names, or those its audience text matches. Asked of a library without plans, which the
rule does not need."""


def _order(resource: Resource) -> tuple[str, str]:
    return resource.title.casefold(), resource.slug


def goal_types(goal: Goal) -> list[InvolvementType]:
    """The types of involvement a goal's activities name, each once, in order."""
    return list(dict.fromkeys(activity.type for activity in goal.activities if activity.type is not None))


@dataclass(frozen=True)
class ResourceLibrary:
    """The resources in the handbook's order: by title (any case), then by file name."""

    resources: tuple[Resource, ...] = ()

    @classmethod
    def from_resources(cls, resources: Iterable[Resource]) -> ResourceLibrary:
        return cls(tuple(sorted(resources, key=_order)))

    def __len__(self) -> int:
        return len(self.resources)

    def resource(self, slug: str) -> Resource | None:
        return next((resource for resource in self.resources if resource.slug == slug), None)

    def by_kind(self) -> dict[ResourceKind, list[Resource]]:
        """Every kind, in order, with its resources (possibly none)."""
        grouped: dict[ResourceKind, list[Resource]] = {kind: [] for kind in ResourceKind}
        for resource in self.resources:
            grouped[resource.kind].append(resource)
        return grouped

    @cached_property
    def _places(self) -> dict[Term, tuple[int, ...]]:
        """Each strategy's, group's and type's resources, as their places in the library's
        order: what every question below reads, instead of every resource each time (a
        state's thousands of goals each asking of every resource doubled the time their pages
        took to render)."""
        places: dict[Term, list[int]] = defaultdict(list)
        for place, resource in enumerate(self.resources):
            for term in (*resource.strategies, *resource.audience_groups, *resource.types):
                places[term].append(place)
        return {term: tuple(found) for term, found in places.items()}

    def for_term(self, term: Term) -> list[Resource]:
        """The resources that name a strategy, an audience group or a type, in order."""
        return [self.resources[place] for place in self._places.get(term, ())]

    def for_strategy(self, strategy: Strategy) -> list[Resource]:
        return self.for_term(strategy)

    def for_audience_group(self, group: AudienceGroup) -> list[Resource]:
        return self.for_term(group)

    def for_type(self, kind: InvolvementType) -> list[Resource]:
        return self.for_term(kind)

    def for_level(self, level: Level) -> list[Resource]:
        return [resource for resource in self.resources if level in resource.levels]

    def for_terms(self, terms: Iterable[Term]) -> list[Resource]:
        """The resources that name at least one of these strategies, groups and types, those
        that name the most first, then in the library's order."""
        scores = Counter(place for term in dict.fromkeys(terms) for place in self._places.get(term, ()))
        return [self.resources[place] for place in sorted(scores, key=lambda place: (-scores[place], place))]

    def for_goal(self, goal: Goal, groups: Iterable[AudienceGroup] | None = None) -> list[Resource]:
        """The resources that share at least one of the goal's strategies, audience groups or
        its activities' types of involvement, those that share the most first, then by title.

        `groups` are the audience groups the goal reaches; by default they are worked out as
        the plans' pages do (`Library.groups_of`): a caller that holds the plans' library may
        pass `library.groups_of(goal)`.
        """
        reached = _PLANS_RULE.groups_of(goal) if groups is None else groups
        return self.for_terms([*goal.strategies, *reached, *goal_types(goal)])
