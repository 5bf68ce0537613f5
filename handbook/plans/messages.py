"""What is wrong with a plan, in the words of the editor who has to fix it.

pydantic and PyYAML say what is wrong in their own words ("Input should be a valid
string", "mapping values are not allowed here"); editors are district and school staff,
so each message is said again as what to do, with "did you mean" where a likely intent
exists, and field paths are written as the plan prints them (`goals[2].activities[1]`,
counted from 1).
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from handbook.plans import limits
from handbook.plans.model import CONTROL_CHARACTER, Activity, Goal, PlanFrontMatter
from handbook.plans.problems import PlanProblem, quote

Loc = tuple[str | int, ...]
"""Where a value sits in the front matter, as pydantic gives it: `('goals', 1, 'audience')`."""


def field_path(loc: Loc) -> str:
    """`('goals', 1, 'audience')` -> `goals[2].audience`: numbered from 1, as the plan prints goals."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def type_name(value: Any) -> str:
    """What kind of YAML value this is, in words: "a number", "a list", "text"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if value is None:
        return "nothing"
    return "text"


def _known_keys(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _model_at(loc: Loc) -> type[BaseModel]:
    """Which model a key at this location belongs to, for "did you mean" on unknown keys."""
    parents = [part for part in loc[:-1] if isinstance(part, str)]
    if parents[-1:] == ["activities"]:
        return Activity
    if parents[-1:] == ["goals"]:
        return Goal
    return PlanFrontMatter


_TOO_MANY = {  # the list's name: what it holds, and what an editor can do about too many
    "goals": ("goals", f"a plan may have at most {limits.GOALS} (split it into more than one plan)"),
    "activities": ("activities", f"a goal may have at most {limits.ACTIVITIES} (split it into two goals)"),
    "strategies": ("strategies", "there are six: name each one once"),
    "audience_groups": ("groups", "name each group once"),
    "types": ("types of involvement", "there are six: name each one once"),
    "levels": ("levels", "there are three: name each one once"),
}


def validation_message(error: ErrorDetails, model: type[BaseModel] | None = None) -> str:
    """Say what is wrong the way an editor would, instead of pydantic's wording. `model` is
    the front matter's own (by default the plan's): its keys are what a misspelled key at the
    top is compared with."""
    kind = error["type"]
    value = error.get("input")
    loc = error["loc"]
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        owner = _model_at(loc)
        known = _known_keys(model if model is not None and owner is PlanFrontMatter else owner)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys are {', '.join(known)}"
        return f"unknown key; {hint}"
    if kind in ("string_type", "string_sub_type"):
        quote_it = " (put it in quotes to use it as text)" if isinstance(value, int | float) else ""
        return f"must be text, not {type_name(value)}{quote_it}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"{len(str(value)):,} characters; a text may hold at most {limits.TEXT_CHARACTERS:,}"
    if kind == "string_pattern_mismatch":
        control = CONTROL_CHARACTER.search(str(value))
        return unneeded_character(control.group() if control else None)
    if kind in ("list_type", "tuple_type"):
        if isinstance(value, str):
            return f"must be a list, not text (write [{quote(value)}] or one '- item' per line)"
        return f"must be a list, not {type_name(value)}"
    if kind == "too_short":
        return "must have at least one item"
    if kind == "too_long":
        count = error.get("ctx", {}).get("actual_length", 0)
        noun, limit = _TOO_MANY.get(str(loc[-1]), ("items", "too many"))
        return f"{count:,} {noun}; {limit}"
    if kind == "literal_error" and loc[-1] == "page":
        return f"must be 1 or 2, not {quote(repr(value))}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[-2:-1] == ("activities",):
            return f"an activity must be text or a mapping with 'text:', not {type_name(value)}"
        return f"must be a mapping (key: value lines), not {type_name(value)}"
    return str(error["msg"])


def unneeded_character(char: str | None) -> str:
    """What is wrong with a character no text needs (a control character, a non-character),
    shown as an escape: one wording for the model's check and the YAML reader's."""
    shown = char.encode("unicode_escape").decode("ascii") if char else "?"
    what = "character" if char and unicodedata.category(char) != "Cc" else "control character"
    return f"holds the {what} {shown}, which text never needs: remove it"


def character_problem(source: str, line: int, code: int | str) -> PlanProblem:
    """A character the YAML reader refuses, never said in the reader's own words (`position 10`)."""
    return PlanProblem(source, line, "", unneeded_character(chr(code) if isinstance(code, int) else code))


# What PyYAML says, and what it usually means in a plan file.
_YAML_HINTS = (
    ("mapping values are not allowed", "a value holds ': '; put the whole value in quotes"),
    ("expected <block end>", "this line does not line up with the lines above; check its indentation"),
    ("expected ',' or ']'", "a [list] is not closed with ']', or its items are not separated by commas"),
    ("expected ',' or '}'", "a {mapping} is not closed with '}', or its items are not separated by commas"),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("found undefined alias", "'*' starts a YAML alias; put a value that starts with '*' in quotes"),
    ("found character '@'", "a value cannot start with '@' or '`'; put it in quotes"),
    ("found character '`'", "a value cannot start with '@' or '`'; put it in quotes"),
)


def yaml_problem(source: str, error: yaml.YAMLError, line_offset: int) -> PlanProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + line_offset if mark else line_offset
    problem = getattr(error, "problem", None) or str(error)
    if "\t" in problem or "'\\t'" in problem:
        return PlanProblem(source, line, "", "tab character: indent with spaces, not tabs")
    for words, hint in _YAML_HINTS:
        if words in problem:
            return PlanProblem(source, line, "", f"YAML syntax error: {hint}")
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return PlanProblem(source, line, "", f"YAML syntax error: {detail}")
