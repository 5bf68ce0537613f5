"""What `plans/` holds: the plan files the site reads, and every other file, named.

A plan is a file directly in `plans/` whose name ends in `.md`. Anything else there is
never read, so a plan saved as `plans/x.MD`, `plans/x.markdown` or `plans/sub/x.md` would
be missing from the site while `make check` said "all valid". So every other file is a
problem that names it and says what to do, except the few kept on purpose (`ALLOWED`).
Nothing is opened here: names and kinds are enough.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from handbook.plans.problems import PlanProblem

PLAN_SUFFIX = ".md"
ALLOWED = frozenset({"README.md", ".gitkeep"})
"""Files `plans/` may hold that are not plans: a note for people browsing the folder on the
code host, and the empty file that keeps an empty folder in git."""
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md.txt")
BACKUP_ENDINGS = ("~", ".bak", ".orig", ".swp", ".swo", ".tmp", ".rej")
REPORTED = 50
"""Files named one by one before the rest are counted: a folder of thousands says so once."""


def plan_files(plans_dir: Path) -> list[Path]:
    """The files read as plans, in name order (links and other kinds among them are refused
    where they are read)."""
    return sorted(path for path in plans_dir.glob(f"*{PLAN_SUFFIX}") if path.name not in ALLOWED)


def listing(plans_dir: Path) -> tuple[str, ...]:
    """Every name directly in the folder: what changes when a file is added, removed or renamed."""
    return tuple(sorted(os.listdir(plans_dir))) if plans_dir.is_dir() else ()


def misnamed(name: str, noun: str = "plan") -> str | None:
    """What to do with a file named like a `noun`'s file but not read as one (`x.MD`,
    `x.markdown`), or with an editor's backup or system file; None for any other name."""
    lowered = name.lower()
    if lowered.endswith(PLAN_SUFFIX):
        return f"the site reads only names that end in '{PLAN_SUFFIX}' in lowercase: rename it to {name[: -len(PLAN_SUFFIX)]}{PLAN_SUFFIX}"
    if lowered.endswith(BACKUP_ENDINGS) or name.startswith((".#", "#")) or lowered == ".ds_store":
        return "an editor's backup or a system file, which the site never reads: remove it"
    for suffix in MARKDOWN_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return f"the site reads only {noun} files named <name>{PLAN_SUFFIX}: rename it to {name[: -len(suffix)]}{PLAN_SUFFIX}"
    return None


def _what_to_do(name: str) -> str:
    return (
        misnamed(name)
        or f"not a plan, so the site never reads it: plans/ holds only plan files named <name>{PLAN_SUFFIX}; move it elsewhere or remove it"
    )


def starts_like_front_matter(path: Path) -> bool:
    """Whether a regular file (never a link) starts with a front matter's '---': a plan or a
    resource saved under a name kept for notes."""
    if not path.is_file() or path.is_symlink():
        return False
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read(6).removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def _entries(plans_dir: Path) -> Iterator[tuple[str, str]]:
    """(path inside the folder, what is wrong) for everything that is not a plan, without
    following links (a linked folder is named, not entered)."""
    for name in sorted(os.listdir(plans_dir)):
        path = plans_dir / name
        if name in ALLOWED:
            if starts_like_front_matter(path):
                yield (
                    name,
                    (
                        "starts like a plan ('---'), but this name is kept for notes and never read as a "
                        "plan: give the plan a file name of its own, like springfield-district-plan.md"
                    ),
                )
            continue
        if name.endswith(PLAN_SUFFIX):
            continue  # read as a plan, and refused there if it is not a plan's file (a folder, a link)
        if path.is_dir() and not path.is_symlink():
            inside = False
            for current, folders, files in os.walk(path, followlinks=False):
                folders.sort()
                for file in sorted(files) + [f for f in folders if (Path(current) / f).is_symlink()]:
                    inside = True
                    where = (Path(current) / file).relative_to(plans_dir).as_posix()
                    if file.endswith(PLAN_SUFFIX):
                        yield (
                            where,
                            (
                                f"in a folder, where the site never reads a plan: plans are files directly "
                                f"in plans/; move it to plans/{file}"
                            ),
                        )
                    else:
                        yield (
                            where,
                            "in a folder of plans/, which the site never reads: move it out of plans/ or remove it",
                        )
            if not inside:
                yield (
                    name,
                    "a folder, which the site never reads: plans are files directly in plans/; remove it",
                )
        else:
            yield name, _what_to_do(name)


def stray_files(plans_dir: Path, source_prefix: str) -> Iterator[PlanProblem]:
    """A problem for each file or folder under `plans/` that is not a plan the site reads."""
    if not plans_dir.is_dir() or plans_dir.is_symlink():
        return
    entries = list(_entries(plans_dir))
    for where, message in entries[:REPORTED]:
        yield PlanProblem(f"{source_prefix}/{where}", 0, "", message)
    if len(entries) > REPORTED:
        yield PlanProblem(
            source_prefix, 0, "", f"{len(entries) - REPORTED:,} more files that are not plans, as above"
        )
