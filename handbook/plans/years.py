"""School years, as plans write them: "2026-27".

Plans are written for a year and rewritten each year, so a plan says which school year it
is for, and the handbook gathers plans, promising practices and progress by year. A school
year is written the way schools write it: the year it starts in, a hyphen, and the last two
digits of the year after ("2026-27"), one form for every plan, so that a year's pages and
files have one address. Other ways people write it ("2026-2027", with an en dash, "SY
2026/27") get a "did you mean" from `check`.
"""

from __future__ import annotations

import re
from datetime import date

SCHOOL_YEAR = re.compile(r"([0-9]{4})-([0-9]{2})")
"""The one form: `2026-27`, in the digits 0-9 only. (Python's `\\d` also takes Arabic-Indic
and full-width digits: `٢٠٢٦-٢٧` would be a year of its own, with its own pages, beside
`2026-27`.)"""

_WRITTEN = re.compile(r"([0-9]{4})\s*[-\N{EN DASH}\N{EM DASH}/ ]\s*([0-9]{4}|[0-9]{2})")
"""How people also write it: another dash or a slash, the second year in full."""

_OTHER_DIGITS = re.compile(r"(?![0-9])\d")
"""A digit of another script (Arabic-Indic, full-width): the plan form says the same of it."""

EXAMPLE = "2026-27"
"""The school year messages give as an example (fixed, so that a message reads the same
whichever year the build runs in)."""

FIRST_MONTH = 7
"""A school year starts in July, for the year `make new-plan` fills in (US school years run
from about August to June; budgets and plans from July)."""


def check(text: str) -> str | None:
    """What is wrong with a written school year (None when it is right), in an editor's words."""
    if _OTHER_DIGITS.search(text):
        return f"write the school year in the digits 0-9, like '{EXAMPLE}'"
    match = SCHOOL_YEAR.fullmatch(text)
    if match:
        first, second = int(match[1]), int(match[2])
        if second == (first + 1) % 100:
            return None
        return f"the second part is the year after the first: write '{school_year(first)}'"
    written = _WRITTEN.search(text)
    if written:
        first, second = int(written[1]), int(written[2])
        if second % 100 == (first + 1) % 100:
            return f"write the school year as '{school_year(first)}'"
    return (
        f"write the school year as the year it starts in and the next one's last two digits, like '{EXAMPLE}'"
    )


def school_year(first: int) -> str:
    """The school year that starts in `first`: 2026 -> "2026-27"."""
    return f"{first}-{(first + 1) % 100:02d}"


def start(year: str) -> int:
    """The calendar year a school year starts in: "2026-27" -> 2026."""
    return int(year[:4])


def current(today: date | None = None) -> str:
    """The school year under way (from July): what a new plan is most likely written for."""
    today = today or date.today()
    return school_year(today.year if today.month >= FIRST_MONTH else today.year - 1)


def newest_first(years: set[str]) -> list[str]:
    return sorted(years, key=start, reverse=True)
