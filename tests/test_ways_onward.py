"""A way onward from every page (issue 27): the audience groups link only groups with goals,
progress lists every plan with each count leading to what it counts in the catalogue, the
school years have an index, the home page leads to every section, the guide to the
strategies stays short, and the 404 page leads back in. Read from the session's sample site;
the roll-up of a district's schools is read from the page builder, no site built."""

from __future__ import annotations

import posixpath
import re
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Tag

from handbook.library import ActivityRef, Library
from handbook.pages import PageBuilder
from handbook.pages.annual import ProgressPages
from handbook.plans.loading import load_library
from handbook.plans.model import Level
from tests.support.project import ROOT, Site, text_of

CATALOGUE = "catalogue/"


def samples() -> Library:
    return load_library(ROOT / "plans")


def target(site: Site, page_url: str, href: str) -> Path:
    """The file a relative link on a page leads to (query and fragment aside)."""
    path = urlsplit(href).path
    resolved = posixpath.normpath(posixpath.join(page_url, path)) if path else page_url
    return site.path("" if resolved == "." else resolved)


def counted(library: Library, filters: dict[str, str]) -> int:
    """Activities the catalogue shows for a query of plan, status, strategy and type, counted
    here from the plans (as `catalogue.js` matches them)."""

    def matches(item: ActivityRef) -> bool:
        plan, goal, activity = item.goal.plan, item.goal.goal, item.activity
        return (
            plan.slug == filters.get("plan", plan.slug)
            and ("status" not in filters or (activity.status is not None and activity.status.value == filters["status"]))
            and ("type" not in filters or (activity.type is not None and activity.type.slug == filters["type"]))
            and ("strategy" not in filters or filters["strategy"] in {s.slug for s in goal.strategies})
        )  # fmt: skip

    assert set(filters) <= {"plan", "status", "type", "strategy"}, filters
    return sum(1 for item in library.activities() if matches(item))


def test_audience_groups_link_only_groups_with_goals_and_say_no_goals_yet(sample_site: Site) -> None:
    library = samples()
    rows = {
        text_of(tr.th).removesuffix(" (no goals yet)"): tr.th
        for tr in sample_site.content("audiences/").select("table.handbook-audiences tbody tr")
    }
    empty = [audience for audience in library.audiences() if not audience.goals]
    assert empty, "the samples leave some audience groups without goals"
    for audience in library.audiences():
        header = rows[audience.name]
        link = header.find("a")
        if audience.goals:
            assert isinstance(link, Tag) and link["href"] == f"{audience.slug}/", audience.slug
            assert target(sample_site, "audiences/", str(link["href"])).is_file()
        else:
            assert link is None and "no goals yet" in text_of(header), audience.slug
            assert not sample_site.path(f"audiences/{audience.slug}/").exists()  # no empty page


def progress_rows(page: Tag) -> list[Tag]:
    return page.select("table.handbook-progress tbody tr")


def test_progress_lists_every_plan_once_the_state_plan_as_reporting_no_status(sample_site: Site) -> None:
    library = samples()
    rows = progress_rows(sample_site.content("progress/"))
    listed = [str(tr.th.a["href"]) for tr in rows if tr.th.a is not None]
    assert sorted(listed) == sorted(f"../plans/{plan.slug}/" for plan in library.plans)
    state = next(tr for tr in rows if tr.th.a is not None and "sample-state-plan" in tr.th.a["href"])
    assert "No status reported" in text_of(state)
    # the district's school plans follow it, before any other district or state plan
    order = [href.split("/")[2] for href in listed]
    district = order.index("sample-district-plan")
    schools = [plan.slug for plan in library.schools_of(library.plan("sample-district-plan"))]  # type: ignore[arg-type]
    assert sorted(order[district + 1 : district + 1 + len(schools)]) == sorted(schools)


def test_every_count_on_progress_leads_to_the_catalogue_view_that_counts_as_many(sample_site: Site) -> None:
    library = samples()
    page = sample_site.content("progress/")
    headers = [text_of(th) for th in page.select("table.handbook-progress thead th")]
    no_status = headers.index("No status")
    links = 0
    for tr in progress_rows(page):
        for column, cell in enumerate(tr.find_all(["th", "td"])):
            if column in (0, 1) or column == no_status or "handbook-progress-none" in cell.get("class", []):
                continue  # the plan, its year, and counts the catalogue has no filter for
            shown = re.findall(r"\d+", text_of(cell))  # a count, or "Parenting: 2 of 3" for each term
            counts = cell.find_all("a")
            assert len(counts) == sum(1 for n in shown if n != "0"), text_of(cell)  # each count but 0 a link
            for a in counts:
                href = str(a["href"])
                assert href.startswith(f"../{CATALOGUE}?"), href
                filters = {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}
                assert int(text_of(a)) == counted(library, filters), href
                links += 1
    assert links >= 20


DALE = """
    ---
    title: Dale Elementary One-Year Action Plan 2025-26
    level: school
    organization: Dale Elementary
    district: sample-district-plan
    year: "2025-26"
    goals:
      - title: Students read at grade level.
        kind: academic
        activities:
          - text: Reading buddies with families.
            type: Volunteering
            status: done
    ---
"""


def test_a_districts_schools_of_a_year_are_counted_together_under_one_label(tmp_path: Path) -> None:
    """Two school plans of the sample district for 2025-26: one row "All schools of ..." above
    them; 2026-27's one school plan gets no such row (it would repeat the school's)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for sample in (ROOT / "plans").glob("*.md"):
        (folder / sample.name).write_text(sample.read_text("utf-8"), "utf-8")
    (folder / "dale-2025-26.md").write_text(textwrap.dedent(DALE).lstrip(), "utf-8")
    library = load_library(folder)
    builder = PageBuilder(library)
    (first,) = list(builder.family(ProgressPages).pages())
    page = BeautifulSoup(str(first.render()), "html.parser")
    rows = [(tr["class"][0].removeprefix("handbook-progress-"), text_of(tr.th)) for tr in progress_rows(page)]
    district = library.plan("sample-district-plan")
    assert district is not None and district.level is Level.DISTRICT
    named = district.organization or district.title
    at = rows.index(("district", f"{district.title} District plan"))
    assert rows[at + 1 :] == [
        ("school-of-district", "Sample School One-Year Action Plan for Partnerships, 2026-27 School plan"),
        ("schools-together", f"All schools of {named}, 2025-26 2 school plans, counted together"),
        ("school-of-district", "Dale Elementary One-Year Action Plan 2025-26 School plan"),
        ("school-of-district", "Sample School One-Year Action Plan for Partnerships School plan"),
    ]
    together = progress_rows(page)[at + 2]
    cells = [text_of(td) for td in together.select("td")]
    assert cells[:3] == ["2025-26", "10", "7"]  # the two plans' activities, and those done
    assert together.find("a") is None  # the catalogue cannot filter a district's schools together


def test_the_school_years_have_an_index_listing_each_year(sample_site: Site) -> None:
    library = samples()
    assert library.years()
    page = sample_site.content("years/")
    for year in library.years():
        link = page.find("a", href=f"{year}/")
        assert isinstance(link, Tag) and text_of(link) == year
        plans = len(library.plans_of_year(year))
        assert f"{year} : {plans} school plan{'s' if plans != 1 else ''}" in text_of(page)
        assert target(sample_site, "years/", f"{year}/").is_file()
        assert sample_site.content(f"years/{year}/").find("a", href="../") is not None  # back to the index


SECTIONS = (
    "plans/", "catalogue/", "strategies/", "audiences/", "types/", "coverage/", "years/", "practices/",
    "progress/", "contribute/", "templates/blank/state/", "templates/blank/district/",
    "templates/blank/school/", "strategies-guide/",
)  # fmt: skip


def test_the_home_page_links_every_section(sample_site: Site) -> None:
    hrefs = {str(a["href"]) for a in sample_site.content("").find_all("a")}
    assert [section for section in SECTIONS if section not in hrefs] == []
    assert [section for section in SECTIONS if not sample_site.path(section).is_file()] == []


def test_the_strategies_guide_shows_five_activities_each_and_all_of_them_in_the_catalogue(
    sample_site: Site,
) -> None:
    library = samples()
    page = sample_site.content("strategies-guide/")
    for strategy in library.strategies:
        heading = page.find(id=strategy.slug)
        assert isinstance(heading, Tag)
        listed = heading.find_next(class_="handbook-embedded")
        assert isinstance(listed, Tag)
        total = sum(len(ref.goal.activities) for ref in library.goals_using(strategy))
        assert len(listed.select("ul.handbook-activity-links > li")) == min(total, 5), strategy.slug
        link = listed.find("a", href=f"../catalogue/?strategy={strategy.slug}")
        assert isinstance(link, Tag) and text_of(link) == f"All {total} in the catalogue", strategy.slug
    assert page.select("table.handbook-coverage") == []  # no table cut off at its last column
    assert page.find("a", href="../coverage/") is not None


def test_the_404_page_leads_to_the_plans_catalogue_strategies_and_search_from_any_depth(
    sample_site: Site,
) -> None:
    page = sample_site.page("404.html").select_one("article")
    assert page is not None and text_of(page.h1) == "Page not found"
    hrefs = [str(a["href"]) for a in page.select("ul a")]
    assert hrefs == ["/plans/", "/catalogue/", "/strategies/", "/?q="]  # absolute: served at any depth
    for href in hrefs:
        assert sample_site.path(urlsplit(href).path).is_file(), href
