"""The plan form on /contribute/, in Chromium: written by field labels, filled from plan files,
checked with the words of `make check`, and handed over as a plan file that builds the same
pages as the plan written by hand."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from handbook.plans.loading import read_plan
from handbook.plans.model import Plan
from tests.browser.conftest import SCHEMES, TAGS, UNBROKEN, axe, summary
from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import ROOT, Site, build_site, make_project
from tests.test_validation import CORPUS, EXPECTED

SAMPLES = sorted((ROOT / "plans").glob("*.md"))
FIXTURES = ROOT / "tests" / "fixtures"
VALID = {path.name: path.read_text(encoding="utf-8") for path in SAMPLES} | {
    "rio-grande.md": textwrap.dedent(SCHOOL_DISTRICT).lstrip(),
    "hand-written.md": textwrap.dedent(
        """\
        ---
        title: A plan written the way people write
        level: School
        district: sample-district-plan
        year: "2026-27"
        goals:
          - title: Families read with their children
            kind: Academic
            activities:
              - text: Reading nights
                type: "2. Communicating"
                page: "1"
                grades: 7
                status: In-Progress
              - text: Lending library
                type: 4
                status: completed
                outcome: 120 books lent
                practice: true
        ---
        Written with capitals, numbers in quotes and a type as the site prints it.
        """
    ),
}
"""Every valid plan of the tests: the samples, a plan written by other hands, and one that
writes its words the ways the validator reads but the form would not write."""


def plan_of(text: str, tmp_path: Path, slug: str) -> Plan:
    """The plan a file holds, read as `make check` reads it (alone: no cross-plan rules)."""
    folder = tmp_path / slug / "plans"
    folder.mkdir(parents=True)
    path = folder / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    result = read_plan(path, f"plans/{slug}.md")
    assert isinstance(result, Plan), result
    return result


def same_plan(ours: Plan, theirs: Plan) -> bool:
    keep = {"source", "slug", "introduction"}
    return (
        ours.model_dump(exclude=keep) == theirs.model_dump(exclude=keep)
        and ours.introduction.strip() == theirs.introduction.strip()
    )


def field(scope: Any, label: str) -> Any:
    """A field by its label as a reader sees it, "(optional)" (or "required for ...") or not."""
    return scope.get_by_label(
        re.compile(rf"^{re.escape(label)}( \((optional|required for [a-z ,]+ plans)\))?$")
    )


def open_form(page: Any, base_url: str, query: str = "") -> None:
    page.goto(base_url + "contribute/" + query)
    page.locator("#plan-form-fields #f-file").wait_for()


def filled(page: Any) -> None:
    """Wait until the form holds a plan: one opened by address is drawn once its data has loaded."""
    page.wait_for_function("() => document.getElementById('f-title')?.value.length > 0")


def plan_file(page: Any) -> str:
    page.wait_for_function("() => document.getElementById('plan-file').value.startsWith('---')")
    page.wait_for_timeout(300)  # the form checks and writes 250 ms after the last key
    return str(page.input_value("#plan-file"))


def paste(page: Any, text: str) -> None:
    page.fill("#plan-paste", text)
    page.click("#plan-paste-fill")


def test_typing_the_district_sample_by_field_labels_writes_the_same_plan(
    page: Any, base_url: str, tmp_path: Path
) -> None:
    sample = plan_of((ROOT / "plans" / "sample-district-plan.md").read_text("utf-8"), tmp_path, "sample")
    open_form(page, base_url)
    field(page, "File name").fill("typed-district-plan")
    field(page, "Level").select_option("district")
    field(page, "Title").fill(sample.title + " (typed)")
    field(page, "Introduction").fill(sample.introduction.strip())
    for g, goal in enumerate(sample.goals):
        if g:
            page.get_by_role("button", name="Add a goal").click()
        box = page.get_by_role("group", name=f"Goal {g + 1}", exact=True)
        field(box, "Goal").fill(goal.title)
        for strategy in goal.strategies:
            box.get_by_role("checkbox", name=strategy.name, exact=True).check()
        field(box, "Target audience").fill(goal.audience or "")
        for a, activity in enumerate(goal.activities):
            if a:
                box.get_by_role("button", name=f"Add an activity to goal {g + 1}").click()
            item = box.get_by_role("group", name=f"Activity {a + 1}", exact=True)
            field(item, "Activity").fill(activity.text)
            for name, label in (("dates", "Dates"), ("responsible", "Responsibilities"), ("costs", "Costs")):
                if getattr(activity, name):
                    field(item, label).fill(getattr(activity, name))
            if activity.page:
                field(item, "Page").select_option(str(activity.page))
    field(page, "Closing").fill(sample.closing or "")
    page.keyboard.press("Tab")
    written = plan_of(plan_file(page), tmp_path, "typed-district-plan")
    assert written.title == sample.title + " (typed)"
    assert same_plan(written.model_copy(update={"title": sample.title}), sample)
    assert page.locator("#plan-pull-request").is_visible()  # no problems: the link is offered


@pytest.fixture(scope="module")
def form_page(browser: Any, base_url: str) -> Iterator[Any]:
    """One open form for the plan files pasted or chosen in turn: reading a file replaces
    what the form held (a page load for each would cost more than the check)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_form(page, base_url)
    yield page
    context.close()


@pytest.mark.parametrize("name", sorted(VALID))
def test_pasting_a_valid_plan_fills_the_form_and_writes_an_equal_plan(
    form_page: Any, tmp_path: Path, name: str
) -> None:
    page = form_page
    original = plan_of(VALID[name], tmp_path, "original")
    paste(page, VALID[name])
    assert page.locator("#plan-paste-result").is_hidden()
    assert same_plan(plan_of(plan_file(page), tmp_path, "written"), original)


def reported(page: Any) -> list[str]:
    """What the form finds wrong, as `make check` prints it without file and line: `path: message`,
    or `message` for the file as a whole (the form says each in words; it keeps `make check`'s
    path and message on the item)."""
    page.wait_for_timeout(100)
    if page.locator("#plan-paste-result").is_visible():
        items = page.locator("#plan-paste-problems li").all()
    else:
        items = page.locator("#plan-form-summary li").all()
    return [
        (f"{item.get_attribute('data-path')}: " if item.get_attribute("data-path") else "")
        + str(item.get_attribute("data-message"))
        for item in items
    ]


CODE_WORDS = re.compile(r"[\[\]]|goals\.|activities\.|\.md\b|plans/|\bslug\b|\bYAML\b|front matter")
"""What a problem said to an editor never holds: a field path, a file path, a developer's word."""


ELSEWHERE = {"duplicate-title.md"}
"""`make check` reports a title given twice at the plan that had it first (another file);
the form says it of the plan being written, at the same path."""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_choosing_a_malformed_plan_shows_what_make_check_says_at_the_same_field(
    form_page: Any, name: str
) -> None:
    page = form_page
    page.evaluate(  # what the file before said goes, so that the wait below waits for this one
        "() => { for (const id of ['plan-paste-result', 'plan-form-summary']) document.getElementById(id).hidden = true; }"
    )
    page.set_input_files("#plan-paste-file", str(CORPUS / name))
    page.wait_for_function(
        "() => !document.getElementById('plan-paste-result').hidden"
        " || !document.getElementById('plan-form-summary').hidden"
    )
    expected = [re.sub(r"^plans/[^:]+:\d+: ", "", line) for line in EXPECTED[name]]
    if name in ELSEWHERE:
        expected = ["title: the same title as plans/sample-state-plan.md: each plan needs its own title"]
    assert sorted(reported(page)) == sorted(expected)
    assert page.locator("#plan-pull-request").is_hidden()
    if page.locator("#plan-form-summary").is_visible():  # the plan was read: its problems in words
        said = page.locator("#plan-form-summary li").all_inner_texts()
        assert said and not [words for words in said if CODE_WORDS.search(words)], said
        if name == "unknown-strategy.md":  # an item of a list is its field's, not an activity
            assert all(
                words.startswith("Goal 1, Leadership strategies: unknown strategy") for words in said
            ), said


@pytest.mark.parametrize("ends", ["\r", "\r\n"], ids=["cr-only", "crlf"])
def test_a_file_with_other_line_ends_fills_the_form_as_make_check_reads_it(
    page: Any, base_url: str, tmp_path: Path, ends: str
) -> None:
    """`make check` ends a line at \\n, \\r\\n or \\r; so does the form (a file chosen, not pasted:
    a text box turns every line end into \\n)."""
    text = VALID["sample-district-plan.md"].replace("\n", ends)
    original = plan_of(text, tmp_path, "original")
    chosen = tmp_path / "chosen.md"
    chosen.write_bytes(text.encode("utf-8"))
    open_form(page, base_url)
    page.set_input_files("#plan-paste-file", str(chosen))
    page.wait_for_function("() => document.getElementById('f-title')?.value")
    assert page.locator("#plan-paste-result").is_hidden()
    assert same_plan(plan_of(plan_file(page), tmp_path, "written"), original)


def test_a_field_with_a_problem_says_it_beside_itself_and_the_summary_links_to_it(
    page: Any, base_url: str
) -> None:
    open_form(page, base_url)
    page.click("#plan-form-check")
    summary_box = page.locator("#plan-form-summary")
    assert summary_box.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "plan-form-summary"
    title = field(page, "Title")
    assert title.get_attribute("aria-invalid") == "true"
    error_id = f"{title.get_attribute('id')}-error"
    assert error_id in (title.get_attribute("aria-describedby") or "").split()
    assert page.locator(f"#{error_id}").inner_text() == "Write the plan's title."
    summary_box.get_by_role("link", name="Write the plan's title").click()
    assert page.evaluate("document.activeElement.id") == title.get_attribute("id")
    title.fill("A plan")
    page.keyboard.press("Tab")
    page.wait_for_function("() => !document.getElementById('f-title').hasAttribute('aria-invalid')")


def test_the_pull_request_link_carries_the_plan_file_and_only_when_it_has_no_problems(
    page: Any, base_url: str
) -> None:
    open_form(page, base_url)
    assert page.locator("#plan-pull-request").is_hidden()
    paste(page, VALID["rio-grande.md"])
    field(page, "File name").fill("another-district-plan")
    field(page, "Title").fill("Another district's plan")
    page.keyboard.press("Tab")
    text = plan_file(page)
    link = page.locator("#plan-pull-request")
    assert link.inner_text() == "Open a pull request"
    address = urlsplit(link.get_attribute("href"))
    assert address.path.endswith("/new/main/plans")
    query = parse_qs(address.query)
    assert query["filename"] == ["another-district-plan.md"]
    assert query["value"] == [text]


def test_a_long_plan_opens_the_empty_new_file_page_and_copies_the_file(browser: Any, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_form(page, base_url, "?plan=sample-state-plan")
    filled(page)
    field(page, "File name")  # an existing plan: its edit page, and the file copied
    link = page.locator("#plan-pull-request")
    assert link.get_attribute("href").endswith("/edit/main/plans/sample-state-plan.md")
    open_form(page, base_url)  # a new plan
    paste(
        page,
        (ROOT / "plans" / "sample-state-plan.md").read_text("utf-8").replace("title: Sample", "title: Long")
        + "\nA longer introduction. " * 100,
    )
    field(page, "File name").fill("long-state-plan")
    page.keyboard.press("Tab")
    text = plan_file(page)
    assert len(quote(text, safe="")) > 7000  # too long for an address
    href = link.get_attribute("href")
    assert href.endswith("/new/main/plans?filename=long-state-plan.md")
    assert "too long" in page.inner_text("#plan-pull-request-note")
    link.evaluate("a => a.addEventListener('click', e => e.preventDefault())")  # stay on the page
    link.click()
    page.wait_for_function("() => document.getElementById('plan-form-status').textContent.includes('copied')")
    assert page.evaluate("navigator.clipboard.readText()") == text
    context.close()


def test_the_draft_survives_a_reload_until_the_editor_starts_over(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    field(page, "Title").fill("A plan in progress")
    page.wait_for_timeout(400)
    page.reload()
    page.locator("#f-title").wait_for()
    assert field(page, "Title").input_value() == "A plan in progress"
    page.click("#plan-start-over")
    assert field(page, "Title").input_value() == ""
    page.reload()
    page.locator("#f-title").wait_for()
    assert field(page, "Title").input_value() == ""


def test_start_over_can_be_taken_back(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    field(page, "Title").fill("A plan worth keeping")
    page.wait_for_timeout(400)
    page.click("#plan-start-over")
    assert field(page, "Title").input_value() == ""
    undo = page.get_by_role("button", name="Undo")
    assert page.evaluate("document.activeElement.textContent") == "Undo"  # where the keyboard is
    undo.click()
    assert field(page, "Title").input_value() == "A plan worth keeping"
    page.reload()
    page.locator("#f-title").wait_for()
    assert field(page, "Title").input_value() == "A plan worth keeping"


def test_a_new_plans_draft_survives_opening_another_plans_form_and_coming_back(
    page: Any, base_url: str
) -> None:
    open_form(page, base_url)
    field(page, "Level").select_option("district")
    field(page, "Title").fill("Our new district plan")
    page.wait_for_timeout(400)
    page.goto(base_url + "plans/sample-school-plan/")
    page.get_by_role("link", name="Propose changes to this plan").click()
    filled(page)
    title = "Sample School One-Year Action Plan for Partnerships"
    assert page.locator("h1").inner_text() == f"Propose changes to {title}"
    assert page.title().startswith(f"Propose changes to {title} - ")  # a "-" of the title's own kept
    assert field(page, "Title").input_value() == title
    drafts = page.locator("#plan-drafts")
    assert drafts.is_visible()  # the new plan's draft, a link away
    drafts.get_by_role("link", name=re.compile("^A new plan: Our new district plan")).click()
    page.locator("#f-title").wait_for()
    assert field(page, "Title").input_value() == "Our new district plan"
    assert field(page, "Level").input_value() == "district"
    assert page.locator("h1").inner_text() == "Propose a plan"


def test_a_changed_draft_of_a_plan_is_replaced_by_the_published_plan_only_by_choice(
    page: Any, base_url: str
) -> None:
    open_form(page, base_url, "?plan=sample-district-plan")
    filled(page)
    assert page.locator("#plan-form-choice").is_hidden()  # nothing changed yet: nothing to choose
    field(page, "Organization").fill("Changed by me")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    page.goto(base_url + "plans/sample-district-plan/")
    page.get_by_role("link", name="Propose changes to this plan").click()
    choice = page.locator("#plan-form-choice")
    choice.wait_for()
    assert field(page, "Organization").input_value() == "Changed by me"  # the draft is shown, not lost
    choice.get_by_role("button", name="Start from the published plan").click()
    assert field(page, "Organization").input_value() != "Changed by me"
    page.get_by_role("button", name="Undo").click()
    assert field(page, "Organization").input_value() == "Changed by me"
    page.reload()
    page.locator("#plan-form-choice").wait_for()
    page.get_by_role("button", name="Continue your draft").click()
    assert page.locator("#plan-form-choice").is_hidden()
    assert field(page, "Organization").input_value() == "Changed by me"


def test_a_typed_title_suggests_a_valid_file_name_that_stays_editable(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    field(page, "Level").select_option("school")
    field(page, "Title").fill("Riverside Élémentaire's Plan: Families & Schools")
    field(page, "School year").fill("2026-27")
    page.keyboard.press("Tab")
    assert field(page, "File name").input_value() == "riverside-elementaires-plan-families-schools-2026-27"
    page.wait_for_timeout(300)
    assert not [p for p in page.evaluate("handbookPlanForm.problems()") if p["path"] == "file"]
    field(page, "File name").fill("riverside-2026-27")
    field(page, "Title").fill("Riverside Elementary")
    assert field(page, "File name").input_value() == "riverside-2026-27"  # the editor's own stays


def test_the_form_says_what_is_needed_and_what_happens_after(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    text = page.locator(".md-content").inner_text()
    assert "GitHub account" in text
    assert "download the plan file or copy it" in text
    assert "reviews" in text and "merge" in text
    labels = page.locator("#plan-form-fields label, #plan-form-fields legend").all_inner_texts()
    assert labels[:3] == ["Level", "Title", "File name"]  # level first, the file name from the title
    assert "Leadership strategies (required for state and district plans)" in labels


def test_problems_are_said_in_the_fields_words_with_the_goal_and_activity_in_words(
    page: Any, base_url: str
) -> None:
    open_form(page, base_url)
    field(page, "Level").select_option("district")
    page.click("#plan-form-check")
    said = page.locator("#plan-form-summary li").all_inner_texts()
    assert "Goal 1: choose at least one leadership strategy" in said
    assert "Goal 1, activity 1: write the activity" in said
    assert not [words for words in said if CODE_WORDS.search(words)], said
    field(page, "Level").select_option("school")
    page.click("#plan-form-check")
    item = page.get_by_role("group", name="Activity 1", exact=True)
    assert field(item, "Persons in charge and helping").count() == 1  # the school template's words


def test_goals_and_activities_move_up_and_down_and_keep_the_focus(page: Any, base_url: str) -> None:
    open_form(page, base_url, "?plan=sample-district-plan")
    filled(page)
    second = page.get_by_role("group", name="Goal 2", exact=True)
    title = field(second, "Goal").input_value()
    second.get_by_role("button", name="Move goal 2 up").click()
    assert field(page.get_by_role("group", name="Goal 1", exact=True), "Goal").input_value() == title
    assert page.evaluate("document.activeElement.textContent") == "Move goal 1 down"
    assert "- title: " + title in plan_file(page).split("goals:")[1].split("\n")[1]


def test_the_plan_page_offers_to_propose_changes_to_this_plan(page: Any, base_url: str) -> None:
    page.goto(base_url + "plans/sample-school-plan/")
    page.get_by_role("link", name="Propose changes to this plan").click()
    page.wait_for_url("**/contribute/?plan=sample-school-plan")
    filled(page)
    assert field(page, "File name").input_value() == "sample-school-plan"
    assert field(page, "District").input_value() == "sample-district-plan"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_on_the_form_in_any_state(browser: Any, base_url: str, scheme: str) -> None:
    """Empty; with its problems listed; filled from a plan; asking which of a draft and the
    published plan to go on with, the other drafts listed; offering Undo."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found: dict[str, list[str]] = {}

    def check(state: str, part: str = "") -> None:
        """axe on the page, or on the part of it that changed (a whole filled form takes axe
        seconds)."""
        found[state] = summary(axe(page, {"type": "tag", "values": TAGS}, part))

    open_form(page, base_url)
    check("empty")
    field(page, "Title").fill("A draft of a new plan")  # kept as it is typed
    page.click("#plan-form-check")
    page.locator("#plan-form-summary li").first.wait_for()
    page.wait_for_timeout(300)  # the summary scrolls into view: Material fades in its header's title
    check("problems listed")
    open_form(page, base_url, "?plan=sample-school-plan")
    filled(page)
    field(page, "Organization").fill("Changed in a draft")
    page.reload()
    page.locator("#plan-form-choice").wait_for()
    assert page.locator("#plan-drafts").is_visible()
    check("filled, with a draft to choose")
    page.get_by_role("button", name="Start from the published plan").click()
    page.wait_for_timeout(250)  # Undo takes the focus: Material fades a button's colours in 125 ms
    check("undo offered", "#plan-form-undo")
    context.close()
    assert found == {state: [] for state in found}


def test_a_plan_file_the_form_wrote_builds_the_same_pages(
    page: Any, browser_site: Site, base_url: str, tmp_path: Path
) -> None:
    open_form(page, base_url, "?plan=sample-district-plan")
    filled(page)
    written = plan_file(page)
    assert written != (ROOT / "plans" / "sample-district-plan.md").read_text(
        "utf-8"
    )  # written anew, not copied
    project = make_project(tmp_path / "project", {"rio-grande.md": SCHOOL_DISTRICT, "unbroken.md": UNBROKEN})
    (project / "plans" / "sample-district-plan.md").write_text(written, encoding="utf-8")
    site = build_site(project)
    pages = ["plans/sample-district-plan/index.html"] + [
        f"plans/sample-district-plan/goal-{n}/index.html" for n in (1, 2, 3)
    ]
    for name in pages:
        assert (site.root / name).read_text("utf-8") == (browser_site.root / name).read_text("utf-8"), name


FOCUSED = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent;
  return (label || "").trim();
}"""


def tab_to(page: Any, label: str) -> None:
    """Press Tab until the field or button with this label has the focus (at most 60 times)."""
    for _ in range(60):
        if page.evaluate(FOCUSED) == label:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"no {label!r} within 60 tabs")


def test_a_whole_plan_can_be_written_with_the_keyboard_alone(
    page: Any, base_url: str, tmp_path: Path
) -> None:
    open_form(page, base_url)
    page.focus("#f-level")  # where a keyboard user arrives after the page's own links
    page.keyboard.press("ArrowDown")  # Choose one -> State
    page.keyboard.press("ArrowDown")  # -> District
    tab_to(page, "Title")
    page.keyboard.type("A plan written without a mouse")
    tab_to(page, "File name")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("keyboard-plan")
    tab_to(page, "Goal")
    page.keyboard.type("Keep families informed")
    tab_to(page, "Share knowledge")
    page.keyboard.press("Space")
    tab_to(page, "Target audience")
    page.keyboard.type("Families of the district")
    tab_to(page, "Activity")
    page.keyboard.type("A monthly letter home")
    tab_to(page, "Check the plan")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('plan-form-status').textContent.includes('No problems')"
    )
    written = plan_of(plan_file(page), tmp_path, "keyboard-plan")
    assert written.level.value == "district"
    assert [s.name for s in written.goals[0].strategies] == ["Share knowledge"]
    assert written.goals[0].activities[0].text == "A monthly letter home"


def test_a_draft_of_a_plan_gone_from_the_handbook_still_opens(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    page.evaluate(
        """() => localStorage.setItem('handbook-plan-drafts', JSON.stringify({'gone-plan': {
          slug: 'gone-plan', existing: 'gone-plan', edited: true, introduction: '',
          data: {title: 'A plan since removed', level: 'district', goals: [{activities: [{}]}]}}}))"""
    )
    page.goto(base_url + "contribute/?plan=gone-plan")
    page.wait_for_function("() => document.getElementById('f-title')?.value === 'A plan since removed'")
    assert "no longer has the plan gone-plan" in page.inner_text("#plan-form-status")
