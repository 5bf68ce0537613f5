"""The catalogue's filtered views, worked out at build time and published as
`catalogue/views/<key>.json` (by the catalogue family, in a build to publish), which
`catalogue.js` opens before it loads every activity.

At 10,000 plans the catalogue's data is 6.8 MB, all of it loaded before the first row shows.
A reader who follows a link such as `/catalogue/?strategy=share-knowledge&level=district`
needs the first rows of that view and, beside each filter's values, how many activities each
would leave. Those can be worked out once, for the views links lead to: every activity (no
filter), each value of one filter, and each pair of values of two filters (about 1,100 views
whatever the number of plans, since filters take values from vocabularies, not from plans),
and each plan (`?plan=<slug>`, as the page macros' links give it: one view a plan, of its every
activity, which the page then filters itself). Views with more filters, words typed or another order
need every activity, as before.

Each filter value is a bit set of the activities it holds, in the catalogue's own order
(Python's integers are bit sets of any size), so a view is the AND of one or two sets, its
counts are population counts, and its first rows are its lowest bits: about a second for
132,000 activities, where filtering each view row by row would take minutes.

Counts follow faceted search: beside a filter that is set, each of its values is counted with
the view's other filters only (what choosing that value instead would show); beside the
others, with all of them. `catalogue.js` must count the same way.

Everything here reads the catalogue's data (`downloads.catalogue_data`), which is what
`catalogue.js` reads, so a view and the script's own filtering cannot disagree about which
activity has which value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

FACETS = ("level", "year", "strategy", "type", "audience", "grade", "status", "practice")
"""The filters a view can be made of, in the order of the catalogue's address. (Words are
free text, and the plan filter takes part of a title or a plan's slug: a plan has a view
of its own, `plan_views`.)"""

PLAN = "plan"
"""The filter of a plan's view: a plan's slug, as links and bookmarks give it."""

VIEW_ROWS = 100
"""Rows a view holds: the catalogue's first page (`PAGE` in `catalogue.js`)."""

ALL = "all"
"""The key of the view with no filter."""

_UNSAFE = re.compile(r"[^A-Za-z0-9-]")

Filters = tuple[tuple[str, str], ...]


def view_key(filters: Mapping[str, str]) -> str:
    """A view's file name (without `.json`) from the filters the address sets: `all`, or each
    filter and value in `FACETS` order (`level-district_strategy-share-knowledge`), or a
    plan's (`plan-<slug>`)."""
    if filters.get(PLAN):
        return f"{PLAN}-{_UNSAFE.sub('-', filters[PLAN])}"
    parts = [f"{name}-{_UNSAFE.sub('-', filters[name])}" for name in FACETS if filters.get(name)]
    return "_".join(parts) or ALL


def columns(data: Mapping[str, Any]) -> dict[str, int]:
    """Where each named field stands in a row of the data (`fields`)."""
    return {name: n for n, name in enumerate(data["fields"])}


def facets_of(
    row: Sequence[Any], data: Mapping[str, Any], at: Mapping[str, int]
) -> dict[str, tuple[str, ...]]:
    """An activity's value of each filter, read from its row (`at`: `columns(data)`) as
    `catalogue.js` reads it."""
    plan = data["plans"][row[at["plan"]]]
    status = row[at["status"]]
    kind = row[at["type"]]
    return {
        "level": (plan["level"],),
        "year": (plan["year"],) if plan["year"] else (),
        "strategy": tuple(data["strategies"][n]["slug"] for n in row[at["strategies"]]),
        "type": (data["types"][kind]["slug"],) if kind >= 0 else (),
        "audience": tuple(data["audiences"][n]["slug"] for n in row[at["audiences"]]),
        "grade": tuple(row[at["grades"]]),
        "status": (data["statuses"][status]["value"],) if status >= 0 else (),
        "practice": ("1",) if row[at["practice"]] == 1 else (),
    }


def default_order(data: Mapping[str, Any]) -> list[int]:
    """The rows' indexes as the catalogue first sorts them: by plan title in lower case, as
    JavaScript compares strings (UTF-16 code units), then in the data's order."""
    at = columns(data)
    titles = [plan["title"].lower().encode("utf-16-be") for plan in data["plans"]]
    return sorted(range(len(data["rows"])), key=lambda n: (titles[data["rows"][n][at["plan"]]], n))


@dataclass(frozen=True)
class View:
    """One view: its filters, how many activities it holds, each filter value's count beside
    it (values that would leave none are left out), and its first rows (indexes into the
    data's rows, in the catalogue's order)."""

    filters: Filters
    total: int
    counts: dict[str, dict[str, int]]
    rows: list[int]

    @property
    def key(self) -> str:
        return view_key(dict(self.filters))


def views(data: Mapping[str, Any]) -> Iterator[View]:
    """Every view of no filter, one filter or two (of values some activity holds). A view
    that holds nothing is made too: an address may ask for it, and its counts say what each
    of its filters holds with the other."""
    order = default_order(data)
    at = columns(data)
    positions: dict[tuple[str, str], list[int]] = {}
    for position, index in enumerate(order):
        for name, values in facets_of(data["rows"][index], data, at).items():
            for value in values:
                positions.setdefault((name, value), []).append(position)
    sets = {chosen: _bit_set(held, len(order)) for chosen, held in positions.items()}
    every = (1 << len(order)) - 1
    known = {name: sorted(value for facet, value in sets if facet == name) for name in FACETS}

    def holding(filters: Filters) -> int:
        held = every
        for chosen in filters:
            held &= sets[chosen]
        return held

    def view(filters: Filters) -> View:
        held = holding(filters)
        counts: dict[str, dict[str, int]] = {}
        for name in FACETS:
            beside = holding(tuple(f for f in filters if f[0] != name))
            counted = {value: (beside & sets[(name, value)]).bit_count() for value in known[name]}
            counts[name] = {value: n for value, n in counted.items() if n}
        return View(filters, held.bit_count(), counts, [order[p] for p in _lowest_bits(held, VIEW_ROWS)])

    chosen = [(name, value) for name in FACETS for value in known[name]]
    candidates: list[Filters] = [()]
    candidates += [(one,) for one in chosen]
    candidates += [pair for pair in combinations(chosen, 2) if pair[0][0] != pair[1][0]]
    for filters in candidates:
        yield view(filters)


def plan_views(data: Mapping[str, Any]) -> Iterator[View]:
    """Each plan's view: every activity of the plan (a few dozen), in the catalogue's order.
    The page filters, sorts and counts them itself, as it does every activity, so a plan's
    address with more filters, words or another order needs nothing more."""
    at = columns(data)
    held: dict[int, list[int]] = {}
    for index in default_order(data):
        held.setdefault(data["rows"][index][at["plan"]], []).append(index)
    for plan, rows in sorted(held.items()):
        yield View(((PLAN, data["plans"][plan]["slug"]),), len(rows), {}, rows)


def _bit_set(positions: list[int], size: int) -> int:
    """Positions as one integer's bits, made in a byte array (setting bit after bit of a
    large integer would copy it each time)."""
    bits = bytearray(size // 8 + 1)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def _lowest_bits(bits: int, count: int) -> list[int]:
    """The positions of the lowest `count` bits set."""
    found: list[int] = []
    while bits and len(found) < count:
        lowest = bits & -bits
        found.append(lowest.bit_length() - 1)
        bits ^= lowest
    return found


def view_data(view: View, data: Mapping[str, Any]) -> dict[str, Any]:
    """A view as `catalogue.js` would read it: the catalogue's data cut to the view's rows
    (with the plans and audience texts they name), its total and its counts."""
    at = columns(data)
    plans: dict[int, int] = {}
    texts: dict[int, int] = {}
    rows = []
    for index in view.rows:
        row = list(data["rows"][index])
        row[at["plan"]] = plans.setdefault(row[at["plan"]], len(plans))
        if row[at["audience"]] >= 0:
            row[at["audience"]] = texts.setdefault(row[at["audience"]], len(texts))
        rows.append(row)
    return {
        **data,
        "plans": [data["plans"][n] for n in plans],
        "audience_texts": [data["audience_texts"][n] for n in texts],
        "rows": rows,
        "view": {
            "filters": dict(view.filters),
            "total": view.total,
            "every": len(data["rows"]),
            "counts": view.counts,
        },
    }
