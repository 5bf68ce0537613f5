"""What is wrong with a plan or a file of the repository, said where an editor can act on it.

Every check (reading files, YAML, the plan contract, limits, cross-plan rules) reports
`PlanProblem`s, so that `make check`, the build and `make serve` print every problem of
every file in one list: `plans/<file>.md:<line>: <field path>: <what is wrong>`.

Messages may quote what a plan says (an unknown strategy, a file name). Those words come
from a pull request and end up in CI logs and terminals, so they are shortened and any
control character is shown as an escape: a plan cannot start a new log line (GitHub reads
`::command::` lines in a job's output as instructions) or colour a terminal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

QUOTE_LENGTH = 60
"""Characters of a plan's own words a message quotes before it cuts them short."""


def printable(text: str) -> str:
    """Text safe to print on one line: control and invisible characters as escapes."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text
    )


def quote(value: object, length: int = QUOTE_LENGTH) -> str:
    """A plan's words inside a message: shortened to `length` characters, printable."""
    text = str(value)
    if len(text) > length:
        text = text[: length - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return printable(text)


@dataclass(frozen=True, order=True)
class PlanProblem:
    """One thing wrong in one file, located as precisely as the file allows (line 0: the
    whole file)."""

    source: str
    line: int
    field: str
    message: str
    unsafe: bool = dataclasses.field(default=False, compare=False)
    """A file the build must not read (a link out of the repository): a preview server may
    not go on showing the last valid plans around it, because MkDocs would follow it."""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)


class PlanErrors(Exception):
    """Every problem found in the plans; `str()` is the report, one problem a line."""

    def __init__(self, problems: Iterable[PlanProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def unsafe(self) -> bool:
        """Whether any problem is a file the build must not read (see `PlanProblem.unsafe`)."""
        return any(problem.unsafe for problem in self.problems)
