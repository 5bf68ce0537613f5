"""`make check` under GitHub Actions: each problem on its plan's line, and in the run's summary.

The real `make check` runs on broken plans with `GITHUB_ACTIONS=true` and a summary file, and
its output is read back as GitHub's runner reads it (`runner_commands`, after actions/runner's
`ActionCommand`): one annotation per problem at the plain line's file and line, nothing a plan
says obeyed as a command, and a summary that lists every problem in words, renders no plan's
words as a link or HTML, and leads to CONTRIBUTING.md's section on the messages. Without the
variables the output is what it always was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from handbook.commands import github
from handbook.plans.problems import PlanProblem, printable
from handbook.vocabularies.fields import field_in_words
from tests.support.project import ROOT, make_project, problem_lines

CORPUS = ROOT / "tests" / "fixtures" / "bad-plans"
BROKEN = ("three-problems.md", "bad-level.md", "empty.md", "missing-fields.md")
SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "example/handbook",
    "GITHUB_SHA": SHA,
}
GUIDE = (
    f"https://github.com/example/handbook/blob/{SHA}/CONTRIBUTING.md#messages-you-may-see-and-what-they-mean"
)

# A plan whose words try to be commands, links and HTML: each strategy is unknown, so each is
# quoted in a problem's message; the unknown key is in a field path (an annotation's title).
HOSTILE = """
    ---
    title: Hostile words
    level: district
    goals:
      - title: A goal
        strategies:
          - "%0A::error::x"
          - "a\\nb ::error file=plans/forged.md,line=1::forged"
          - "c\\r\\u2028::notice::d"
          - "##[error]forged by the old form"
        audience: Families
        "](http://evil.example),line=9::": 1
        activities:
          - Hold a forum.
      - title: Another goal
        strategies:
          - "##[stop-commands]pause"
          - "[click](http://evil.example) ![i](http://evil.example/i.png)"
          - "<script>alert(1)</script> &amp; www.evil.example"
          - "``x` `` y"
        audience: Families
        activities:
          - Hold a forum.
    ---
"""
HOSTILE_WORDS = ("evil", "<script", "forged", "alert")
NOTICE_PLAN = """
    ---
    title: A plan with a notice
    level: district
    goals:
      - title: A goal
        strategies: [Create awareness]
        audience: Title I coordinators
        activities:
          - Hold a forum.
    ---
"""


@dataclass(frozen=True)
class Command:
    """A workflow command as the runner parses it."""

    name: str
    properties: dict[str, str]
    data: str


def _unescape(text: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for token, replacement in mappings:
        text = text.replace(replacement, token)
    return text


DATA = (("\r", "%0D"), ("\n", "%0A"), ("%", "%25"))
PROPERTY = (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25"))
LEGACY = ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), ("%", "%25"))


def runner_command(line: str) -> Command | None:
    """The command the runner would take from one line of a step's output, if any: a line
    that starts with `::name props::data` (after spaces), or else `##[name props]data`
    anywhere in it (the older form, still obeyed), as actions/runner's `ActionCommand` reads
    them."""
    text = line.lstrip()
    if text.startswith("::") and (end := text.find("::", 2)) >= 0:
        info = text[2:end]
        name, _, props = info.partition(" ")
        pairs = (pair.split("=", 1) for pair in props.strip().split(",") if pair)
        properties = {key: _unescape(value, PROPERTY) for key, value in (p for p in pairs if len(p) == 2)}
        return Command(name, properties, _unescape(text[end + 2 :], DATA))
    if (start := line.find("##[")) >= 0 and (close := line.find("]", start)) >= 0:
        name = line[start + 3 : close].split(" ")[0]
        return Command(name, {}, _unescape(line[close + 1 :], LEGACY))
    return None


def runner_commands(output: str) -> list[Command]:
    return [command for line in output.splitlines() if (command := runner_command(line))]


def environment(extra: Mapping[str, str]) -> dict[str, str]:
    """The test's environment without the run's own GitHub variables (the suite may run
    under Actions), and with `extra`."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    return {**base, **extra}


def make_check(project: Path, extra: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """The real `make check` on the project's `plans/`."""
    command = ["make", "-s", "-f", str(ROOT / "Makefile"), "check", "PLANS=plans", f"VENV={ROOT / '.venv'}"]
    return subprocess.run(
        command, cwd=project, env=environment(extra), capture_output=True, text=True, timeout=300
    )


def broken_project(tmp_path: Path, hostile: bool = False) -> Path:
    plans = {"hostile.md": HOSTILE} if hostile else {}
    project = make_project(tmp_path / "project", plans, samples=False)
    for name in BROKEN:
        shutil.copy(CORPUS / name, project / "plans" / name)
    return project


def where(line: str) -> tuple[str, int]:
    """The file and line of a plain problem line (`plans/x.md:3: ...`; no line: the file)."""
    match = re.match(r"(plans/[^:]+\.md)(?::(\d+))?: ", line)
    assert match, line
    return match[1], int(match[2] or 0)


def without_code_spans(text: str) -> str:
    """Markdown with its code spans taken out: what is left is read as Markdown."""
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", text)


def rendered(summary: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(summary), "html.parser")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], str]:
    """`make check` under Actions on broken plans and the hostile one: its output and summary."""
    tmp_path = tmp_path_factory.mktemp("annotations")
    summary = tmp_path / "summary.md"
    result = make_check(
        broken_project(tmp_path, hostile=True), {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)}
    )
    return result, summary.read_text("utf-8")


def test_each_problem_is_one_error_annotation_at_its_plain_line(
    hostile_run: tuple[subprocess.CompletedProcess[str], str],
) -> None:
    result, _ = hostile_run
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    plain = problem_lines(result.stderr)
    found = re.search(r"^(\d+) problems found\.$", result.stderr, re.M)
    assert found
    count = int(found[1])
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(plain) == count == len(errors) > 10
    commands = [command for command in runner_commands(result.stdout) if command.name == "error"]
    assert [(c.properties["file"], int(c.properties.get("line", 0))) for c in commands] == [
        where(line) for line in plain
    ]
    first = commands[[where(line) for line in plain].index(("plans/bad-level.md", 3))]
    assert first.properties["title"] == "make check: Level"  # the field as the form labels it
    assert first.data == "must be one of state, district, school; did you mean 'district'?"


def test_a_plan_cannot_forge_or_stop_a_command(
    hostile_run: tuple[subprocess.CompletedProcess[str], str],
) -> None:
    result, _ = hostile_run
    output = result.stdout + result.stderr
    commands = runner_commands(output)
    names = [command.name for command in commands]
    assert set(names) == {"group", "error", "endgroup"}
    assert names.count("error") == len(problem_lines(result.stderr))
    files = {command.properties.get("file") for command in commands if command.name == "error"}
    assert "plans/forged.md" not in files
    assert {file for file in files if file} <= {f"plans/{name}" for name in (*BROKEN, "hostile.md")}
    hostile = [c for c in commands if c.properties.get("file") == "plans/hostile.md"]
    data = "\n".join(c.data for c in hostile)
    assert "\n" not in "".join(c.data for c in hostile)
    assert "%0A::error::x" in data  # the plan's own characters, shown, not decoded
    assert "a\\nb ::error file=plans/forged.md" in data
    assert "##[" not in output
    assert "#\\x23[stop-commands]pause" in output
    (key,) = [c for c in hostile if c.data.startswith("unknown key")]
    assert key.properties["title"] == "make check: goals[1].](http://evil.example),line=9::"


def in_words(line: str) -> str:
    """A plain problem line as the summary says it: `plans/x.md:3: goals[1].audience: required`
    -> `plans/x.md, line 3, Goal 1, Target audience: required` (a path to no known field kept)."""
    file, number, rest = re.match(r"^(plans/[^:]+\.md):(\d+): (.*)$", line.replace("#\\x23[", "##[")).groups()
    field, _, message = rest.partition(": ")
    place, label = field_in_words(field)
    if label and message:
        return f"{file}, line {number}, {', '.join(p for p in (place, label) if p)}: {message}"
    return f"{file}, line {number}: {rest}"


def test_the_summary_lists_every_problem_in_words_and_links_the_guide(
    hostile_run: tuple[subprocess.CompletedProcess[str], str],
) -> None:
    result, summary = hostile_run
    plain = problem_lines(result.stderr)
    assert summary.startswith(f"### Plan check: {len(plain)} problems found\n")
    assert "**Files changed**" in summary
    for line in plain:
        file, number = where(line)
        assert f"- `{file}`, {f'line {number}' if number else 'the whole file'}" in summary
    assert summary.count("\n- `") == len(plain)
    assert "- `plans/three-problems.md`, line 5, Goal 1, Target audience: `required`" in summary  # in words
    assert "goals[1].audience" not in summary  # a known field is named, never given as a path
    assert f"]({GUIDE})" in summary
    page = rendered(summary)
    items = page.select("li")
    assert len(items) == len(plain)
    for item, line in zip(items, plain, strict=True):
        assert " ".join(item.get_text().split()).replace("`", "") == " ".join(in_words(line).split()).replace(
            "`", ""
        )


def test_a_plan_puts_no_link_or_markup_in_the_summary(
    hostile_run: tuple[subprocess.CompletedProcess[str], str],
) -> None:
    _, summary = hostile_run
    assert "evil.example" in summary and "<script>" in summary
    outside = without_code_spans(summary)
    for word in HOSTILE_WORDS:
        assert word not in outside
    page = rendered(summary)
    assert [a["href"] for a in page.select("a")] == [GUIDE]
    assert page.select("script, img, strong a, em") == []
    for item in page.select("li"):
        assert [child.name for child in item.children if child.name] == ["code", "code"]
    assert "<script>alert(1)</script>" in page.get_text()


def test_a_notice_is_a_notice_annotation_and_the_check_passes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"a-plan.md": NOTICE_PLAN}, samples=False)
    summary = tmp_path / "summary.md"
    result = make_check(project, {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    (plain,) = problem_lines(result.stdout)
    assert "notice: reaches no audience group" in plain
    (command,) = [c for c in runner_commands(result.stdout) if c.name not in {"group", "endgroup"}]
    assert command.name == "notice"
    assert (
        (command.properties["file"], int(command.properties["line"]))
        == where(plain)
        == ("plans/a-plan.md", 7)
    )
    assert command.data.startswith("reaches no audience group")
    text = summary.read_text("utf-8")
    assert text.startswith("### Plan check: all valid (1 plans, 1 goals, 1 activities)\n")
    assert "1 notice, worth a look but not errors" in text
    assert "- `plans/a-plan.md`, line 7, Goal 1, Target audience: `notice: reaches no audience group" in text
    assert f"]({GUIDE})" in text


def test_a_clean_check_adds_one_line_to_the_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("### An earlier step\n\n", "utf-8")
    result = make_check(make_project(tmp_path / "project"), {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    assert "::" not in result.stdout + result.stderr
    added = summary.read_text("utf-8").removeprefix("### An earlier step\n\n")
    assert re.fullmatch(r"### Plan check: all valid \(\d+ plans, \d+ goals, \d+ activities\)\n", added)


def test_without_github_actions_the_output_is_as_before(tmp_path: Path) -> None:
    project = broken_project(tmp_path, hostile=True)
    result = make_check(project, {})
    assert result.returncode != 0
    assert not [
        line for line in (result.stdout + result.stderr).splitlines() if line.lstrip().startswith("::")
    ]
    assert result.stdout == ""
    plain = problem_lines(result.stderr)
    assert result.stderr.splitlines()[: len(plain) + 1] == [*plain, f"{len(plain)} problems found."]
    assert "##[stop-commands]pause" in result.stderr  # as the plan says it, where no runner reads
    under_actions = make_check(project, {"GITHUB_ACTIONS": "true"})
    assert [github.log_line(line) for line in plain] == problem_lines(under_actions.stderr)


def test_a_summary_file_alone_adds_the_summary_but_no_annotation(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = make_check(broken_project(tmp_path), {"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0
    assert "::" not in result.stdout
    text = summary.read_text("utf-8")
    assert f"### Plan check: {len(problem_lines(result.stderr))} problems found" in text
    assert "](CONTRIBUTING.md#messages-you-may-see-and-what-they-mean)" in text


# The pure functions.


def problem(
    source: str = "plans/x.md", line: int = 3, field: str = "level", message: str = "wrong"
) -> PlanProblem:
    return PlanProblem(source, line, field, message)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("100%", "100%25"),
        ("%0A::error::x", "%250A::error::x"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac"),
        ("a: b, c", "a: b, c"),
    ],
)
def test_data_escapes_percent_and_line_ends(text: str, escaped: str) -> None:
    assert github.escape_data(text) == escaped
    assert _unescape(escaped, DATA) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plans/x.md", "plans/x.md"),
        ("a: b, c", "a%3A b%2C c"),
        ("x,line=1::y", "x%2Cline=1%3A%3Ay"),
        ("%3A\n", "%253A%0A"),
    ],
)
def test_properties_escape_colons_and_commas_too(text: str, escaped: str) -> None:
    assert github.escape_property(text) == escaped
    assert _unescape(escaped, PROPERTY) == text


def test_an_annotation_names_its_file_line_and_field() -> None:
    assert (
        github.annotation(problem(), "error")
        == "::error file=plans/x.md,line=3,title=make check%3A Level::wrong"
    )
    assert (
        github.annotation(problem(line=0, field="", message="empty file: add ---"), "error")
        == "::error file=plans/x.md,title=make check::empty file: add ---"
    )
    notice = problem(field="goals[1].audience", message="notice: reaches no audience group")
    assert github.annotation(notice, "notice") == (
        "::notice file=plans/x.md,line=3,title=make check%3A Goal 1%2C Target audience::reaches no audience group"
    )
    typo = problem(field="goals[1].activities[1].cost", message="unknown key; did you mean 'costs'?")
    assert "title=make check%3A goals[1].activities[1].cost::" in github.annotation(typo, "error")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("title", ("", "Title")),
        ("goals[2].activities[1].dates", ("Goal 2, activity 1", "Dates")),
        ("goals[1].strategies[1]", ("Goal 1", "Leadership strategies")),
        (
            "goals[1].activities[1].cost",
            ("Goal 1, activity 1", None),
        ),  # no such field: the caller shows the key
    ],
)
def test_a_field_path_is_said_in_the_forms_words(path: str, words: tuple[str, str | None]) -> None:
    assert field_in_words(path) == words
    assert (
        field_in_words("goals[1].activities[1].responsible", "school")[1] == "Persons in charge and helping"
    )


def test_an_annotation_is_one_command_whatever_the_problem_says() -> None:
    hostile = problem(
        source="plans/a,line=1::b.md", field="k\n::error::f", message="x\r\n::error file=y::z %0A ##[error]w"
    )
    line = github.annotation(hostile, "error")
    assert "\n" not in line and "\r" not in line and "##[" not in line
    (command,) = runner_commands(line)
    assert command.name == "error"
    assert command.properties == {
        "file": "plans/a,line=1::b.md",
        "line": "3",
        "title": "make check: k\\n::error::f",
    }
    assert command.data == "x\\r\\n::error file=y::z %0A #\\x23[error]w"


@pytest.mark.parametrize(
    "text",
    [
        "plans/x.md:6: strategies[1]: unknown strategy '##[error]x'",
        "plans/x.md:6: '##[stop-commands]t' and ###[add-mask]plans",
        "  ::error::x",
    ],
)
def test_a_log_line_is_never_a_command(text: str) -> None:
    line = github.log_line(text)
    assert runner_command(line) is None
    assert line.replace("\\x23", "#").replace("\\x3a", ":") == text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("plain words", "`plain words`"),
        ("a `b` c", "``a `b` c``"),
        ("``x` y", "``` ``x` y ```"),
        ("ends `", "`` ends ` ``"),
        ("[a](http://evil) <b>", "`[a](http://evil) <b>`"),
        ("a\nb", "`a\\nb`"),
        ("", "`  `"),
    ],
)
def test_code_spans_hold_any_text(text: str, span: str) -> None:
    assert github.code(text) == span
    page = rendered(f"- {span}")
    (code,) = page.select("code")
    assert code.get_text().strip() == printable(text).strip()
    assert page.select("a, b") == []


def test_the_guide_link_is_the_file_at_the_commit_or_its_path() -> None:
    assert github.guide_url(GITHUB) == GUIDE
    assert github.guide_url({}) == "CONTRIBUTING.md#messages-you-may-see-and-what-they-mean"
    assert github.guide_url({**GITHUB, "GITHUB_SHA": ""}) == github.guide_url({})


def test_the_guide_section_is_in_contributing_and_explains_the_messages() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    headings = {github.heading_anchor(h): h for h in re.findall(r"^#+ (.+)$", guide, re.M)}
    assert headings.get("messages-you-may-see-and-what-they-mean") == github.GUIDE_SECTION
    section = guide.split(f"## {github.GUIDE_SECTION}", 1)[1].split("\n## ", 1)[0]
    assert "make check" in section and "Files changed" in section


def test_a_long_list_says_github_marks_only_the_first_ten() -> None:
    problems = [problem(line=n) for n in range(1, 13)]
    text = github.summary(problems, "error", guide="G")
    assert text.count("\n- `plans/x.md`, line ") == 12
    assert "GitHub marks the first 10 on their lines" in text
    assert "GitHub marks the first" not in github.summary(problems[:10], "error", guide="G")
    many = github.summary([problem(line=n) for n in range(1, github.LISTED + 6)], "error", guide="G")
    assert many.count("\n- `plans/x.md`, line ") == github.LISTED
    assert "- and 5 more: the step's log lists every one." in many


# Resources (issue 30): checked in the same run, marked on their lines as plans are.

BAD_RESOURCE = """\
---
title: A guide
kind: giude
summary: What it offers.
strategies: [Share knowlege]
levels: [district]
source: A district
link: http://www.example.org/guide
---
The description.
"""
RESOURCE_GUIDE = GUIDE.replace("#messages-you-may-see-and-what-they-mean", "#messages-about-resources")


def test_resources_are_marked_on_their_lines_and_listed_with_the_plans(tmp_path: Path) -> None:
    project = broken_project(tmp_path)
    (project / "resources").mkdir()
    (project / "resources" / "a-guide.md").write_text(BAD_RESOURCE, "utf-8")
    (project / "resources" / "stray.txt").write_text("notes", "utf-8")
    summary = tmp_path / "summary.md"
    result = make_check(project, {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0
    resources = [line for line in result.stderr.splitlines() if line.startswith("resources/")]
    assert [line.split(": ")[0] for line in resources] == [
        "resources/a-guide.md:3",
        "resources/a-guide.md:5",
        "resources/a-guide.md:8",
        "resources/stray.txt",
    ]
    count = len(problem_lines(result.stderr)) + len(resources)
    assert f"{count} problems found." in result.stderr
    commands = [c for c in runner_commands(result.stdout) if c.name == "error"]
    assert len(commands) == count
    marked = {
        (c.properties["file"], int(c.properties.get("line", 0))): c
        for c in commands
        if c.properties["file"].startswith("resources/")
    }
    assert sorted(marked) == [
        ("resources/a-guide.md", 3),
        ("resources/a-guide.md", 5),
        ("resources/a-guide.md", 8),
        ("resources/stray.txt", 0),
    ]
    kind = marked[("resources/a-guide.md", 3)]
    assert kind.properties["title"] == "make check: Kind of resource"  # a resource's words, not a plan's
    assert (
        kind.data.startswith("must be one of guide, research brief,") and "did you mean 'guide'?" in kind.data
    )
    assert marked[("resources/a-guide.md", 5)].properties["title"] == "make check: Leadership strategies"
    assert marked[("resources/a-guide.md", 8)].properties["title"] == "make check: Link"
    assert marked[("resources/stray.txt", 0)].properties["title"] == "make check"
    text = summary.read_text("utf-8")
    assert text.startswith(f"### Plan check: {count} problems found\n")
    assert "- `resources/a-guide.md`, line 3, Kind of resource: `must be one of guide," in text
    assert "- `resources/stray.txt`, the whole file: `not a resource, so the site never reads it:" in text
    assert [a["href"] for a in rendered(text).select("a")] == [GUIDE, RESOURCE_GUIDE]


def test_a_clean_check_counts_the_resources(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "resources", project / "resources")
    summary = tmp_path / "summary.md"
    result = make_check(project, {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"### Plan check: all valid \(\d+ plans, \d+ goals, \d+ activities, 2 resources\)\n",
        summary.read_text("utf-8"),
    )


def test_a_resource_s_field_is_said_in_a_resource_s_words() -> None:
    kind = problem(source="resources/a.md", field="kind", message="wrong")
    assert github.annotation(kind, "error", resources="resources") == (
        "::error file=resources/a.md,line=3,title=make check%3A Kind of resource::wrong"
    )
    assert "title=make check%3A kind::" in github.annotation(kind, "error")  # a plan has no kind
    item = problem(source="resources/a.md", field="files[2]", message="wrong")
    assert "title=make check%3A Files::" in github.annotation(item, "error", resources="resources")
    typo = problem(source="resources/a.md", field="sumary", message="unknown key")
    assert "title=make check%3A sumary::" in github.annotation(typo, "error", resources="resources")
    plan = problem(source="plans/resources.md", field="goals[1].audience")
    assert "Goal 1%2C Target audience" in github.annotation(plan, "error", resources="resources")
    text = github.summary([kind, plan], "error", guide="CONTRIBUTING.md#x", resources="resources")
    assert "- `resources/a.md`, line 3, Kind of resource: `wrong`" in text
    assert "(CONTRIBUTING.md#messages-about-resources)" in text
    assert "messages-about-resources" not in github.summary([plan], "error", guide="G", resources="resources")


def test_the_resources_guide_section_is_in_contributing() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    headings = {github.heading_anchor(h): h for h in re.findall(r"^#+ (.+)$", guide, re.M)}
    assert headings.get("messages-about-resources") == github.RESOURCE_GUIDE_SECTION
    assert github.guide_url(GITHUB, github.RESOURCE_GUIDE_SECTION) == RESOURCE_GUIDE
