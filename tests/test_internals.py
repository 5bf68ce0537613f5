"""Engine internals, fenced (`mkdocs_handbook/internals.py`): when one changes, the build takes
the public path and says so (speed-ups), or stops and says what changed (search); never a
silent wrong page or an empty search. Each test changes one internal as a new engine
release could."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search import plugin as material_search
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, PluginError

from mkdocs_handbook import internals
from tests.support.project import build_site, make_project

MATERIAL_BASE = Path(material_search.__file__).parent.parent.parent / "templates" / "base.html"


def test_a_changed_page_writer_is_left_alone_and_the_build_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    original = mkdocs_build._build_page

    def changed(page: Any, settings: Any, files: Any, nav: Any, env: Any, *rest: Any, **more: Any) -> None:
        original(page, settings, files, nav, env, *rest, **more)

    monkeypatch.setattr(mkdocs_build, "_build_page", changed)
    monkeypatch.setenv("HANDBOOK_WORKERS", "2")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.handbook"):
        site = build_site(make_project(tmp_path / "project"))  # strict: no warning
    assert site.path("plans/sample-state-plan/goal-1/").exists()
    said = [record.getMessage() for record in caplog.records if "Slower build" in record.getMessage()]
    assert said == [
        "Slower build: MkDocs' _build_page takes (page, settings, files, nav, env, rest, more), not "
        "(page, config, doc_files, nav, env, ...), so pages are written in one process"
    ]


def test_a_missing_page_writer_is_said_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delattr(mkdocs_build, "_build_page")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.handbook"):
        assert internals.page_writer() is None
    assert [record.getMessage() for record in caplog.records] == [
        "Slower build: MkDocs has no _build_page any more, so pages are written in one process"
    ]


def build_error(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """What a build that stops says (MkDocs logs a build error, then aborts)."""
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    return "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)


def test_a_search_index_that_is_not_a_list_of_entries_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def changed(self: Any, **config: Any) -> None:
        self.config = config
        self.entries = ()

    monkeypatch.setattr(material_search.SearchIndex, "__init__", changed)
    assert "no longer keeps its index as search_index.entries, a list: plan pages cannot be searched" in (
        build_error(make_project(tmp_path / "project"), caplog)
    )


def test_a_page_template_that_names_its_search_worker_otherwise_stops_a_pagefind_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    base = MATERIAL_BASE.read_text("utf-8")
    assert len(internals.SEARCH_WORKER_IN_TEMPLATE.findall(base)) == 1  # Material as installed
    changed = internals.SEARCH_WORKER_IN_TEMPLATE.sub(
        '"search": "assets/javascripts/workers/search.js"', base
    )
    (project / "overrides" / "base.html").write_text(changed, "utf-8")
    assert "Material's base.html names its search worker 0 times" in build_error(project, caplog)


def test_the_worker_is_replaced_exactly_once_or_the_build_stops() -> None:
    material = '{"search": "../assets/javascripts/workers/search.a7633da7.min.js", "base": ".."}'
    assert internals.worker_config(material, "../javascripts/search-worker.js") == (
        '{"search": "../javascripts/search-worker.js", "base": ".."}'
    )
    with pytest.raises(PluginError, match="names its search worker 0 times"):
        internals.worker_config('{"search": "../assets/javascripts/workers/search.js"}', "x.js")
