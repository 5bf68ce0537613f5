"""The annual cycle: plans for a school year, a chain of years, progress, and each year's
collection of promising practices (page, CSV, PDF), built from plans written for it."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook.commands.new_plan import new_plan_text
from handbook.plans import years
from handbook.plans.loading import load_library
from handbook.plans.model import Level
from tests.support.browser import CHROMIUM
from tests.support.project import Site, build_site, make_project, text_of

HILL = """
    ---
    title: Hill Elementary One-Year Action Plan {year}
    level: school
    organization: Hill Elementary
    district: hill-district
    year: "{year}"
    {previous}
    goals:
      - title: Families read with their children.
        kind: academic
        activities:
          - text: Family Reading Night in {year}.
            type: Learning at home
            status: {first}
            {practice}
          - text: Lending library of bilingual books, {year}.
            type: 4
            status: {second}
      - title: Students come to school every day.
        kind: behavior
        activities:
          - text: A call home on the first day of absence, {year}.
            type: Communicating
    ---
"""


def hill(year: str, previous: str | None, first: str, second: str, practice: bool = False) -> str:
    return HILL.format(
        year=year,
        previous=f"previous: {previous}" if previous else "",
        first=first,
        second=second,
        practice=f"outcome: Ninety families came in {year}.\n            practice: true" if practice else "",
    )


DALE = """
    ---
    title: Dale Elementary One-Year Action Plan 2025-26
    level: school
    organization: Dale Elementary
    district: hill-district
    year: "2025-26"
    goals:
      - title: Students read at grade level.
        kind: academic
        activities:
          - text: Reading buddies with families.
            type: Volunteering
            status: done
          - text: Book swaps at the spring fair.
            type: Collaborating with the community
            status: not done
            outcome: The fair was cancelled for rain.
    ---
"""

HILL_DISTRICT = """
    ---
    title: Hill District Leadership Plan for Partnerships
    level: district
    organization: Hill School District
    year: "2025-26"
    goals:
      - title: Share what works across the district.
        strategies: [Share knowledge, Celebrate milestones]
        audience: Principals and Action Teams for Partnerships
        activities:
          - text: An end-of-year celebration where schools share best practices.
            status: done
            outcome: All twelve schools presented; eight wrote their next plans that evening.
            practice: true
          - text: A newsletter of practices each term.
            status: in progress
      - title: Align policy with partnerships.
        strategies: [Align program and policy]
        audience: School board members
        activities:
          - text: Review the board policy on family engagement.
            status: planned
    ---
"""

PLANS = {
    "hill-2024-25.md": hill("2024-25", None, "done", "done", practice=True),
    "hill-2025-26.md": hill("2025-26", "hill-2024-25", "done", "in progress", practice=True),
    "hill-2026-27.md": hill("2026-27", "hill-2025-26", "planned", "planned"),
    "dale-2025-26.md": DALE,
    "hill-district.md": HILL_DISTRICT,
}


@pytest.fixture(scope="module")
def annual_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(make_project(tmp_path_factory.mktemp("annual"), PLANS))


def anchors_of_practices(site: Site, year: str) -> set[str]:
    """Each practice's link on the year's collection, as `plan-slug#anchor`."""
    found = set()
    for link in site.page(f"practices/{year}/").select(".handbook-practice-activity a"):
        target = re.fullmatch(r"\.\./\.\./plans/([a-z0-9-]+)/#(goal-\d+-activity-\d+)", link["href"])
        assert target, link["href"]
        found.add(f"{target[1]}#{target[2]}")
    return found


def practices_in_plans(site: Site, year: str) -> set[str]:
    library = load_library(site.root.parent / "plans")
    return {
        f"{item.goal.plan.slug}#goal-{item.goal.number}-activity-{item.number}"
        for item in library.practices(year)
    }


@pytest.mark.parametrize("year", ["2024-25", "2025-26"])
def test_a_years_collection_holds_exactly_the_practices_put_forward_that_year(
    annual_site: Site, year: str
) -> None:
    expected = practices_in_plans(annual_site, year)
    assert len(expected) >= 1
    assert anchors_of_practices(annual_site, year) == expected
    for target in expected:  # each link leads to the activity on its plan page
        slug, anchor = target.split("#")
        assert annual_site.page(f"plans/{slug}/").find(id=anchor) is not None
    with (annual_site.root / "practices" / year / f"practices-{year}.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert {f"{row['plan']}#goal-{row['goal']}-activity-{row['activity']}" for row in rows} == expected
    assert {row["year"] for row in rows} == {year} and {row["practice"] for row in rows} == {"True"}
    assert all(row["outcome"] for row in rows)


def test_the_collection_groups_leadership_practices_by_strategy_and_school_practices_by_type(
    annual_site: Site,
) -> None:
    page = annual_site.content("practices/2025-26/")
    headings = [h.get_text(" ", strip=True) for h in page.select("h2, h3") if h.get("id") != "contents"]
    assert headings == [
        "State and district practices by leadership strategy", "Share knowledge",
        "School practices by type of involvement", "Communicating", "Learning at home",
    ]  # fmt: skip
    text = text_of(page)
    assert "All twelve schools presented" in text and "Hill School District" in text
    assert "Target audience: Principals and Action Teams for Partnerships" in text
    contents = [a.get_text() for a in page.select("nav.handbook-contents a")]
    assert contents == ["Share knowledge", "Communicating", "Learning at home"]


def test_the_practices_page_lists_each_years_collection(annual_site: Site) -> None:
    page = annual_site.content("practices/")
    links = [a["href"] for a in page.select(".handbook-collections a")]
    assert links[:2] == ["2025-26/", "2025-26/practices-2025-26.csv"]
    assert "2024-25/" in links and "2026-27/" not in links  # no practice put forward for 2026-27 yet


def test_other_years_link_each_plan_of_a_chain_of_three_both_ways_newest_first(annual_site: Site) -> None:
    chain = ["hill-2026-27", "hill-2025-26", "hill-2024-25"]
    for slug in chain:
        nav = annual_site.page(f"plans/{slug}/").select_one("nav.handbook-other-years")
        assert nav is not None
        items = [li.get_text(" ", strip=True).rstrip(", ") for li in nav.select("li")]
        assert items == [f"{other[-7:]} (this plan)" if other == slug else other[-7:] for other in chain]
        links = {a["href"] for a in nav.select("a")}
        assert links == {f"../{other}/" for other in chain if other != slug}
        assert nav.select_one("[aria-current=page]").get_text() == f"{slug[-7:]} (this plan)"
    assert annual_site.page("plans/dale-2025-26/").select_one("nav.handbook-other-years") is None


def test_a_plan_page_gives_its_year_each_activitys_status_in_words_and_a_summary(annual_site: Site) -> None:
    page = annual_site.content("plans/hill-2025-26/")
    meta = text_of(page.select_one(".handbook-meta"))
    assert "School year 2025-26" in meta
    statuses = [text_of(s) for s in page.select(".handbook-activities .handbook-status")]
    assert statuses == ["Done", "In progress"]  # the third activity reports none
    assert all(s.select_one("svg[aria-hidden=true]") for s in page.select(".handbook-status"))
    summary = text_of(page.select_one("#progress").find_next("p"))
    assert summary == "1 of 3 activities done, 1 in progress, 1 without a status in 2025-26."
    assert "Promising practice, 2025-26" in text_of(page)


def test_progress_counts_a_district_with_its_two_school_plans_of_the_year(annual_site: Site) -> None:
    page = annual_site.content("progress/")
    rows = {
        text_of(tr.th): [text_of(td) for td in tr.select("td")][1:7]
        for tr in page.select("table.handbook-progress tbody tr")
    }
    # Activities, Done, In progress, Planned, Not done, No status
    district = "Hill District Leadership Plan for Partnerships District plan"
    assert rows[district] == ["3", "1", "1", "1", "0", "0"]
    # Hill 2025-26: done, in progress, none; Dale: done, not done
    together = "All schools of Hill School District, 2025-26 2 school plans, counted together"
    assert rows[together] == ["5", "2", "1", "0", "1", "1"]
    # a year of one school plan has its row only: a total of one would repeat it
    assert rows["Hill Elementary One-Year Action Plan 2026-27 School plan"] == ["3", "0", "0", "2", "0", "1"]
    assert rows["Hill Elementary One-Year Action Plan 2024-25 School plan"] == ["3", "2", "0", "0", "0", "1"]
    district_rows = [text_of(tr.th) for tr in page.select("table.handbook-progress tbody tr")]
    hill = district_rows.index(district)
    # the district's own row, then its schools, newest year first
    assert district_rows[hill + 1 : hill + 6] == [
        "Hill Elementary One-Year Action Plan 2026-27 School plan",
        together,
        "Dale Elementary One-Year Action Plan 2025-26 School plan",
        "Hill Elementary One-Year Action Plan 2025-26 School plan",
        "Hill Elementary One-Year Action Plan 2024-25 School plan",
    ]
    headers = [text_of(th) for th in page.select("table.handbook-progress thead th")]
    assert headers[2:8] == ["Activities", "Done", "In progress", "Planned", "Not done", "No status"]


def test_plans_can_be_read_by_school_year(annual_site: Site) -> None:
    page = annual_site.content("plans/")
    years_line = text_of(page.select_one("#years"))
    assert years_line.startswith("By school year: 2026-27 (2 plans), 2025-26 (4 plans), 2024-25 (1 plan);")
    assert years_line.endswith("2 plans give no year.")  # the seeds
    year_page = annual_site.content("years/2025-26/")
    listed = {a["href"] for a in year_page.select(".handbook-plan-list a")}
    assert listed == {
        f"../../plans/{slug}/"
        for slug in ("hill-district", "dale-2025-26", "hill-2025-26", "sample-school-plan")
    }


def test_downloads_carry_the_year_status_outcome_and_practice(annual_site: Site) -> None:
    with (annual_site.root / "catalogue" / "activities.csv").open(encoding="utf-8-sig") as file:
        rows = {(row["plan"], row["goal"], row["activity"]): row for row in csv.DictReader(file)}
    row = rows[("dale-2025-26", "1", "2")]
    assert (row["year"], row["status"], row["outcome"], row["practice"]) == (
        "2025-26",
        "not done",
        "The fair was cancelled for rain.",
        "False",
    )
    assert rows[("sample-state-plan", "1", "1")]["year"] == ""  # the seeds give no year


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium")
def test_the_annual_pdf_has_a_title_page_contents_and_every_practice_as_text(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", PLANS)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_PDFS", "true")
        site = build_site(project)
    reader = PdfReader(site.root / "practices" / "2025-26" / "practices-2025-26.pdf")
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert pages[0].startswith("Promising practices, 2025-26") and "Contents" not in pages[0]
    assert pages[1].startswith("Contents")
    text = "".join("".join(pages).split())
    library = load_library(project / "plans")
    for item in library.practices("2025-26"):
        for words in (item.activity.text, item.activity.outcome or ""):
            assert "".join(words.split()) in text
    assert reader.metadata is not None and reader.metadata.title == "Promising Partnership Practices 2025-26"
    assert site.page("practices/2025-26/").select_one('a[href="practices-2025-26.pdf"]') is not None


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2026-27", None),
        ("1999-00", None),
        ("2026-2027", "write the school year as '2026-27'"),
        ("2026\N{EN DASH}27", "write the school year as '2026-27'"),
        ("SY 2026/27", "write the school year as '2026-27'"),
        ("2026-28", "the second part is the year after the first: write '2026-27'"),
        ("next year", "write the school year as the year it starts in and the next one's last two digits, like '2026-27'"),
    ],
)  # fmt: skip
def test_a_school_year_is_written_one_way_and_other_ways_get_a_hint(
    written: str, problem: str | None
) -> None:
    assert years.check(written) == problem


def test_a_new_plan_is_for_the_school_year_under_way() -> None:
    assert years.current(date(2026, 6, 30)) == "2025-26"
    assert years.current(date(2026, 7, 1)) == "2026-27"
    text = new_plan_text("x", Level.SCHOOL, today=date(2027, 1, 15))
    assert 'year: "2026-27"' in text
