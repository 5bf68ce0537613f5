"""The template forms are data (`handbook/printed/sheets.py`): every sheet that prints a form, and the
one-page fit that measures it, take its columns from there."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from handbook.library import GoalRef
from handbook.pages import PageBuilder
from handbook.plans.loading import load_library
from handbook.printed import printing, sheets
from handbook.printed.sheets import Column, Form
from tests.support.project import ROOT


def with_column(form: Form, header: str, field: str) -> Form:
    """The form with one more column, the others narrowed to make room."""
    narrowed = tuple(dataclasses.replace(column, width=column.width * 0.9) for column in form.columns)
    return Form(form.name, (*narrowed, Column(header, 0.1, field)))


def tables(html: str) -> list[BeautifulSoup]:
    return BeautifulSoup(html, "html.parser").select("table.handbook-template")


@pytest.mark.parametrize(
    ("form_name", "pages"),
    [
        ("LEADERSHIP", ["plans/sample-state-plan/goal-1.md", "plans/sample-state-plan/print.md",
                        "templates/blank/state.md", "templates/blank/district.md"]),
        ("SCHOOL", ["plans/sample-school-plan/goal-1.md", "templates/blank/school.md"]),
    ],
)  # fmt: skip
def test_a_column_added_to_a_form_prints_in_every_template_that_uses_it(
    monkeypatch: pytest.MonkeyPatch, form_name: str, pages: list[str]
) -> None:
    form = with_column(getattr(sheets, form_name), "Notes for the team", "preparations")
    monkeypatch.setattr(sheets, form_name, form)
    builder = PageBuilder(load_library(ROOT / "plans"))
    built = {page.src_uri: page for page in builder.pages()}
    for uri in pages:
        found = tables(built[uri].html)
        assert found, uri
        for table in found:
            assert [th.get_text(strip=True) for th in table.select("thead th")] == list(form.headers), uri
            assert len(table.select("col")) == len(form.columns)
            for row in table.select("tbody tr"):
                assert len(row.select("td")) == len(form.columns), uri


def test_the_fit_measures_the_columns_the_sheet_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    library = load_library(ROOT / "plans")
    plan = library.plan("sample-state-plan")
    assert plan is not None
    ref = GoalRef(plan, 1, plan.goals[0])
    before = printing.leadership_goal_sheet(ref, sheets.template_parts(ref))
    monkeypatch.setattr(sheets, "LEADERSHIP", with_column(sheets.LEADERSHIP, "Notes", "preparations"))
    after = printing.leadership_goal_sheet(ref, sheets.template_parts(ref))
    assert before.tables[0].header == sheets.LEADERSHIP.headers[:-1]
    assert after.tables[0].header == sheets.LEADERSHIP.headers
    assert all(len(row) == len(sheets.LEADERSHIP.columns) for row in after.tables[0].rows)


def test_a_form_whose_columns_do_not_fill_the_width_is_refused() -> None:
    with pytest.raises(ValueError, match="take 90% of the width"):
        Form("Half a form", (Column("Activities", 0.5, "text"), Column("Dates", 0.4, "dates")))
    with pytest.raises(ValueError, match="no activity field notes"):
        Form("A form", (Column("Notes", 1.0, "notes"),))
