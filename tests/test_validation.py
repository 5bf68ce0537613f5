"""Bad plans: every problem reported at once, located, in words an editor can act on.

The corpus in `tests/fixtures/bad-plans/` has one file per kind of problem and one
with three problems at once. Each must fail `python -m handbook.commands.check`, `make check`
and the site build with the same lines, never a traceback, and a failed build must
leave the previous `site/` exactly as it was.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from handbook.commands import check
from handbook.resources import limits
from tests.support.project import ROOT, make_project, problem_lines, run, snapshot
from tests.support.serving import serving
from tests.support.web import fetch, wait_for, wait_for_log
from tests.test_resources import CORPUS as RESOURCE_CORPUS
from tests.test_resources import EXPECTED as RESOURCE_EXPECTED
from tests.test_resources import sparse

CORPUS = Path(__file__).parent / "fixtures" / "bad-plans"
SIX = (
    "(the six are: Create awareness, Align program and policy, Guide learning and program development, "
    "Document progress and evaluate outcomes, Share knowledge, Celebrate milestones)"
)
EXPECTED = {
    "no-front-matter.md": [
        "plans/no-front-matter.md:1: no front matter: the file must start with a '---' line, the plan's YAML, and another '---' line"
    ],
    "yaml-syntax.md": [
        "plans/yaml-syntax.md:2: YAML syntax error: a value holds ': '; put the whole value in quotes"
    ],
    "tabs.md": ["plans/tabs.md:5: tab character: indent with spaces, not tabs"],
    "not-a-mapping.md": [
        "plans/not-a-mapping.md:2: front matter must be a mapping of keys (title:, level:, goals:), not a list"
    ],
    "missing-fields.md": [
        "plans/missing-fields.md:5: goals[1].audience: required",
        "plans/missing-fields.md:5: goals[1].strategies: required",
    ],
    "wrong-types.md": [
        "plans/wrong-types.md:2: title: must be text, not a number (put it in quotes to use it as text)",
        "plans/wrong-types.md:6: goals[1].strategies: must be a list, not text (write [Create awareness] or one '- item' per line)",
        "plans/wrong-types.md:7: goals[1].audience: must be text, not a list",
    ],
    "empty-lists.md": [
        "plans/empty-lists.md:6: goals[1].strategies: must have at least one item",
        "plans/empty-lists.md:8: goals[1].activities: must have at least one item",
    ],
    "unknown-strategy.md": [
        f"plans/unknown-strategy.md:6: goals[1].strategies[1]: unknown strategy 'Create awarness'; did you mean 'Create awareness'? {SIX}",
        f"plans/unknown-strategy.md:6: goals[1].strategies[2]: unknown strategy 'Fundraising' {SIX}",
    ],
    "bad-level.md": [
        "plans/bad-level.md:3: level: must be one of state, district, school; did you mean 'district'?"
    ],
    "bad-page.md": ["plans/bad-page.md:10: goals[1].activities[1].page: must be 1 or 2, not 3"],
    "unknown-key.md": [
        "plans/unknown-key.md:10: goals[1].activities[1].resposible: unknown key; did you mean 'responsible'?"
    ],
    "not-utf8.md": ["plans/not-utf8.md:2: not UTF-8 text: save the file as UTF-8"],
    "empty.md": ["plans/empty.md:1: empty file: a plan starts with '---' and its front matter"],
    "duplicate-title.md": [
        "plans/sample-state-plan.md:3: title: the same title as plans/duplicate-title.md: each plan needs its own title"
    ],
    "duplicate-key.md": ["plans/duplicate-key.md:4: title: given twice (first on line 2): keep one of them"],
    "bad-year.md": [
        "plans/bad-year.md:4: year: write the school year as '2026-27'",
        "plans/bad-year.md:11: goals[1].activities[1].status: must be one of planned, in progress, done, not done; did you mean 'done'?",
        "plans/bad-year.md:14: goals[1].activities[2].practice: a promising practice needs its outcome: add outcome: saying what happened and what it achieved",
    ],
    "practice-without-year.md": [
        'plans/practice-without-year.md:11: goals[1].activities[1].practice: a promising practice needs the plan\'s school year: add year: "2026-27" at the top of the file',
    ],
    "previous-elsewhere.md": [
        "plans/previous-elsewhere.md:5: previous: plans/sample-district-plan.md is a district plan: name this school's plan for an earlier year",
    ],
    "previous-unknown.md": [
        "plans/previous-unknown.md:5: previous: no plan plans/sample-schol-plan-2026-27.md; did you mean 'sample-school-plan-2026-27'?",
    ],
    "hidden-line-breaks.md": [
        f"plans/hidden-line-breaks.md:{line}: holds an invisible line break ({name}), which the YAML reader takes for the start of a new line that the screen does not show: remove it"
        for line, name in (
            (2, "U+2028, line separator"),
            (5, "U+2029, paragraph separator"),
            (8, "U+0085, next line"),
        )
    ],
    "direction-controls.md": [
        f"plans/direction-controls.md:{line}: holds an invisible direction control ({name}), which makes the screen show the line in another order than it is read: remove it"
        for line, name in (
            (2, "U+202E, right-to-left override"),
            (2, "U+2066, left-to-right isolate"),
            (2, "U+2069, pop directional isolate"),
            (7, "U+2067, right-to-left isolate"),
            (7, "U+2069, pop directional isolate"),
        )
    ],
    "front-matter-not-closed.md": [
        "plans/front-matter-not-closed.md:1: the front matter is never closed: add a line '---' after its last line (before the introduction, if there is one)"
    ],
    "other-digits-year.md": [
        "plans/other-digits-year.md:4: year: write the school year in the digits 0-9, like '2026-27'"
    ],
    "full-width-year.md": [
        "plans/full-width-year.md:4: year: write the school year in the digits 0-9, like '2026-27'"
    ],
    "raw-control-character.md": [
        "plans/raw-control-character.md:4: holds the control character \\x80, which text never needs: remove it"
    ],
    "three-problems.md": [
        "plans/three-problems.md:5: goals[1].audience: required",
        f"plans/three-problems.md:6: goals[1].strategies[1]: unknown strategy 'Share knowlege'; did you mean 'Share knowledge'? {SIX}",
        "plans/three-problems.md:9: goals[1].activities[1].cost: unknown key; did you mean 'costs'?",
    ],
}


def project_with(tmp_path: Path, *names: str) -> Path:
    """A project with the sample plans and these corpus files in `plans/`."""
    project = make_project(tmp_path / "project")
    for name in names:
        shutil.copy(CORPUS / name, project / "plans" / name)
    return project


def test_the_corpus_covers_every_file() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_kind_of_problem_is_reported_where_it_is(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad plan alone, beside the samples, through the command's own entry point (in this
    process: `make check` runs the same `main`, and is run as a command below)."""
    monkeypatch.chdir(project_with(tmp_path, name))
    assert check.main(["plans"]) == 1
    said = capsys.readouterr()
    assert problem_lines(said.err) == EXPECTED[name]
    assert "Traceback" not in said.err + said.out


def test_every_problem_in_every_plan_is_reported_in_one_run(tmp_path: Path) -> None:
    result = run(project_with(tmp_path, *EXPECTED), sys.executable, "-m", "handbook.commands.check", "plans")
    every = sorted(line for lines in EXPECTED.values() for line in lines)
    assert result.returncode == 1
    assert sorted(problem_lines(result.stderr)) == every
    assert f"{len(every)} problems found." in result.stderr


def test_make_check_fails_with_the_same_lines(tmp_path: Path) -> None:
    project = project_with(tmp_path, "three-problems.md", "bad-level.md")
    result = run(project, "make", "-s", "-f", str(ROOT / "Makefile"), "check", f"VENV={ROOT / '.venv'}")
    assert result.returncode != 0
    assert problem_lines(result.stderr) == EXPECTED["bad-level.md"] + EXPECTED["three-problems.md"]


def test_make_check_passes_on_the_real_plans() -> None:
    result = run(ROOT, "make", "-s", "check")
    assert result.returncode == 0, result.stderr
    assert "all valid" in result.stdout


@dataclass(frozen=True)
class FailedBuild:
    """One strict build of the samples with every bad plan beside them, over a good site."""

    result: subprocess.CompletedProcess[str]
    before: dict[str, bytes]
    after: dict[str, bytes]


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory: pytest.TempPathFactory) -> FailedBuild:
    """Built once for the module: a build reports every problem of every plan at once, so
    one build shows what each bad plan says (27 builds would say it 27 times slower)."""
    good = project_with(tmp_path_factory.mktemp("good"))
    assert run(good, sys.executable, "-m", "mkdocs", "build", "--strict").returncode == 0
    project = project_with(tmp_path_factory.mktemp("bad"), *EXPECTED)
    shutil.copytree(good / "site", project / "site")
    before = snapshot(project / "site")
    result = run(project, sys.executable, "-m", "mkdocs", "build", "--strict")
    return FailedBuild(result, before, snapshot(project / "site"))


def test_a_build_with_every_bad_plan_fails_without_a_traceback_and_the_site_survives(
    failed_build: FailedBuild,
) -> None:
    every = sorted(line for lines in EXPECTED.values() for line in lines)
    assert failed_build.result.returncode != 0
    assert sorted(problem_lines(failed_build.result.stderr)) == every
    assert "Traceback" not in failed_build.result.stderr
    assert failed_build.after == failed_build.before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_plan_fails_the_build_with_its_lines(failed_build: FailedBuild, name: str) -> None:
    """Each plan's lines, where they are said: at the plan, or (a title given twice) at the
    plan that had the title first, naming this one."""
    lines = problem_lines(failed_build.result.stderr)
    assert [line for line in lines if f"plans/{name}" in line] == EXPECTED[name]


def test_a_failed_build_reports_the_same_lines_and_leaves_site_untouched(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    built = run(project, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    before = snapshot(project / "site")
    for name in ("three-problems.md", "unknown-key.md", "not-utf8.md"):
        shutil.copy(CORPUS / name, project / "plans" / name)
    result = run(project, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert result.returncode != 0
    lines = problem_lines(result.stderr)
    assert lines == EXPECTED["not-utf8.md"] + EXPECTED["three-problems.md"] + EXPECTED["unknown-key.md"]
    assert "5 problems in plan files; nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before


def test_make_build_swaps_in_a_site_only_when_the_build_succeeds(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "build", f"VENV={ROOT / '.venv'}"]
    assert run(project, *make).returncode == 0
    (project / "site" / "marker.txt").write_text("the last good site")
    before = snapshot(project / "site")
    (project / "docs" / "broken.md").write_text("[a link to nowhere](nowhere.md)\n")
    assert run(project, *make).returncode != 0
    assert snapshot(project / "site") == before


def test_serve_keeps_the_last_good_site_and_prints_problems_without_a_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with serving(project, log_path) as base:
        url = f"{base}plans/sample-district-plan/"
        assert wait_for(url, "Call attention to partnerships"), log_path.read_text()
        plan = project / "plans" / "sample-district-plan.md"
        good = plan.read_text("utf-8")
        plan.write_text(good.replace("level: district", "level: distrct"), "utf-8")
        deadline_text = "1 problem in plan files; still showing the last valid plans"
        assert wait_for_log(log_path, deadline_text), log_path.read_text()
        assert "Call attention to partnerships" in (fetch(url) or "")
        plan.write_text(good.replace("monthly district meeting", "weekly district meeting"), "utf-8")
        assert wait_for(url, "weekly district meeting")
    output = log_path.read_text()
    assert (
        "plans/sample-district-plan.md:4: level: must be one of state, district, school; did you mean 'district'?"
        in output
    )
    assert "Traceback" not in output


def test_contributing_shows_every_message_as_editors_see_it() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    missing = [line for lines in EXPECTED.values() for line in lines if line not in guide]
    assert missing == [], "update the message list at the end of CONTRIBUTING.md"


# Resources (issue 30) are checked in the same run, reported in the same list.


def resource_lines(output: str) -> list[str]:
    """The lines of a problem report about resource files."""
    return [line for line in output.splitlines() if line.startswith("resources/")]


def with_bad_resources(project: Path, tmp_path: Path) -> Path:
    """The corpus of bad resources as the project's `resources/`, with the link out of the
    repository and the oversized file `tests/test_resources.py` adds (nothing to commit)."""
    resources = project / "resources"
    shutil.copytree(RESOURCE_CORPUS, resources)
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4 a file of someone else's\n")
    (resources / "linked-file").mkdir()
    (resources / "linked-file" / "handout.pdf").symlink_to(outside)
    sparse(resources / "oversized-file" / "big.pdf", limits.FILE_BYTES + limits.FILE_BYTES // 4)
    return project


def test_make_check_reports_every_plan_and_resource_problem_in_one_run(tmp_path: Path) -> None:
    project = with_bad_resources(project_with(tmp_path, "three-problems.md", "bad-level.md"), tmp_path)
    result = run(project, "make", "-s", "-f", str(ROOT / "Makefile"), "check", f"VENV={ROOT / '.venv'}")
    assert result.returncode != 0
    plans = EXPECTED["bad-level.md"] + EXPECTED["three-problems.md"]
    assert problem_lines(result.stderr) == plans
    assert resource_lines(result.stderr) == RESOURCE_EXPECTED
    assert result.stderr.splitlines()[: len(plans) + len(RESOURCE_EXPECTED)] == plans + RESOURCE_EXPECTED
    assert f"{len(plans) + len(RESOURCE_EXPECTED)} problems found." in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_resources_alone_fail_the_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "resources").mkdir()
    (project / "resources" / "a-guide.md").write_text(
        "---\ntitle: A guide\nkind: giude\nsummary: What it offers.\nstrategies: [Share knowledge]\n"
        "levels: [district]\nsource: A district\nlink: https://www.example.org/\n---\n",
        "utf-8",
    )
    result = run(project, "make", "-s", "-f", str(ROOT / "Makefile"), "check", f"VENV={ROOT / '.venv'}")
    assert result.returncode != 0
    assert problem_lines(result.stderr) == []
    assert resource_lines(result.stderr) == [
        "resources/a-guide.md:3: kind: must be one of guide, research brief, workshop materials, template or "
        "form, sample letter, video, presentation, other; did you mean 'guide'?"
    ]


def test_valid_resources_are_counted_and_a_project_without_them_is_checked_as_before(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "check", f"VENV={ROOT / '.venv'}"]
    before = run(project, *make)
    assert before.returncode == 0, before.stderr
    assert re.fullmatch(r"\d+ plans, \d+ goals, \d+ activities: all valid\.\n", before.stdout)
    shutil.copytree(ROOT / "resources", project / "resources")
    after = run(project, *make)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout.replace(": all valid.", ", 2 resources: all valid.")
    elsewhere = run(project, *make, "RESOURCES=no-such-folder")
    assert elsewhere.stdout == before.stdout


def test_contributing_shows_every_resource_message_as_editors_see_it() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = guide.split("### Messages about resources", 1)[-1]
    missing = [line for line in RESOURCE_EXPECTED if line not in section]
    assert missing == [], "update the list of resources' messages in CONTRIBUTING.md"
