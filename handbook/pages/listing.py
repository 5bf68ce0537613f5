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
from itertools import groupby
from typing import Generic, TypeVar

from handbook import urls
from handbook.plans.model import Plan

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
