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
import re
from collections.abc import Iterable
from typing import Any

from handbook import urls
from handbook.library import ActivityRef, Library

FIELDS = (
    "plan", "plan_title", "level", "goal", "goal_title", "activity", "text", "strategies", "type",
    "audience", "page", "dates", "responsible", "expected_results", "costs", "grades", "preparations", "url",
)  # fmt: skip

GRADES = ("PK", "K", *(str(n) for n in range(1, 13)))
_GRADE = re.compile(r"\b(PRE-?K|PK|K|\d{1,2})\b(?:\s*(?:-|TO|THROUGH|THRU)\s*\b(K|\d{1,2})\b)?")
_SPELLED = (  # how grades are written out, as the short forms _GRADE reads
    (re.compile(r"\bPRE-?(?:SCHOOL|KINDERGARTEN)\b"), "PK"),
    (re.compile(r"\bKINDERGARTEN\b"), "K"),
    (re.compile(r"\b(\d{1,2})(?:ST|ND|RD|TH)\b"), r"\1"),
)


def grade_keys(text: str | None) -> list[str]:
    """The grades an activity's `grades` text names: "K-2, 5" -> K, 1, 2, 5; "6th-8th grade" ->
    6, 7, 8; "Kindergarten through 2" -> K, 1, 2; "all" -> every grade."""
    if not text:
        return []
    folded = text.upper().replace("–", "-").replace("—", "-")  # noqa: RUF001  (dashes people type)
    for spelled, short in _SPELLED:
        folded = spelled.sub(short, folded)
    if re.search(r"\bALL\b", folded):
        return list(GRADES)
    keys: list[str] = []
    for first, last in _GRADE.findall(folded):
        first = "PK" if first.startswith("PRE") else first.lstrip("0") or "0"
        if first not in GRADES:
            continue
        end = last.lstrip("0") if last else first
        span = GRADES[GRADES.index(first) : GRADES.index(end) + 1] if end in GRADES else [first]
        keys += [grade for grade in span or [first] if grade not in keys]
    return keys


def activity_row(item: ActivityRef, site_urls: urls.Urls) -> dict[str, Any]:
    """One activity with its plan and goal, as the downloads give it."""
    plan, goal, activity = item.goal.plan, item.goal.goal, item.activity
    return {
        "plan": plan.slug,
        "plan_title": plan.title,
        "level": plan.level.value,
        "goal": item.goal.number,
        "goal_title": goal.title,
        "activity": item.number,
        "text": activity.text,
        "strategies": [strategy.name for strategy in goal.strategies],
        "type": activity.type.name if activity.type else None,
        "audience": goal.audience,
        "page": activity.page,
        "dates": activity.dates,
        "responsible": activity.responsible,
        "expected_results": activity.expected_results,
        "costs": activity.costs,
        "grades": activity.grades,
        "preparations": activity.preparations,
        "url": site_urls.absolute(
            urls.plan_uri(plan.slug), urls.activity_anchor(item.goal.number, item.number)
        ),
    }


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV that opens correctly in Excel: a UTF-8 byte-order mark, CRLF lines, lists joined by '; '."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: "; ".join(v) if isinstance(v, list) else ("" if v is None else v) for k, v in row.items()}
        )
    return buffer.getvalue()


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, separators=(",", ":")) + "\n"


def catalogue_script(library: Library, site_urls: urls.Urls) -> str:
    """The catalogue page's data, compact: lookup tables and one short array per activity.

    Links are relative to the catalogue page, so the copy works at any base path.
    """
    here = urls.CATALOGUE
    plans = [
        [plan.slug, plan.title, plan.level.value, site_urls.link(here, urls.plan_uri(plan.slug)),
         [goal.title for goal in plan.goals]]
        for plan in library.plans
    ]  # fmt: skip
    plan_index = {plan.slug: n for n, plan in enumerate(library.plans)}
    strategies = list(library.strategies)
    types = list(library.types)
    audiences = library.audiences()
    audience_index = {audience.slug: n for n, audience in enumerate(audiences)}
    rows = []
    for item in library.activities():
        goal, activity = item.goal.goal, item.activity
        audience = audience_index[library.audience_slug(goal.audience)] if goal.audience else -1
        rows.append(
            [
                plan_index[item.goal.plan.slug], item.goal.number, item.number, activity.text,
                [strategies.index(s) for s in goal.strategies],
                types.index(activity.type) if activity.type else -1,
                audience, activity.dates or "", grade_keys(activity.grades),
            ]
        )  # fmt: skip
    data = {
        "plans": plans,
        "strategies": [[s.slug, s.name] for s in strategies],
        "types": [[t.slug, t.name] for t in types],
        "audiences": [[a.slug, a.name] for a in audiences],
        "rows": rows,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.handbookCatalogue = {payload};\n"
