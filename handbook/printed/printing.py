"""How a template sheet fits one sheet of paper: the type scale and the blank rows to print.

A goal's template page must print on one US Letter page and on one A4 page, however
long its goal and activities. CSS cannot shrink type until a page fits, so the page
builders work it out here, at build time, from the text itself: the sheet estimates
the height of every line at each step of a type scale and takes the largest scale
that fits, then fills what is left of the paper with blank rows to write in (at least
one per table, at most `MAX_BLANK_ROWS`). The template writes the result as CSS
custom properties (`--handbook-print-scale`, column widths) that `print.css` reads,
so the printed layout and this estimate share their numbers.

The estimate is deliberately pessimistic (wide characters, greedy word wrap, a
safety margin): a sheet that comes out shorter only gets more room to write.
Numbers marked "print.css" must change together with that stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from handbook.library import GoalRef
from handbook.printed import sheets
from handbook.vocabularies.fields import goal_label

MM = 72 / 25.4
"""Points per millimetre."""

MARGIN = 12 * MM
"""The `@page` margin (print.css)."""

WIDTH = 210 * MM - 2 * MARGIN
"""The printable width of the narrower paper: A4 (210 mm; Letter is 215.9 mm)."""

HEIGHT = (11 * 72 - 2 * MARGIN) * 0.95
"""The printable height of the shorter paper: Letter (11 in; A4 is 297 mm), less a
5% margin for what the estimate cannot see (rounding, fonts that set wider)."""

FONT = 10.0
"""Body type at scale 1, in points (print.css: `--handbook-print-font`)."""

LINE = 1.3
"""Line height, in ems (print.css)."""

CHAR = 0.54
"""Average advance of a character, in ems: DejaVu Sans, Chromium's sans-serif on Debian,
is among the widest sans-serif faces, so narrower ones only fit better."""

TITLE = 1.5
"""The sheet title's size, in ems (print.css: `.handbook-sheet h1`)."""

HEADING = 1.1
"""A part heading's size ("Page 1: ..."), in ems (print.css: `.handbook-sheet h2`)."""

CELL_X, CELL_Y = 0.3, 0.2
"""Cell padding, in ems, on each side (print.css)."""

BLANK_ROW = 9 * MM
"""A blank row's height: room for a line of handwriting, whatever the type scale (print.css)."""

SIGNOFF = 3.2
"""The line for dates and names of those responsible, with the space above it, in lines."""

FIELD = 2.2
"""A field to fill in on a blank template (its label and a line to write on), in lines."""

SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5)
"""The type scale, largest first. At 0.5 body type is 5 pt, still legible on paper;
a goal too long for that (beyond about twenty long activities with every detail)
continues on a second sheet rather than shrinking further."""

MAX_BLANK_ROWS = 8
"""Blank rows to print under one table at most: enough for a team's own activities
(a blank template asks for more)."""


@dataclass(frozen=True)
class Table:
    """A table on a sheet: the share of the width of each column, its header cells and
    its rows of cell text (the rows a plan fills in; blank rows come from the fit)."""

    columns: Sequence[float]
    header: Sequence[str]
    rows: Sequence[Sequence[str]] = ()
    heading: str | None = None


@dataclass(frozen=True)
class Sheet:
    """What a sheet of paper holds: a title, facts ("Label: value", one or more lines
    each), fields to fill in, and tables."""

    title: str
    facts: Sequence[str] = ()
    tables: Sequence[Table] = ()
    fields: int = 0
    signoff: bool = True


@dataclass(frozen=True)
class Fit:
    """The type scale a sheet prints at and the blank rows under each table."""

    scale: float
    blank_rows: int

    @property
    def style(self) -> str:
        """The CSS custom property that print.css sizes the sheet's type by."""
        return f"--handbook-print-scale: {self.scale}"


def fit(sheet: Sheet, most: int = MAX_BLANK_ROWS) -> Fit:
    """The largest type scale at which the sheet, with one blank row per table, fits the
    paper, and as many blank rows as then fit, up to `most` (the same under every table)."""
    tables = max(len(sheet.tables), 1)
    for scale in SCALES:
        room = HEIGHT - _height(sheet, scale)
        if room >= tables * BLANK_ROW or scale == SCALES[-1]:
            rows = int(room // (tables * BLANK_ROW))
            return Fit(scale, max(1, min(most, rows)))
    raise AssertionError("unreachable: the last scale always returns")


def _height(sheet: Sheet, scale: float) -> float:
    """The sheet's height in points at a type scale, blank rows left out."""
    size = FONT * scale
    line = size * LINE
    height = _lines(sheet.title, WIDTH, size * TITLE) * size * TITLE * 1.2 + size * 0.8
    height += sum(_lines(fact, WIDTH, size) for fact in sheet.facts) * line
    height += sheet.fields * FIELD * line
    for table in sheet.tables:
        if table.heading:
            height += _lines(table.heading, WIDTH, size * HEADING) * size * HEADING * 1.2 + size
        height += _row(table.header, table.columns, size)
        height += sum(_row(row, table.columns, size) for row in table.rows)
        height += line  # space after the table
    if sheet.signoff:
        height += SIGNOFF * line
    return height


def _row(cells: Sequence[str], columns: Sequence[float], size: float) -> float:
    """A table row's height: its tallest cell, with padding and border."""
    lines = max(
        _lines(text, WIDTH * share - 2 * CELL_X * size, size)
        for text, share in zip(cells, columns, strict=True)
    )
    return max(lines, 1) * size * LINE + 2 * CELL_Y * size + 1


def _lines(text: str, width: float, size: float) -> int:
    """Lines the text takes in a column `width` points wide, wrapped at spaces."""
    return _wrapped(text, max(int(width / (size * CHAR)), 1))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[int, ...]:
    """The lengths of a text's words, in order (a text is measured at several widths)."""
    return tuple(len(word) for word in text.split())


def _wrapped(text: str, per_line: int) -> int:
    """Lines of at most `per_line` characters that greedy word wrap makes of the text, as
    `textwrap.wrap` counts them (a word longer than a line is broken across lines), but
    counted from word lengths alone: at state scale the fit measures a million cells."""
    lines = 0
    room = 0  # characters left on the current line
    for length in _words(text):
        if lines and length < room:  # fits after a space
            room -= length + 1
            continue
        lines += 1 + (length - 1) // per_line  # a new line, and more for a word too long for one
        room = per_line - ((length - 1) % per_line + 1)
    return lines


def leadership_goal_sheet(ref: GoalRef, parts: Sequence[sheets.TemplatePart]) -> Sheet:
    """A state or district goal on the Leadership Plan template, one table per part
    (page 1, page 2); activities without a page are marked where the part says so."""
    plan, goal, form = ref.plan, ref.goal, sheets.LEADERSHIP
    facts = [
        f"Plan: {plan.title}" + (f" ({plan.organization})" if plan.organization else ""),
        f"Goal {ref.number}: {goal.title}",
        "Leadership strategies: " + " · ".join(s.name for s in goal.strategies),
        f"Target audience: {goal.audience or ''}",
    ]
    tables = [
        Table(
            form.widths,
            form.headers,
            [form.cells(n, a, part.marked(a)) for n, a in part.rows],
            f"{part.heading} {part.note}" if part.heading and part.note else part.heading,
        )
        for part in parts
    ]
    return Sheet(f"{form.name}: Goal {ref.number}", facts, tables)


def school_goal_sheet(ref: GoalRef) -> Sheet:
    """A school goal on the One-Year Action Plan."""
    plan, goal, form = ref.plan, ref.goal, sheets.SCHOOL
    facts = [
        f"School plan: {plan.title}" + (f" ({plan.organization})" if plan.organization else ""),
        f"Goal {ref.number} ({goal.kind.value if goal.kind else ''}): {goal.title}",
        f"{goal_label('results', 'school')}: {goal.results or ''}",
        f"{goal_label('measures', 'school')}: {goal.measures or ''}",
    ]
    rows = [form.cells(n, a) for n, a in enumerate(goal.activities, start=1)]
    return Sheet(f"{form.name}: Goal {ref.number}", facts, [Table(form.widths, form.headers, rows)])


def blank_leadership_sheet(heading: str, strategies: Sequence[str]) -> Sheet:
    """One page of a blank Leadership Plan: who and when, the goal (two lines), the six
    strategies to tick, the audience, and a table of blank rows."""
    form = sheets.LEADERSHIP
    ticks = "Leadership strategies (check each one the goal uses): " + "  ".join(
        f"[] {s}" for s in strategies
    )
    return Sheet(
        form.name, facts=[ticks], tables=[Table(form.widths, form.headers, heading=heading)], fields=4
    )


def blank_school_sheet() -> Sheet:
    """A blank One-Year Action Plan: school and year, the goal (two lines) and its kind,
    desired results, how they are measured, and a table of blank rows."""
    form = sheets.SCHOOL
    return Sheet(
        form.name,
        facts=["Kind of goal: [] Academic  [] Behavior  [] Climate"],
        tables=[Table(form.widths, form.headers)],
        fields=5,
    )
