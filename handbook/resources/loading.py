"""Read `resources/` into validated `Resource`s, or report every problem at once.

Resources are read as plans are (`handbook.plans.loading`), with the same machinery and so
the same messages: each file checked before it is read (`repository`), its front matter read
as plain data and located line by line (`front_matter`), validated against the contract
(`model`), every problem said as `resources/<file>.md:<line>: <field path>: <what is wrong>`.
A resource adds files kept in the repository, so these are checked too (`files`): each one
listed is there, a regular file of its own, of an allowed type by name and by content, and
within the limits; and every file under `resources/` is accounted for, since a file no
resource lists would be published by no one (or by a later change, unreviewed).
A project without `resources/` has no resources, and builds as before.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from handbook import urls
from handbook.plans import front_matter, messages, plan_folder, repository
from handbook.plans.loading import SLUG, title_problems
from handbook.plans.problems import PlanErrors, PlanProblem, quote
from handbook.resources import limits
from handbook.resources.files import ResourceFile, check_file
from handbook.resources.library import ResourceLibrary
from handbook.resources.model import DESCRIPTION, Resource, ResourceFrontMatter

__all__ = ["RESOURCE_FILES", "load_resource_library", "load_resources", "read_resource"]

RESOURCE_FILES = front_matter.Kind(noun="resource", keys="title:, kind:, strategies:", body="the description")
"""What a resource file is, in the words of the problems `front_matter` finds in one."""

SOURCE = "resources"
EXAMPLE = "running-a-family-math-night.md"


def read_resource(
    path: Path, location: str, root: Path | None = None, *, checked: list[Path] | None = None
) -> Resource | list[PlanProblem]:
    """One resource file (`resources/<slug>.md`) and its files: the resource, or every problem.

    `root` is the repository (by default the folder above `resources/`): the file, and each
    file it lists, must be a regular file of it, within the limits, or is not read.
    `location` is the file's path as messages name it. The listed files looked at are added
    to `checked`, so that a caller looking for links elsewhere tells each one once.
    """
    root = (root or path.parent.parent).resolve()
    slug = path.stem
    unreadable = repository.file_problem(
        path,
        root,
        noun="a resource",
        folder="resources/",
        instead="copy the resource instead of linking it",
        too_large="a resource file may hold at most {limit} (shorten its description)",
    )
    if unreadable:
        return [PlanProblem(location, 0, "", unreadable, unsafe=_leads_out(path, root))]
    text = front_matter.decode(repository.read_plan_bytes(path), location)
    if isinstance(text, list):
        return text
    problems: list[PlanProblem] = []
    if not SLUG.fullmatch(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        problems.append(
            PlanProblem(
                location,
                0,
                "",
                "file name must be lowercase words joined by '-' (the resource's URL); rename it "
                f"to {suggestion or 'my-resource'}.md, and its folder of files to match",
            )
        )
    parsed = front_matter.parse(text, location, RESOURCE_FILES)
    if isinstance(parsed, list):
        return [*problems, *parsed]
    lines = parsed.lines()  # a valid resource needs it too: its files are checked at their lines
    problems += front_matter.duplicate_problems(location, lines)
    try:
        DESCRIPTION.validate_python(parsed.body)
    except ValidationError as error:
        problems += [
            PlanProblem(location, parsed.body_line, "description", messages.validation_message(e))
            for e in error.errors()
        ]
    try:
        validated = ResourceFrontMatter.model_validate(parsed.data)
    except ValidationError as error:
        return [*problems, *front_matter.validation_problems(location, error, lines, ResourceFrontMatter)]
    folder = path.parent / slug
    attachments: list[ResourceFile] = []
    if validated.files:
        found = _listed_files(folder, f"{path.parent.name}/{slug}/", validated.files, root)
        for index, result in enumerate(found):
            if isinstance(result, ResourceFile):
                attachments.append(result)
            else:
                line, unsafe = (
                    lines.line_of(("files", index)),
                    _leads_out(folder / validated.files[index], root),
                )
                problems.append(PlanProblem(location, line, f"files[{index + 1}]", result, unsafe=unsafe))
        if checked is not None and _real_folder(folder):
            checked += [folder / name for name in validated.files]
        if (total := sum(attachment.size for attachment in attachments)) > limits.RESOURCE_BYTES:
            problems.append(
                PlanProblem(
                    location,
                    lines.line_of(("files",), key=True),
                    "files",
                    f"the files hold {limits.size(total)} together; a resource's files may hold at most "
                    f"{limits.size(limits.RESOURCE_BYTES)} (make them smaller, or put some on the web)",
                )
            )
    problems += _unlisted(folder, f"{location.rsplit('/', 1)[0]}/{slug}", validated.files, location, root)
    if problems:
        return problems
    description = front_matter.LINE_END.sub("\n", parsed.body)
    # Built from the values just validated: validating them again would read each term as
    # text a second time (a strategy is a `Strategy` by now, which the name validators refuse).
    return Resource.model_construct(
        **dict(validated),
        slug=slug,
        location=location,
        description=description,
        attachments=tuple(attachments),
    )


def _leads_out(path: Path, root: Path) -> bool:
    """Whether `path` is a link that leads outside the repository (or nowhere): the build
    must stop for it (see `PlanProblem.unsafe`)."""
    return path.is_symlink() and repository.link_problem(path, root) is not None


def _real_folder(folder: Path) -> bool:
    """Whether the resource's folder is a folder of the repository itself (not a link to one,
    which `_folder_problems` reports): only then is anything in it looked at."""
    return folder.is_dir() and not folder.is_symlink()


def _listed_files(folder: Path, folder_name: str, names: list[str], root: Path) -> list[ResourceFile | str]:
    """Each listed file, checked, or what is wrong with it; nothing where the folder itself is
    wrong (a link, a file), which is told once, as the folder's problem."""
    if _real_folder(folder):
        return [check_file(folder, folder_name, name, root) for name in names]
    if os.path.lexists(folder):
        return []
    return [
        f"no file {folder_name}{quote(name)}: make the folder {folder_name} and add the file there, "
        "or remove it from the list"
        for name in names
    ]


def _unlisted(
    folder: Path, folder_source: str, names: list[str], location: str, root: Path
) -> Iterator[PlanProblem]:
    """Everything in the resource's folder that it does not list: never published, so said
    (a link that leads outside the repository is told by `_link_problems`)."""
    if not _real_folder(folder):
        return
    listed = set(names)
    entries = [
        name
        for name in sorted(os.listdir(folder))
        if name not in listed and not _leads_out(folder / name, root)
    ]
    for name in entries[: plan_folder.REPORTED]:
        path = folder / name
        if path.is_symlink():
            message = f"a symbolic link, which is never published: remove it (and list the file itself in {location})"
        elif path.is_dir():
            message = (
                f"a folder in a resource's folder, which is never published: put its files in "
                f"{folder_source}/ itself and list them under files: in {location}, or remove it"
            )
        else:
            message = f"not listed under files: in {location}, so it is never published: add it to the list, or remove it"
        yield PlanProblem(f"{folder_source}/{name}", 0, "", message)
    if len(entries) > plan_folder.REPORTED:
        yield PlanProblem(
            folder_source, 0, "", f"{len(entries) - plan_folder.REPORTED:,} more files not listed, as above"
        )


def _folder_problems(resources_dir: Path, prefix: str, skip: set[str]) -> Iterator[PlanProblem]:
    """Everything directly in `resources/` that is neither a resource file, the folder of a
    resource's files, nor a note kept on purpose (`plan_folder.ALLOWED`)."""
    found: list[PlanProblem] = []
    for name in sorted(os.listdir(resources_dir)):
        path, source = resources_dir / name, f"{prefix}/{name}"
        if source in skip or (name.endswith(plan_folder.PLAN_SUFFIX) and name not in plan_folder.ALLOWED):
            continue  # a link out of the repository (told already), or a resource, read as one
        if name in plan_folder.ALLOWED:
            if plan_folder.starts_like_front_matter(path):
                message = (
                    "starts like a resource ('---'), but this name is kept for notes and never read as a "
                    f"resource: give the resource a file name of its own, like {EXAMPLE}"
                )
                found.append(PlanProblem(source, 0, "", message))
            continue
        if path.is_symlink():
            message = (
                f"a symbolic link: {prefix}/ holds resource files and folders of their own; "
                "copy what it links to instead, or remove it"
            )
        elif path.is_dir():
            if os.path.lexists(resources_dir / f"{name}{plan_folder.PLAN_SUFFIX}"):
                continue
            message = (
                f"a folder of files for no resource: add {prefix}/{name}{plan_folder.PLAN_SUFFIX}, which lists "
                "them, or remove the folder"
            )
        else:
            message = plan_folder.misnamed(name, "resource") or (
                f"not a resource, so the site never reads it: {prefix}/ holds resource files named "
                f"<name>{plan_folder.PLAN_SUFFIX} and each one's files in {prefix}/<name>/; move it into the "
                "folder of the resource that lists it, or remove it"
            )
        found.append(PlanProblem(source, 0, "", message))
    yield from found[: plan_folder.REPORTED]
    if len(found) > plan_folder.REPORTED:
        yield PlanProblem(
            prefix,
            0,
            "",
            f"{len(found) - plan_folder.REPORTED:,} more files that are not resources, as above",
        )


def _link_problems(resources_dir: Path, prefix: str, root: Path, told: list[Path]) -> Iterator[PlanProblem]:
    """Symbolic links anywhere under `resources/` that lead outside the repository, but for
    those told where they are listed (`told`): the build must stop, as for such a link under
    `plans/` (MkDocs or the offline copy would follow it)."""
    for link, problem in repository.stray_links(root, [resources_dir], skip=told):
        inside = link.absolute().relative_to(resources_dir.absolute()).as_posix()
        yield PlanProblem(prefix if inside == "." else f"{prefix}/{inside}", 0, "", problem, unsafe=True)


def load_resources(
    resources_dir: Path, root: Path | None = None, source_prefix: str = SOURCE
) -> tuple[list[Resource], list[PlanProblem]]:
    """Every resource in `resources_dir` (by title), and every problem found in it (sorted):
    never raises on what the folder holds. No folder: no resources and no problems.

    `root` is the repository (by default the folder that holds `resources_dir`).
    """
    root = (root or resources_dir.absolute().parent).resolve()
    if not os.path.lexists(resources_dir):
        return [], []
    if resources_dir.is_symlink() or not resources_dir.is_dir():
        elsewhere = repository.link_problem(resources_dir, root) if resources_dir.is_symlink() else None
        message = elsewhere or (
            f"a symbolic link: {source_prefix}/ must be a folder of its own; copy it instead of linking it"
            if resources_dir.is_symlink()
            else f"not a folder: {source_prefix}/ holds the resources, each a file <name>.md"
        )
        return [], [PlanProblem(source_prefix, 0, "", message, unsafe=elsewhere is not None)]
    problems: list[PlanProblem] = []
    resources: list[Resource] = []
    checked: list[Path] = []  # files whose links are told where they are read or listed
    for path in plan_folder.plan_files(resources_dir):
        checked.append(path)
        result = read_resource(path, f"{source_prefix}/{path.name}", root, checked=checked)
        if isinstance(result, Resource):
            resources.append(result)
        else:
            problems += result
    for resource in resources:
        if reserved := urls.reserved_resource_slug(resource.slug):
            problems.append(PlanProblem(resource.location, 0, "", reserved))
    problems += title_problems(
        (
            (resource.title, resource.location, resources_dir / f"{resource.slug}.md")
            for resource in resources
        ),
        "resource",
    )
    links = list(_link_problems(resources_dir, source_prefix, root, checked))
    problems += links
    problems += _folder_problems(resources_dir, source_prefix, {problem.source for problem in links})
    return list(ResourceLibrary.from_resources(resources).resources), sorted(problems)


def load_resource_library(resources_dir: Path, root: Path | None = None) -> ResourceLibrary:
    """`load_resources` as a `ResourceLibrary`, or `PlanErrors` holding every problem (as
    `handbook.plans.loading.load_library` raises them for plans)."""
    resources, problems = load_resources(resources_dir, root)
    if problems:
        raise PlanErrors(problems)
    return ResourceLibrary.from_resources(resources)
