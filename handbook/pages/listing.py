"""One paginated listing for every long list: plans, strategy, type, audience and coverage pages.

A strategy used by a third of a state's 15,000 activities would be one page of
megabytes. A listing is split by what its entries weigh in HTML (an activity of sixty
words weighs three of twenty), so that its pages stay within `PAGE_BUDGET` bytes however
long the plans' texts are, and with the site around them under 200 KB: light enough for a
phone. Every listing splits the same way and names its further pages by one URL rule
(`urls.listing_page`): `strategies/<slug>/page-2/`, `coverage/page-2/`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby
from typing import Generic, TypeVar
from urllib.parse import urlencode

from handbook import urls
from handbook.plans.model import Plan
from handbook.resources.model import Resource

T = TypeVar("T")

PAGE_BUDGET = 120_000
"""Bytes of listing HTML on one page (the site's header, navigation and scripts add about
30 KB)."""

LINK = 120
"""Bytes of markup around a linked line of text (`<li><a href="../../plans/...">`)."""


def weight(*texts: str | None, markup: int = LINK) -> int:
    """What an entry weighs in HTML: its texts and their markup (`LINK` for each text)."""
    return sum(len(text or "") + markup for text in texts)


def paginate(items: Sequence[T], weight: Callable[[T], int], size: int) -> list[list[T]]:
    """Split items into pages of about `size` entries without splitting an item.

    An item (a plan with its goals, say) weighs as many entries as it lists; a page
    closes before an item that would overflow it, unless the page is still empty.
    There is always at least one page, so an empty listing still has its page.
    """
    pages: list[list[T]] = [[]]
    total = 0
    for item in items:
        entries = weight(item)
        if pages[-1] and total + entries > size:
            pages.append([])
            total = 0
        pages[-1].append(item)
        total += entries
    return pages


@dataclass(frozen=True)
class ListingPage(Generic[T]):
    """One page of a listing: its number (from 1), its source path, what the page list
    calls it, and the items it holds."""

    number: int
    src_uri: str
    label: str
    items: list[T]


@dataclass(frozen=True)
class Listing(Generic[T]):
    """A list on as many pages as its size needs; `pages[0]` stands at `first_uri`."""

    first_uri: str
    pages: list[ListingPage[T]]

    @classmethod
    def of(
        cls,
        first_uri: str,
        items: Sequence[T],
        *,
        weight: Callable[[T], int],
        size: int = PAGE_BUDGET,
        label: Callable[[list[T]], str],
    ) -> Listing[T]:
        split = paginate(items, weight, size)
        return cls(
            first_uri,
            [
                ListingPage(number, urls.listing_page(first_uri, number), label(page) if page else "", page)
                for number, page in enumerate(split, start=1)
            ],
        )

    @staticmethod
    def title(name: str, page: ListingPage[T]) -> str:
        """A page's title: the listing's name, and the page's number after the first."""
        return name if page.number == 1 else f"{name} (page {page.number})"


def plans_held(plans: Sequence[Plan]) -> str:
    """A page's label in a page list, in words a reader knows: the levels of the plans it
    holds and the first letters of their titles ("District plans M-Z, school plans A-C", with
    an en dash), not the titles of its first and last plan (at a thousand plans, they say
    nothing)."""
    parts = []
    for level, group in groupby(plans, key=lambda plan: plan.level):
        titles = [plan.title for plan in group]
        first, last = _initial(titles[0]), _initial(titles[-1])
        letters = first if first == last else f"{first}\N{EN DASH}{last}"
        parts.append(f"{level.label.lower()} plans {letters}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _initial(title: str) -> str:
    """The letter a title is filed under (its first letter or digit, in capitals)."""
    return next((char.upper() for char in title if char.isalnum()), "#")


FEW_RESOURCES = 3
"""More resources than this for one strategy, group or type, and a page that lists them links
to all of them on `/resources/`, filtered; a goal lists this many at most."""

RESOURCE_SHARE = 4
"""A listing's first page gives its resources at most this part of its budget (a quarter:
about seventy resources with long summaries); the rest are a link away."""


@dataclass(frozen=True)
class ResourceFilter:
    """Resources on `/resources/` under one filter: its name as a page says it ("Families"),
    the filter in the address's words (`audience=families`) and how many it finds."""

    name: str
    query: str
    count: int

    @classmethod
    def of(cls, name: str, field: str, value: str, count: int) -> ResourceFilter:
        return cls(name, urlencode({field: value}), count)


@dataclass(frozen=True)
class ResourceList:
    """The resources a page lists where people need them (a strategy's page, a goal): those it
    shows, how many there are in all, and the filtered lists of `/resources/` that hold them
    all (none when the page shows them all and they are few)."""

    shown: tuple[Resource, ...]
    total: int
    onward: tuple[ResourceFilter, ...] = ()


def resource_weight(resource: Resource) -> int:
    """A resource as a list shows it: its linked title, its kind and its summary."""
    return weight(resource.title, resource.kind.label, resource.summary)


def term_resources(
    resources: Sequence[Resource], name: str, field: str, value: str, budget: int
) -> ResourceList:
    """The resources of one strategy, audience group or type of involvement (`field` and
    `value` as `/resources/` filters them: `strategy`, `create-awareness`), as its page lists
    them: every one while they fit within `budget` bytes (at least one), and "All N resources
    for <name>" when they are more than a few or some are left out."""
    fit = sum(1 for total in accumulate(map(resource_weight, resources)) if total <= budget)
    shown = tuple(resources[: max(fit, 1)])
    everything = len(shown) < len(resources) or len(resources) > FEW_RESOURCES
    onward = (ResourceFilter.of(name, field, value, len(resources)),) if everything else ()
    return ResourceList(shown, len(resources), onward)
