"""The two sample plans, built into a real site, read back from the HTML."""

from __future__ import annotations

import html
import re

import pytest

from handbook.browser.contract import contract
from handbook.plans.loading import load_library
from tests.support.project import SEEDS, Site, text_of
from tests.support.search import published_records

PLANS = {"state": "sample-state-plan", "district": "sample-district-plan"}
SEED_FILES = {"state": "000_*.txt", "district": "002_*.txt"}

# Which goals use each strategy, as the two printed plans say (district goal 1 prints
# "Align policy and program").
GOALS_BY_STRATEGY = {
    "create-awareness": {1},
    "align-program-and-policy": {1},
    "guide-learning-and-program-development": {2},
    "document-progress-and-evaluate-outcomes": {2},
    "share-knowledge": {3},
    "celebrate-milestones": {3},
}


def seed_activities(level: str) -> dict[int, list[str]]:
    """Each goal's activities as printed in the seed, PDF line breaks removed."""
    seed = next(SEEDS.glob(SEED_FILES[level]))
    text = " ".join(seed.read_text(encoding="utf-8").replace("*", "").replace("#", "").split())
    goals: dict[int, list[str]] = {}
    for number, body in re.findall(r"GOAL (\d)\.(.*?)(?=GOAL \d\.|For each goal)", text):
        activities = body.split("SAMPLE ACTIVITIES", 1)[1]
        items = re.split(r"(?:^|\s)\d\.\s", activities)
        goals[int(number)] = [item.strip() for item in items if item.strip()]
    return goals


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[int, list[str]]]:
    """The seeds from the repository's own copy, so these run wherever the tests run
    (the pull-request workflow has no `../shared`)."""
    return {level: seed_activities(level) for level in PLANS}


def test_seeds_hold_the_24_sample_activities(seeds: dict[str, dict[int, list[str]]]) -> None:
    counts = {level: [len(goals[n]) for n in sorted(goals)] for level, goals in seeds.items()}
    assert counts == {"state": [5, 5, 4], "district": [4, 3, 3]}


@pytest.mark.parametrize("level", PLANS)
def test_every_sample_activity_stands_word_for_word_at_its_anchor_on_the_plan_page(
    sample_site: Site, seeds: dict[str, dict[int, list[str]]], level: str
) -> None:
    page = sample_site.content(f"plans/{PLANS[level]}/")
    for goal, activities in seeds[level].items():
        for number, expected in enumerate(activities, start=1):
            item = page.find(id=f"goal-{goal}-activity-{number}")
            assert item is not None, f"goal-{goal}-activity-{number} missing"
            assert text_of(item) == expected
        assert page.find(id=f"goal-{goal}-activity-{len(activities) + 1}") is None


@pytest.mark.parametrize("level", PLANS)
def test_every_sample_activity_stands_word_for_word_on_its_goal_template_page(
    sample_site: Site, seeds: dict[str, dict[int, list[str]]], level: str
) -> None:
    for goal, activities in seeds[level].items():
        page = sample_site.content(f"plans/{PLANS[level]}/goal-{goal}/")
        rows = page.select("table.handbook-template tbody tr.handbook-activity-row")
        assert len(rows) == len(activities)
        for number, (row, expected) in enumerate(zip(rows, activities, strict=True), start=1):
            assert row["id"] == f"activity-{number}"
            cells = row.find_all("td")
            assert text_of(cells[0]) == f"{number}. {expected}"
            assert [text_of(cell) for cell in cells[1:]] == ["", "", "", ""]


def test_goal_template_page_is_the_leadership_plan_template(sample_site: Site) -> None:
    page = sample_site.content("plans/sample-state-plan/goal-2/")
    headers = [text_of(th) for th in page.select("table.handbook-template thead th")]
    assert headers == ["Activities", "Dates", "Responsibilities", "Expected results", "Costs"]
    facts = {text_of(dt).rstrip(":"): text_of(dt.find_next_sibling("dd")) for dt in page.select("dl dt")}
    assert facts == {
        "Plan": "Sample State Leadership Plan for School, Family, and Community Partnerships",
        "Goal 2": (
            "Provide professional development and technical assistance to district leaders for "
            "partnerships so that they can guide their schools at all levels to develop effective "
            "programs of family and community engagement for student success."
        ),
        "Leadership strategies": "Guide learning and program development , Document progress and evaluate outcomes",
        "Target audience": "Districts leaders for partnerships (audience group: District leaders )",
    }
    group = page.select_one(".handbook-audience-groups")
    assert group is not None and "handbook-screen-only" in group["class"]  # the sheet prints the plan's words
    assert len(page.select("tr.handbook-blank-row")) == 2


@pytest.mark.parametrize("strategy", GOALS_BY_STRATEGY)
def test_each_strategy_page_links_exactly_the_activities_of_the_goals_that_use_it(
    sample_site: Site, strategy: str
) -> None:
    page = sample_site.content(f"strategies/{strategy}/")
    links = {a["href"] for a in page.select("ol.handbook-activity-links a")}
    counts = {"sample-state-plan": [5, 5, 4], "sample-district-plan": [4, 3, 3]}
    expected = {
        f"../../plans/{plan}/#goal-{goal}-activity-{n}"
        for plan, per_goal in counts.items()
        for goal in GOALS_BY_STRATEGY[strategy]
        for n in range(1, per_goal[goal - 1] + 1)
    }
    assert links == expected


def test_plan_page_links_each_goal_to_its_strategies_and_template_page(sample_site: Site) -> None:
    page = sample_site.content("plans/sample-district-plan/")
    goal = page.find(id="goal-1").find_parent("section")
    strategies = [(text_of(a), a["href"]) for a in goal.select("a.handbook-strategy")]
    # printed as "Align policy and program"; shown by its name in the strategy data file
    assert strategies == [
        ("Create awareness", "../../strategies/create-awareness/"),
        ("Align program and policy", "../../strategies/align-program-and-policy/"),
    ]
    assert goal.select_one(".handbook-template-link a")["href"] == "goal-1/"


def test_state_plan_acknowledgement_is_a_footnote_after_the_closing(sample_site: Site) -> None:
    page = sample_site.content("plans/sample-state-plan/")
    reference = page.select_one("sup a.footnote-ref")
    assert reference is not None and reference["href"] == "#fn:1"
    footnote = page.find(id="fn:1")
    assert "Connecticut State Department of Education" in text_of(footnote)
    closing = page.select_one(".handbook-closing")
    assert closing is not None and "(page 2 of plan)" in text_of(closing)
    assert str(page).index("handbook-closing") < str(page).index('id="fn:1"')


def test_plans_index_lists_each_plan_with_level_counts(sample_site: Site) -> None:
    page = sample_site.content("plans/")
    rows = {
        level["id"]: [[text_of(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
        for level in page.find_all("h2")
        if (table := level.find_next("table")) and level.find_next("h2") != table.find_previous("h2")
    }
    state = "Sample State Leadership Plan for School, Family, and Community Partnerships"
    district = "Sample District Leadership Plan for School, Family, and Community Partnerships"
    assert rows["state-plans"] == [[state, "", "3", "14"]]
    assert rows["district-plans"] == [[district, "", "3", "10"]]
    school = "Sample School One-Year Action Plan for Partnerships"
    organization = "A sample elementary school in the sample district"
    assert rows["school-plans"] == [
        [school, organization, "4", "9"],
        [f"{school}, 2026-27", organization, "4", "6"],
    ]
    levels = [text_of(li) for li in page.select("ul.handbook-levels li")]
    assert levels == ["State plans : 1", "District plans : 1", "School plans : 2"]
    assert [li["id"] for li in page.select("ul.handbook-levels li")] == ["state", "district", "school"]


AUDIENCE_GROUPS = {  # every sample goal's audience, as written, and the groups it reaches
    ("sample-state-plan", 1): ["principals-and-school-leaders", "district-leaders", "state-education-agency",
                               "community-partners-and-businesses"],
    ("sample-state-plan", 2): ["district-leaders"],
    ("sample-state-plan", 3): ["state-education-agency", "other-state-agencies-and-organizations"],
    ("sample-district-plan", 1): ["teachers-and-school-staff", "principals-and-school-leaders"],
    ("sample-district-plan", 2): ["action-teams-for-partnerships", "schools"],
    ("sample-district-plan", 3): ["families", "schools", "community-partners-and-businesses"],
}  # fmt: skip


def test_every_sample_goal_reaches_its_audience_groups(sample_site: Site) -> None:
    reached: dict[tuple[str, int], list[str]] = {}
    index = sample_site.content("audiences/")
    for link in index.select("table.handbook-audiences th a"):
        group = link["href"].strip("/")
        page = sample_site.content(f"audiences/{group}/")
        for heading in page.select("h3[id]"):
            plan, goal = re.fullmatch(r"plan-(.+)-goal-(\d+)", heading["id"]).groups()  # type: ignore[union-attr]
            reached.setdefault((plan, int(goal)), []).append(group)
    assert reached == AUDIENCE_GROUPS
    assert len(index.select("table.handbook-audiences tbody tr")) == 12  # every group, no "Other"


def test_an_audience_group_page_lists_the_goals_and_activities_that_reach_it(sample_site: Site) -> None:
    page = sample_site.content("audiences/district-leaders/")
    goals = [h3["id"] for h3 in page.select("h3")]
    assert goals == ["plan-sample-state-plan-goal-1", "plan-sample-state-plan-goal-2"]
    links = [a["href"] for a in page.select("ol.handbook-activity-links a")]
    assert links == [
        f"../../plans/sample-state-plan/#goal-{g}-activity-{n}" for g in (1, 2) for n in range(1, 6)
    ]
    assert "Target audience: Districts leaders for partnerships" in text_of(page)


def test_home_page_offers_every_way_in(sample_site: Site) -> None:
    page = sample_site.content("")
    hrefs = {a["href"] for a in page.find_all("a")}
    assert {"plans/#state", "plans/#district", "plans/#school"} <= hrefs
    assert {f"strategies/{slug}/" for slug in GOALS_BY_STRATEGY} <= hrefs
    assert {"audiences/", "plans/", "template/", "types/", "catalogue/", "coverage/"} <= hrefs
    assert "4 plans with 14 goals and 39 activities" in text_of(page)


def test_generated_pages_stay_out_of_the_navigation(sample_site: Site) -> None:
    nav = sample_site.page("plans/sample-state-plan/goal-1/").select_one("nav.md-nav--primary")
    hrefs = {a["href"] for a in nav.select("a.md-nav__link[href]")}
    assert hrefs == {
        "../../..", "../../", "../../../strategies/", "../../../strategies-guide/", "../../../audiences/", "../../../types/",
        "../../../catalogue/", "../../../resources/", "../../../coverage/", "../../../template/",
        "../../../templates/blank/state/", "../../../templates/blank/district/",
        "../../../templates/blank/school/", "../../../contribute/", "../../../practices/",
        "../../../progress/", "../../../years/",
    }  # fmt: skip


def test_goal_template_pages_are_left_out_of_search(sample_site: Site) -> None:
    locations = {record["location"] for record in published_records(sample_site.root)}
    assert "plans/sample-state-plan/goal-1/" not in locations
    assert "plans/sample-state-plan/#goal-1" in locations


def test_search_finds_each_plan_goal_and_activity_at_its_own_anchor_and_nothing_else(
    sample_site: Site,
) -> None:
    """Plan pages are indexed from search entries made from the plan: an entry for the
    plan, each goal and each activity, at the anchors of the plan page; no link labels,
    coverage tables or template details."""
    library = load_library(sample_site.root.parent / "plans")
    docs = published_records(sample_site.root)
    indexed = {doc["location"]: doc for doc in docs if doc["location"].startswith("plans/")}
    expected = {}
    for ref in library.goals():
        page = f"plans/{ref.plan.slug}/"
        expected[page] = ref.plan.title
        expected[f"{page}#goal-{ref.number}"] = f"Goal {ref.number}. {ref.goal.title}"
        for item in ref.activities():
            expected[f"{page}#goal-{ref.number}-activity-{item.number}"] = (
                f"Goal {ref.number}, activity {item.number}: {item.activity.text}"
            )
    assert {location: html.unescape(doc["title"]) for location, doc in indexed.items()} == expected
    state = indexed["plans/sample-state-plan/"]["content"]
    assert "Activities as CSV" not in state and "Create awareness" not in str(indexed)
    assert "The authors thank leaders for partnership" in state  # the footnote is the plan's words too
    goal = indexed["plans/sample-school-plan/"]["content"]  # the page's words, goals' included
    assert "Desired results: More students read at or above grade level" in goal


REPO = "https://github.com/partnerships-handbook/handbook"


@pytest.mark.parametrize(
    ("url", "suggest"),
    [
        ("plans/sample-state-plan/", "../../contribute/?plan=sample-state-plan"),
        ("plans/sample-district-plan/goal-2/", "../../../contribute/?plan=sample-district-plan"),
        ("plans/sample-school-plan/goal-4/", "../../../contribute/?plan=sample-school-plan"),
        ("", "contribute/"),
        ("template/", "../contribute/"),
        ("strategies/create-awareness/", "../../contribute/"),
    ],
)
def test_propose_changes_leads_readers_to_the_plan_form_naming_the_plan(
    sample_site: Site, url: str, suggest: str
) -> None:
    """Not a bare pencil into a code editor: readers of a plan are not its editors."""
    link = sample_site.page(url).select_one("a.handbook-suggest")
    assert link is not None and link["href"] == suggest
    words = "Propose changes to this plan" if "?plan=" in suggest else "Propose a plan"
    assert link.get_text(" ", strip=True) == words


def test_the_plan_form_page_links_the_repository_and_serves_its_scripts(sample_site: Site) -> None:
    page = sample_site.page("contribute/")
    assert page.select_one("a.handbook-suggest") is None
    form = page.select_one("#plan-form")
    assert form["data-new-file"] == f"{REPO}/new/main/plans"
    assert form["data-edit-file"] == f"{REPO}/edit/main/plans/"
    assert f"{REPO}/blob/main/CONTRIBUTING.md" in [a["href"] for a in page.select("article a")]
    scripts = [s["src"] for s in page.select("article script[src]")]
    assert scripts == [
        "../javascripts/vendor/js-yaml.min.js",
        "../javascripts/vendor/ajv2020.min.js",
        "plan-contract.js",
        "../plans/plan-list.js",
        "../javascripts/plan-check.js",
        "../javascripts/plan-form.js",
    ]
    assert all((sample_site.root / "contribute" / src).resolve().is_file() for src in scripts)


def test_the_repository_link_fetches_nothing_from_the_code_host(sample_site: Site) -> None:
    page = sample_site.page("plans/sample-state-plan/")
    assert page.select_one("a.md-source")["href"] == REPO
    assert page.select_one('[data-md-component="source"]') is None


def test_fields_are_named_alike_on_the_plan_page_the_goal_page_and_the_form(sample_site: Site) -> None:
    """One name per field, the printed template's: a school plan's "Persons in charge and
    helping" is that on its plan page, its goal template and the form's contract."""
    school_page = sample_site.content("plans/sample-school-plan/")
    school_terms = {text_of(dt) for dt in school_page.select("dl.handbook-details dt")}
    assert "Persons in charge and helping" in school_terms and "Responsibilities" not in school_terms
    assert "Preparations needed" in school_terms or "Preparations" not in school_terms
    goal_facts = {text_of(dt) for dt in school_page.select("dl.handbook-goal-facts dt")}
    assert "How each result is measured" in goal_facts
    school_goal = sample_site.content("plans/sample-school-plan/goal-1/")
    headers = [text_of(th) for th in school_goal.select("table.handbook-template thead th")]
    assert "Persons in charge and helping" in headers
    assert "How each result is measured" in {text_of(dt).rstrip(":") for dt in school_goal.select("dl dt")}
    activity = contract()["schema"]["$defs"]["Activity"]["properties"]
    assert activity["responsible"]["title"] == "Responsibilities"
    assert activity["responsible"]["x-labels"] == {"school": "Persons in charge and helping"}
    goal = contract()["schema"]["$defs"]["Goal"]["properties"]
    assert goal["measures"]["title"] == "How each result is measured"
