"""`mkdocs serve` (what `make serve` runs) answers, and a saved plan reaches the browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


@pytest.fixture(params=["mkdocs", "make"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project")
    with serving(project, tmp_path / "serve.log", request.param) as base:
        yield project, base


def save_plan_change(project: Path) -> None:
    plan = project / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def test_serve_answers_and_rebuilds_when_a_plan_is_saved(served: tuple[Path, str]) -> None:
    project, base = served
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
def test_a_saved_plan_change_reaches_the_open_browser_page(served: tuple[Path, str], browser: Any) -> None:
    project, base = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "plans/sample-district-plan/")
        activity = page.locator("#goal-1-activity-2")
        assert activity.inner_text().strip() == OLD
        page.wait_for_timeout(1000)  # let the live-reload script connect before the change
        save_plan_change(project)
        # No navigation by the test: live reload must refresh the page by itself.
        activity.filter(has_text=NEW).wait_for(timeout=90_000)
    finally:
        context.close()
