"""The catalogue's precomputed views (`handbook/browser/catalogue_views.py`) against the catalogue's
own filtering, redone here row by row: every view of no, one and two filters, on the sample
plans, a plan by other hands and synthetic plans of every level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handbook.browser.catalogue_views import (
    FACETS,
    VIEW_ROWS,
    default_order,
    plan_views,
    view_data,
    view_key,
    views,
)
from handbook.browser.downloads import catalogue_data
from handbook.plans.loading import load_library
from handbook.urls import Urls
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import ROOT, make_project
from tests.support.synthetic import write_plans

ORDERED = """
    ---
    title: "{title}"
    level: district
    goals:
      - title: Share what works.
        strategies: [Share knowledge]
        audience: Families
        activities: [Hold a forum.]
    ---
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    plans = {
        "rio-grande.md": SCHOOL_DISTRICT,
        # JavaScript compares UTF-16 code units: a letter beyond the first 65,536 sorts before
        # a full-width one, where Python's own comparison puts it after.
        "fullwidth.md": ORDERED.format(title="Ｚeta plan"),
        "astral.md": ORDERED.format(title="𝐀lpha plan"),
    }
    project = make_project(tmp_path_factory.mktemp("views"), plans)
    write_plans(project / "plans", 60)
    return catalogue_data(load_library(project / "plans"), Urls(True))


def records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows as `catalogue.js` makes its records of them."""
    at = {name: n for n, name in enumerate(data["fields"])}
    made = []
    for row in data["rows"]:
        plan = data["plans"][row[at["plan"]]]
        made.append({
            "level": plan["level"], "year": plan["year"], "title": plan["title"],
            "strategy": [data["strategies"][n]["slug"] for n in row[at["strategies"]]],
            "type": data["types"][row[at["type"]]]["slug"] if row[at["type"]] >= 0 else "",
            "audience": [data["audiences"][n]["slug"] for n in row[at["audiences"]]],
            "grade": row[at["grades"]],
            "status": data["statuses"][row[at["status"]]]["value"] if row[at["status"]] >= 0 else "",
            "practice": "1" if row[at["practice"]] == 1 else "",
        })  # fmt: skip
    return made


def matches(record: dict[str, Any], filters: dict[str, str]) -> bool:
    """`matches` in catalogue.js, for the filters a view can hold."""
    for name, value in filters.items():
        held = record[name]
        if (value not in held) if isinstance(held, list) else held != value:
            return False
    return True


def test_each_view_holds_what_the_catalogue_shows_for_its_filters(data: dict[str, Any]) -> None:
    every = records(data)
    order = default_order(data)
    found = list(views(data))
    assert len(found) > 200  # singles and pairs of every filter the plans give values to
    assert {len(view.filters) for view in found} == {0, 1, 2}
    for view in found:
        filters = dict(view.filters)
        matching = [n for n in order if matches(every[n], filters)]
        assert view.total == len(matching), view.key
        assert view.rows == matching[:VIEW_ROWS], view.key
        for name in FACETS:
            others = {key: value for key, value in filters.items() if key != name}
            counted: dict[str, int] = {}
            for record in every:
                if matches(record, others):
                    held = record[name] if isinstance(record[name], list) else [record[name]]
                    for value in held:
                        if value:
                            counted[value] = counted.get(value, 0) + 1
            assert view.counts[name] == counted, (view.key, name)


def test_a_view_of_two_filters_that_hold_nothing_says_so_and_counts_each_with_the_other(
    data: dict[str, Any],
) -> None:
    """An address may ask for it (a link, a bookmark): its file says 0 without every activity."""
    every = records(data)
    found = {view.key: view for view in views(data)}
    empty = found[view_key({"level": "state", "grade": "3"})]  # state plans have no grades
    assert not any(matches(r, {"level": "state", "grade": "3"}) for r in every)
    assert (empty.total, empty.rows) == (0, [])
    # beside each filter, its values as the other filter leaves them: what to choose instead
    school = found[view_key({"level": "school", "grade": "3"})]
    assert school.total > 0 and empty.counts["level"]["school"] == school.total
    assert "state" not in empty.counts["level"] and empty.counts["grade"] == {}
    assert empty.counts["strategy"] == {}  # beside the others, with both


def test_each_plan_has_a_view_of_its_every_activity_in_the_catalogues_order(data: dict[str, Any]) -> None:
    every = records(data)
    order = default_order(data)
    found = list(plan_views(data))
    slugs = [plan["slug"] for plan in data["plans"]]
    assert sorted(view.key for view in found) == sorted(f"plan-{slug}" for slug in slugs)
    at = {name: n for n, name in enumerate(data["fields"])}
    for view in found:
        slug = dict(view.filters)["plan"]
        held = [n for n in order if data["plans"][data["rows"][n][at["plan"]]]["slug"] == slug]
        assert view.rows == held and view.total == len(held) > 0, slug
        cut = view_data(view, data)
        assert [plan["slug"] for plan in cut["plans"]] == [slug]
        assert len(cut["rows"]) == len(held) and cut["view"]["every"] == len(every)


def test_the_first_rows_are_in_the_order_javascript_sorts_titles(data: dict[str, Any]) -> None:
    titles = [data["plans"][data["rows"][n][0]]["title"] for n in default_order(data)]
    assert titles.index("𝐀lpha plan") < titles.index("Ｚeta plan")
    assert sorted(["𝐀lpha plan", "Ｚeta plan"]) == ["Ｚeta plan", "𝐀lpha plan"]  # not Python's order


def test_a_views_data_is_the_catalogues_cut_to_its_rows(data: dict[str, Any]) -> None:
    view = next(
        v for v in views(data) if dict(v.filters) == {"level": "district", "strategy": "share-knowledge"}
    )
    cut = view_data(view, data)
    at = {name: n for n, name in enumerate(data["fields"])}

    def shown(source: dict[str, Any], row: list[Any]) -> tuple[str, str, str]:
        audience = source["audience_texts"][row[at["audience"]]] if row[at["audience"]] >= 0 else ""
        return source["plans"][row[at["plan"]]]["title"], row[at["text"]], audience

    assert [shown(cut, row) for row in cut["rows"]] == [shown(data, data["rows"][n]) for n in view.rows]
    assert cut["view"]["total"] == view.total and cut["view"]["counts"] == view.counts
    assert len(cut["plans"]) < len(data["plans"])  # only the plans its rows name


def test_a_view_is_named_by_its_filters_in_the_addresss_order() -> None:
    assert view_key({}) == "all"
    assert view_key({"strategy": "share-knowledge", "level": "district"}) == (
        "level-district_strategy-share-knowledge"
    )
    assert view_key({"status": "in progress", "year": "2026-27"}) == "year-2026-27_status-in-progress"
    assert view_key({"text": "forum", "grade": "K"}) == "grade-K"  # views hold no words
    assert view_key({"plan": "sample-state-plan"}) == "plan-sample-state-plan"


def test_views_are_worked_out_from_bit_sets_fast_enough_for_a_state(tmp_path: Path) -> None:
    """Not a timing: the number of views does not grow with the plans (filters take their
    values from vocabularies), so a state's e-library has no more views than a district's."""
    project = make_project(tmp_path / "project", samples=False)
    write_plans(project / "plans", 30)
    few = {view.key for view in views(catalogue_data(load_library(project / "plans"), Urls(True)))}
    write_plans(project / "plans", 300)
    many = {view.key for view in views(catalogue_data(load_library(project / "plans"), Urls(True)))}
    assert len(many) < 2 * len(few)


def test_the_catalogue_page_tells_its_script_the_views_filters_and_rows(sample_site: Any) -> None:
    """Said once, in Python: the script reads the filters views are made of and the rows they
    hold from the page, not from a list of its own."""
    table = sample_site.content("catalogue/").select_one("#catalogue-table")
    assert table is not None
    assert table["data-facets"].split() == list(FACETS)
    assert int(table["data-page"]) == VIEW_ROWS
    script = (ROOT / "docs" / "javascripts" / "catalogue.js").read_text("utf-8")
    assert "var FACETS = [" not in script  # no list of its own
