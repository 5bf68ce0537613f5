"""Plans written to the contract by other hands build beside the samples the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import Site, build_site, make_project, text_of


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(tmp_path_factory.mktemp("fixture"), {"rio-grande.md": SCHOOL_DISTRICT})
    return build_site(project)


def test_every_goal_and_activity_has_its_page_and_anchor(site: Site) -> None:
    page = site.content("plans/rio-grande/")
    for goal, count in enumerate([3, 1, 1, 2], start=1):
        assert page.find(id=f"goal-{goal}") is not None
        for number in range(1, count + 1):
            assert page.find(id=f"goal-{goal}-activity-{number}") is not None
        rows = site.content(f"plans/rio-grande/goal-{goal}/").select("tr.handbook-activity-row")
        assert len(rows) == count
    assert not site.path("plans/rio-grande/goal-5/").exists()
    assert text_of(page.find(id="goal-1-activity-1")) == (
        "Translate the welcome letter into Español, Tiếng Việt and 中文."
    )


def test_template_details_fill_the_table_and_pages_split_it(site: Site) -> None:
    page = site.content("plans/rio-grande/goal-1/")
    parts = [text_of(h2) for h2 in page.find_all("h2")]
    assert parts == [
        "Page 1: activities conducted at the district level",
        "Page 2: building the capacity of schools",
    ]
    first, second = page.select("table.handbook-template")
    assert [row["id"] for row in first.select("tr.handbook-activity-row")] == ["activity-1", "activity-3"]
    assert "(page not assigned)" in text_of(first.select_one("#activity-1"))
    assert "(page not assigned)" not in text_of(first.select_one("#activity-3"))
    cells = [text_of(td) for td in second.select_one("#activity-2").find_all("td")]
    assert cells == [
        "2. Hold a back-to-school night at each school.",
        "Sept. 10–12",
        "Principals & ATP chairs",
        "80% of families attend",
        "$1,200 for interpreters",
    ]


def test_strategy_names_in_any_case_and_order_reach_the_strategy_pages(site: Site) -> None:
    expected = {
        "create-awareness": {1},
        "align-program-and-policy": {1},
        "document-progress-and-evaluate-outcomes": {2},
        "guide-learning-and-program-development": {2},
        "share-knowledge": {3},
        "celebrate-milestones": {4},
    }
    counts = [3, 1, 1, 2]
    for slug, goals in expected.items():
        links = {
            a["href"] for a in site.content(f"strategies/{slug}/").select("a[href*='rio-grande/#goal-']")
        }
        assert links == {
            f"../../plans/rio-grande/#goal-{g}-activity-{n}"
            for g in goals
            for n in range(1, counts[g - 1] + 1)
        }, slug
    plan = site.content("plans/rio-grande/")
    names = [text_of(a) for a in plan.select("#goal-1 ~ dl a.handbook-strategy")][:2]
    assert names == ["Create awareness", "Align program and policy"]


def test_footnotes_from_introduction_and_closing_number_once_at_the_foot(site: Site) -> None:
    page = site.content("plans/rio-grande/")
    notes = [text_of(li) for li in page.select("div.footnote li")]
    assert [note.rstrip(" ↩") for note in notes] == ["See the state plan.", "On June 1."]
    html = str(page)
    assert html.index("handbook-goal") < html.index("Adopted by the board") < html.index('class="footnote"')


def test_samples_still_build_beside_other_plans(site: Site) -> None:
    index = site.content("plans/")
    titles = [text_of(a) for a in index.select("table a")]
    assert titles == [
        "Sample State Leadership Plan for School, Family, and Community Partnerships",
        "Río Grande Unified — Leadership Plan for Partnerships 2026–27",
        "Sample District Leadership Plan for School, Family, and Community Partnerships",
        "Sample School One-Year Action Plan for Partnerships",
        "Sample School One-Year Action Plan for Partnerships, 2026-27",
    ]
    assert site.content("plans/sample-state-plan/").find(id="goal-3-activity-4") is not None


def test_audiences_in_other_languages_reach_their_groups_and_stay_as_written(site: Site) -> None:
    """ "Familias y escuelas" (twice, once with a final period) reaches families and schools."""
    page = site.content("audiences/families/")
    goals = [a["href"] for a in page.select("h2 a")]
    assert "../../plans/rio-grande/" in goals
    written = [text_of(p) for p in page.select("p.handbook-meta") if "Target audience" in text_of(p)]
    assert "Target audience: Familias y escuelas" in written
    assert "Target audience: Familias y escuelas." in written
    assert site.content("audiences/schools/").find(id="plan-rio-grande-goal-3") is not None


def test_a_plan_alone_builds_without_the_samples(tmp_path: Path) -> None:
    site = build_site(make_project(tmp_path, {"only.md": SCHOOL_DISTRICT}, samples=False))
    assert not site.path("plans/rio-grande/").exists()
    assert not site.path("plans/sample-state-plan/").exists()
    assert site.content("plans/only/").find(id="goal-4-activity-2") is not None
    assert "No state plans yet." in text_of(site.content("plans/"))
