"""How much one plan may hold: the limits that bound what a pull request can cost.

Plans arrive as pull requests from anyone with a GitHub account; CI builds them and the
publisher's `make serve` reads them. Real plans sit far inside these limits (the samples
are 4 KB, with at most 4 goals, 5 activities in a goal and no text over 700
characters), so a plan beyond one is a mistake or an attack, and either way it is
refused with a message that gives the limit, before it can cost minutes or gigabytes.
This module is the one place they are set; ARCHITECTURE.md lists them, and a test holds the
two together.
"""

from __future__ import annotations

PLAN_FILE_BYTES = 256 * 1024
"""Size of one plan file. Checked before the file is read."""

GOALS = 20
"""Goals in one plan (each goal is a page of its own, and a printed sheet)."""

ACTIVITIES = 60
"""Activities in one goal."""

TEXT_CHARACTERS = 10_000
"""Characters in one text: a title, an activity, a detail, the introduction or the closing."""

PROSE_LINKS = 200
"""'[' characters in the introduction or the closing, where Markdown makes links and
footnotes of them. Python-Markdown looks for the end of each bracket across the rest of
the text, so time grows with their number times the length (10,000 brackets: a minute)."""

YAML_DEPTH = 8
"""Lists and mappings inside one another in the front matter. A plan needs 5 (plan, goals,
a goal, its activities, an activity); far deeper nesting only costs time and stack."""

NUMBER_DIGITS = 100
"""Digits in a number written in YAML. No plan field is a long number, and converting a
number of thousands of digits is slow (Python refuses past 4,300)."""


def size(bytes_: int) -> str:
    """A file size as the limits are stated: `256 KB`."""
    return f"{bytes_ / 1024:,.0f} KB"
