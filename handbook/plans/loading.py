"""Read `plans/*.md` into validated `Plan` objects, or report every problem at once.

Editors are not programmers and often edit in a web UI, so a problem is reported where
they can act on it, `plans/<file>.md:<line>: <field path>: <what is wrong>` (in words from
`messages`), and every problem of every file in one run (fixing one error at a time
through CI round-trips is how editors give up). Each file is checked before it is read
(`repository`), its front matter read as plain data (`front_matter`, `plain_yaml`), validated
against the contract (`model`), and located line by line (`front_matter`, which resources
share); rules across plans (titles, districts, years)
come last. Nothing here raises on bad input; `load_library` raises `PlanErrors` holding
them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from handbook import urls
from handbook.library import Library
from handbook.plans import front_matter, lookalikes, messages, plain_yaml, plan_folder, repository, years
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
PLAN_FILES = front_matter.Kind(noun="plan", keys="title:, level:, goals:", body="the introduction")
"""What a plan file is, in the words of the problems `front_matter` finds in one."""


def read_plan(path: Path, source: str, root: Path | None = None) -> Plan | list[PlanProblem]:
    """One plan file: the validated plan, or every problem in it.

    `root` is the repository the file belongs to (by default the folder above `plans/`):
    a file that is not a plan's own regular file there, or is too large, is not read.
    """
    slug = path.stem
    unreadable = repository.plan_file_problem(path, (root or path.parent.parent).resolve())
    if unreadable:
        return [PlanProblem(source, 0, "", unreadable)]
    text = front_matter.decode(repository.read_plan_bytes(path), source)
    if isinstance(text, list):
        return text
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
    parsed = front_matter.parse(text, source, PLAN_FILES)
    if isinstance(parsed, list):
        return [*problems, *parsed]
    lines = parsed.lines() if parsed.has_duplicate_keys else None  # only for problems
    if lines is not None:
        problems += front_matter.duplicate_problems(source, lines)
    try:
        INTRODUCTION.validate_python(parsed.body)
    except ValidationError as error:
        problems += [
            PlanProblem(source, parsed.body_line, "introduction", messages.validation_message(e))
            for e in error.errors()
        ]
    try:
        validated = validate_front_matter(parsed.data)
    except ValidationError as error:
        return [*problems, *front_matter.validation_problems(source, error, lines or parsed.lines())]
    if problems:
        return problems
    introduction = front_matter.LINE_END.sub(
        "\n", parsed.body
    )  # one kind of line end, as YAML gives the closing
    return Plan(**dict(validated), slug=slug, source=source, introduction=introduction)


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
    problems.extend(
        title_problems((plan.title, plan.source, plans_dir / f"{plan.slug}.md") for plan in plans)
    )
    problems.extend(_district_problems(plans, plans_dir, failed))
    problems.extend(_previous_problems(plans, plans_dir, failed))
    if problems:
        raise PlanErrors(problems)
    library = Library.from_plans(plans)
    return dataclasses.replace(library, notices=tuple(sorted(_audience_notices(library, plans_dir))))


def title_problems(titled: Iterable[tuple[str, str, Path]], kind: str = "plan") -> Iterator[PlanProblem]:
    """Each plan (or resource: `kind`) needs its own title, as a reader sees it (`lookalikes`):
    the same words in another case, or a title that differs only in invisible or look-alike
    characters, is refused, naming the file that has it first. `titled`: each one's title,
    source (`plans/x.md`) and file."""
    titles: dict[str, tuple[str, str]] = {}
    for title, source, path in titled:
        key = lookalikes.lookalike_key(title)
        first_title, first_source = titles.setdefault(key, (title, source))
        if first_source == source:
            continue
        if lookalikes.plain_key(first_title) == lookalikes.plain_key(title):
            message = f"the same title as {first_source}: each {kind} needs its own title"
        else:
            message = (
                f"looks the same as the title of {first_source} ('{quote(first_title)}'): they differ only "
                "in invisible characters or in letters that look alike (such as a Cyrillic \N{CYRILLIC SMALL LETTER IE} "
                f"for a Latin e); each {kind} needs its own title"
            )
        yield PlanProblem(source, key_line(path, "title"), "title", message)


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
            key_line(plans_dir / f"{plan.slug}.md", "district"),
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
                plan.source, key_line(plans_dir / f"{plan.slug}.md", "previous"), "previous", problem
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
    split = front_matter.split_front_matter(repository.read_plan_bytes(path).decode("utf-8-sig"))
    document = plain_yaml.load(split[0]) if split else None
    if document is None or document.node is None:
        return 1
    return front_matter.line_map(document.node, front_matter.LINE_OFFSET).values.get(loc, 1)


def key_line(path: Path, key: str) -> int:
    """The line of a top-level key in a plan (or resource) file, for problems found across files."""
    for number, line in enumerate(front_matter.lines_of(path.read_text(encoding="utf-8-sig")), start=1):
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
