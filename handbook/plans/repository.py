"""Only files of the repository: what a pull request may point the build at.

A pull request can add a symbolic link as easily as a file. A plan `plans/leak.md` that
links to a file elsewhere on the machine would be read, its keys printed in error
messages and its values published in the built site (which the pull-request workflow
uploads); a link under `docs/` is followed by MkDocs and copied into the site, and one
under `overrides/` becomes a page template. So, before anything is read:

- every plan is a regular file of its own in `plans/` (no link, folder, device or pipe:
  reading a pipe never ends), no larger than `limits.PLAN_FILE_BYTES`;
- no symbolic link anywhere under `plans/`, `docs/` or `overrides/` (or those folders
  themselves) leads outside the repository, into its `.git` folder (where a checkout may
  keep credentials), or nowhere.

A link's target is only ever resolved as a path, never opened, and never named in a
message: the messages name the link, which is the pull request's own file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from handbook.plans import limits

GUARDED = ("plans", "docs", "overrides")
"""The folders whose files reach the site: plans, hand-written pages, theme templates."""

ELSEWHERE = (
    "a symbolic link to a file outside the repository, which is never read: "
    "put the file itself in the repository, or remove the link"
)


def _within(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def link_problem(link: Path, root: Path) -> str | None:
    """What is wrong with a symbolic link in the repository at `root` (resolved), if anything."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return "a symbolic link that leads nowhere: remove it"
    if not _within(target, root):
        return ELSEWHERE
    if _within(target, root / ".git"):
        return "a symbolic link into .git, which holds no part of the site: remove it"
    return None


def file_problem(
    path: Path,
    root: Path,
    *,
    noun: str = "a plan",
    folder: str = "plans/",
    instead: str = "copy the plan instead of linking it",
    limit: int = limits.PLAN_FILE_BYTES,
    too_large: str = "a plan file may hold at most {limit} (split it into plans of their own)",
    size: Callable[[int], str] = limits.size,
) -> str | None:
    """Why `path` cannot be read as `noun` kept in `folder` (by default a plan in `plans/`), or
    None: checked without opening it. A link is refused even where it stays in the repository,
    so that each file is reviewed where it is published; one that leads outside is named as
    such, its target never. `too_large` says the limit (`{limit}`) and what to do."""
    try:
        status = path.lstat()
    except OSError:
        return "cannot be read: the file went away while it was being checked"
    if stat.S_ISLNK(status.st_mode):
        problem = link_problem(path, root)
        if problem is not None:
            return problem
        return f"a symbolic link: {noun} must be a file of its own in {folder}; {instead}"
    if not stat.S_ISREG(status.st_mode):
        return f"not a file (a folder, a pipe or a device): {noun} must be a file of its own in {folder}"
    if status.st_size > limit:
        return f"the file holds {size(status.st_size)}; {too_large.format(limit=size(limit))}"
    return None


def plan_file_problem(path: Path, root: Path) -> str | None:
    """Why `path` cannot be read as a plan, or None: checked without opening it."""
    return file_problem(path, root)


def read_bytes(path: Path, limit: int) -> bytes:
    """A file's bytes, checked by `file_problem` first; never follows a link (should the file
    have been replaced by one since) and reads no more than `limit` and one byte."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as file:
        return file.read(limit + 1)


def read_plan_bytes(path: Path) -> bytes:
    """A plan file's bytes, checked by `plan_file_problem` first (see `read_bytes`)."""
    return read_bytes(path, limits.PLAN_FILE_BYTES)


def stray_links(root: Path, folders: Iterable[Path], skip: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """Every symbolic link in or under `folders` (and each folder itself) that leads outside the
    repository at `root`, with what is wrong with it. `skip`: links reported by other checks.

    Links are found without following any (a linked folder is not entered), so nothing
    outside the repository is listed or read on the way.
    """
    root = root.resolve()
    skipped = {path.absolute() for path in skip}

    def check(path: Path) -> Iterator[tuple[Path, str]]:
        if path.is_symlink() and path.absolute() not in skipped:
            problem = link_problem(path, root)
            if problem is not None:
                yield path, problem

    for folder in folders:
        if not folder.is_symlink() and not folder.is_dir():
            continue
        yield from check(folder)
        if folder.is_symlink():
            continue
        for current, folder_names, file_names in os.walk(folder, followlinks=False):
            for name in sorted(folder_names + file_names):
                yield from check(Path(current) / name)
