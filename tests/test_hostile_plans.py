"""Hostile or mistaken pull requests: bounded time and memory, nothing read from outside the repository.

The corpus in `tests/fixtures/hostile-plans/` holds what an attacker (or an unlucky
editor) can write in a plan file: YAML anchors and aliases, tags, deep nesting, numbers
of thousands of digits, too many goals or activities, texts too long, control
characters. Files that cannot live in a repository's fixtures as such (symbolic links, a
pipe, a file over the size limit) are made by the tests. Each is refused by `make check`
and by the build, with its file and line, never a traceback, and the previous `site/`
stays as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.plans import limits
from tests.support.limited import run_limited
from tests.support.project import ROOT, build_site, make_project, problem_lines, run, snapshot
from tests.support.serving import serving
from tests.support.web import fetch, wait_for, wait_for_log
from tests.test_serve import NEW, save_plan_change
from tests.test_validation import CORPUS as BAD_PLANS
from tests.test_validation import EXPECTED as BAD_PLAN_LINES

CORPUS = Path(__file__).parent / "fixtures" / "hostile-plans"
ANCHOR = "is a YAML anchor, which plans do not use: remove it, and put a value that starts with '&' in quotes"
TAG = "is a YAML tag, which plans do not use: remove it, and put a value that starts with '!' in quotes"
OUTSIDE = (
    "a symbolic link to a file outside the repository, which is never read: "
    "put the file itself in the repository, or remove the link"
)
EXPECTED = {
    "alias-bomb.md": [f"plans/alias-bomb.md:4: '&a' {ANCHOR}"],
    "alias.md": [f"plans/alias.md:7: '&who' {ANCHOR}"],
    "control-characters.md": [
        "plans/control-characters.md:2: title: holds the control character \\x1b, which text never needs: remove it"
    ],
    "custom-tag.md": [f"plans/custom-tag.md:4: '!include' {TAG}"],
    "deep-nesting.md": [
        "plans/deep-nesting.md:8: lists and mappings nested more than 8 deep; a plan needs 5 at most (check the indentation)"
    ],
    "long-introduction.md": [
        "plans/long-introduction.md:10: introduction: 10,200 characters; a text may hold at most 10,000"
    ],
    "long-number.md": [
        "plans/long-number.md:2: a number of more than 100 digits; put it in quotes if it is text"
    ],
    "long-text.md": [
        "plans/long-text.md:9: goals[1].activities[1].text: 10,004 characters; a text may hold at most 10,000"
    ],
    "many-brackets.md": [
        "plans/many-brackets.md:11: introduction: holds 5,000 '[' characters; Markdown text may hold at most 200 (each link and footnote takes one)"
    ],
    "merge-key.md": [
        "plans/merge-key.md:2: <<: unknown key; known keys are title, level, organization, year, previous, closing, district, goals",
        "plans/merge-key.md:2: level: required",
        "plans/merge-key.md:2: title: required",
    ],
    "python-tag.md": [f"plans/python-tag.md:2: '!!python/object/apply:os.system' {TAG}"],
    "seven-strategies.md": [
        "plans/seven-strategies.md:6: goals[1].strategies: 7 strategies; there are six: name each one once"
    ],
    "too-many-activities.md": [
        "plans/too-many-activities.md:9: goals[1].activities: 61 activities; a goal may have at most 60 (split it into two goals)"
    ],
    "too-many-goals.md": [
        "plans/too-many-goals.md:5: goals: 21 goals; a plan may have at most 20 (split it into more than one plan)"
    ],
}
MARKER = "hunter2-outside-the-repository"
SECRET = f"---\ntitle: {MARKER}\nlevel: district\nDB_PASSWORD: {MARKER}\ngoals: [{MARKER}]\n---\n{MARKER}\n"


def hostile_project(folder: Path, *names: str) -> Path:
    """A project with the sample plans and these corpus files in `plans/`."""
    project = make_project(folder)
    for name in names:
        shutil.copy(CORPUS / name, project / "plans" / name)
    return project


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return run(project, sys.executable, "-m", "handbook.commands.check", "plans")


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    return run(project, sys.executable, "-m", "mkdocs", "build", "--strict")


def report(output: str) -> list[str]:
    """The problem lines of a report, for files in any of the repository's folders."""
    return [line for line in output.splitlines() if line.startswith(("plans/", "docs/", "overrides/"))]


def test_the_corpus_covers_every_file() -> None:
    assert sorted(path.name for path in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_plan_is_refused_where_it_is(tmp_path: Path, name: str) -> None:
    result = check(hostile_project(tmp_path / "project", name))
    assert result.returncode == 1
    assert problem_lines(result.stderr) == EXPECTED[name]
    assert "Traceback" not in result.stderr + result.stdout


def test_every_hostile_and_bad_plan_is_reported_in_one_run(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project", *EXPECTED)
    for name in BAD_PLAN_LINES:
        shutil.copy(BAD_PLANS / name, project / "plans" / name)
    result = check(project)
    every = sorted(line for lines in (*EXPECTED.values(), *BAD_PLAN_LINES.values()) for line in lines)
    assert result.returncode == 1
    assert sorted(problem_lines(result.stderr)) == every
    assert "Traceback" not in result.stderr


def test_the_build_refuses_them_with_the_same_lines_and_the_site_survives(tmp_path: Path) -> None:
    good = make_project(tmp_path / "good")
    assert mkdocs_build(good).returncode == 0
    project = hostile_project(tmp_path / "project", *EXPECTED)
    shutil.copytree(good / "site", project / "site")
    before = snapshot(project / "site")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert problem_lines(result.stderr) == sorted(line for lines in EXPECTED.values() for line in lines)
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before


def test_no_yaml_tag_runs_code(tmp_path: Path) -> None:
    marker = Path("/tmp/handbook-yaml-ran-code")
    marker.unlink(missing_ok=True)
    assert check(hostile_project(tmp_path / "project", "python-tag.md")).returncode == 1
    assert not marker.exists()


MEGABYTES = 300
SECONDS = 10


@pytest.mark.parametrize("target", ["check", "build"])
def test_an_alias_bomb_fails_make_within_bounded_time_and_memory(tmp_path: Path, target: str) -> None:
    """Measured under an address-space limit and a deadline: with YAML expanded, the bomb
    needs gigabytes and minutes, and fails here (MemoryError, or killed at the deadline)."""
    project = hostile_project(tmp_path / "project", "alias-bomb.md")
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), target, f"VENV={ROOT / '.venv'}"]
    result = run_limited(make, project, megabytes=MEGABYTES, seconds=SECONDS)
    assert not result.timed_out, f"still running after {SECONDS} s"
    assert result.returncode != 0
    assert EXPECTED["alias-bomb.md"][0] in result.output
    assert "Traceback" not in result.output and "MemoryError" not in result.output
    assert result.peak_megabytes < MEGABYTES


def test_a_plan_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    goal = "  - title: Share.\n    strategies: [Share knowledge]\n    audience: Leaders\n    activities:\n"
    activities = "".join(f"      - Activity {n} {'x' * 80}\n" for n in range(3000))
    big = project / "plans" / "big.md"
    big.write_text(f"---\ntitle: Big\nlevel: district\ngoals:\n{goal}{activities}---\n")
    assert big.stat().st_size > limits.PLAN_FILE_BYTES
    result = check(project)
    size = limits.size(big.stat().st_size)
    assert problem_lines(result.stderr) == [
        f"plans/big.md: the file holds {size}; a plan file may hold at most 256 KB (split it into plans of their own)"
    ]


def test_plan_files_that_are_not_regular_files_are_refused_without_being_read(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    plans = project / "plans"
    os.mkfifo(plans / "pipe.md")  # reading a pipe would never end
    (plans / "folder.md").mkdir()
    (plans / "copy.md").symlink_to("sample-state-plan.md")
    (plans / "nowhere.md").symlink_to(tmp_path / "no-such-file.md")
    result = check(project)
    not_a_file = "not a file (a folder, a pipe or a device): a plan must be a file of its own in plans/"
    assert problem_lines(result.stderr) == [
        "plans/copy.md: a symbolic link: a plan must be a file of its own in plans/; copy the plan instead of linking it",
        f"plans/folder.md: {not_a_file}",
        "plans/nowhere.md: a symbolic link that leads nowhere: remove it",
        f"plans/pipe.md: {not_a_file}",
    ]


@pytest.fixture
def leaky_project(tmp_path: Path) -> Path:
    """A project whose pull request links files outside the repository into `plans/`,
    `docs/` and `overrides/`, and a folder of them into `docs/`."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(SECRET)
    project = make_project(tmp_path / "project")
    (project / "plans" / "leak.md").symlink_to(outside / "secret.md")
    (project / "docs" / "leak.md").symlink_to(outside / "secret.md")
    (project / "docs" / "elsewhere").symlink_to(outside)
    (project / "overrides" / "main.html").unlink()  # the project's copy: the link replaces it
    (project / "overrides" / "main.html").symlink_to(outside / "secret.md")
    (project / "docs" / "inside.md").symlink_to(project / "docs" / "template.md")  # fine: inside
    return project


LEAKS = [
    f"docs/elsewhere: {OUTSIDE}",
    f"docs/leak.md: {OUTSIDE}",
    f"overrides/main.html: {OUTSIDE}",
    f"plans/leak.md: {OUTSIDE}",
]


def test_links_out_of_the_repository_fail_make_check_and_nothing_of_them_is_read(leaky_project: Path) -> None:
    result = run(leaky_project, "make", "-s", "-f", str(ROOT / "Makefile"), "check", f"VENV={ROOT / '.venv'}")
    assert result.returncode != 0
    assert report(result.stderr) == LEAKS
    assert MARKER not in result.stdout + result.stderr
    assert "DB_PASSWORD" not in result.stdout + result.stderr


def test_links_out_of_the_repository_fail_the_build_and_the_site_survives(
    tmp_path: Path, leaky_project: Path
) -> None:
    good = make_project(tmp_path / "good")
    assert mkdocs_build(good).returncode == 0
    shutil.copytree(good / "site", leaky_project / "site")
    before = snapshot(leaky_project / "site")
    result = mkdocs_build(leaky_project)
    assert result.returncode != 0
    for line in LEAKS:
        assert line in result.stderr
    assert MARKER not in result.stdout + result.stderr
    assert snapshot(leaky_project / "site") == before
    assert not any(MARKER.encode() in content for content in before.values())


def test_a_link_into_git_is_refused(tmp_path: Path) -> None:
    """A checkout may keep its credentials in `.git/config`; no page may be made of it."""
    project = make_project(tmp_path / "project")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {MARKER}\n")
    (project / "docs" / "config.md").symlink_to(project / ".git" / "config")
    result = check(project)
    assert report(result.stderr) == [
        "docs/config.md: a symbolic link into .git, which holds no part of the site: remove it"
    ]
    assert MARKER not in result.stdout + result.stderr


def test_the_architecture_lists_every_limit() -> None:
    guide = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    table = guide[guide.index("## Hostile input") :]
    figures = {
        "plan file": limits.size(limits.PLAN_FILE_BYTES),
        "goals in a plan": str(limits.GOALS),
        "activities in a goal": str(limits.ACTIVITIES),
        "characters in a text": f"{limits.TEXT_CHARACTERS:,}",
        "'[' in the introduction or the closing": str(limits.PROSE_LINKS),
        "lists and mappings inside one another": str(limits.YAML_DEPTH),
        "digits in a number": str(limits.NUMBER_DIGITS),
    }
    for what, figure in figures.items():
        assert re.search(rf"\| {re.escape(what)} \| {re.escape(figure)} \|", table), what


def test_the_published_schema_states_the_limits() -> None:
    text = (ROOT / "schema" / "plan.schema.json").read_text("utf-8")
    assert f'"maxItems": {limits.GOALS}' in text
    assert f'"maxItems": {limits.ACTIVITIES}' in text
    assert f'"maxLength": {limits.TEXT_CHARACTERS}' in text


def test_serve_stops_at_a_link_out_of_the_repository_and_goes_on_once_it_is_gone(tmp_path: Path) -> None:
    """Under `make serve` a plan with problems leaves the last valid plans on show; a link out
    of the repository does not, because MkDocs would follow it into the preview."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(SECRET)
    project = make_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with serving(project, log_path) as base:
        link = project / "docs" / "leak.md"
        link.symlink_to(outside / "secret.md")
        assert wait_for_log(log_path, f"docs/leak.md: {OUTSIDE}"), log_path.read_text()
        assert MARKER not in (fetch(base + "leak/") or "")
        link.unlink()
        save_plan_change(project)
        assert wait_for(base + "plans/sample-district-plan/", NEW), log_path.read_text()
    output = log_path.read_text()
    assert MARKER not in output
    assert "Traceback" not in output


def test_a_plan_cannot_write_lines_of_its_own_into_the_report(tmp_path: Path) -> None:
    """GitHub reads `::command::` lines in a job's output as instructions, and terminals obey
    escape sequences: words quoted from a plan (or its file name) stay on their own line."""
    evil = "Share knowledge\n::error file=README.md::\x1b[2Jforged"
    project = make_project(
        tmp_path / "project",
        {
            "forged.md": f"""
            ---
            title: Forged
            level: district
            goals:
              - title: Share.
                strategies: ["{evil.encode("unicode_escape").decode()}"]
                audience: Leaders
                activities: [Hold a forum.]
            ---
            """,
        },
    )
    (project / "plans" / "name\n::error::forged.md").write_text("---\n")
    result = check(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("::") or "\x1b" in line]
    assert any(
        line.startswith(
            "plans/forged.md:6: goals[1].strategies[1]: unknown strategy 'Share knowledge\\n::error"
        )
        for line in lines
    )
    assert any(line.startswith("plans/name\\n::error::forged.md") for line in lines)


def test_a_plan_at_every_limit_builds(tmp_path: Path) -> None:
    """The limits refuse what is beyond them, and everything within them still makes a site
    (an audience a paragraph long once made a page whose file name was too long to write)."""
    words = "families " * (limits.TEXT_CHARACTERS // 9)
    goals = "".join(
        f"  - title: Goal {n} {words[:200]}\n"
        "    strategies: [Create awareness, Align program and policy, Guide learning and program development,"
        " Document progress and evaluate outcomes, Share knowledge, Celebrate milestones]\n"
        f"    audience: {n} {words[: limits.TEXT_CHARACTERS - 3]}\n"
        "    activities:\n" + "".join(f"      - Activity {m}.\n" for m in range(limits.ACTIVITIES))
        for n in range(1, limits.GOALS + 1)
    )
    links = "[a link](https://example.org) " * limits.PROSE_LINKS
    text = f"---\ntitle: At every limit\nlevel: district\ngoals:\n{goals}---\n{links}\n"
    assert len(text.encode()) <= limits.PLAN_FILE_BYTES
    project = make_project(tmp_path / "project")
    (project / "plans" / "at-every-limit.md").write_text(text)
    site = build_site(project)
    assert site.path(f"plans/at-every-limit/goal-{limits.GOALS}/").exists()
    families = site.content("audiences/families/").select("h3[id^=plan-at-every-limit-goal-]")
    assert len(families) == limits.GOALS
