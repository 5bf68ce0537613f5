"""`mkdocs serve` (what `make serve` runs) answers, and a saved plan reaches the browser."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, make_project, needs_chromium

PLAN = "plans/sample-district-plan.md"
OLD = "Call attention to partnerships at each monthly district meeting of all principals."
NEW = "Call attention to partnerships at each weekly district meeting of all principals."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    """Poll until the page holds `text`; a bound on waiting, not a speed assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def serve_command(how: str, project: Path, port: int) -> list[str]:
    if how == "make":  # what `make serve` runs: dirty rebuilds
        return [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "serve",
            f"ADDR=127.0.0.1:{port}",
            f"CONFIG={project / 'mkdocs.yml'}",
        ]
    # No --livereload: plain `mkdocs serve` must reload too (Click 8.3.0-8.3.1 broke that default).
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]


@contextmanager
def serving(project: Path, log_path: Path, how: str = "make") -> Iterator[str]:
    """`make serve` (or plain `mkdocs serve`) on a project, its output in `log_path`; yields the
    site's address once it answers, and stops the server (and make's child) afterwards."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            serve_command(how, project, port), cwd=project, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/"
        try:
            assert wait_for(base, "Partnerships Handbook"), log_path.read_text()
            yield base
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


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
