"""Finding your way among a thousand plans written as people write them (bench/synthetic.py:
every audience in its own words, accents, every level), where the samples cannot show
whether a listing still says anything: page labels, filters, counts, sticky headers."""

from __future__ import annotations

import io
import json
import re
import statistics
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from handbook.outputs import site_search
from handbook.plans.grades import grade_keys
from handbook.plans.loading import load_library
from tests.browser.conftest import PHONE, TAGS, axe, settle, summary
from tests.browser.test_catalogue_on_a_phone import CARD
from tests.browser.test_plan_pages_on_a_phone import LAYOUT
from tests.support.browser import insert_query
from tests.support.project import Site, build_site, make_project
from tests.support.search import published_records
from tests.support.synthetic import write_plans
from tests.support.web import serve_site

PLAN_COUNT = 1000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The samples and 1,000 synthetic plans, built without PDFs (their printing is tested
    on the samples; here it would only take time)."""
    project = make_project(tmp_path_factory.mktemp("thousand"))
    write_plans(project / "plans", PLAN_COUNT)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_PDFS", "false")
        return build_site(project)


@pytest.fixture(scope="module")
def large_url(large_site: Site) -> Iterator[str]:
    with serve_site(large_site.root) as url:
        yield url


def test_typing_a_place_finds_its_plans_among_a_thousand_with_or_without_accents(
    page: Any, large_url: str, large_site: Site
) -> None:
    library = load_library(large_site.root.parent / "plans")
    expected = sorted(plan.title for plan in library.plans if "Kōwhai" in plan.title)
    assert 0 < len(expected) < len(library.plans) / 10
    page.goto(large_url + "plans/")
    page.fill("input[name=q]", "kowhai")  # as typed on a keyboard without "ō"
    page.wait_for_function("location.search === '?find=kowhai'")
    found = page.locator("#plans-list > li > a").all_inner_texts()
    # also plans whose district or organization is in Kōwhai: every match names it somewhere
    assert set(expected) <= set(found)
    items = page.locator("#plans-list > li").all_inner_texts()
    assert all("Kōwhai" in item for item in items)
    assert page.locator("#plans-count").inner_text() == f"{len(found)} of {len(library.plans)} plans match."


def test_on_a_phone_plan_titles_get_the_width_of_the_screen_at_a_thousand_plans(
    browser: Any, large_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(large_url + "plans/")
    widths = page.eval_on_selector_all(
        "table.handbook-plans td:first-child a", "links => links.map(a => a.getBoundingClientRect().width)"
    )
    context.close()
    assert len(widths) > 50 and min(widths) >= 200


@pytest.mark.parametrize("url", ["plans/", "strategies/create-awareness/", "coverage/"])
def test_further_pages_of_a_long_listing_are_named_in_words_a_reader_knows(
    large_site: Site, url: str
) -> None:
    labels = [
        " ".join(li.get_text(" ").split())
        for li in large_site.page(url).select("nav.handbook-pagination")[0].select("li")
    ]
    assert len(labels) > 2
    level_letters = r"(State|District|School) plans \w(\N{EN DASH}\w)?"
    assert all(re.fullmatch(rf"Page \d+ : {level_letters}(, (state|district|school) plans \w(\N{{EN DASH}}\w)?)*", label)
               for label in labels), labels  # fmt: skip


@pytest.mark.parametrize(
    "url",
    ["strategies/create-awareness/", "strategies/celebrate-milestones/", "types/volunteering/",
     "audiences/families/", "audiences/other/"],
)  # fmt: skip
def test_at_a_thousand_plans_each_listing_and_the_catalogue_count_the_same_activities(
    page: Any, large_url: str, url: str
) -> None:
    page.goto(large_url + url)
    link = page.locator(".handbook-to-catalogue a").first
    promised = int(re.search(r"See these ([\d,]+) activit", link.inner_text())[1].replace(",", ""))  # type: ignore[index]
    link.click()
    page.wait_for_url("**/catalogue/?*")
    settle(page)
    shown = page.locator("#catalogue-count").inner_text()
    assert shown.startswith(f"{promised} of "), shown


def test_the_coverage_header_is_in_sight_after_scrolling_to_the_last_row(
    browser: Any, large_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    page = context.new_page()
    page.goto(large_url + "coverage/")
    box = page.locator(".handbook-table-scroll--both").first
    box.locator("tbody tr").last.scroll_into_view_if_needed()
    page.wait_for_timeout(100)
    header_top, box_top, scrolled = box.evaluate(
        """b => [b.querySelector('thead th:last-child').getBoundingClientRect().top,
                 b.getBoundingClientRect().top, b.scrollTop]"""
    )
    context.close()
    assert scrolled > 0 and abs(header_top - box_top) <= 1


def test_the_printed_catalogue_is_one_line_of_filters_then_many_activities_a_page(
    page: Any, large_url: str
) -> None:
    page.goto(large_url + "catalogue/?strategy=share-knowledge&level=district")
    settle(page)
    rows = page.locator("#catalogue-table tbody tr").count()
    assert rows == 100  # the first hundred shown, as on screen
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=True)))
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("Activity catalogue")
    summary = page.locator("#catalogue-print-summary").inner_text()
    assert "Share knowledge" in summary and "District" in summary and "100" in summary
    assert " ".join(summary.split()) in first
    assert "type part of its title" not in first and "Show more" not in first  # no form on paper
    assert len(reader.pages) <= rows / 5  # several activities to a page (synthetic ones run long)


def test_the_plan_form_offers_a_districts_plan_to_type_not_a_list_of_hundreds(
    page: Any, large_url: str, large_site: Site
) -> None:
    library = load_library(large_site.root.parent / "plans")
    school = next(plan for plan in library.plans if plan.level.value == "school" and plan.district)
    districts = [plan.slug for plan in library.plans if plan.level.value == "district"]
    assert len(districts) > 40
    page.goto(large_url + f"contribute/?plan={school.slug}")
    page.wait_for_function("() => (document.getElementById('f-title') || {}).value")
    district = page.get_by_label(re.compile(r"^District( \(optional\))?$"))
    assert district.evaluate("e => e.tagName") == "INPUT"
    assert district.input_value() == school.district
    offered = district.evaluate("e => Array.from(e.list.options, o => o.value)")
    assert sorted(offered) == sorted(districts)
    district.fill("no-such-district")
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.getElementById('f-district-error').textContent.startsWith('No district plan')"
    )


def loaded_files(page: Any, base: str) -> list[str]:
    files: list[str] = []
    page.on("requestfinished", lambda request: files.append(request.url.removeprefix(base).split("?")[0]))
    return files


def option_counts(page: Any) -> dict[str, list[str]]:
    return {
        name: page.eval_on_selector_all(f"select[name={name}] option", "os => os.map(o => o.text)")
        for name in ("level", "year", "strategy", "type", "audience", "grade", "status")
    }


def test_a_filtered_view_at_a_thousand_plans_loads_its_view_not_every_activity(
    page: Any, large_url: str, large_site: Site
) -> None:
    """A link to the catalogue shows its view from one small file; every activity is loaded
    only when asked for more than a view holds (here: more rows), and counts the same."""
    library = load_library(large_site.root.parent / "plans")
    wanted = [
        f"{item.goal.plan.slug}/goal-{item.goal.number}-activity-{item.number}"
        for item in library.activities()
        if item.goal.plan.level.value == "district"
        and "share-knowledge" in [s.slug for s in item.goal.goal.strategies]
    ]
    files = loaded_files(page, large_url)
    page.goto(large_url + "catalogue/?strategy=share-knowledge&level=district")
    settle(page)
    assert "catalogue/views/level-district_strategy-share-knowledge.json" in files
    assert "catalogue/activities.js" not in files
    assert page.locator("#catalogue-count").inner_text() == (
        f"{len(wanted)} of {library.activity_count()} activities match, showing the first 100."
    )
    rows = page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    assert set(rows) <= set(wanted) and len(rows) == 100
    counts = option_counts(page)
    district = f"District ({len(wanted)})"
    assert district in counts["level"]  # beside its own filter, a value counts the other filters' view
    page.click("#catalogue-more")
    page.wait_for_function("window.handbookCatalogueStatus.source === 'every activity'")
    assert "catalogue/activities.js" in files
    assert page.locator("#catalogue-table tbody tr").count() == min(600, len(wanted))
    assert option_counts(page) == counts  # every activity, counted in the page, as the view counted
    shown = page.eval_on_selector_all(
        "#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)"
    )
    assert shown[:100] == rows  # the view's first rows are the first of every activity's


def test_a_plans_address_loads_its_own_file_and_the_page_filters_it_further(
    page: Any, large_url: str, large_site: Site
) -> None:
    """`?plan=<slug>` (as the page macros link) opens the plan's file: every activity of the
    plan, which the page then filters by strategy and words without loading any other."""
    library = load_library(large_site.root.parent / "plans")
    plan = next(plan for plan in library.plans if plan.level.value == "district" and len(plan.goals) > 2)
    items = [item for item in library.activities() if item.goal.plan.slug == plan.slug]

    def address(item: Any) -> str:
        return f"{plan.slug}/goal-{item.goal.number}-activity-{item.number}"

    files = loaded_files(page, large_url)
    page.goto(large_url + f"catalogue/?plan={plan.slug}")
    settle(page)
    assert f"catalogue/views/plan-{plan.slug}.json" in files and "catalogue/activities.js" not in files
    assert page.locator("#catalogue-count").inner_text() == (
        f"{len(items)} of {library.activity_count()} activities match."
    )
    rows = page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    assert rows == [address(item) for item in items]  # the plan's order: goal by goal
    strategy = items[-1].goal.goal.strategies[0].slug
    page.select_option("select[name=strategy]", strategy)
    page.wait_for_function(f"location.search.includes('strategy={strategy}')")
    rows = page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    assert rows == [
        address(item) for item in items if strategy in [s.slug for s in item.goal.goal.strategies]
    ]
    assert page.evaluate("window.handbookCatalogueStatus.source") == "plan view"
    assert "catalogue/activities.js" not in files
    page.fill("input[name=plan]", "")
    page.wait_for_function("!location.search.includes('plan=')")
    settle(page)
    assert "catalogue/activities.js" in files or f"catalogue/views/strategy-{strategy}.json" in files


def test_an_address_whose_two_filters_hold_nothing_says_so_from_its_file(
    page: Any, large_url: str, large_site: Site
) -> None:
    library = load_library(large_site.root.parent / "plans")
    every = library.activity_count()
    third_grade = sum(1 for item in library.activities() if "3" in grade_keys(item.activity.grades))
    files = loaded_files(page, large_url)
    page.goto(large_url + "catalogue/?level=state&grade=3")  # state plans have no grades
    settle(page)
    assert "catalogue/views/level-state_grade-3.json" in files and "catalogue/activities.js" not in files
    assert page.locator("#catalogue-table tbody tr").count() == 0
    assert page.locator("#catalogue-count").inner_text() == f"0 of {every} activities match."
    # what to choose instead: beside each filter, its values as the other leaves them
    assert option_counts(page)["level"] == [
        "All levels",
        "State (0)",
        "District (0)",
        f"School ({third_grade})",
    ]


def test_three_filters_or_words_load_every_activity_and_match_exactly(
    page: Any, large_url: str, large_site: Site
) -> None:
    library = load_library(large_site.root.parent / "plans")
    wanted = {
        f"{item.goal.plan.slug}/goal-{item.goal.number}-activity-{item.number}"
        for item in library.activities()
        if item.goal.plan.level.value == "school"
        and item.activity.type is not None
        and item.activity.type.slug == "learning-at-home"
        and "K" in grade_keys(item.activity.grades)
    }
    files = loaded_files(page, large_url)
    page.goto(large_url + "catalogue/?level=school&type=learning-at-home&grade=K")
    settle(page)
    assert "catalogue/activities.js" in files
    assert not any(file.startswith("catalogue/views/") for file in files)
    assert page.locator("#catalogue-count").inner_text().startswith(f"{len(wanted)} of ")
    rows = page.eval_on_selector_all("#catalogue-table tbody tr", "rows => rows.map(r => r.dataset.activity)")
    assert set(rows) <= wanted and len(rows) == min(100, len(wanted)) > 0


def test_site_search_among_a_thousand_plans_counts_every_plan_that_says_every_word_and_shows_the_best_twenty(
    page: Any, large_url: str, large_site: Site
) -> None:
    """Plans are indexed ten to a record (handbook/outputs/site_search.py): a record that holds both
    words in different plans must not put either plan among the results; every plan that holds
    both is counted, and those that say them side by side come first."""
    documents = {  # each page's title and every word searched on it
        record["location"]: f"{record['title']} {record['content']}".lower()
        for record in published_records(large_site.root)
        if "#" not in record["location"]
    }
    holding = {
        location for location, words in documents.items() if "juniper" in words and "newsletter" in words
    }
    assert 20 < len(holding) < len(documents) / 5
    files = loaded_files(page, large_url)
    page.goto(large_url)
    insert_query(page, "Juniper newsletter")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    said: dict[str, list[str]] = {}  # each page's texts as the words the index pairs, text by text
    for path in (large_site.root / site_search.DOCUMENTS).glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        texts = [
            document["title"],
            document["text"],
            *(part for _, *parts in document["sections"] for part in parts),
        ]
        said[document["location"]] = [" ".join(map(site_search.word_key, text.split())) for text in texts]
    together = {
        location for location in holding if any("juniper newsletter" in text for text in said[location])
    }
    assert page.locator(".md-search-result__meta").inner_text() == (
        f"{len(holding)} matching documents, the 20 best shown"
    )
    shown = page.eval_on_selector_all(  # Material draws ten, and more as the list scrolls
        ".md-search-result__item > a:first-child", "links => links.map(a => a.getAttribute('href'))"
    )
    locations = [re.sub(r"\?h=.*$", "", href.removeprefix(large_url)) for href in shown]
    assert len(locations) == 10 and set(locations) <= holding
    assert set(locations[: len(together)]) <= together  # side by side first
    assert {mark.lower() for mark in page.locator(".md-search-result mark").all_inner_texts()} >= {
        "juniper",
        "newsletter",
    }
    assert [file for file in files if file.startswith("pagefind/fragment/")] == []
    assert len([file for file in files if file.startswith("search/documents/")]) == 20


def test_at_a_thousand_plans_a_phone_gets_the_catalogue_goal_pages_years_and_progress_as_on_the_samples(
    browser: Any, large_url: str, large_site: Site
) -> None:
    """What the phone and way-onward tests hold on the samples (tests/browser/
    test_catalogue_on_a_phone.py, test_plan_pages_on_a_phone.py, tests/test_ways_onward.py),
    at a state's scale: the first activity in the first screen and short cards, a goal's
    print button the width of the screen, every school year on /years/, every plan on
    /progress/ (its pages)."""
    library = load_library(large_site.root.parent / "plans")
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(large_url + "catalogue/")
    settle(phone)
    cards = phone.eval_on_selector_all(
        "#catalogue-table tbody tr",
        "rows => rows.map(r => { const box = r.getBoundingClientRect(); return [box.top + scrollY, box.height]; })",
    )
    assert len(cards) == 100 and cards[0][0] < PHONE["height"]
    assert statistics.median(height for _, height in cards) < CARD
    district = next(plan for plan in library.plans if plan.level.value == "district")
    phone.goto(large_url + f"plans/{district.slug}/goal-1/")
    layout = phone.evaluate(LAYOUT)
    assert all(
        button["box"][2] - button["box"][0] >= 0.95 * layout["content"] for button in layout["buttons"]
    )
    phone.goto(large_url + "years/")
    listed = set(
        phone.eval_on_selector_all("article a[href]", "links => links.map(a => a.textContent.trim())")
    )
    assert set(library.years()) <= listed
    context.close()
    progress = sorted(large_site.root.glob("progress/**/index.html"))  # a listing of pages, at this scale
    plans = {
        str(link["href"]).rsplit("plans/", 1)[1]
        for page in progress
        for link in BeautifulSoup(page.read_text("utf-8"), "html.parser").select(
            "table.handbook-progress tbody th a[href]"
        )
    }
    assert len(progress) > 1 and plans == {f"{plan.slug}/" for plan in library.plans}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_further_page_of_a_long_listing_passes_axe(browser: Any, large_url: str, scheme: str) -> None:
    """A page 2 says "(page 2 of n)" in its title, in small type that must keep its contrast,
    and lists its pages above and below the list, two landmarks each with a name of its own."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(large_url + "strategies/create-awareness/page-2/")
    assert "page 2 of" in page.locator("h1").inner_text()
    assert summary(axe(page, {"type": "tag", "values": TAGS})) == []
    context.close()
