"""`mkdocs serve` (what `make serve` runs) answers, and a saved plan reaches the browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import needs_chromium
from tests.support.project import make_project
from tests.support.serving import serving
from tests.support.web import fetch, wait_for

PLAN = "plans/sample-district-plan.md"
OLD = "Call attention to partnerships at each monthly district meeting of all principals."
NEW = "Call attention to partnerships at each weekly district meeting of all principals."
# What the open browser page sees change: another activity of the same plan, so that the two
# tests of a session change what each reads alone.
SEEN = "Call attention to partnerships at each monthly school meeting with teachers."
SEEN_NEW = "Call attention to partnerships at each weekly school meeting with teachers."


@dataclass(frozen=True)
class Session:
    """A running preview: its project (which the tests edit) and its address."""

    project: Path
    base: str
    log: Path


@contextmanager
def _session(folder: Path, how: str) -> Iterator[Session]:
    project = make_project(folder / "project", copy_code=True)  # its own templates, to edit
    with serving(project, folder / "serve.log", how) as base:
        yield Session(project, base, folder / "serve.log")


@pytest.fixture(scope="module")
def make_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One `make serve` (dirty rebuilds) for every test of this module that edits while
    serving: each changes its own plans or templates, so they share the session that an
    editor would have open all afternoon, and the module starts a server twice, not nine times."""
    with _session(tmp_path_factory.mktemp("make-serve"), "make") as session:
        yield session


@pytest.fixture(scope="module")
def plain_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """Plain `mkdocs serve` (full rebuilds), as someone who knows MkDocs runs it."""
    with _session(tmp_path_factory.mktemp("mkdocs-serve"), "mkdocs") as session:
        yield session


@pytest.fixture(params=["mkdocs", "make"])
def served(request: pytest.FixtureRequest) -> Session:
    return request.getfixturevalue("plain_serve" if request.param == "mkdocs" else "make_serve")


def change_plan(project: Path, old: str, new: str) -> None:
    plan = project / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def save_plan_change(project: Path) -> None:
    """The change other modules' serve tests save: an activity's "monthly" made "weekly"."""
    change_plan(project, OLD, NEW)


def test_serve_answers_and_rebuilds_when_a_plan_is_saved(served: Session) -> None:
    project, base = served.project, served.base
    url = base + "plans/sample-district-plan/"
    assert OLD in (fetch(url) or "")
    save_plan_change(project)
    assert wait_for(url, NEW)
    # pages that gather plans are rebuilt too, and search still knows every plan
    assert NEW in (fetch(base + "strategies/create-awareness/") or "")
    assert NEW in (fetch(base + "plans/sample-district-plan/goal-1/") or "")
    index = json.loads(fetch(base + "search/search_index.json") or "{}")
    # each activity is a search section of its own: its text is the section's title
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert NEW in texts and OLD not in texts
    assert "Conduct a policy forum on partnerships" in texts  # the state plan, not rebuilt


@needs_chromium
def test_a_saved_plan_change_reaches_the_open_browser_page(served: Session, browser: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.base + "plans/sample-district-plan/")
        activity = page.locator("#goal-1-activity-3")
        assert activity.inner_text().strip() == SEEN
        page.wait_for_timeout(1000)  # let the live-reload script connect before the change
        change_plan(served.project, SEEN, SEEN_NEW)
        # No navigation by the test: live reload must refresh the page by itself.
        activity.filter(has_text=SEEN_NEW).wait_for(timeout=90_000)
    finally:
        context.close()


def test_renaming_a_school_plan_updates_its_district_page_under_dirty_serve(make_serve: Session) -> None:
    """A page is rebuilt when any plan it shows changes, not only its own (`make serve`
    runs `mkdocs serve --dirty`): the district page lists its schools by title."""
    project, base = make_serve.project, make_serve.base
    district = base + "plans/sample-district-plan/"
    assert ">Sample School One-Year Action Plan for Partnerships</a>" in (fetch(district) or "")
    school = project / "plans" / "sample-school-plan.md"
    renamed = "title: Maple Street Elementary One-Year Action Plan"
    school.write_text(school.read_text("utf-8").replace(SCHOOL_TITLE, renamed), "utf-8")
    assert wait_for(district, "Maple Street Elementary One-Year Action Plan")
    assert ">Sample School One-Year Action Plan for Partnerships</a>" not in (fetch(district) or "")
    assert "MkDocs 2.0" not in make_serve.log.read_text()  # make serve keeps Material's notice from editors


SCHOOL_TITLE = "title: Sample School One-Year Action Plan for Partnerships"


def test_a_plan_that_starts_naming_another_reaches_that_plans_page_under_dirty_serve(
    make_serve: Session,
) -> None:
    """A school plan saved with `district:` and `previous:` lands on the district's page and
    on the earlier plan's page, which themselves did not change."""
    project, base = make_serve.project, make_serve.base
    district = base + "plans/sample-district-plan/"
    earlier = base + "plans/sample-school-plan-2026-27/"
    assert "Juniper Elementary" not in (fetch(district) or "")
    assert "juniper-elementary" not in (fetch(earlier) or "")
    new = project / "plans" / "juniper-elementary-2027-28.md"
    new.write_text(
        "---\n"
        "title: Juniper Elementary One-Year Action Plan for Partnerships\n"
        "level: school\n"
        "district: sample-district-plan\n"
        'year: "2027-28"\n'
        "previous: sample-school-plan-2026-27\n"
        "goals:\n"
        "  - title: Welcome every family.\n"
        "    kind: academic\n"
        "    activities:\n"
        "      - text: Hold a welcome night.\n"
        "        type: Communicating\n"
        "---\n",
        "utf-8",
    )
    assert wait_for(district, "Juniper Elementary One-Year Action Plan"), make_serve.log.read_text()
    assert wait_for(earlier, "../juniper-elementary-2027-28/")  # "Other years": 2027-28, linked


@pytest.mark.parametrize(
    ("template", "family"),
    [  # a page template, or one they all import (the sign-off line of every printed sheet)
        ("goal.html", [f"plans/{plan}/goal-{n}/" for plan in ("sample-state-plan", "sample-district-plan")
                       for n in (1, 2, 3)]),
        ("plan.html", [f"plans/{plan}/" for plan in ("sample-state-plan", "sample-district-plan",
                                                     "sample-school-plan")]),
        ("_print.html", ["plans/sample-school-plan/goal-1/", "plans/sample-state-plan/print/",
                         "templates/blank/school/"]),
    ],
)  # fmt: skip
def test_an_edited_page_template_reaches_every_page_made_from_it_under_dirty_serve(
    make_serve: Session, template: str, family: list[str]
) -> None:
    project, base = make_serve.project, make_serve.base
    marker = f"Edited {template} while serving"
    assert marker not in (fetch(base + family[0]) or "")
    path = project / "handbook" / "templates" / template
    text = path.read_text("utf-8")
    if "Names of those responsible:" in text:  # a file of macros: edit what a macro prints
        path.write_text(text.replace("Names of those responsible:", marker), "utf-8")
    else:
        path.write_text(text + f"<p>{marker}</p>\n", "utf-8")
    for url in family:
        assert wait_for(base + url, marker), url
    assert marker not in (fetch(base + "strategies/") or "")
