"""Plan and goal pages as they are used (issue 27): printing a goal from a phone, and a school
plan's page short enough to compare its activities, on screen and on paper."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from tests.browser.conftest import PHONE

GOAL_PAGE = "plans/sample-school-plan/goal-1/"
SCHOOL_PLAN = "plans/sample-school-plan/"

BEFORE_HEIGHT = 7412
"""The sample school plan's page at 1280 px before issue 27, each activity's seven fields a
line each (measured: 7,412 px and 9 Letter sheets; 3,443 px and 4 sheets with the grid)."""

LAYOUT = """() => {
  // The PDF link beside Print, as _print.html writes it where the build printed PDFs (a test
  // build prints none), and Print shown, as print.js shows it.
  const actions = document.querySelector(".handbook-print-actions");
  actions.insertAdjacentHTML("beforeend",
    ' <a class="md-button" href="plan.pdf" download>PDF of every goal page of the plan</a>');
  actions.querySelectorAll(".md-button[hidden]").forEach((b) => { b.hidden = false; });
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const lines = (el) => {  // a label's lines: the distinct rows its text is laid out on
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  const content = document.querySelector(".md-content__inner");
  const style = getComputedStyle(content);
  return {
    content: content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    action: box(document.querySelector(".handbook-suggest")),
    buttons: [...actions.querySelectorAll(".md-button")].map((b) => ({
      label: b.textContent.trim(), box: box(b), lines: lines(b),
    })),
  };
}"""


def test_on_a_phone_a_goals_print_buttons_take_the_width_below_the_page_action(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + GOAL_PAGE)
    layout = page.evaluate(LAYOUT)
    context.close()
    _, top, _, bottom = layout["action"]
    assert len(layout["buttons"]) == 2
    for button in layout["buttons"]:
        b_left, b_top, b_right, b_bottom = button["box"]
        assert b_right - b_left >= 0.95 * layout["content"], button  # was 130 of 343 px
        assert button["lines"] <= 2, button  # were 3 and 5
        assert b_top >= bottom or b_bottom <= top, (layout["action"], button)  # a line of its own


def test_a_school_plans_page_is_half_as_long_and_prints_a_sheet_a_goal(page: Any, base_url: str) -> None:
    page.goto(base_url + SCHOOL_PLAN)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= BEFORE_HEIGHT / 2, height
    goals = page.locator("section.handbook-goal").count()
    page.emulate_media(media="print")
    sheets = len(PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert sheets <= goals + 1, (sheets, goals)  # was 9 for 4 goals
