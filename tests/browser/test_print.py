"""On paper: each template sheet prints on one US Letter page and one A4 page, without the site.

Pages are printed as a person prints them, by Chromium's own print to PDF, and the pages of
the PDF counted. The site holds the samples, a plan written by other hands, and a plan with
one long goal (eight long-form activities with every detail), which must shrink to fit.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from handbook.plans.loading import load_library
from tests.support.browser import CHROMIUM
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import Site, build_site, make_project
from tests.support.tagged_pdf import structure

PAPERS = ("Letter", "A4")

LONG_GOAL = """
    ---
    title: Northern Plains State Leadership Plan for School, Family, and Community Partnerships, 2026 to 2029
    level: state
    organization: Northern Plains State Department of Education, Office of Family, School, and Community Engagement
    goals:
      - title: Build the capacity of every district leader for partnerships to guide all schools in the district to plan, implement, evaluate, and continually improve goal-linked programs of family and community engagement that contribute to student attendance, achievement, behavior, and well-being.
        strategies: [Create awareness, Align program and policy, Guide learning and program development, Document progress and evaluate outcomes, Share knowledge, Celebrate milestones]
        audience: District leaders for partnerships, superintendents, principals, Action Teams for Partnerships, regional service center staff, and community partners
        activities:
          - text: Conduct a two-day summer institute for newly appointed district leaders for partnerships, with sessions on the framework of six types of involvement, team structures, annual action plans, and evaluation, followed by four follow-up webinars during the school year.
            page: 1
            dates: July 14-15, 2026, and webinars in September, November, February, and April
            responsible: State coordinator for partnerships with two regional service center facilitators and a university partner
            expected_results: Ninety percent of new district leaders attend and rate the institute as useful; each drafts a district leadership plan by September 30
            costs: $18,000 from Title I state set-aside for facilitators, materials, and meals
          - text: Provide small competitive grants to districts that submit clear, ambitious district leadership plans with measurable goals for helping schools organize Action Teams for Partnerships.
            page: 2
            dates: Applications due October 15; awards announced November 15
            responsible: State coordinator, grants office, and a review panel of district leaders
            expected_results: Twelve districts funded; each supports at least five schools in writing One-Year Action Plans
            costs: $120,000 in state family engagement funds, $10,000 per district
          - text: Publish a monthly electronic newsletter to all district leaders and principals with practical examples of activities for each type of involvement, research summaries, and reminders of upcoming training and deadlines.
            dates: First Monday of each month, September through June
            responsible: Communications office with the state coordinator for partnerships
            expected_results: Open rate above sixty percent; districts report using examples in school team meetings
            costs: Staff time; no additional cost
          - text: Develop and distribute an evaluation toolkit with surveys for parents, teachers, and students in English, Spanish, Somali, Hmong, and Vietnamese, with guidance on collecting and reporting results.
            page: 2
            dates: Drafted by December; field-tested January to March; released in April
            responsible: Research and evaluation office, state coordinator, and three pilot districts
            expected_results: Toolkit used by at least twenty districts in the first year; results summarized in the annual report
            costs: $25,000 for translation, printing, and pilot district stipends
          - text: Convene quarterly regional meetings of district leaders for partnerships to share progress, solve problems together, and review the quality of school action plans using a common rubric.
            page: 1
            dates: September, December, March, and June at each of six regional service centers
            responsible: Regional service center directors with the state coordinator
            expected_results: Each district leader attends at least three meetings; plan quality scores improve by one level
            costs: $6,000 for travel reimbursement and materials
          - text: Review and align state policies on Title I parent and family engagement, school improvement planning, and early childhood programs so that they reinforce one another and name the district leader for partnerships as the contact for schools.
            page: 1
            dates: Policy review from January to May; board presentation in June
            responsible: Deputy superintendent, policy office, federal programs director, and state coordinator
            expected_results: Revised guidance adopted by the state board; one consistent set of expectations for districts and schools
            costs: Staff time and $2,000 for stakeholder forums
          - text: Recognize districts and schools with excellent partnership programs at the state education conference and in a published collection of promising practices shared on the state website and e-library.
            page: 2
            dates: Nominations in March; awards at the conference in May; collection published in August
            responsible: State coordinator, communications office, and the state parent advisory council
            expected_results: At least fifteen award winners; collection downloaded by districts across the state
            costs: $4,500 for awards, printing, and the ceremony
          - text: Link with the state parent center, higher education institutions, and statewide community organizations to offer joint trainings and presentations and to connect district leaders with community resources for families.
            dates: Ongoing, with a joint annual planning meeting in August
            responsible: State coordinator and partner organization directors
            expected_results: Three joint trainings each year; a directory of community resources for every region
            costs: Shared among partners; state share $3,000
    ---
    A state plan with one long goal: its template page must still print on one page.
"""


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Built as `make build` builds: with each plan's PDF."""
    plans = {"rio-grande.md": SCHOOL_DISTRICT, "long-goal.md": LONG_GOAL}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_PDFS", "true")
        env.setenv("HANDBOOK_CHROMIUM", str(CHROMIUM))
        return build_site(make_project(tmp_path_factory.mktemp("print"), plans))


def goal_pages(site: Site) -> list[str]:
    """Every goal template page of the site, as URL paths, from the plans it was built from."""
    library = load_library(site.root.parent / "plans")
    return [
        f"plans/{plan.slug}/goal-{number}/"
        for plan in library.plans
        for number in range(1, len(plan.goals) + 1)
    ]


def printed(page: Any, site: Site, url: str, paper: str) -> PdfReader:
    """The page as Chromium prints it on that paper (backgrounds too, as a printer may)."""
    page.goto(site.path(url).as_uri())
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))


def letters(text: str) -> str:
    """Text without whitespace: a line may break in a PDF where the page had a space, or
    after a hyphen where it had none."""
    return "".join(text.split())


def pdf_text(reader: PdfReader) -> str:
    """The PDF's text (`letters`), as a search in a PDF reader finds it."""
    return letters(" ".join(p.extract_text() for p in reader.pages))


def test_every_goal_template_page_prints_on_one_letter_page_and_one_a4_page(
    page: Any, print_site: Site
) -> None:
    urls = goal_pages(print_site)
    assert len(urls) == 3 + 3 + 4 + 4 + 4 + 1  # samples (two school years), Río Grande, the long goal
    counts = {url: [len(printed(page, print_site, url, paper).pages) for paper in PAPERS] for url in urls}
    assert {url: count for url, count in counts.items() if count != [1, 1]} == {}


def test_the_long_goal_shrinks_its_type_to_fit_and_keeps_one_row_to_write_in(print_site: Site) -> None:
    sheet = print_site.content("plans/long-goal/goal-1/").select_one(".handbook-sheet")
    assert sheet is not None
    scale = float(re.fullmatch(r"--handbook-print-scale: ([\d.]+)", str(sheet["style"]))[1])
    assert 0.5 <= scale < 1
    assert len(sheet.select("tr.handbook-blank-row:not(.handbook-screen-only)")) >= 2  # one per page part
    short = print_site.content("plans/sample-state-plan/goal-2/").select_one(".handbook-sheet")
    assert short is not None and short["style"] == "--handbook-print-scale: 1.0"


@pytest.mark.parametrize(
    "url", ["plans/sample-state-plan/goal-1/", "plans/sample-school-plan/goal-2/", "plans/long-goal/goal-1/"]
)
def test_a_printed_goal_page_is_the_template_without_the_site_around_it(
    page: Any, print_site: Site, url: str
) -> None:
    article = print_site.content(url)
    text = pdf_text(printed(page, print_site, url, "Letter"))
    for screen_only in article.select(".handbook-screen-only"):  # links to audience groups, ...
        if words := letters(screen_only.get_text()):
            assert words not in text
        screen_only.decompose()
    facts = [  # each strategy of a list on its own: print separates them with dots
        item.get_text()
        for dd in article.select(".handbook-template-facts dd")
        for item in (dd.select("li") or [dd])
    ]
    headers = [th.get_text() for th in article.select("table.handbook-template th")]
    activities = [td.get_text() for td in article.select("tr.handbook-activity-row td")]
    for expected in [*facts, *headers, *activities, "Dates:", "Names of those responsible:"]:
        assert letters(expected) in text
    for chrome in ("Partnerships Handbook", "Edit this page", "Made with", "How to use the template"):
        assert letters(chrome) not in text
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-content__button"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".handbook-signoff").is_visible()


def test_on_screen_the_sign_off_line_and_extra_blank_rows_stay_hidden(page: Any, print_site: Site) -> None:
    page.goto(print_site.path("plans/sample-state-plan/goal-3/").as_uri())
    assert page.locator(".handbook-signoff").is_hidden()
    assert page.locator("tr.handbook-blank-row").count() == 2
    assert page.locator("tr.handbook-print-row").count() > 0
    assert all(row.is_hidden() for row in page.locator("tr.handbook-print-row").all())


def test_a_plan_page_prints_each_goal_whole_where_it_fits(page: Any, print_site: Site) -> None:
    page.goto(print_site.path("plans/sample-state-plan/").as_uri())
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.handbook-goal", "els => els.map(e => getComputedStyle(e).breakInside)"
    )
    assert breaks == ["avoid"] * 3
    text = pdf_text(printed(page, print_site, "plans/sample-state-plan/", "Letter"))
    assert letters("Partnerships Handbook") not in text
    assert letters("Conduct a policy forum on partnerships") in text


def test_the_page_count_would_catch_a_sheet_that_spills_onto_a_second_page(
    page: Any, print_site: Site
) -> None:
    """The check itself can fail: without the print stylesheet the long goal takes more pages."""
    page.goto(print_site.path("plans/long-goal/goal-1/").as_uri())
    page.evaluate("document.querySelector('link[href$=\"print.css\"]').remove()")
    assert len(PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages) > 1


def page_texts(reader: PdfReader) -> list[str]:
    return [letters(page.extract_text()) for page in reader.pages]


STRATEGIES = [
    "Create awareness", "Align program and policy", "Guide learning and program development",
    "Document progress and evaluate outcomes", "Share knowledge", "Celebrate milestones",
]  # fmt: skip
LEADERSHIP_COLUMNS = ["Activities", "Dates", "Responsibilities", "Expected results", "Costs"]


@pytest.mark.parametrize(("level", "below"), [("state", "districts"), ("district", "schools")])
def test_a_blank_leadership_plan_prints_page_1_and_page_2_on_a_sheet_each(
    page: Any, print_site: Site, level: str, below: str
) -> None:
    for paper in PAPERS:
        first, second = page_texts(printed(page, print_site, f"templates/blank/{level}/", paper))
        assert letters(f"Page 1: activities conducted at the {level} level") in first
        assert letters(f"Page 2: building the capacity of {below}") in second
        for sheet in (first, second):
            for expected in [
                *STRATEGIES,
                *LEADERSHIP_COLUMNS,
                "Goal:",
                "Target audience:",
                "Names of those responsible:",
            ]:
                assert letters(expected) in sheet


def test_a_blank_one_year_action_plan_prints_on_one_sheet_with_its_columns(
    page: Any, print_site: Site
) -> None:
    columns = [
        "Activities",
        "Type of involvement",
        "Grades",
        "Dates",
        "Preparations needed",
        "Persons in charge and helping",
    ]
    fields = [
        "School:",
        "Goal:",
        "Academic",
        "Behavior",
        "Climate",
        "Desired results:",
        "How each result is measured:",
    ]
    for paper in PAPERS:
        (sheet,) = page_texts(printed(page, print_site, "templates/blank/school/", paper))
        for expected in [*columns, *fields]:
            assert letters(expected) in sheet


def test_the_home_page_and_the_template_guide_link_the_blank_templates(print_site: Site) -> None:
    blanks = ["templates/blank/state/", "templates/blank/district/", "templates/blank/school/"]
    home = {a["href"] for a in print_site.content("").select("a[href]")}
    guide = {a["href"] for a in print_site.content("template/").select("a[href]")}
    assert set(blanks) <= home
    assert {f"../{url}" for url in blanks} <= guide


def test_the_two_page_view_puts_each_goals_page_1_and_page_2_on_sheets_of_their_own(
    page: Any, print_site: Site
) -> None:
    """Río Grande's goal 1 has an activity on each page and one without a page; goals 2-4 give none."""
    for paper in PAPERS:
        sheets = page_texts(printed(page, print_site, "plans/rio-grande/print/", paper))
        assert len(sheets) == 2 * 4
        welcome, night, review = (
            letters("1. Translate the welcome letter into Español, Tiếng Việt and"),  # no CJK font here
            letters("2. Hold a back-to-school night at each school."),
            letters("3. Review the district policy on family engagement."),
        )
        assert welcome in sheets[0] and review in sheets[0] and night not in sheets[0]
        assert letters(". (page not assigned) 3. Review") in sheets[0]
        assert night in sheets[1] and welcome not in sheets[1] and review not in sheets[1]
        assert letters("Page 2: building the capacity of schools") in sheets[1]
        assert letters("Sept. 10–12") in sheets[1] and letters("$1,200 for interpreters") in sheets[1]
        # a goal that sorts none of its activities onto pages says so once, not on every line
        assert letters("1. Run two workshops. Dates") in sheets[2]
        assert letters("all are on page 1") in sheets[2] and "pagenotassigned" not in sheets[2]
        assert "Runtwoworkshops" not in sheets[3] and letters("Goal 2, page 2") in sheets[3]


def test_the_long_goal_prints_on_two_sheets_in_the_two_page_view(page: Any, print_site: Site) -> None:
    for paper in PAPERS:
        first, second = page_texts(printed(page, print_site, "plans/long-goal/print/", paper))
        assert letters("Conduct a two-day summer institute") in first
        assert letters("Provide small competitive grants") in second


def test_state_and_district_plans_link_their_two_page_view_and_school_plans_have_none(
    print_site: Site,
) -> None:
    for slug in ("sample-state-plan", "sample-district-plan", "rio-grande", "long-goal"):
        links = {a["href"] for a in print_site.content(f"plans/{slug}/").select(".handbook-meta a")}
        assert "print/" in links
        assert print_site.path(f"plans/{slug}/print/").is_file()
    assert not print_site.path("plans/sample-school-plan/print/").exists()
    school = {a["href"] for a in print_site.content("plans/sample-school-plan/").select(".handbook-meta a")}
    assert "print/" not in school


def without_cjk(text: str) -> str:
    """No CJK font is installed here: such characters print as boxes, with no text behind them."""
    return re.sub(r"[\u2e80-\u9fff\x00]", "", text)


def test_each_plan_has_a_pdf_with_one_page_per_goal_holding_its_activities(print_site: Site) -> None:
    library = load_library(print_site.root.parent / "plans")
    assert len(library.plans) == 6
    for plan in library.plans:
        reader = PdfReader(print_site.path(f"plans/{plan.slug}/{plan.slug}.pdf"))
        assert len(reader.pages) == len(plan.goals), plan.slug
        assert reader.metadata is not None and reader.metadata.title == plan.title
        for goal, sheet in zip(plan.goals, page_texts(reader), strict=True):
            sheet = without_cjk(sheet)
            assert letters(goal.title) in sheet
            for activity in goal.activities:
                assert letters(without_cjk(activity.text)) in sheet, (plan.slug, activity.text)


def test_plan_pages_link_their_pdf_as_a_download(print_site: Site) -> None:
    for slug in ("sample-state-plan", "sample-school-plan", "rio-grande"):
        (link,) = print_site.content(f"plans/{slug}/").select("a[href$='.pdf']")
        assert link["href"] == f"{slug}.pdf" and link.has_attr("download")
        assert "PDF" in link.get_text()


def test_a_pdf_holds_no_link_into_the_machine_that_built_it(print_site: Site) -> None:
    data = print_site.path("plans/sample-state-plan/sample-state-plan.pdf").read_bytes()
    assert b"file://" not in data and str(print_site.root).encode() not in data


def test_each_pdf_is_tagged_for_screen_readers_with_the_plans_structure(print_site: Site) -> None:
    """Headings, tables of header and data cells, the language, the title shown, a bookmark
    for each goal: what a screen reader needs (ADA Title II, Section 508)."""
    library = load_library(print_site.root.parent / "plans")
    for plan in library.plans:
        reader = PdfReader(print_site.path(f"plans/{plan.slug}/{plan.slug}.pdf"))
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"].value is True, plan.slug
        assert root["/Lang"] == "en"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        assert reader.metadata is not None and reader.metadata.title == plan.title
        assert [item.title for item in reader.outline if not isinstance(item, list)] == [
            f"{'One-Year Action Plan' if plan.level.value == 'school' else 'Leadership Plan'} for Partnerships: "
            f"Goal {n}"
            for n in range(1, len(plan.goals) + 1)
        ]
        tree = structure(reader)
        headings = [letters(h1.text) for h1 in tree.all("/H1")]
        assert headings == [
            letters(title) for title in (item.title for item in reader.outline if not isinstance(item, list))
        ]
        tables = tree.all("/Table")
        assert len(tables) >= len(plan.goals)
        header = [letters(th.text) for th in tables[0].all("/TH")]
        assert header[:1] == ["Activities"]
        cells = {letters(without_cjk(td.text)) for table in tables for td in table.all("/TD")}
        for goal in plan.goals:
            for number, activity in enumerate(goal.activities, start=1):
                expected = letters(
                    without_cjk(f"{number}. {activity.text}")
                )  # a cell may add "(page not assigned)"
                assert any(cell.startswith(expected) for cell in cells), (plan.slug, activity.text)


def test_each_pdf_passes_the_pdf_ua_checks_a_machine_can_make(print_site: Site) -> None:
    """pdfua (PyPI) checks the machine-checkable part of PDF/UA-1: no content outside the
    structure, fonts, language, title. Its one warning stays: the PDFs do not claim PDF/UA
    (much of it a machine cannot check)."""
    paths = sorted(print_site.root.rglob("*.pdf"))
    assert paths
    for path in paths:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "pdfua"), "check", "--format", "json", str(path)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        report = json.loads(result.stdout)
        findings = [f"{f['rule_id']} {f['severity']}: {f['message']}" for f in report["findings"]]
        assert report["summary"]["rules_run"] >= 10
        assert [f for f in findings if not f.startswith("UA-28-004 warning")] == [], path.name
