"""Writing pages fast (page_writers.py): on every core, and from a stamp of Material's page
template. Either way the site is the one MkDocs would write in one process, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from mkdocs_handbook import page_writers
from tests.support.project import build_site, make_project, snapshot
from tests.support.synthetic import write_plans

TRICKY = """
    ---
    title: "Tom & Jerry's \\"Partnership\\" <Plan>"
    level: district
    goals:
      - title: Share what works.
        strategies: [Share knowledge]
        audience: Families & friends
        activities: [Hold a forum.]
      - title: Celebrate it.
        strategies: [Celebrate milestones]
        audience: Schools
        activities: [Hold a party.]
    ---
"""


def test_pages_written_on_every_core_are_those_written_in_one_process(tmp_path: Path) -> None:
    """Enough plans that each of two processes writes more than `SHARE_FROM` pages."""
    project = make_project(tmp_path / "project", samples=False)
    write_plans(project / "plans", 180)
    sites = {}
    for workers in ("1", "2"):
        site = tmp_path / f"site-{workers}"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=project, env={**os.environ, "HANDBOOK_WORKERS": workers}, capture_output=True, text=True,
            timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        sites[workers] = snapshot(site)
    assert len(sites["1"]) > 2 * page_writers.SHARE_FROM
    assert sites["2"] == sites["1"]


def test_stamped_pages_are_those_materials_template_writes(tmp_path: Path, monkeypatch: Any) -> None:
    """A stamp serves plain titles; a title Material's filters change (quotes, ampersands,
    markup) is written by the template itself."""
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://handbook.example.org/state/")
    project = make_project(tmp_path / "project", {"tricky.md": TRICKY})
    stamped = snapshot(build_site(project, tmp_path / "stamped").root)
    assert page_writers._stamps.filled > 10  # most goal sheets came from a stamp
    assert page_writers._stamps.themed == 0  # and no kind of page lost its stamp to a difference
    monkeypatch.setattr(page_writers, "stampable", lambda page, in_nav: False)
    assert snapshot(build_site(project, tmp_path / "themed").root) == stamped
    goal = stamped["plans/sample-state-plan/goal-2/index.html"].decode()
    assert (
        '<link rel="canonical" href="https://handbook.example.org/state/plans/sample-state-plan/goal-2/">'
        in goal
    )
    assert "Tom &amp; Jerry" in stamped["plans/tricky/goal-1/index.html"].decode()


class _Fork:
    """Stands for a worker that has ended with a given exit status."""

    def __init__(self, monkeypatch: Any, status: int) -> None:
        monkeypatch.setattr(page_writers._run, "pids", [4242])
        monkeypatch.setattr(page_writers.os, "waitpid", lambda pid, options: (pid, status << 8))


def test_a_worker_that_failed_fails_the_build(monkeypatch: Any) -> None:
    _Fork(monkeypatch, 1)
    with pytest.raises(PluginError, match="writing pages in another process failed"):
        page_writers.finish()


def test_a_worker_that_warned_warns_in_the_build(monkeypatch: Any, caplog: Any) -> None:
    _Fork(monkeypatch, page_writers.WARNINGS_EXIT)
    page_writers.finish()
    assert "warnings while writing" in caplog.text


def test_workers_are_one_per_core_unless_set() -> None:
    assert page_writers.cores("auto") >= 1
    assert page_writers.cores("3") == 3
    with pytest.raises(PluginError, match="'many' is not a number"):
        page_writers.cores("many")
