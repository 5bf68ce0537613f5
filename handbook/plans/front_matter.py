"""A Markdown file with YAML front matter, read as editors see it: every collection's first step.

Plans (`plans/`) and resources (`resources/`) are both files that start with a `---` line,
YAML, and another `---`, then Markdown. Both arrive as pull requests from anyone, so both
are read the same guarded way, and each problem is located at the line an editor can fix:
the file split where a screen shows its lines split (`lines_of`), lines holding a character
that shows them otherwise than they are read refused (`hidden_characters`), the YAML read
as plain data (`plain_yaml`), and each field path mapped to its line (`line_map`), so that
pydantic's error locations become `<file>:<line>: <field path>: <what is wrong>`.
Nothing here knows what a plan or a resource holds: the caller says what the file is
(`Kind`) and validates the data with its own model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from handbook.plans import messages, plain_yaml
from handbook.plans.messages import Loc
from handbook.plans.problems import PlanProblem

FENCE = re.compile(r"^(---|\.\.\.)[ \t]*\r?$")  # a file saved on Windows ends its lines with \r\n
LINE_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
LINE_OFFSET = 2
"""The front matter starts on the file's second line."""

OTHER_LINE_BREAKS = {
    "\x85": "U+0085, next line",
    "\u2028": "U+2028, line separator",
    "\u2029": "U+2029, paragraph separator",
}
"""Characters PyYAML (YAML 1.1) reads as line ends that an editor's screen and the code host's
review do not show as one: a hidden `year:` or `organization:` on the title's line."""

DIRECTION_CONTROLS = {
    chr(code): f"U+{code:04X}, {unicodedata.name(chr(code)).lower()}"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
"""Characters that make a screen show a line's parts in another order than they are read
("Trojan Source"): in front matter, a key or a value can look like something else."""


@dataclass(frozen=True)
class Kind:
    """What a collection's files are, in the words its messages use: `noun` ("plan"),
    `keys` (the first keys a file gives, for "must be a mapping of keys (...)") and `body`
    (what the Markdown after the front matter is: "the introduction")."""

    noun: str
    keys: str
    body: str


@dataclass
class LineMap:
    """Where each field path sits in the file: the line of its value and of its key,
    and the keys given twice (path, line, line of the first)."""

    values: dict[Loc, int]
    keys: dict[Loc, int]
    duplicates: list[tuple[Loc, int, int]]

    def line_of(self, loc: Loc, *, key: bool = False) -> int:
        """The line of the value at `loc` (of its key, with `key`); for a field that is missing,
        the line of the mapping it is missing from."""
        found = self.keys.get(loc) if key else self.values.get(loc)
        parent = loc
        while found is None and parent:
            parent = parent[:-1]
            found = self.values.get(parent)
        return found if found is not None else LINE_OFFSET


def line_map(node: yaml.Node, line_offset: int) -> LineMap:
    """Every field path of a composed front matter, with its line in the file."""
    lines = LineMap({}, {}, [])

    def walk(current: yaml.Node, loc: Loc) -> None:
        lines.values[loc] = current.start_mark.line + line_offset
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                line = key_node.start_mark.line + line_offset
                if (*loc, key) in lines.keys:
                    lines.duplicates.append(((*loc, key), line, lines.keys[(*loc, key)]))
                else:
                    lines.keys[(*loc, key)] = line
                walk(value_node, (*loc, key))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                walk(item, (*loc, index))

    walk(node, ())
    return lines


def lines_of(text: str) -> list[str]:
    """The file's lines, with their ends, as an editor and YAML 1.2 count them: a line ends
    at `\n`, `\r\n` or `\r` only (Python's `splitlines` also ends one at U+2028 and others)."""
    return _LINE.findall(text)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, the body's first line), or None when the file does not start
    with front matter. A front matter that is never closed is all the file (line 0)."""
    lines = lines_of(text)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "".join(lines[1:]), "", 0


_HIDDEN = (
    (
        OTHER_LINE_BREAKS,
        "holds an invisible line break ({name}), which the YAML reader takes for the start of a new "
        "line that the screen does not show: remove it",
    ),
    (
        DIRECTION_CONTROLS,
        "holds an invisible direction control ({name}), which makes the screen show the line in "
        "another order than it is read: remove it",
    ),
)


def hidden_characters(source: str, front_lines: list[str], line_offset: int) -> list[PlanProblem]:
    """A problem for each line of the front matter that holds a line end only YAML sees, or a
    character that reorders what the screen shows."""
    return [
        PlanProblem(source, number, "", message.format(name=name))
        for number, line in enumerate(front_lines, start=line_offset)
        for characters, message in _HIDDEN
        for char, name in characters.items()
        if char in line
    ]


@dataclass(frozen=True)
class Parsed:
    """A file's front matter as plain data, with what locates its fields, and its body."""

    data: dict[str, Any]
    node: yaml.Node
    has_duplicate_keys: bool
    body: str
    body_line: int

    def lines(self) -> LineMap:
        """Each field's line (worked out only when asked: a valid plan never needs it)."""
        return line_map(self.node, LINE_OFFSET)


def decode(raw: bytes, source: str) -> str | list[PlanProblem]:
    """A file's bytes as text (a byte-order mark dropped), or where it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [PlanProblem(source, line, "", "not UTF-8 text: save the file as UTF-8")]


def parse(text: str, source: str, kind: Kind) -> Parsed | list[PlanProblem]:
    """The front matter of a file's text as a mapping of plain data, or why it cannot be read:
    an empty file, no front matter or one never closed, hidden characters, tabs, YAML beyond
    plain data or with a syntax error, something other than a mapping."""
    if not text.strip():
        return [
            PlanProblem(source, 1, "", f"empty file: a {kind.noun} starts with '---' and its front matter")
        ]
    split = split_front_matter(text)
    if split is None:
        return [
            PlanProblem(
                source,
                1,
                "",
                f"no front matter: the file must start with a '---' line, the {kind.noun}'s YAML, "
                "and another '---' line",
            )
        ]
    front, body, body_line = split
    if not body_line:
        return [
            PlanProblem(
                source,
                1,
                "",
                "the front matter is never closed: add a line '---' after its last line "
                f"(before {kind.body}, if there is one)",
            )
        ]
    front_lines = lines_of(front)
    hidden = hidden_characters(source, front_lines, LINE_OFFSET)
    if hidden:
        return hidden
    tabs = [
        PlanProblem(source, number, "", "tab character: indent with spaces, not tabs")
        for number, text_line in enumerate(front_lines, start=LINE_OFFSET)
        if "\t" in text_line[: len(text_line) - len(text_line.lstrip())]
    ]
    if tabs:
        return tabs
    try:
        document = plain_yaml.load(front)
    except plain_yaml.NotPlainData as error:
        return [PlanProblem(source, error.line + LINE_OFFSET, "", error.message)]
    except yaml.reader.ReaderError as error:
        line = len(LINE_END.findall(front[: error.position])) + LINE_OFFSET
        return [messages.character_problem(source, line, error.character)]
    except yaml.YAMLError as error:
        return [messages.yaml_problem(source, error, LINE_OFFSET)]
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else messages.type_name(document.data)
        return [
            PlanProblem(
                source, LINE_OFFSET, "", f"front matter must be a mapping of keys ({kind.keys}), not {what}"
            )
        ]
    assert document.node is not None
    return Parsed(document.data, document.node, document.has_duplicate_keys, body, body_line)


def duplicate_problems(source: str, lines: LineMap) -> list[PlanProblem]:
    """A key given twice (YAML keeps the last in silence): where, and where it was first."""
    return [
        PlanProblem(
            source, line, messages.field_path(loc), f"given twice (first on line {first}): keep one of them"
        )
        for loc, line, first in lines.duplicates
    ]


def validation_problems(
    source: str, error: ValidationError, lines: LineMap, model: type[BaseModel] | None = None
) -> list[PlanProblem]:
    """pydantic's errors, each at its field's line (an unknown key at the key's, a missing one
    at its mapping's) and in editors' words; `model` names the keys a misspelled key is
    compared with (by default, the plan's at that place)."""
    return [
        PlanProblem(
            source,
            lines.line_of(tuple(detail["loc"]), key=detail["type"] == "extra_forbidden"),
            messages.field_path(tuple(detail["loc"])),
            messages.validation_message(detail, model),
        )
        for detail in error.errors()
    ]
