"""The activity catalogue, and every activity as data to take away.

The catalogue page is a frame (filters and an empty table) that `catalogue.js` fills from
the catalogue's data file; the CSV and JSON downloads hold every activity, and each plan
has its own CSV beside its page (`handbook.browser.downloads`). Where the handbook has
resources, the page links them, filtered as the activities are (`RESOURCE_FILTERS`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, groupby
from typing import Any

from handbook import urls
from handbook.browser.catalogue_views import ALL, FACETS, VIEW_ROWS, View, plan_views, view_data, views
from handbook.browser.downloads import (
    ACTIVITY_DETAILS,
    FORMULA_STARTS,
    activity_details_script,
    activity_row,
    catalogue_data,
    catalogue_script,
    compact_json,
    to_csv,
    to_json,
)
from handbook.library import progress
from handbook.pages.content import Download, PageContent
from handbook.pages.family import Family
from handbook.plans.grades import GRADES, grade_keys
from handbook.plans.model import Level


@dataclass(frozen=True)
class Column:
    """A column of the catalogue's table, and how it sorts: the key `catalogue.js` sorts by
    (and the address keeps, `?sort=<key>` or `-<key>`), its header, and what each direction
    puts first in words, for the "Sort by" list phones show in place of the header row."""

    key: str
    header: str
    ascending: str = "A to Z"
    descending: str = "Z to A"


COLUMNS = (
    Column("plan", "Plan"),
    Column("level", "Level", "state first", "school first"),
    Column("goal", "Goal"),
    Column("text", "Activity"),
    Column("terms", "Strategies or type"),
    Column("audience", "Audience"),
    Column("dates", "Dates"),
    Column("status", "Status", "done first", "done last"),
)
"""The table's columns in order: the header row and the "Sort by" list are both drawn from
here, so that they offer the same sorts."""

RESOURCE_FILTERS = ("strategy", "audience", "type", "level")
"""The catalogue's filters that `/resources/` has too, under the same names and values: the
page's "Resources for these filters" link keeps them (`catalogue.js`)."""


class Catalogue(Family):
    def pages(self) -> Iterator[PageContent]:
        grades = sorted(
            {grade for item in self.library.activities() for grade in grade_keys(item.activity.grades)},
            key=GRADES.index,
        )
        yield PageContent(
            urls.CATALOGUE,
            "Activity catalogue",
            self.renderer.later(
                "catalogue.html",
                urls.CATALOGUE,
                levels=list(Level),
                grades=grades,
                total=self.library.activity_count(),
                years=self.library.years(),
                statuses=[
                    s
                    for s in progress.STATUSES
                    if any(i.activity.status is s for i in self.library.activities())
                ],
                practices=any(item.activity.practice for item in self.library.activities()),
                views=self._views_folder(),
                facets=FACETS,  # the view files' filters and rows, as the script reads them
                view_rows=VIEW_ROWS,
                columns=COLUMNS,
                details=ACTIVITY_DETAILS,
                formula_starts=json.dumps("".join(FORMULA_STARTS)),  # the page's own CSV, as to_csv writes
                resources=len(self.build.resources),
                resource_filters=RESOURCE_FILTERS,
            ),
            self.renderer.inputs("catalogue.html", every_plan=True).and_resources(),
            wide=True,
        )

    def _views_folder(self) -> str | None:
        """Where the catalogue page finds its views (`views/`), in a build that publishes them."""
        if not self.build.views:
            return None
        return self.build.urls.link(urls.CATALOGUE, f"{urls.CATALOGUE_VIEWS}/{ALL}.json").removesuffix(
            f"{ALL}.json"
        )

    def downloads(self) -> Iterator[Download]:
        rows = [activity_row(item, self.library, self.build.urls) for item in self.library.activities()]
        yield Download(urls.CATALOGUE_CSV, lambda: to_csv(rows))
        yield Download(urls.CATALOGUE_JSON, lambda: to_json(rows))
        data = catalogue_data(self.library, self.build.urls)
        yield Download(urls.CATALOGUE_DATA, partial(catalogue_script, data))
        yield Download(ACTIVITY_DETAILS, partial(activity_details_script, rows, data))
        if self.build.views:
            for view in chain(views(data), plan_views(data)):
                yield Download(f"{urls.CATALOGUE_VIEWS}/{view.key}.json", partial(_view_json, view, data))
        for slug, own in groupby(rows, key=lambda row: row["plan"]):  # rows come in plan order
            yield Download(urls.plan_csv(slug), partial(to_csv, list(own)))


def _view_json(view: View, data: dict[str, Any]) -> str:
    return compact_json(view_data(view, data))
