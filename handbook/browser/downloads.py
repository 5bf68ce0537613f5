"""Every activity as data: the catalogue's CSV and JSON downloads and the catalogue page's rows.

Leaders take the catalogue away (spreadsheets, other tools), so each activity is one
row with the same fields in CSV and JSON. The catalogue page itself loads a compact
form of the rows from a script file (`catalogue/activities.js`) rather than holding
them in its HTML: at 1,000 plans the rows would make the page megabytes, and a
script, unlike `fetch`, also loads from a copy of the site opened as files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from handbook import urls
from handbook.library import ActivityRef, Library
from handbook.library.progress import STATUSES
from handbook.plans.grades import grade_keys
from handbook.plans.model import Goal

FIELDS = (
    "plan", "plan_title", "level", "year", "goal", "goal_title", "activity", "text", "strategies", "type",
    "audience", "audience_groups", "page", "dates", "responsible", "expected_results", "costs", "grades", "preparations",
    "status", "outcome", "practice", "url",
)  # fmt: skip


def activity_row(item: ActivityRef, library: Library, site_urls: urls.Urls) -> dict[str, Any]:
    """One activity with its plan and goal, as the downloads give it."""
    plan, goal, activity = item.goal.plan, item.goal.goal, item.activity
    return {
        "plan": plan.slug,
        "plan_title": plan.title,
        "level": plan.level.value,
        "year": plan.year,
        "goal": item.goal.number,
        "goal_title": goal.title,
        "activity": item.number,
        "text": activity.text,
        "strategies": [strategy.name for strategy in goal.strategies],
        "type": activity.type.name if activity.type else None,
        "audience": goal.audience,
        "audience_groups": [group.name for group in library.groups_of(goal)],
        "page": activity.page,
        "dates": activity.dates,
        "responsible": activity.responsible,
        "expected_results": activity.expected_results,
        "costs": activity.costs,
        "grades": activity.grades,
        "preparations": activity.preparations,
        "status": activity.status.value if activity.status else None,
        "outcome": activity.outcome,
        "practice": activity.practice,
        "url": site_urls.absolute(
            urls.plan_uri(plan.slug), urls.activity_anchor(item.goal.number, item.number)
        ),
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, "CSV injection")."""


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV cell that a spreadsheet shows and never runs.

    Plan texts come from pull requests, and coordinators open the downloads in a
    spreadsheet, which runs a cell that starts like a formula (`=HYPERLINK(...)` sends
    the sheet's data elsewhere when clicked). OWASP's rule: such a cell starts with `'`,
    which spreadsheets show as text and do not display. Lists are joined by '; ' first,
    so a list's first item is checked too. Numbers and true/false are left as they are.
    """
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict[str, Any]], fields: Sequence[str] = FIELDS) -> str:
    """CSV that opens correctly in Excel: a UTF-8 byte-order mark, CRLF lines, lists joined
    by '; ', and no cell a spreadsheet would run (`spreadsheet_cell`). Every CSV the site
    publishes is written here (activities' columns are `FIELDS`; resources' their own); the
    JSON keeps each text as the plan wrote it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, separators=(",", ":")) + "\n"


CATALOGUE_FIELDS = (
    "plan", "goal", "activity", "text", "strategies", "type", "audience", "audiences", "dates", "grades",
    "status", "practice", "outcome",
)  # fmt: skip
"""The fields of each activity row of the catalogue's data, named once in the data itself:
`catalogue.js` reads a row's fields by these names (`row[at.text]`), never by position."""


def catalogue_script(data: dict[str, Any]) -> str:
    """The catalogue page's data (`catalogue_data`) as a script: `window.handbookCatalogue`."""
    return f"window.handbookCatalogue = {compact_json(data)};\n"


def compact_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def catalogue_data(library: Library, site_urls: urls.Urls) -> dict[str, Any]:
    """The catalogue page's data, compact: lookup tables, and one short array per activity
    whose fields `fields` names. `plan`, `strategies`, `type`, `audience` (the goal's audience
    as written) and `audiences` (the groups it reaches; "Other audiences" last) are indexes
    into the lookup tables; `anchor` is the activity anchor's pattern (`urls.ACTIVITY_ANCHOR`),
    so the script never writes an anchor of its own.

    Links are relative to the catalogue page, so the copy works at any base path.
    """
    here = urls.CATALOGUE
    plans = [
        {"slug": plan.slug, "title": plan.title, "level": plan.level.value, "year": plan.year or "",
         "href": site_urls.link(here, urls.plan_uri(plan.slug)), "goals": [goal.title for goal in plan.goals]}
        for plan in library.plans
    ]  # fmt: skip
    plan_index = {plan.slug: n for n, plan in enumerate(library.plans)}
    strategies = list(library.strategies)
    types = list(library.types)
    audiences = library.audiences()
    group_index = {audience.group: n for n, audience in enumerate(audiences)}
    texts: dict[str, int] = {}  # each audience text once: at state scale goals repeat them

    def other(goal: Goal) -> list[None]:
        """Where a goal whose audience reaches no group is listed: "Other audiences"."""
        return [None] if goal.audience else []

    rows = []
    for item in library.activities():
        goal, activity = item.goal.goal, item.activity
        row = {
            "plan": plan_index[item.goal.plan.slug],
            "goal": item.goal.number,
            "activity": item.number,
            "text": activity.text,
            "strategies": [strategies.index(s) for s in goal.strategies],
            "type": types.index(activity.type) if activity.type else -1,
            "audience": texts.setdefault(goal.audience, len(texts)) if goal.audience else -1,
            "audiences": [group_index[group] for group in library.groups_of(goal) or other(goal)],
            "dates": activity.dates or "",
            "grades": grade_keys(activity.grades),
            "status": STATUSES.index(activity.status) if activity.status else -1,
            "practice": 1 if activity.practice else 0,
            "outcome": activity.outcome or "",
        }
        rows.append([row[name] for name in CATALOGUE_FIELDS])
    return {
        "anchor": urls.ACTIVITY_ANCHOR,
        "fields": CATALOGUE_FIELDS,
        "plans": plans,
        "strategies": [{"slug": s.slug, "name": s.name} for s in strategies],
        "types": [{"slug": t.slug, "name": t.name} for t in types],
        "audiences": [{"slug": a.slug, "name": a.name} for a in audiences],
        "audience_texts": list(texts),
        "statuses": [{"value": status.value, "label": status.label} for status in STATUSES],
        "rows": rows,
    }


ACTIVITY_DETAILS = "catalogue/activity-details.js"
"""What the downloads hold of each activity that the catalogue page's rows do not, for the
page's own "Download these activities" (`activity_details_script`)."""

DETAIL_FIELDS = (
    "page", "responsible", "expected_results", "costs", "grades", "preparations", "audience_groups",
)  # fmt: skip
"""The fields of `activity_row` that `catalogue_data` leaves out (the catalogue shows none of
them) or gives in another form (grades as keys, audience groups with "Other audiences")."""


def activity_details_script(rows: list[dict[str, Any]], data: dict[str, Any]) -> str:
    """The rest of each download row, for the catalogue page to write the rows its filters
    select as the published CSV and JSON write them: `window.handbookActivityDetails`.

    A reader who filters the catalogue takes away those activities, not all of them, and
    from a copy of the site opened as files too, where the page cannot fetch the JSON; so
    the page makes the file itself. It has every other field already (`catalogue_data`); this
    file holds the ones it lacks, in the same order as its rows (every activity, in library
    order), loaded only when a reader asks for a download. `columns` are the downloads'
    columns (`FIELDS`), so the page writes them in this order and no other; an activity's
    audience groups are indexes into the catalogue data's `audiences`, whose names they are.
    """
    if len(rows) != len(data["rows"]):
        raise ValueError("the details and the catalogue's rows must be the same activities")
    groups = {audience["name"]: n for n, audience in enumerate(data["audiences"])}
    details = [
        [*(row[name] for name in DETAIL_FIELDS[:-1]), [groups[name] for name in row["audience_groups"]]]
        for row in rows
    ]
    payload = {"columns": FIELDS, "fields": DETAIL_FIELDS, "rows": details}
    return f"window.handbookActivityDetails = {compact_json(payload)};\n"


PLAN_FIELDS = ("slug", "title", "level", "organization", "district", "year", "href")
"""The fields of each plan of the plans' data (`plans/plan-list.js`), named in the data."""


def plan_list_script(library: Library, site_urls: urls.Urls) -> str:
    """Every plan, for finding one on `/plans/` without a server: its title, level,
    organization, the title of its district's plan (school plans), and its address relative
    to the `plans/` folder, which holds this file."""
    rows = []
    for plan in library.plans:
        district = library.plan(plan.district) if plan.district else None
        rows.append(
            [
                plan.slug, plan.title, plan.level.value, plan.organization or "",
                district.title if district else "", plan.year or "",
                site_urls.link(urls.PLANS_INDEX, urls.plan_uri(plan.slug)),
            ]
        )  # fmt: skip
    payload = json.dumps({"fields": PLAN_FIELDS, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return f"window.handbookPlans = {payload};\n"
