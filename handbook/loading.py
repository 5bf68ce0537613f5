"""Read `plans/*.md` into validated `Plan` objects, or report every problem at once.

Editors are not programmers and often edit in a web UI, so a problem is reported the
way they can act on it: `plans/<file>.md:<line>: <field path>: <what is wrong>`, with
"did you mean" where a likely intent exists, and every problem of every file in one
run (fixing one error at a time through CI round-trips is how editors give up).
Nothing here raises on bad input; `load_library` raises `PlanErrors` holding them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from handbook import limits, plain_yaml, repository
from handbook.library import Library
from handbook.model import (
    CONTROL_CHARACTER,
    INTRODUCTION,
    Activity,
    Goal,
    Level,
    Plan,
    PlanFrontMatter,
    validate_front_matter,
)
from handbook.problems import PlanErrors, PlanProblem, quote

__all__ = [
    "PlanErrors",
    "PlanProblem",
    "last_valid_library",
    "load_library",
    "load_library_cached",
    "read_plan",
]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FENCE = re.compile(r"^(---|\.\.\.)[ \t]*\r?$")  # a file saved on Windows ends its lines with \r\n


Loc = tuple[str | int, ...]


@dataclass
class _LineMap:
    """Where each field path sits in the file: the line of its value and of its key,
    and the keys given twice (path, line, line of the first)."""

    values: dict[Loc, int]
    keys: dict[Loc, int]
    duplicates: list[tuple[Loc, int, int]]


def _line_map(node: yaml.Node, line_offset: int) -> _LineMap:
    lines = _LineMap({}, {}, [])

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


def field_path(loc: Loc) -> str:
    """`('goals', 1, 'audience')` -> `goals[2].audience`: numbered from 1, as the plan prints goals."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _type_name(value: Any) -> str:
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
}


def _message(error: ErrorDetails) -> str:
    """Say what is wrong the way an editor would, instead of pydantic's wording."""
    kind = error["type"]
    value = error.get("input")
    loc = error["loc"]
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        known = _known_keys(_model_at(loc))
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys are {', '.join(known)}"
        return f"unknown key; {hint}"
    if kind in ("string_type", "string_sub_type"):
        quote_it = " (put it in quotes to use it as text)" if isinstance(value, int | float) else ""
        return f"must be text, not {_type_name(value)}{quote_it}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"{len(str(value)):,} characters; a text may hold at most {limits.TEXT_CHARACTERS:,}"
    if kind == "string_pattern_mismatch":
        control = CONTROL_CHARACTER.search(str(value))
        shown = control.group().encode("unicode_escape").decode("ascii") if control else "?"
        return f"holds the control character {shown}, which text never needs: remove it"
    if kind in ("list_type", "tuple_type"):
        if isinstance(value, str):
            return f"must be a list, not text (write [{quote(value)}] or one '- item' per line)"
        return f"must be a list, not {_type_name(value)}"
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
            return f"an activity must be text or a mapping with 'text:', not {_type_name(value)}"
        return f"must be a mapping (key: value lines), not {_type_name(value)}"
    return str(error["msg"])


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, the body's first line), or None when the file has no front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


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


def _yaml_problem(source: str, error: yaml.YAMLError, line_offset: int) -> PlanProblem:
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


def read_plan(path: Path, source: str, root: Path | None = None) -> Plan | list[PlanProblem]:
    """One plan file: the validated plan, or every problem in it.

    `root` is the repository the file belongs to (by default the folder above `plans/`):
    a file that is not a plan's own regular file there, or is too large, is not read.
    """
    slug = path.stem
    unreadable = repository.plan_file_problem(path, (root or path.parent.parent).resolve())
    if unreadable:
        return [PlanProblem(source, 0, "", unreadable)]
    raw = repository.read_plan_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [PlanProblem(source, line, "", "not UTF-8 text: save the file as UTF-8")]
    problems: list[PlanProblem] = []
    if not SLUG.fullmatch(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-plan"
        problems.append(
            PlanProblem(
                source,
                0,
                "",
                f"file name must be lowercase words joined by '-' (the plan's URL); rename it to {suggestion}.md",
            )
        )
    if not text.strip():
        return [
            *problems,
            PlanProblem(source, 1, "", "empty file: a plan starts with '---' and its front matter"),
        ]
    split = _split_front_matter(text)
    if split is None:
        return [
            *problems,
            PlanProblem(
                source,
                1,
                "",
                "no front matter: the file must start with a '---' line, the plan's YAML, and another '---' line",
            ),
        ]
    front, body, body_line = split
    line_offset = 2  # the front matter starts on the file's second line
    tabs = [
        PlanProblem(source, number, "", "tab character: indent with spaces, not tabs")
        for number, text_line in enumerate(front.splitlines(), start=line_offset)
        if "\t" in text_line[: len(text_line) - len(text_line.lstrip())]
    ]
    if tabs:
        return [*problems, *tabs]
    try:
        document = plain_yaml.load(front)
    except plain_yaml.NotPlainData as error:
        return [*problems, PlanProblem(source, error.line + line_offset, "", error.message)]
    except yaml.YAMLError as error:
        return [*problems, _yaml_problem(source, error, line_offset)]
    data, node = document.data, document.node
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{_type_name(data)}"
        return [
            *problems,
            PlanProblem(
                source,
                line_offset,
                "",
                f"front matter must be a mapping of keys (title:, level:, goals:), not {what}",
            ),
        ]
    assert node is not None
    lines = _line_map(node, line_offset) if document.has_duplicate_keys else None  # only for problems
    for loc, line, first in lines.duplicates if lines else ():
        problems.append(
            PlanProblem(
                source, line, field_path(loc), f"given twice (first on line {first}): keep one of them"
            )
        )
    try:
        INTRODUCTION.validate_python(body)
    except ValidationError as error:
        problems += [PlanProblem(source, body_line, "introduction", _message(e)) for e in error.errors()]
    try:
        front_matter = validate_front_matter(data)
    except ValidationError as error:
        lines = lines or _line_map(node, line_offset)
        for detail in error.errors():
            loc = tuple(detail["loc"])
            found = lines.keys.get(loc) if detail["type"] == "extra_forbidden" else lines.values.get(loc)
            parent = loc
            while found is None:  # a missing field: point at the mapping it is missing from
                parent = parent[:-1]
                found = lines.values.get(parent)
            problems.append(PlanProblem(source, found, field_path(loc), _message(detail)))
        return problems
    if problems:
        return problems
    return Plan(**dict(front_matter), slug=slug, source=source, introduction=body)


def load_library(plans_dir: Path, source_prefix: str = "plans", *, guarded: Iterable[Path] = ()) -> Library:
    """Every `*.md` in `plans_dir` as a plan, or `PlanErrors` with every problem in all of them.

    The repository is the folder that holds `plans_dir`. `guarded` are its other folders
    whose files reach the site (`docs/`, `overrides/`): a symbolic link there, or anywhere
    under `plans_dir`, that leads outside the repository is reported with the plans'
    problems, and the build must stop (MkDocs would follow it).
    """
    root = plans_dir.absolute().parent
    problems = list(_stray_link_problems(plans_dir, source_prefix, guarded))
    if any(problem.source == source_prefix for problem in problems):
        raise PlanErrors(problems)  # `plans/` itself leads elsewhere: read nothing in it
    plans: list[Plan] = []
    failed: set[str] = set()
    for path in sorted(plans_dir.glob("*.md")):
        result = read_plan(path, f"{source_prefix}/{path.name}", root)
        if isinstance(result, Plan):
            plans.append(result)
        else:
            problems.extend(result)
            failed.add(path.stem)
    titles: dict[str, Plan] = {}
    for plan in plans:
        key = " ".join(plan.title.casefold().split())
        if key in titles:
            first = titles[key]
            problems.append(
                PlanProblem(
                    plan.source,
                    _key_line(plans_dir / f"{plan.slug}.md", "title"),
                    "title",
                    f"the same title as {first.source}: each plan needs its own title",
                )
            )
        else:
            titles[key] = plan
    problems.extend(_district_problems(plans, plans_dir, failed))
    if problems:
        raise PlanErrors(problems)
    return Library.from_plans(plans)


def _stray_link_problems(
    plans_dir: Path, source_prefix: str, guarded: Iterable[Path]
) -> Iterator[PlanProblem]:
    """Symbolic links under `plans/` and the guarded folders that lead outside the repository.

    Plan files themselves are checked where they are read (`read_plan`), so each problem
    is told once.
    """
    root = plans_dir.absolute().parent
    plan_files = plans_dir.glob("*.md") if plans_dir.is_dir() and not plans_dir.is_symlink() else ()
    for link, problem in repository.stray_links(root, [plans_dir, *guarded], skip=plan_files):
        absolute = link.absolute()
        if absolute.is_relative_to(plans_dir.absolute()):
            inside = absolute.relative_to(plans_dir.absolute()).as_posix()
            source = source_prefix if inside == "." else f"{source_prefix}/{inside}"
        else:
            source = absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(link)
        yield PlanProblem(source, 0, "", problem, unsafe=True)


def _district_problems(plans: list[Plan], plans_dir: Path, failed: set[str]) -> Iterable[PlanProblem]:
    """A school plan's `district` must be the slug of a district plan in the library.

    A district plan that has problems of its own is reported for those, not again here.
    """
    districts = sorted(plan.slug for plan in plans if plan.level is Level.DISTRICT)
    for plan in plans:
        if plan.district is None or plan.district in districts or plan.district in failed:
            continue
        close = difflib.get_close_matches(plan.district, districts, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield PlanProblem(
            plan.source,
            _key_line(plans_dir / f"{plan.slug}.md", "district"),
            "district",
            f"no district plan plans/{plan.district}.md{hint}",
        )


def _key_line(path: Path, key: str) -> int:
    """The line of a top-level key in a plan file, for problems found across plans."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Library]] = {}


def load_library_cached(plans_dir: Path, *, guarded: Iterable[Path] = ()) -> Library:
    """`load_library`, reused while no plan file changed.

    Both MkDocs adapters (the hook that writes plan pages and the macros module for
    hand-written pages) need the library in the same build; under `mkdocs serve` a
    saved plan changes the fingerprint and the next build reads the plans again.
    Links are checked every time: they cost a walk of a few folders, and a link added
    under `docs/` changes no plan.
    """
    key = plans_dir.absolute()
    guarded = list(guarded)
    if any(_stray_link_problems(key, "plans", guarded)):
        load_library(key, guarded=guarded)  # raises, with every other problem too
    fingerprint = tuple(
        (path.name, status.st_mtime_ns, status.st_size)
        for path in sorted(key.glob("*.md"))
        for status in (path.lstat(),)
    )
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    library = load_library(key, guarded=guarded)
    _cache[key] = (fingerprint, library)
    return library


def last_valid_library(plans_dir: Path) -> Library | None:
    """The library last loaded without problems from this folder (in this process), if any.

    A preview server shows this while a saved plan has problems, instead of nothing.
    """
    cached = _cache.get(plans_dir.absolute())
    return cached[1] if cached else None
