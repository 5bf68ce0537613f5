"""Read `plans/*.md` into validated `Plan` objects, or report every problem at once.

Editors are not programmers and often edit in a web UI, so a problem is reported where
they can act on it, `plans/<file>.md:<line>: <field path>: <what is wrong>` (in words from
`messages`), and every problem of every file in one run (fixing one error at a time
through CI round-trips is how editors give up). Each file is checked before it is read
(`repository`), its front matter read as plain data (`plain_yaml`), validated against the
contract (`model`), and located line by line; rules across plans (titles, districts, years)
come last. Nothing here raises on bad input; `load_library` raises `PlanErrors` holding
them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from handbook import urls
from handbook.library import Library
from handbook.plans import lookalikes, messages, plain_yaml, plan_folder, repository, years
from handbook.plans.messages import Loc
from handbook.plans.model import INTRODUCTION, Level, Plan, validate_front_matter
from handbook.plans.problems import PlanErrors, PlanProblem, quote

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


LINE_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
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


def lines_of(text: str) -> list[str]:
    """The file's lines, with their ends, as an editor and YAML 1.2 count them: a line ends
    at `\n`, `\r\n` or `\r` only (Python's `splitlines` also ends one at U+2028 and others)."""
    return _LINE.findall(text)


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, the body's first line), or None when the file does not start
    with front matter. A front matter that is never closed is all the file."""
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


def _hidden_characters(source: str, front_lines: list[str], line_offset: int) -> list[PlanProblem]:
    """A problem for each line of the front matter that holds a line end only YAML sees, or a
    character that reorders what the screen shows."""
    return [
        PlanProblem(source, number, "", message.format(name=name))
        for number, line in enumerate(front_lines, start=line_offset)
        for characters, message in _HIDDEN
        for char, name in characters.items()
        if char in line
    ]


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
    if SLUG.fullmatch(slug) and (reserved := urls.reserved_slug(slug)):
        problems.append(PlanProblem(source, 0, "", reserved))
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
    if not body_line:
        return [
            *problems,
            PlanProblem(
                source,
                1,
                "",
                "the front matter is never closed: add a line '---' after its last line "
                "(before the introduction, if there is one)",
            ),
        ]
    front_lines = lines_of(front)
    hidden = _hidden_characters(source, front_lines, line_offset)
    if hidden:
        return [*problems, *hidden]
    tabs = [
        PlanProblem(source, number, "", "tab character: indent with spaces, not tabs")
        for number, text_line in enumerate(front_lines, start=line_offset)
        if "\t" in text_line[: len(text_line) - len(text_line.lstrip())]
    ]
    if tabs:
        return [*problems, *tabs]
    try:
        document = plain_yaml.load(front)
    except plain_yaml.NotPlainData as error:
        return [*problems, PlanProblem(source, error.line + line_offset, "", error.message)]
    except yaml.reader.ReaderError as error:
        line = len(LINE_END.findall(front[: error.position])) + line_offset
        return [*problems, messages.character_problem(source, line, error.character)]
    except yaml.YAMLError as error:
        return [*problems, messages.yaml_problem(source, error, line_offset)]
    data, node = document.data, document.node
    if not isinstance(data, dict):
        what = "empty" if data is None else messages.type_name(data)
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
                source,
                line,
                messages.field_path(loc),
                f"given twice (first on line {first}): keep one of them",
            )
        )
    try:
        INTRODUCTION.validate_python(body)
    except ValidationError as error:
        problems += [
            PlanProblem(source, body_line, "introduction", messages.validation_message(e))
            for e in error.errors()
        ]
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
            problems.append(
                PlanProblem(source, found, messages.field_path(loc), messages.validation_message(detail))
            )
        return problems
    if problems:
        return problems
    introduction = LINE_END.sub("\n", body)  # one kind of line end, as YAML gives the closing
    return Plan(**dict(front_matter), slug=slug, source=source, introduction=introduction)


Reader = Callable[[Path, str, Path], Plan | list[PlanProblem]]


def load_library(
    plans_dir: Path, source_prefix: str = "plans", *, guarded: Iterable[Path] = (), read: Reader | None = None
) -> Library:
    """Every `*.md` in `plans_dir` as a plan, or `PlanErrors` with every problem in all of them.

    The repository is the folder that holds `plans_dir`. `guarded` are its other folders
    whose files reach the site (`docs/`, `overrides/`): a symbolic link there, or anywhere
    under `plans_dir`, that leads outside the repository is reported with the plans'
    problems, and the build must stop (MkDocs would follow it). `read` reads one plan file
    (`read_plan`, or a reader that remembers what it read).
    """
    read = read or read_plan
    root = plans_dir.absolute().parent
    problems = list(_stray_link_problems(plans_dir, source_prefix, guarded))
    if any(problem.source == source_prefix for problem in problems):
        raise PlanErrors(problems)  # `plans/` itself leads elsewhere: read nothing in it
    linked = {problem.source for problem in problems}
    problems += [
        stray for stray in plan_folder.stray_files(plans_dir, source_prefix) if stray.source not in linked
    ]
    plans: list[Plan] = []
    failed: set[str] = set()
    for path in plan_folder.plan_files(plans_dir):
        result = read(path, f"{source_prefix}/{path.name}", root)
        if isinstance(result, Plan):
            plans.append(result)
        else:
            problems.extend(result)
            failed.add(path.stem)
    problems.extend(_title_problems(plans, plans_dir))
    problems.extend(_district_problems(plans, plans_dir, failed))
    problems.extend(_previous_problems(plans, plans_dir, failed))
    if problems:
        raise PlanErrors(problems)
    library = Library.from_plans(plans)
    return dataclasses.replace(library, notices=tuple(sorted(_audience_notices(library, plans_dir))))


def _title_problems(plans: list[Plan], plans_dir: Path) -> Iterator[PlanProblem]:
    """Each plan needs its own title, as a reader sees it (`lookalikes`): the same words in
    another case, or a title that differs only in invisible or look-alike characters, is
    refused, naming the plan that has it first."""
    titles: dict[str, Plan] = {}
    for plan in plans:
        key = lookalikes.lookalike_key(plan.title)
        first = titles.setdefault(key, plan)
        if first is plan:
            continue
        if lookalikes.plain_key(first.title) == lookalikes.plain_key(plan.title):
            message = f"the same title as {first.source}: each plan needs its own title"
        else:
            message = (
                f"looks the same as the title of {first.source} ('{quote(first.title)}'): they differ only "
                "in invisible characters or in letters that look alike (such as a Cyrillic \N{CYRILLIC SMALL LETTER IE} "
                "for a Latin e); each plan needs its own title"
            )
        yield PlanProblem(plan.source, _key_line(plans_dir / f"{plan.slug}.md", "title"), "title", message)


def _audience_notices(library: Library, plans_dir: Path) -> Iterator[PlanProblem]:
    """A goal whose audience reaches no audience group is listed under "Other audiences":
    not wrong (authors word audiences freely), but worth a look, so said where it stands."""
    names = ", ".join(group.name for group in library.audience_groups)
    for ref in library.unmatched_goals():
        loc = ("goals", ref.number - 1, "audience")
        yield PlanProblem(
            ref.plan.source,
            _field_line(plans_dir / f"{ref.plan.slug}.md", loc),
            messages.field_path(loc),
            "notice: reaches no audience group, so the goal is listed under Other audiences; if it "
            f"reaches some, name them with audience_groups: [...] (the groups are: {names})",
        )


def _stray_link_problems(
    plans_dir: Path, source_prefix: str, guarded: Iterable[Path]
) -> Iterator[PlanProblem]:
    """Symbolic links under `plans/` and the guarded folders that lead outside the repository.

    Plan files themselves are checked where they are read (`read_plan`), so each problem
    is told once.
    """
    root = plans_dir.absolute().parent
    plan_files = (
        plan_folder.plan_files(plans_dir) if plans_dir.is_dir() and not plans_dir.is_symlink() else ()
    )
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


def _previous_problems(plans: list[Plan], plans_dir: Path, failed: set[str]) -> Iterator[PlanProblem]:
    """A plan's `previous` is the same level's plan for an earlier school year, and each plan
    is the previous of one plan at most, so that the years of a plan form one chain."""
    by_slug = {plan.slug: plan for plan in plans}
    named: dict[str, Plan] = {}
    for plan in plans:
        if plan.previous is None or plan.previous in failed:
            continue
        problem = _previous_problem(plan, by_slug, named)
        named.setdefault(plan.previous, plan)
        if problem:
            yield PlanProblem(
                plan.source, _key_line(plans_dir / f"{plan.slug}.md", "previous"), "previous", problem
            )


def _previous_problem(plan: Plan, by_slug: dict[str, Plan], named: dict[str, Plan]) -> str | None:
    assert plan.previous is not None
    earlier = by_slug.get(plan.previous)
    if plan.previous == plan.slug:
        return "names this plan itself: name the plan for an earlier year"
    if earlier is None:
        same_level = sorted(slug for slug, other in by_slug.items() if other.level is plan.level)
        close = difflib.get_close_matches(plan.previous, same_level, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"no plan plans/{plan.previous}.md{hint}"
    if earlier.level is not plan.level:
        return (
            f"{earlier.source} is a {earlier.level.value} plan: name this "
            f"{plan.level.value}'s plan for an earlier year"
        )
    if plan.year is None:
        return f'a plan that follows an earlier year\'s plan gives its own year: add year: "{years.EXAMPLE}"'
    if earlier.year is None:
        return f"{earlier.source} gives no year: add its year there"
    if years.start(earlier.year) >= years.start(plan.year):
        return f"{earlier.source} is for {earlier.year}, not a year before this plan's {plan.year}"
    if plan.previous in named:
        return f"{named[plan.previous].source} names {earlier.source} as its previous plan too: a plan has one next year's plan"
    return None


def _field_line(path: Path, loc: Loc) -> int:
    """The line of a field in a valid plan file, for notices found once every plan is read."""
    split = _split_front_matter(repository.read_plan_bytes(path).decode("utf-8-sig"))
    document = plain_yaml.load(split[0]) if split else None
    if document is None or document.node is None:
        return 1
    return _line_map(document.node, 2).values.get(loc, 1)


def _key_line(path: Path, key: str) -> int:
    """The line of a top-level key in a plan file, for problems found across plans."""
    for number, line in enumerate(lines_of(path.read_text(encoding="utf-8-sig")), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


_cache: dict[Path, tuple[tuple[object, ...], Library]] = {}
_read: dict[Path, tuple[tuple[int, int], Plan | list[PlanProblem]]] = {}


def _read_remembered(path: Path, source: str, root: Path) -> Plan | list[PlanProblem]:
    """`read_plan`, reused while the file is unchanged: under `make serve`, saving one plan
    of a thousand reads one file again, not a thousand."""
    status = path.lstat()
    stamp = (status.st_mtime_ns, status.st_size)
    remembered = _read.get(path.absolute())
    if remembered is not None and remembered[0] == stamp and stat.S_ISREG(status.st_mode):
        return remembered[1]
    result = read_plan(path, source, root)
    _read[path.absolute()] = (stamp, result)
    return result


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
    fingerprint = (
        plan_folder.listing(key),
        *(
            (path.name, status.st_mtime_ns, status.st_size)
            for path in plan_folder.plan_files(key)
            for status in (path.lstat(),)
        ),
    )
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    library = load_library(key, guarded=guarded, read=_read_remembered)
    _cache[key] = (fingerprint, library)
    return library


def last_valid_library(plans_dir: Path) -> Library | None:
    """The library last loaded without problems from this folder (in this process), if any.

    A preview server shows this while a saved plan has problems, instead of nothing.
    """
    cached = _cache.get(plans_dir.absolute())
    return cached[1] if cached else None
