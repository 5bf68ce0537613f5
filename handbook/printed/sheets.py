"""The handbook's two template forms as data: their columns, and a goal split into the form's parts.

A goal's activities print on a form: the *Leadership Plan for Partnerships* (state and
district plans) or the school's *One-Year Action Plan for Partnerships*. Each form is
described here once, column by column (header, share of the width, the activity field
it shows), and everything that draws or measures a sheet reads it from here: the page
templates render their table heads and cells from `Form.columns`, and `printing` estimates
a sheet's height from the same columns and cell texts. So a column added here prints in
every template that uses the form, and the one-page fit can never measure a table other
than the one printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.library import GoalRef
from handbook.plans.model import Activity, Level
from handbook.vocabularies.fields import activity_label


@dataclass(frozen=True)
class Column:
    """One column of a form: its header, its share of the sheet's width, and the activity
    field its cells show (`text` is numbered, `type` names the type of involvement)."""

    header: str
    width: float
    field: str

    def value(self, activity: Activity) -> str:
        """The activity's field as text ("" where the plan leaves it out)."""
        value = getattr(activity, self.field)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Form:
    """A template form: its name as printed and its columns, left to right."""

    name: str
    columns: tuple[Column, ...]

    def __post_init__(self) -> None:
        total = sum(column.width for column in self.columns)
        if abs(total - 1) > 0.005:
            raise ValueError(f"the columns of {self.name} take {total:.0%} of the width, not 100%")
        fields = set(Activity.model_fields)
        unknown = [column.field for column in self.columns if column.field not in fields]
        if unknown:
            raise ValueError(f"{self.name}: no activity field {', '.join(unknown)}")

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def widths(self) -> tuple[float, ...]:
        return tuple(column.width for column in self.columns)

    def cells(self, number: int, activity: Activity, unassigned: bool = False) -> list[str]:
        """An activity's row as plain text, cell by cell, as the sheet prints it."""
        return [cell_text(column, number, activity, unassigned) for column in self.columns]


def cell_text(column: Column, number: int, activity: Activity, unassigned: bool = False) -> str:
    """What a cell says (the templates add links and emphasis, not words)."""
    if column.field == "text":
        return f"{number}. {activity.text}" + (" (page not assigned)" if unassigned else "")
    if column.field == "type":
        return f"{activity.type.number}. {activity.type.name}" if activity.type else ""
    return column.value(activity)


LEADERSHIP = Form(
    "Leadership Plan for Partnerships",
    (
        Column("Activities", 0.34, "text"),
        Column(activity_label("dates", "state"), 0.13, "dates"),
        Column(activity_label("responsible", "state"), 0.17, "responsible"),
        Column(activity_label("expected_results", "state"), 0.21, "expected_results"),
        Column(activity_label("costs", "state"), 0.15, "costs"),
    ),
)
"""The form of state and district plans, as the handbook prints it."""

SCHOOL = Form(
    "One-Year Action Plan for Partnerships",
    (
        Column("Activities", 0.29, "text"),
        Column(activity_label("type", "school"), 0.15, "type"),
        Column(activity_label("grades", "school"), 0.08, "grades"),
        Column(activity_label("dates", "school"), 0.12, "dates"),
        Column(activity_label("preparations", "school"), 0.19, "preparations"),
        Column(activity_label("responsible", "school"), 0.17, "responsible"),
    ),
)
"""The form of a school's One-Year Action Plan."""


def form_for(level: Level) -> Form:
    """The form a plan of this level prints on."""
    return SCHOOL if level is Level.SCHOOL else LEADERSHIP


@dataclass(frozen=True)
class TemplatePart:
    """One part of a goal's Leadership Plan template: page 1 or page 2 of the plan.

    `unassigned`: the part holds activities the plan put on no page. Where some are and
    some are not, each unassigned one is marked (`marked`); where none is, the part says so
    once (`note`), not on every line."""

    heading: str | None
    rows: list[tuple[int, Activity]]
    unassigned: bool = False

    def marked(self, activity: Activity) -> bool:
        """Whether this activity's row says "(page not assigned)"."""
        return self.unassigned and activity.page is None and not self.none_assigned

    @property
    def none_assigned(self) -> bool:
        return bool(self.rows) and all(activity.page is None for _, activity in self.rows)

    @property
    def note(self) -> str | None:
        """What the part says once, where the plan sorted none of its activities onto pages,
        or put none on this page."""
        if self.unassigned and self.none_assigned:
            return "The plan does not say which page these activities belong on: all are on page 1."
        if self.heading and not self.rows:
            return "No activity of this goal is on this page yet: the rows are for your team."
        return None


def template_parts(ref: GoalRef, always_split: bool = False) -> list[TemplatePart]:
    """Split a goal's activities as the handbook suggests, when the plan says which page each is on.

    Page 1 holds the activities conducted at the plan's own level, page 2 those that
    build the capacity of the level below. Activities without `page` stay on page 1,
    marked, so that nothing is dropped from the template. `always_split` splits a goal
    whose plan assigns no page too: the two-page view prints page 2 for the team to fill in.
    """
    numbered = list(enumerate(ref.goal.activities, start=1))
    if not always_split and all(activity.page is None for _, activity in numbered):
        return [TemplatePart(None, numbered)]
    level = ref.plan.level
    first = [(n, a) for n, a in numbered if a.page != 2]
    second = [(n, a) for n, a in numbered if a.page == 2]
    return [
        TemplatePart(page_heading(level, 1), first, unassigned=any(a.page is None for _, a in first)),
        TemplatePart(page_heading(level, 2), second),
    ]


def page_heading(level: Level, page: int) -> str:
    """What page 1 or page 2 of a state or district Leadership Plan holds."""
    if page == 1:
        return f"Page 1: activities conducted at the {level.value} level"
    return f"Page 2: building the capacity of {level.level_below}"
