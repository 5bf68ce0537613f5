"""Resources linked where people need them (issue 30, item 3): each strategy's, audience group's
and type's page lists exactly its resources; each goal (its template page and its plan page)
lists the best matches, a few, with a link to all; the catalogue links the resources for its
filters; the coverage page counts them and marks the gaps.

One site is built for the module: the sample plans, a school plan whose goal names audience
groups, the sample resources and a few of the test's own, among them six for one strategy
(more than a page lists for a goal) and none for another (a gap)."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import Tag

from handbook import urls
from handbook.library import GoalRef, Library
from handbook.pages import PageBuilder
from handbook.pages.listing import FEW_RESOURCES
from handbook.pages.plan_pages import PlanPages
from handbook.plans.loading import load_library
from handbook.resources.library import ResourceLibrary
from handbook.resources.loading import load_resource_library
from handbook.resources.model import Resource
from handbook.vocabularies.strategies import STRATEGIES, Strategy
from mkdocs_handbook.files import Freshness, HandbookPage
from mkdocs_handbook.plans import newest_change
from tests.support.project import ROOT, Site, build_site, make_project, text_of
from tests.support.web import serve_site

SCHOOL_WITH_GROUPS = """
    ---
    title: Maple Grove Elementary One-Year Action Plan
    level: school
    organization: Maple Grove Elementary School
    goals:
      - title: More families read with their children at home.
        kind: academic
        audience_groups: [Families, Students]
        activities:
          - text: Lend a bag of books each week to every family that asks.
            type: Learning at home
      - title: A climate of partnership in every classroom.
        kind: climate
        activities:
          - text: Welcome walks for new families in August.
            type: Communicating
    ---
"""


def resource(
    title: str,
    strategies: str,
    groups: str = "[]",
    types: str = "[]",
    levels: str = "[state, district, school]",
    kind: str = "guide",
) -> str:
    return textwrap.dedent(f"""\
        ---
        title: "{title}"
        kind: {kind}
        summary: "What {title} holds, in a line."
        strategies: {strategies}
        audience_groups: {groups}
        types: {types}
        levels: {levels}
        source: The test's own
        link: https://www.example.org/{len(title)}
        ---
        A resource written for the test.
        """)


RESOURCES: dict[str, str | bytes] = {
    # Six for "Share knowledge" with the sample brief: more than a goal lists, and a link to all.
    "sharing-a-newsletter.md": resource(
        "Sharing: a newsletter", "[Share knowledge]", "[Families]", "[Communicating]"
    ),
    "sharing-b-forum.md": resource("Sharing: a policy forum", "[Share knowledge]", "[District leaders]"),
    "sharing-c-website.md": resource("Sharing: a website", "[Share knowledge]", kind="template or form"),
    "sharing-d-annual-file.md": resource(
        "Sharing: an annual file", "[Share knowledge, Celebrate milestones]"
    ),
    "sharing-e-tips.md": resource(
        "Sharing <b>tips</b> & tricks",
        "[Share knowledge, Celebrate milestones, Create awareness]",
        "[Other state agencies and organizations, State education agency]",
        kind="video",
    ),
    "partners-count.md": resource(
        "Counting what partners give",
        "[Document progress and evaluate outcomes]",
        "[Community partners and businesses]",
        "[Collaborating with the community]",
    ),
}
"""The test's resources. No resource of the test or the samples helps with "Align program and
policy", which every leadership sample's goal 1 uses: a gap on its page and on coverage."""

GAP = "align-program-and-policy"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("resource-links"), {"maple-grove.md": SCHOOL_WITH_GROUPS}, resources=RESOURCES
    )


@pytest.fixture(scope="module")
def site(project: Path) -> Site:
    return build_site(project)


@pytest.fixture(scope="module")
def library(project: Path) -> Library:
    return load_library(project / "plans")


@pytest.fixture(scope="module")
def resources(project: Path) -> ResourceLibrary:
    return load_resource_library(project / "resources")


def linked_slugs(element: Tag) -> list[str]:
    """The resources an element links, in order, by slug (`.../resources/<slug>/`)."""
    found = []
    for a in element.select("a[href]"):
        match = re.search(r"(?:^|/)resources/([^/?#]+)/(?:index\.html)?$", str(a["href"]))
        if match:
            found.append(match.group(1))
    return found


def section(site: Site, url: str) -> Tag | None:
    return site.content(url).select_one("section[aria-labelledby=resources]")


def query_of(a: Tag) -> dict[str, list[str]]:
    address = urlsplit(str(a["href"]))
    assert re.search(r"(?:^|/)resources/(?:index\.html)?$", address.path), a["href"]
    return parse_qs(address.query)


def onward_links(element: Tag) -> list[Tag]:
    """Links to `/resources/` under a filter."""
    return [a for a in element.select("a[href*='?']") if "resources/" in str(a["href"])]


def slugs(resources: list[Resource]) -> list[str]:
    return [resource.slug for resource in resources]


def strategy(slug: str) -> Strategy:
    return next(s for s in STRATEGIES if s.slug == slug)


# Strategy, audience group and type pages


def test_the_test_resources_are_loaded_and_cover_what_the_tests_ask(resources: ResourceLibrary) -> None:
    assert len(resources) == 2 + len(RESOURCES)
    by_strategy = {s.slug: len(resources.for_strategy(s)) for s in STRATEGIES}
    assert by_strategy["share-knowledge"] > FEW_RESOURCES and by_strategy[GAP] == 0


def test_each_strategy_page_lists_exactly_the_resources_of_its_strategy(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    for strategy in library.strategies:
        found = section(site, f"strategies/{strategy.slug}/")
        assert found is not None, strategy.slug
        want = slugs(resources.for_strategy(strategy))
        assert sorted(set(linked_slugs(found))) == sorted(want), strategy.slug
        assert len(found.select("ul.handbook-resource-links > li")) == len(want)


def test_each_audience_page_lists_exactly_the_resources_of_its_group(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    pages = [audience for audience in library.audiences() if audience.goals and audience.group is not None]
    assert len(pages) > 3
    for audience in pages:
        assert audience.group is not None
        found = section(site, f"audiences/{audience.slug}/")
        assert found is not None, audience.slug
        want = slugs(resources.for_audience_group(audience.group))
        assert sorted(set(linked_slugs(found))) == sorted(want), audience.slug


def test_other_audiences_is_no_group_and_lists_no_resources(site: Site, library: Library) -> None:
    if library.unmatched_goals():
        assert section(site, f"audiences/{urls.OTHER_AUDIENCES_SLUG}/") is None


def test_each_type_page_lists_exactly_the_resources_of_its_type(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    for kind in library.types:
        found = section(site, f"types/{kind.slug}/")
        assert found is not None, kind.slug
        assert sorted(set(linked_slugs(found))) == sorted(slugs(resources.for_type(kind))), kind.slug


def test_a_listed_resource_shows_its_kind_and_summary_and_its_title_escaped(site: Site) -> None:
    found = section(site, "strategies/share-knowledge/")
    assert found is not None
    item = next(li for li in found.select("li") if "sharing-e-tips" in linked_slugs(li))
    assert (
        " ".join(item.get_text().split())
        == "Sharing <b>tips</b> & tricks (Video): What Sharing <b>tips</b> & tricks holds, in a line."
    )
    assert item.select_one("b") is None


def test_more_than_a_few_resources_link_to_all_of_them_filtered(
    site: Site, resources: ResourceLibrary
) -> None:
    found = section(site, "strategies/share-knowledge/")
    assert found is not None
    (everything,) = onward_links(found)
    count = len(resources.for_strategy(strategy("share-knowledge")))
    assert text_of(everything) == f"All {count} resources for Share knowledge"
    assert query_of(everything) == {"strategy": ["share-knowledge"]}


def test_a_few_resources_are_listed_without_a_link_to_all(site: Site) -> None:
    found = section(site, "types/communicating/")
    assert found is not None and 0 < len(linked_slugs(found)) <= FEW_RESOURCES
    assert onward_links(found) == []


def test_a_strategy_without_resources_says_so_and_how_to_propose_one(site: Site) -> None:
    found = section(site, f"strategies/{GAP}/")
    assert found is not None
    assert linked_slugs(found) == []
    assert "No resources for this strategy yet." in text_of(found)
    propose = found.select_one("a")
    assert propose is not None and str(propose["href"]).rstrip("/").endswith("contribute")


def test_the_resources_come_first_in_the_table_of_contents(site: Site) -> None:
    toc = site.page("strategies/share-knowledge/").select("nav.md-nav--secondary a.md-nav__link")
    assert toc and str(toc[0]["href"]).endswith("#resources")


# Goals: the template page and the plan page


def goal_refs(library: Library) -> Iterator[GoalRef]:
    yield from library.goals()


def best_first(library: Library, resources: ResourceLibrary, ref: GoalRef) -> list[tuple[int, str]]:
    """Every resource that shares a strategy, group or type of involvement with the goal,
    scored by how many, ordered as the pages must list them: most shared first, then by title."""
    groups = set(library.groups_of(ref.goal))
    types = {activity.type for activity in ref.goal.activities if activity.type is not None}
    scored = [
        (
            len(set(ref.goal.strategies) & set(r.strategies))
            + len(groups & set(r.audience_groups))
            + len(types & set(r.types)),
            r,
        )
        for r in resources.resources
    ]
    return [
        (score, r.slug)
        for score, r in sorted(scored, key=lambda pair: (-pair[0], pair[1].title.casefold(), pair[1].slug))
        if score
    ]


def goal_section(site: Site, url: str, anchor: str) -> Tag | None:
    return site.content(url).select_one(f"section[aria-labelledby={anchor}]")


def check_goal_list(found: Tag | None, want: list[tuple[int, str]], where: str) -> None:
    if not want:
        assert found is None, where
        return
    assert found is not None, where
    assert "handbook-screen-only" in found["class"], where  # never on the printed sheet
    items = found.select("ul.handbook-resource-links > li")
    assert [linked_slugs(li)[0] for li in items] == [slug for _, slug in want[:FEW_RESOURCES]], where
    onward = onward_links(found)
    if len(want) > FEW_RESOURCES:
        assert onward, where
        assert all(set(query_of(a)) <= {"strategy", "audience"} for a in onward), where
    else:
        assert onward == [], where


def test_each_goal_page_lists_the_best_matches_first_at_most_a_few(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    listed = 0
    for ref in goal_refs(library):
        want = best_first(library, resources, ref)
        check_goal_list(
            goal_section(site, f"plans/{ref.plan.slug}/goal-{ref.number}/", "resources"),
            want,
            f"{ref.plan.slug} goal {ref.number}",
        )
        listed += bool(want)
    assert listed >= 6


def test_each_plan_page_lists_each_goals_best_matches(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    for ref in goal_refs(library):
        found = goal_section(site, f"plans/{ref.plan.slug}/", f"goal-{ref.number}-resources")
        check_goal_list(found, best_first(library, resources, ref), f"{ref.plan.slug} goal {ref.number}")
        if found is not None:  # within its goal's section
            goal = found.find_parent("section")
            assert goal is not None and goal["aria-labelledby"] == f"goal-{ref.number}"


def test_a_goal_with_more_than_a_few_links_every_strategy_and_group_it_shares(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    ref = next(r for r in library.goals() if r.plan.slug == "sample-state-plan" and r.number == 3)
    assert [s.slug for s in ref.goal.strategies] == ["share-knowledge", "celebrate-milestones"]
    found = goal_section(site, "plans/sample-state-plan/goal-3/", "resources")
    assert found is not None
    filters = [query_of(a) for a in onward_links(found)]
    assert filters[:2] == [{"strategy": ["share-knowledge"]}, {"strategy": ["celebrate-milestones"]}]
    reached = set()
    for f in filters:
        ((key, (value,)),) = f.items()
        for r in resources.resources:
            terms = r.strategies if key == "strategy" else r.audience_groups
            if value in [term.slug for term in terms]:
                reached.add(r.slug)
    assert reached == {slug for _, slug in best_first(library, resources, ref)}  # together, every match


def test_the_goals_lists_follow_the_resource_librarys_own_rule(
    project: Path, library: Library, resources: ResourceLibrary
) -> None:
    """`GoalResources` works `ResourceLibrary.for_goal`'s rule out from an index, for speed:
    it answers as the rule does, goal by goal."""
    family = PageBuilder(library, resources=resources).family(PlanPages)
    for ref in library.goals():
        want = resources.for_goal(ref.goal, library.groups_of(ref.goal))
        got = family.goal_resources(ref)
        shown = (got.shown, got.total) if got is not None else ((), 0)
        assert shown == (tuple(want[:FEW_RESOURCES]), len(want)), (ref.plan.slug, ref.number)


def test_a_school_goal_matches_by_the_groups_it_names_and_its_activities_types(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    found = goal_section(site, "plans/maple-grove/goal-1/", "resources")
    assert found is not None
    assert "running-a-family-math-night" in linked_slugs(found)
    plan = library.plan("maple-grove")
    assert plan is not None and not plan.goals[1].audience_groups  # goal 2 names no group...
    want = best_first(library, resources, GoalRef(plan, 2, plan.goals[1]))
    assert want  # ...and meets resources by its activities' types of involvement
    check_goal_list(goal_section(site, "plans/maple-grove/goal-2/", "resources"), want, "maple-grove goal 2")


# The catalogue and coverage


def test_the_catalogue_links_every_resource_without_script(site: Site, resources: ResourceLibrary) -> None:
    link = site.content("catalogue/").select_one("#catalogue-resources")
    assert link is not None
    assert query_of(link) == {}
    assert f"{len(resources)} resources" in text_of(link)
    assert str(link["data-filters"]).split() == ["strategy", "audience", "type", "level"]


def test_the_coverage_page_counts_resources_and_marks_the_gaps(
    site: Site, library: Library, resources: ResourceLibrary
) -> None:
    content = site.content("coverage/")
    tables = {
        text_of(caption): caption.find_parent("table")
        for caption in content.select("table.handbook-resource-count caption")
    }
    assert set(tables) == {
        "Resources by leadership strategy",
        "Resources by type of involvement",
        "Resources by audience group",
    }
    expected = {
        "Resources by leadership strategy": [
            (s.name, "strategy", s.slug, len(resources.for_strategy(s))) for s in library.strategies
        ],
        "Resources by type of involvement": [
            (f"{t.number}. {t.name}", "type", t.slug, len(resources.for_type(t))) for t in library.types
        ],
        "Resources by audience group": [
            (g.name, "audience", g.slug, len(resources.for_audience_group(g)))
            for g in library.audience_groups
        ],
    }
    for caption, rows in expected.items():
        table = tables[caption]
        assert isinstance(table, Tag)
        body = table.select("tbody tr")
        assert len(body) == len(rows)
        for row, (name, field, slug, count) in zip(body, rows, strict=True):
            header, cell = row.select_one("th"), row.select_one("td")
            assert header is not None and cell is not None
            assert text_of(header) == name
            if count:
                a = cell.select_one("a")
                assert a is not None and text_of(a) == str(count) and query_of(a) == {field: [slug]}
            else:
                assert text_of(cell) == "none" and "handbook-gap" in cell["class"]
    strategies = tables["Resources by leadership strategy"]
    assert strategies is not None
    gap = next(row for row in strategies.select("tbody tr") if GAP in str(row))
    assert text_of(gap).endswith("none")


def test_every_link_to_a_resource_or_the_filtered_list_leads_to_a_built_page(
    site: Site, library: Library
) -> None:
    pages = [
        *(f"strategies/{s.slug}/" for s in library.strategies),
        *(f"types/{t.slug}/" for t in library.types),
        *(f"audiences/{a.slug}/" for a in library.audiences() if a.goals),
        *(f"plans/{ref.plan.slug}/goal-{ref.number}/" for ref in library.goals()),
        *(f"plans/{plan.slug}/" for plan in library.plans),
        "catalogue/",
        "coverage/",
    ]
    checked = 0
    for url in pages:
        for a in site.content(url).select("a[href]"):
            target = urlsplit(urljoin(f"https://handbook.test/{url}", str(a["href"])))
            if not target.path.startswith("/resources/"):
                continue
            assert site.path(target.path).is_file(), (url, a["href"])
            checked += 1
    assert checked > 50


# Pages of a long listing, a handbook without resources, and what pages follow under `make serve`


def test_resources_go_on_the_first_page_of_a_long_listing_only(project: Path) -> None:
    library = load_library(project / "plans")
    resources = load_resource_library(project / "resources")
    pages = {p.src_uri: p for p in PageBuilder(library, page_budget=300, resources=resources).pages()}
    first, second = (
        urls.strategy_uri("share-knowledge"),
        urls.listing_page(urls.strategy_uri("share-knowledge"), 2),
    )
    assert second in pages
    assert 'id="resources"' in pages[first].html and 'id="resources"' not in pages[second].html
    assert pages[first].toc[0].anchor == "resources"
    assert all(entry.anchor != "resources" for entry in pages[second].toc)


def test_a_long_list_of_resources_shows_what_fits_and_links_to_all(project: Path) -> None:
    library = load_library(project / "plans")
    resources = load_resource_library(project / "resources")
    pages = {p.src_uri: p for p in PageBuilder(library, page_budget=1500, resources=resources).pages()}
    html = pages[urls.strategy_uri("share-knowledge")].html
    assert 0 < html.count("<li><a") < len(resources.for_strategy(strategy("share-knowledge")))
    assert "are listed here" in html and "?strategy=share-knowledge" in html


def test_a_handbook_without_resources_says_nothing_of_them() -> None:
    pages = {p.src_uri: p for p in PageBuilder(load_library(ROOT / "plans")).pages()}
    for uri in (
        urls.strategy_uri("share-knowledge"), urls.type_uri("parenting"), urls.audience_uri("families"),
        urls.CATALOGUE, urls.COVERAGE, urls.plan_uri("sample-state-plan"), urls.goal_uri("sample-state-plan", 3),
    ):  # fmt: skip
        for mark in (
            'id="resources"',
            "handbook-resources",
            "catalogue-resources",
            "handbook-resource-count",
            '-resources"',
        ):
            assert mark not in pages[uri].html, (uri, mark)


def test_pages_that_list_resources_follow_every_resource(project: Path) -> None:
    library = load_library(project / "plans")
    pages = {p.src_uri: p for p in PageBuilder(library).pages()}
    follow = [
        urls.strategy_uri("share-knowledge"), urls.type_uri("parenting"), urls.audience_uri("families"),
        urls.CATALOGUE, urls.COVERAGE, urls.plan_uri("sample-state-plan"), urls.goal_uri("sample-state-plan", 3),
        urls.goal_uri("sample-school-plan", 1),
    ]  # fmt: skip
    assert all(pages[uri].inputs.every_resource for uri in follow)
    assert not pages[urls.PLANS_INDEX].inputs.every_resource
    assert pages[urls.RESOURCES_INDEX].inputs.every_resource
    folder = project / "resources"
    newest = max(path.lstat().st_mtime for path in [folder, *folder.glob("*.md")])
    assert newest_change(folder) == newest
    assert newest_change(project / "no-resources") == 0.0  # no resources/ there


def test_a_saved_resource_makes_the_pages_that_list_resources_out_of_date(
    project: Path, tmp_path: Path
) -> None:
    """Under `make serve`, what follows every resource compares itself with the newest change
    to one (worked out once a build), not with each file."""
    built = tmp_path / "page.html"
    built.write_text("")
    freshness = Freshness(newest_plan=0.0, newest_resource=os.path.getmtime(built) - 10)
    page = HandbookPage("x.md", str(tmp_path), str(tmp_path), use_directory_urls=False)
    page.abs_dest_path = str(built)
    page.freshness, page.every_resource = freshness, True
    assert not page.is_modified()
    freshness.newest_resource = os.path.getmtime(built) + 10
    assert page.is_modified()


# In the browser: the catalogue's link follows its filters


def test_the_catalogues_resource_link_follows_its_filters(browser: Any, site: Site) -> None:
    with serve_site(site.root) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{base}catalogue/?strategy=share-knowledge&level=district&text=forum")
            page.wait_for_function(
                "document.getElementById('catalogue-count').textContent.includes('activit')"
            )
            link = page.locator("#catalogue-resources")
            assert link.inner_text() == "Resources for these filters"
            href = urlsplit(link.get_attribute("href") or "")
            assert parse_qs(href.query) == {"strategy": ["share-knowledge"], "level": ["district"]}
            page.select_option("select[name=audience]", "families")
            page.select_option("select[name=strategy]", "")
            assert parse_qs(urlsplit(link.get_attribute("href") or "").query) == {
                "audience": ["families"],
                "level": ["district"],
            }
            page.click("#catalogue-filters button[type=reset]")
            page.wait_for_function("!document.getElementById('catalogue-resources').href.includes('?')")
            assert "resources" in link.inner_text()
        finally:
            context.close()
