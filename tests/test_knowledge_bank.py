"""School One-Year Action Plans, types of involvement, downloads and coverage."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import pytest

from handbook import urls
from handbook.browser.downloads import CATALOGUE_FIELDS, FIELDS
from handbook.plans.grades import grade_keys
from handbook.plans.loading import PlanErrors, load_library
from tests.support.project import ROOT, Site, build_site, make_project, text_of
from tests.test_links import target_of

SCHOOL = "plans/sample-school-plan/"
TYPE_SLUGS = [
    "parenting", "communicating", "volunteering", "learning-at-home", "decision-making",
    "collaborating-with-the-community",
]  # fmt: skip

# A district plan that leaves two strategies out, for coverage gaps.
GAPPY = """
    ---
    title: Gappy District Plan
    level: district
    goals:
      - title: Only awareness.
        strategies: [Create awareness]
        audience: Principals
        activities: [Send a letter., Hold a meeting.]
      - title: Only sharing.
        strategies: [Share knowledge, celebrate milestones]
        audience: Principals
        activities: [Publish a newsletter.]
    ---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(make_project(tmp_path_factory.mktemp("bank"), {"gappy.md": GAPPY}))


def rows_of(site: Site, path: str) -> list[dict[str, str]]:
    raw = site.path(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the byte-order mark
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_every_activity_is_in_the_csv_and_json_with_a_url_that_reaches_its_anchor(site: Site) -> None:
    csv_rows = rows_of(site, "catalogue/activities.csv")
    json_rows = json.loads(site.path("catalogue/activities.json").read_text("utf-8"))
    assert len(csv_rows) == len(json_rows) == 14 + 10 + 9 + 6 + 3  # state, district, two school years, gappy
    assert list(csv_rows[0]) == list(FIELDS) == list(json_rows[0])
    for row in json_rows:
        assert row["url"] == f"/plans/{row['plan']}/#goal-{row['goal']}-activity-{row['activity']}"
        target, anchor = target_of(site, "index.html", row["url"])
        item = Site(site.root).page(target.relative_to(site.root).parent.as_posix() + "/").find(id=anchor)
        assert item is not None and row["text"] in text_of(item)
    first = json_rows[0]
    assert first["plan"] == "sample-state-plan" and first["strategies"] == [
        "Create awareness",
        "Align program and policy",
    ]
    assert csv_rows[0]["strategies"] == "Create awareness; Align program and policy"
    school = [row for row in json_rows if row["level"] == "school"]
    assert school[1]["type"] == "Learning at home" and school[1]["grades"] == "1-3"


def test_with_the_sites_address_known_downloads_give_full_addresses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spreadsheet opens a full address; a path alone leads nowhere from Excel."""
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/handbook/")
    site = build_site(make_project(tmp_path / "project"))
    row = json.loads(site.path("catalogue/activities.json").read_text("utf-8"))[0]
    assert row["url"] == "https://example.org/handbook/plans/sample-state-plan/#goal-1-activity-1"
    assert rows_of(site, "catalogue/activities.csv")[0]["url"] == row["url"]
    assert rows_of(site, "plans/sample-state-plan/activities.csv")[0]["url"] == row["url"]


def test_the_catalogue_data_names_its_fields_and_brings_the_anchor_pattern(site: Site) -> None:
    """Python and the catalogue's script share names, not positions, and one anchor rule."""
    script = site.html("catalogue/activities.js")
    data = json.loads(script.removeprefix("window.handbookCatalogue = ").removesuffix(";\n"))
    assert data["fields"] == list(CATALOGUE_FIELDS)
    assert data["anchor"] == urls.ACTIVITY_ANCHOR
    row = dict(zip(data["fields"], data["rows"][0], strict=True))
    assert data["plans"][row["plan"]]["slug"] == "sample-state-plan"
    assert (row["goal"], row["activity"]) == (1, 1)
    code = (ROOT / "docs" / "javascripts" / "catalogue.js").read_text("utf-8")
    assert "goal-" not in code and "activity-" not in code  # anchors are written in Python only


def test_each_plan_offers_its_own_csv(site: Site) -> None:
    for slug, count in [("sample-state-plan", 14), ("sample-district-plan", 10), ("sample-school-plan", 9)]:
        rows = rows_of(site, f"plans/{slug}/activities.csv")
        assert len(rows) == count and {row["plan"] for row in rows} == {slug}
        assert site.content(f"plans/{slug}/").select_one('a[href="activities.csv"]') is not None


def test_school_goal_pages_use_the_one_year_action_plan_form(site: Site) -> None:
    page = site.content(SCHOOL + "goal-1/")
    headers = [text_of(th) for th in page.select("table thead th")]
    assert headers == [
        "Activities", "Type of involvement", "Grades", "Dates", "Preparations needed", "Persons in charge and helping",
    ]  # fmt: skip
    facts = {text_of(dt).rstrip(":"): text_of(dt.find_next_sibling("dd")) for dt in page.select("dl dt")}
    assert facts["Goal 1 (academic)"] == "Improve students' reading skills and enjoyment of reading."
    assert facts["How each result is measured"].startswith("Reading assessments")
    cells = [text_of(td) for td in page.select_one("#activity-2").find_all("td")]
    assert cells == [
        "2. Weekly reading logs that families sign and return.", "4. Learning at home", "1-3", "All year",
        "Print logs in the languages families speak.", "Classroom teachers",
    ]  # fmt: skip
    assert len(page.select("tr.handbook-blank-row")) == 2
    # the leadership template stays for state and district plans
    assert "Responsibilities" in text_of(
        site.content("plans/sample-district-plan/goal-1/").select_one("thead")
    )


def test_type_pages_link_every_activity_of_their_type(site: Site) -> None:
    expected = {"parenting": 2, "communicating": 4, "volunteering": 2, "learning-at-home": 5,
                "decision-making": 1, "collaborating-with-the-community": 1}  # fmt: skip
    for slug in TYPE_SLUGS:
        links = [a["href"] for a in site.content(f"types/{slug}/").select("ul.handbook-activity-links a")]
        assert len(links) == expected[slug], slug
        assert all(re.match(r"\.\./\.\./plans/sample-school-plan(-2026-27)?/#goal-", href) for href in links)
    assert [
        a["href"] for a in site.content("types/learning-at-home/").select("ul.handbook-activity-links a")
    ] == [
        "../../plans/sample-school-plan/#goal-1-activity-1",
        "../../plans/sample-school-plan/#goal-1-activity-2",
        "../../plans/sample-school-plan/#goal-2-activity-1",
        "../../plans/sample-school-plan-2026-27/#goal-1-activity-1",
        "../../plans/sample-school-plan-2026-27/#goal-2-activity-2",
    ]


def test_the_district_plan_lists_its_schools_and_the_school_links_back(site: Site) -> None:
    district = site.content("plans/sample-district-plan/")
    assert [a["href"] for a in district.select(".handbook-schools a")] == [
        "../sample-school-plan/",
        "../sample-school-plan-2026-27/",
    ]
    school = site.content(SCHOOL).select_one(".handbook-meta")
    assert school.find("a", href="../sample-district-plan/") is not None


def test_coverage_shows_counts_and_marks_gaps(site: Site) -> None:
    page = site.content("coverage/")
    rows = {
        text_of(tr.th): [text_of(td) for td in tr.find_all("td")]
        for tr in page.select("table.handbook-coverage tbody tr")
    }
    assert rows["Sample State Leadership Plan for School, Family, and Community Partnerships"] == [
        "5", "5", "5", "5", "4", "4", "6 of 6",
    ]  # fmt: skip
    assert rows["Gappy District Plan"] == ["2", "none", "none", "none", "1", "1", "3 of 6"]
    assert rows["Sample School One-Year Action Plan for Partnerships"] == [
        "1",
        "2",
        "1",
        "3",
        "1",
        "1",
        "6 of 6",
    ]
    gaps = page.select("td.handbook-gap")
    assert len(gaps) == 3 + 2  # the 2026-27 sample school plan has no decision making or collaborating
    compact = site.content("plans/gappy/").select_one("table.handbook-coverage--compact")
    assert [text_of(td) for td in compact.select("tbody td")] == [
        "2",
        "none",
        "none",
        "none",
        "1",
        "1",
        "3 of 6",
    ]


@pytest.mark.parametrize(
    ("grades", "keys"),
    [
        ("K-2", ["K", "1", "2"]),
        ("3 to 5, 8", ["3", "4", "5", "8"]),
        ("Pre-K", ["PK"]),
        ("3rd grade", ["3"]),
        ("6th-8th", ["6", "7", "8"]),
        ("1st and 2nd", ["1", "2"]),
        ("Kindergarten", ["K"]),
        ("K through 5", ["K", "1", "2", "3", "4", "5"]),
        ("Preschool and kindergarten", ["PK", "K"]),
        ("", []),
        ("week", []),
    ],
)
def test_grades_are_read_as_people_write_them(grades: str, keys: list[str]) -> None:
    assert grade_keys(grades) == keys


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def test_school_and_leadership_rules_are_checked_where_the_editor_acts(tmp_path: Path) -> None:
    for sample in ("sample-district-plan.md",):
        (tmp_path / sample).write_text((ROOT / "plans" / sample).read_text("utf-8"), "utf-8")
    write(tmp_path, "a-school.md", """
        ---
        title: A school
        level: school
        district: sample-distrct-plan
        goals:
          - title: Reading
            activities:
              - Read more.
              - text: Math night
                type: volunteer
          - title: Attendance
            kind: behaviour
            activities:
              - text: Calls home
                type: 7
        ---
    """)  # fmt: skip
    write(tmp_path, "a-district.md", """
        ---
        title: A district
        level: district
        goals:
          - title: Goal
            kind: academic
            audience: Principals
            activities: [Meet.]
        ---
    """)  # fmt: skip
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    six = "(the six are: Parenting, Communicating, Volunteering, Learning at home, Decision making, Collaborating with the community)"
    assert str(raised.value).splitlines() == [
        "plans/a-district.md:5: goals[1].strategies: required",
        "plans/a-district.md:6: goals[1].kind: only goals of school plans have a kind",
        "plans/a-school.md:6: goals[1].kind: required",
        "plans/a-school.md:8: goals[1].activities[1].type: required: each activity of a school plan names its type of involvement",
        f"plans/a-school.md:10: goals[1].activities[2].type: unknown type of involvement 'volunteer'; did you mean 'Volunteering'? {six}",
        f"plans/a-school.md:15: goals[2].activities[1].type: unknown type of involvement '7' {six}",
    ]


def test_a_school_plan_must_name_an_existing_district_plan(tmp_path: Path) -> None:
    (tmp_path / "sample-district-plan.md").write_text(
        (ROOT / "plans/sample-district-plan.md").read_text("utf-8")
    )
    school = (ROOT / "plans/sample-school-plan.md").read_text("utf-8")
    (tmp_path / "school.md").write_text(
        school.replace("district: sample-district-plan", "district: sample-distrct-plan")
    )
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    assert str(raised.value) == (
        "plans/school.md:7: district: no district plan plans/sample-distrct-plan.md; did you mean 'sample-district-plan'?"
    )
