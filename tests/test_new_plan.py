"""`make new-plan` starts a plan that is valid as written and lists the vocabulary."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from handbook.plans.loading import load_library
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES
from tests.support.project import ROOT


def new_plan(folder: Path, slug: str, level: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "new-plan", f"SLUG={slug}", f"LEVEL={level}",
         f"VENV={ROOT / '.venv'}"],
        cwd=folder, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("level", ["state", "district", "school"])
def test_a_new_plan_is_valid_as_written_and_lists_the_six(tmp_path: Path, level: str) -> None:
    (tmp_path / "plans").mkdir()
    result = new_plan(tmp_path, f"my-{level}", level)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plans" / f"my-{level}.md").read_text("utf-8")
    (plan,) = load_library(tmp_path / "plans").plans
    assert plan.slug == f"my-{level}" and plan.level.value == level
    names = [t.name for t in INVOLVEMENT_TYPES] if level == "school" else [s.name for s in STRATEGIES]
    assert all(f"#   {name}" in text or f". {name}" in text for name in names)


def test_an_existing_plan_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "taken.md").write_text("mine")
    result = new_plan(tmp_path, "taken", "district")
    assert result.returncode != 0 and "already exists" in result.stderr
    assert (tmp_path / "plans" / "taken.md").read_text() == "mine"


@pytest.mark.parametrize(
    ("slug", "level", "message"),
    [("My Plan", "district", "use lowercase letters"), ("ok", "county", "must be one of state, district, school"),
     ("", "district", "use lowercase letters")],
)  # fmt: skip
def test_a_bad_slug_or_level_is_refused_plainly(tmp_path: Path, slug: str, level: str, message: str) -> None:
    (tmp_path / "plans").mkdir()
    result = new_plan(tmp_path, slug, level)
    assert result.returncode != 0 and message in result.stderr
    assert list((tmp_path / "plans").iterdir()) == []
