"""Macros for page authors (`handbook/pages/page_macros.py`): plan data on a hand-written page.

A test site has a page of its own (`docs/guides/workshop.md`, one folder down, so that links
must climb) that calls every macro, on the samples, a plan by other hands with a goal split
over two template pages, and two plans whose words are Jinja, HTML and script. It is built
with directory URLs and without (the offline copy's way), and the page is read as HTML.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from handbook.library import ActivityRef, Library
from handbook.plans.grades import grade_keys
from handbook.plans.loading import load_library
from handbook.urls import activity_anchor
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import ROOT, Site, build_site, make_project, run, snapshot, text_of
from tests.support.search import published_records
from tests.support.serving import serving
from tests.support.web import wait_for

PAYLOAD = "{{ 7*7 }} {% raw %}raw{% endraw %} <script>alert(1)</script>"
HOSTILE = f"""
    ---
    title: "Hostile {PAYLOAD}"
    level: district
    organization: "<img src=x onerror=alert(1)> {{{{ config }}}}"
    goals:
      - title: "Goal {PAYLOAD}"
        strategies: [Share knowledge]
        audience: "Families {PAYLOAD}"
        activities:
          - "Activity {PAYLOAD}"
          - text: "Details {PAYLOAD}"
            dates: "<script>alert('dates')</script>"
            responsible: "{{{{ 6*7 }}}}"
            page: 2
    ---
"""
HOSTILE_SCHOOL = f"""
    ---
    title: "School {PAYLOAD}"
    level: school
    goals:
      - title: "Read {PAYLOAD}"
        kind: academic
        results: "{{{{ 7*7 }}}} results"
        activities:
          - text: "Reading night {PAYLOAD}"
            type: Learning at home
            grades: K-5
    ---
"""
WORKSHOP = """
    ---
    render_macros: true
    ---
    # Workshop

    ## By strategy

    {{ activities(strategy="share KNOWLEDGE", limit=100) }}

    ## The first few

    {{ activities(strategy="share-knowledge", limit=2) }}

    ## As many as a page shows

    {{ activities() }}

    ## By type and grade

    {{ activities(type="learning-at-home", grade="3rd") }}

    ## By level and audience

    {{ activities(level="District", audience="families") }}

    ## By plan and status

    {{ activities(plan="sample-school-plan-2026-27", status="in-progress") }}

    ## Practices of a year

    {{ activities(year="2025-26", practice=true) }}

    ## Other audiences

    {{ activities(audience="Other audiences") }}

    ## Nothing matches

    {{ activities(level="school", strategy="Share knowledge") }}

    ## Leadership template

    {{ goal_template("rio-grande", 1) }}

    ## School template

    {{ goal_template(plan="sample-school-plan", goal="2") }}

    ## Summary

    {{ plan_summary("rio-grande") }}

    ## Coverage of all

    {{ coverage() }}

    ## Coverage of the first

    {{ coverage(limit=2) }}

    ## Coverage of one

    {{ coverage(plan="sample-school-plan") }}

    ## Hostile

    {{ activities(plan="hostile") }}

    {{ goal_template("hostile", 1) }}

    {{ plan_summary("hostile") }}

    {{ coverage(plan="hostile") }}

    {{ activities(plan="hostile-school") }}

    {{ goal_template("hostile-school", 1) }}

    {{ plan_summary("hostile-school") }}

    {{ coverage(plan="hostile-school") }}
"""
DEEP = "guides/deeper/template.md"
"""A page as deep as a goal page: its links read the same, so its table can be compared as bytes."""
PLANS = {"rio-grande.md": SCHOOL_DISTRICT, "hostile.md": HOSTILE, "hostile-school.md": HOSTILE_SCHOOL}


def write_page(project: Path, path: str, text: str) -> None:
    target = project / "docs" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(line.removeprefix("    ") for line in text.strip("\n").splitlines()) + "\n")


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "html-urls"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(tmp_path_factory.mktemp("macros"), PLANS)
    write_page(project, "guides/workshop.md", WORKSHOP)
    write_page(
        project,
        DEEP,
        '---\nrender_macros: true\n---\n# Deep\n\n{{ goal_template("sample-school-plan", 2) }}\n',
    )
    if not request.param:
        with (project / "mkdocs.yml").open("a") as config:
            config.write("use_directory_urls: false\n")
    return build_site(project)


@pytest.fixture(scope="module")
def library(site: Site) -> Library:
    return load_library(site.root.parent / "plans")


def directory_urls(site: Site) -> bool:
    return (site.root / "guides" / "workshop" / "index.html").exists()


def url_of(site: Site, src: str) -> str:
    """A page's URL path in this site: `plans/x/index.md` -> `plans/x/` or `plans/x/index.html`."""
    stem = src.removesuffix(".md")
    if not directory_urls(site):
        return f"{stem}.html"
    return stem.removesuffix("index") if stem.endswith("index") else f"{stem}/"


def workshop(site: Site) -> Tag:
    return site.content(url_of(site, "guides/workshop.md"))


def section(site: Site, heading: str) -> Tag:
    """The first macro output under a heading of the workshop page."""
    found = workshop(site).find(id=heading)
    assert isinstance(found, Tag), heading
    output = found.find_next(class_="handbook-embedded")
    assert isinstance(output, Tag), heading
    return output


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A link on a page, as the site path it leads to and its fragment."""
    parts = urlsplit(href)
    path = (
        posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), parts.path))
        if parts.path
        else "/" + page_url
    )
    if parts.path.endswith("/") or parts.path in ("", "./"):
        path = path.rstrip("/") + "/"
    return path.lstrip("/"), parts.fragment


def reaches(site: Site, page_url: str, href: str) -> bool:
    """Whether a link leads to a page of the site and, if it names one, an element there."""
    path, fragment = resolve(page_url, href)
    target = site.path(path) if path else site.root / "index.html"
    if not target.is_file():
        return False
    return (
        not fragment or BeautifulSoup(target.read_text("utf-8"), "html.parser").find(id=fragment) is not None
    )


def links(output: Tag) -> list[str]:
    return [str(a["href"]) for a in output.find_all("a")]


def activity_links(site: Site, output: Tag) -> list[tuple[str, str]]:
    """The activities a list shows, as (plan page, anchor), in order."""
    here = url_of(site, "guides/workshop.md")
    return [resolve(here, str(li.a["href"])) for li in output.select("ul.handbook-activity-links > li")]


def expected(site: Site, library: Library, wanted: Callable[[ActivityRef], bool]) -> list[tuple[str, str]]:
    return [
        (
            url_of(site, f"plans/{item.goal.plan.slug}/index.md"),
            activity_anchor(item.goal.number, item.number),
        )
        for item in library.activities()
        if wanted(item)
    ]


def test_activities_lists_the_matching_activities_each_linked_to_its_anchor(
    site: Site, library: Library
) -> None:
    output = section(site, "by-strategy")
    shown = activity_links(site, output)
    assert shown == expected(
        site, library, lambda i: "share-knowledge" in [s.slug for s in i.goal.goal.strategies]
    )
    assert len(shown) > 4 and any(url.startswith("plans/hostile") for url, _ in shown)
    here = url_of(site, "guides/workshop.md")
    unreached = [href for href in links(output) if not reaches(site, here, href)]
    assert unreached == []
    first = output.select_one("ul.handbook-activity-links > li")
    assert first is not None
    plan = library.plan(resolve(here, str(first.a["href"]))[0].split("/")[1])
    assert plan is not None and plan.title in text_of(first)  # its plan and goal go with it
    assert "goal 3" in text_of(first) and plan.goals[2].title in text_of(first)


def test_a_list_shows_the_first_activities_and_leads_to_all_of_them(site: Site, library: Library) -> None:
    """At state scale a strategy has thousands of activities: a page shows the first ten
    (or `limit`), as the catalogue orders them, and links to the rest there."""
    every = expected(site, library, lambda i: True)
    sharing = expected(site, library, lambda i: "share-knowledge" in [s.slug for s in i.goal.goal.strategies])
    cases = {"the-first-few": (sharing, 2), "as-many-as-a-page-shows": (every, 10)}
    for heading, (matching, shown) in cases.items():
        output = section(site, heading)
        assert len(matching) > shown, heading
        assert activity_links(site, output) == matching[:shown], heading
        link = output.select_one("p.handbook-to-catalogue")
        assert link is not None
        assert " ".join(link.get_text().split()) == (
            f"The first {shown} of {len(matching)} activities. All {len(matching)} in the catalogue, "
            "to filter, sort and download them."
        )
    assert str(section(site, "the-first-few").select_one("p.handbook-to-catalogue a")["href"]).endswith(  # type: ignore[index]
        "?strategy=share-knowledge"
    )


def test_search_finds_plan_text_on_its_plan_not_on_pages_that_show_it(site: Site, library: Library) -> None:
    """Site search leads to an activity at its place in its plan; a hand-written page that
    shows it is found by its own words only, or every result would come twice."""
    records = published_records(site.root)
    workshop = [r for r in records if r["location"].split("#")[0].strip("/").startswith("guides/workshop")]
    assert workshop and "Workshop" in " ".join(r["title"] for r in workshop)
    words = " ".join(r["content"] for r in workshop)
    activity = next(library.activities()).activity.text  # the first that `activities()` shows
    assert activity not in words and "Reading night" not in words
    assert any(activity in r["content"] for r in records if r["location"].startswith("plans/"))


def test_each_filter_matches_as_the_catalogue_does(site: Site, library: Library) -> None:
    def groups(item: ActivityRef) -> set[str]:
        return {group.slug for group in library.groups_of(item.goal.goal)}

    cases: dict[str, Callable[[ActivityRef], bool]] = {
        "by-type-and-grade": lambda i: (
            i.activity.type is not None
            and i.activity.type.slug == "learning-at-home"
            and "3" in grade_keys(i.activity.grades)
        ),
        "by-level-and-audience": lambda i: i.goal.plan.level.value == "district" and "families" in groups(i),
        "by-plan-and-status": lambda i: (
            i.goal.plan.slug == "sample-school-plan-2026-27"
            and i.activity.status is not None
            and i.activity.status.value == "in progress"
        ),
        "practices-of-a-year": lambda i: i.goal.plan.year == "2025-26" and i.activity.practice,
        "other-audiences": lambda i: bool(i.goal.goal.audience) and not groups(i),
    }
    for heading, wanted in cases.items():
        shown = activity_links(site, section(site, heading))
        assert shown == expected(site, library, wanted), heading
        assert shown, f"{heading}: the test's plans should give this filter something to find"


def test_the_catalogue_link_asks_for_the_same_activities(site: Site) -> None:
    output = section(site, "by-type-and-grade")
    link = output.select_one("p.handbook-to-catalogue a")
    assert link is not None
    path, _ = resolve(url_of(site, "guides/workshop.md"), str(link["href"]).split("?")[0])
    assert path == url_of(site, "catalogue/index.md")
    assert str(link["href"]).endswith("?type=learning-at-home&grade=3")


def test_no_match_is_said_in_words_not_an_empty_list(site: Site) -> None:
    output = section(site, "nothing-matches")
    assert output.select("li") == []
    assert (
        text_of(output)
        == "No activity of the handbook's plans matches (strategy: Share knowledge; level: School)."
    )


def tables(site: Site, page_url: str, element: Tag) -> list[str]:
    """A page's template or coverage tables as HTML, with links as the site paths they lead
    to and rows without ids: what is the same wherever the tables stand."""
    copies = []
    for table in element.select("div.handbook-table-scroll"):
        table = BeautifulSoup(str(table), "html.parser")
        for a in table.find_all("a"):
            path, fragment = resolve(page_url, str(a["href"]))
            a["href"] = path + (f"#{fragment}" if fragment else "")
        for row in table.find_all("tr"):
            row.attrs.pop("id", None)
        copies.append(str(table))
    return copies


@pytest.mark.parametrize(
    ("heading", "plan", "goal"),
    [("leadership-template", "rio-grande", 1), ("school-template", "sample-school-plan", 2)],
)
def test_goal_template_shows_the_goal_pages_table(site: Site, heading: str, plan: str, goal: int) -> None:
    here = url_of(site, "guides/workshop.md")
    goal_url = url_of(site, f"plans/{plan}/goal-{goal}.md")
    goal_page = site.content(goal_url)
    output = section(site, heading)
    shown = tables(site, here, output)
    assert shown == tables(site, goal_url, goal_page)
    assert len(shown) == (2 if plan == "rio-grande" else 1)  # Río Grande's goal 1 has pages 1 and 2
    facts, page_facts = (
        output.select_one("dl.handbook-template-facts"),
        goal_page.select_one("dl.handbook-template-facts"),
    )
    assert facts is not None and page_facts is not None and text_of(facts) == text_of(page_facts)
    # The goal page's rows are link targets; here they are not, so two goals on a page never clash.
    assert output.select("tr[id]") == [] and goal_page.select("tr[id^=activity-]")
    assert output.find(["h1", "h2"]) is None
    assert [href for href in links(output) if not reaches(site, here, href)] == []


def test_goal_template_is_byte_for_byte_the_goal_pages_table_but_for_row_ids(site: Site) -> None:
    """Not only equal once parsed: the same HTML, from the same template fragment. (On a page
    as deep as the goal page, so that relative links are written the same.)"""
    page = site.html(url_of(site, "plans/sample-school-plan/goal-2.md"))
    start = page.index('<div class="handbook-table-scroll"')
    table = page[start : page.index("</table>", start)]
    mine = site.html(url_of(site, DEEP))
    start = mine.index('<div class="handbook-table-scroll"')
    embedded = mine[start : mine.index("</table>", start)]
    assert re.sub(r' id="activity-\d+"', "", table) == embedded
    assert table.count(' id="activity-') == 2


def test_coverage_shows_the_coverage_pages_tables(site: Site, library: Library) -> None:
    here = url_of(site, "guides/workshop.md")
    coverage_url = url_of(site, "coverage/index.md")
    shown = tables(site, here, section(site, "coverage-of-all"))
    assert shown == tables(site, coverage_url, site.content(coverage_url))
    one = section(site, "coverage-of-one")
    rows = one.select("tbody tr")
    assert len(rows) == 1 and "Sample School One-Year Action Plan for Partnerships" in text_of(rows[0])
    all_rows = section(site, "coverage-of-all").select("tbody tr")
    assert str(rows[0]) in [str(row) for row in all_rows]  # the same row as in the table of all
    assert [href for href in links(one) if not reaches(site, here, href)] == []
    first = section(site, "coverage-of-the-first")
    assert [str(row) for row in first.select("tbody tr")] == [str(row) for row in all_rows[:2]]
    assert f"The first 2 of {len(library.plans)} plans." in text_of(first)
    assert [resolve(here, href)[0] for href in links(first)][-1] == coverage_url


def test_plan_summary_gives_title_level_organization_goals_and_counts(site: Site, library: Library) -> None:
    here = url_of(site, "guides/workshop.md")
    output = section(site, "summary")
    plan = library.plan("rio-grande")
    assert plan is not None
    words = text_of(output)
    assert plan.title in words and "District plan" in words and str(plan.organization) in words
    assert f"{len(plan.goals)} goals, {plan.activity_count} activities" in words
    goals = output.select("ol.handbook-goal-links > li")
    assert [text_of(li.a) for li in goals] == [goal.title for goal in plan.goals]
    assert [resolve(here, str(li.a["href"])) for li in goals] == [
        (url_of(site, "plans/rio-grande/index.md"), f"goal-{n}") for n in range(1, len(plan.goals) + 1)
    ]
    assert [href for href in links(output) if not reaches(site, here, href)] == []


def test_plan_text_stays_inert_in_every_macros_output(site: Site) -> None:
    """Jinja in a plan is not evaluated, by the macros or by the page around them, and its
    HTML arrives as text: the same words as on the plan's own pages."""
    heading = workshop(site).find(id="hostile")
    assert isinstance(heading, Tag)
    outputs = heading.find_all_next(class_="handbook-embedded")
    assert len(outputs) == 8
    for output in outputs:
        assert output.find("script") is None and output.find("img") is None, output
        words = text_of(output)
        assert (
            "{{ 7*7 }}" in words
            and "{% raw %}raw{% endraw %}" in words
            and "<script>alert(1)</script>" in words
        )
        assert "49" not in words and "42" not in words
        for element in output.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), element
    raw = site.html(url_of(site, "guides/workshop.md"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>alert(" not in raw
    plan_page = text_of(site.content(url_of(site, "plans/hostile/index.md")))
    assert "Activity " + PAYLOAD in plan_page and "Activity " + PAYLOAD in text_of(outputs[0])


def test_the_real_guide_shows_each_strategys_activities_and_a_goals_template() -> None:
    """docs/strategies-guide.md, on the samples (built once for the session's sample site)."""
    guide = (ROOT / "docs" / "strategies-guide.md").read_text("utf-8")
    assert guide.count("{{ activities(strategy=") == guide.count(", limit=5) }}") == 6
    assert "{{ goal_template(" in guide and "{{ plan_summary(" in guide
    assert "{{ coverage(" not in guide and "(coverage/index.md)" in guide  # the whole table is a link away


def test_the_real_guide_page_is_built(sample_site: Site) -> None:
    page = sample_site.content("strategies-guide/")
    library = load_library(ROOT / "plans")
    for strategy in library.strategies:
        heading = page.find(id=strategy.slug)
        assert isinstance(heading, Tag), strategy.slug
        listed = heading.find_next(class_="handbook-embedded")
        assert isinstance(listed, Tag)
        count = sum(len(ref.goal.activities) for ref in library.goals_using(strategy))
        assert len(listed.select("ul.handbook-activity-links > li")) == min(count, 5), strategy.slug
        assert f"All {count} in the catalogue" in text_of(listed), strategy.slug
    assert page.select_one("section.handbook-goal-template table.handbook-template") is not None
    assert [href for href in links(page) if not reaches(sample_site, "strategies-guide/", href)] == []


BROKEN = """
    ---
    render_macros: true
    ---
    # Broken

    {{ goal_template("sample-stat-plan", 1) }}

    {{ goal_template("sample-state-plan", 4) }}

    {{ goal_template("sample-state-plan", "first") }}

    {{ goal_template(goal=1) }}

    {{ activities(strategy="Create awarness") }}

    {{ activities(type="volunter", level="distrct") }}

    {{ activities(audience="familes", grade="K-2") }}

    {{ activities(year="2026-2027") }}

    {{ activities(year="2031-32", status="finished") }}

    {{ activities(grade="thirteenth", practice="yes", strategi="Share knowledge") }}

    {{ plan_summary("sample-scool-plan") }}

    {{ coverage(plan="nope") }}

    {{ activities(limit=500) }}

    {{ coverage(limit="all") }}
"""
SIX = "Create awareness, Align program and policy, Guide learning and program development, Document progress and evaluate outcomes, Share knowledge, Celebrate milestones"
TYPES = "Parenting, Communicating, Volunteering, Learning at home, Decision making, Collaborating with the community"
GROUPS = (
    "Families, Students, Teachers and school staff, Principals and school leaders, School Action Teams for "
    "Partnerships, Schools, District leaders, State education agency staff, Other state agencies and "
    "organizations, Community partners and businesses, School boards and policy makers, The public, Other audiences"
)
GRADES = "PK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"
EXPECTED = [
    "docs/about/broken.md: goal_template(\"sample-stat-plan\", 1): plan: no plan plans/sample-stat-plan.md; did you mean 'sample-state-plan'?",
    'docs/about/broken.md: goal_template("sample-state-plan", 4): goal: sample-state-plan has 3 goals, numbered 1 to 3; goal 4 is not one of them',
    'docs/about/broken.md: goal_template("sample-state-plan", "first"): goal: sample-state-plan has 3 goals, numbered 1 to 3; \'first\' is not one of them',
    "docs/about/broken.md: goal_template(goal=1): plan: required",
    f"docs/about/broken.md: activities(strategy=\"Create awarness\"): strategy: unknown strategy 'Create awarness'; did you mean 'Create awareness'? (the six are: {SIX})",
    f"docs/about/broken.md: activities(type=\"volunter\", level=\"distrct\"): type: unknown type of involvement 'volunter'; did you mean 'Volunteering'? (the six are: {TYPES})",
    'docs/about/broken.md: activities(type="volunter", level="distrct"): level: must be one of state, district, school; did you mean \'district\'?',
    f"docs/about/broken.md: activities(audience=\"familes\", grade=\"K-2\"): audience: unknown audience group 'familes'; did you mean 'Families'? (the groups are: {GROUPS})",
    f'docs/about/broken.md: activities(audience="familes", grade="K-2"): grade: \'K-2\' names 3 grades: give one of {GRADES}',
    "docs/about/broken.md: activities(year=\"2026-2027\"): year: write the school year as '2026-27'",
    'docs/about/broken.md: activities(year="2031-32", status="finished"): year: no plan is for the school year 2031-32 (plans give 2026-27, 2025-26)',
    'docs/about/broken.md: activities(year="2031-32", status="finished"): status: must be one of planned, in progress, done, not done',
    'docs/about/broken.md: activities(grade="thirteenth", practice="yes", strategi="Share knowledge"): unknown argument \'strategi\'; did you mean \'strategy\'? (activities takes strategy, type, level, audience, plan, grade, year, status, practice, limit)',
    f'docs/about/broken.md: activities(grade="thirteenth", practice="yes", strategi="Share knowledge"): grade: \'thirteenth\' is not a grade: give one of {GRADES}',
    'docs/about/broken.md: activities(grade="thirteenth", practice="yes", strategi="Share knowledge"): practice: must be true or false, not \'yes\'',
    "docs/about/broken.md: plan_summary(\"sample-scool-plan\"): plan: no plan plans/sample-scool-plan.md; did you mean 'sample-school-plan'?",
    'docs/about/broken.md: coverage(plan="nope"): plan: no plan plans/nope.md',
    "docs/about/broken.md: activities(limit=500): limit: a number from 1 to 100, not 500 (a page stays light with a state's plans; the list links to all of them)",
    "docs/about/broken.md: coverage(limit=\"all\"): limit: a number from 1 to 100, not 'all' (a page stays light with a state's plans; the list links to all of them)",
    'docs/another.md: activities(level="county"): level: must be one of state, district, school',
]


def test_every_mistake_on_every_page_is_one_build_error_that_names_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    write_page(project, "about/broken.md", BROKEN)
    write_page(
        project,
        "another.md",
        '---\nrender_macros: true\n---\n# Another\n\n{{ activities(level="county") }}\n',
    )
    result = run(project, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert lines == EXPECTED
    assert f"{len(EXPECTED)} problems in macros of hand-written pages; nothing was built" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_make_build_keeps_the_last_site_when_a_page_has_a_mistake(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "marker.txt").write_text("the last good site")
    before = snapshot(project / "site")
    write_page(
        project, "another.md", '---\nrender_macros: true\n---\n# Another\n\n{{ coverage(plan="nope") }}\n'
    )
    make = [
        "make",
        "-s",
        "-f",
        str(ROOT / "Makefile"),
        "build",
        f"VENV={ROOT / '.venv'}",
        "HANDBOOK_PDFS=false",
    ]
    result = run(project, *make)
    assert result.returncode != 0
    assert 'docs/another.md: coverage(plan="nope"): plan: no plan plans/nope.md' in result.stderr
    assert snapshot(project / "site") == before


def test_a_page_that_shows_plan_data_follows_a_plan_saved_under_make_serve(tmp_path: Path) -> None:
    """`make serve` rebuilds only what changed (`--dirty`); a page with `render_macros: true`
    changes with any plan, as well as when it is saved."""
    project = make_project(tmp_path / "project")
    plan = project / "plans" / "sample-state-plan.md"
    old = "Link with other organizations for training, presentations, and conferences."
    new = "Link with other organizations for training, webinars, and conferences."
    with serving(project, tmp_path / "serve.log") as base:
        url = base + "strategies-guide/"
        assert wait_for(url, old), (tmp_path / "serve.log").read_text()
        plan.write_text(plan.read_text("utf-8").replace(old, new), "utf-8")
        assert wait_for(url, new), (tmp_path / "serve.log").read_text()
