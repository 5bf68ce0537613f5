"""The plans and resources a build is made from: validated before MkDocs cleans `site/`, so a
bad plan or resource never costs the last good site. Problems in both are told in one error,
as `make check` tells them."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.library import Library
from handbook.plans.loading import PlanErrors, last_valid_library, load_library_cached
from handbook.plans.plan_folder import plan_files
from handbook.plans.problems import PlanProblem
from handbook.resources.library import ResourceLibrary
from handbook.resources.loading import load_resources

log = logging.getLogger("mkdocs.plugins.handbook")


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of `mkdocs.yml`, which holds `plans/`."""
    return Path(config.config_file_path).parent


def plans_dir(config: MkDocsConfig) -> Path:
    return project_dir(config) / "plans"


def resources_dir(config: MkDocsConfig) -> Path:
    """`resources/`, beside `plans/`: the e-library's guides, briefs and workshop materials.
    A project without it has no resources and builds as before."""
    return project_dir(config) / "resources"


_last_resources: dict[Path, ResourceLibrary] = {}
"""The resources last loaded without problems from each folder (in this process), which a
preview server shows while a saved resource has problems, as it does plans."""


def guarded_folders(config: MkDocsConfig) -> list[Path]:
    """The folders besides `plans/` whose files reach the site: the pages and the theme's
    templates. A link in them that leads outside the repository stops the build."""
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def load(config: MkDocsConfig, serving: bool) -> tuple[Library, ResourceLibrary]:
    """The validated plans and resources, or a build error listing every problem in every
    plan and resource file.

    Under `serve`, a file saved with a problem must not cost the editor the site they
    are looking at: the problems are logged (no traceback) and the build goes on
    from the last valid plans and resources, until the file is fixed and saved again. Not so
    for a link that leads outside the repository: MkDocs would follow it, so nothing is built.
    """
    folder, resource_folder = plans_dir(config), resources_dir(config)
    problems: list[PlanProblem] = []
    library: Library | None = None
    try:
        library = load_library_cached(folder, guarded=guarded_folders(config))
    except PlanErrors as plan_errors:
        problems += plan_errors.problems
    found, resource_problems = load_resources(resource_folder, project_dir(config))
    resources: ResourceLibrary | None = None
    if not resource_problems:
        resources = _last_resources[resource_folder.absolute()] = ResourceLibrary.from_resources(found)
    if problems or resource_problems:
        errors = PlanErrors([*problems, *resource_problems])
        count = len(errors.problems)
        files = " and ".join(
            noun for noun, told in (("plan", problems), ("resource", resource_problems)) if told
        )
        report = f"{count} problem{'s' if count != 1 else ''} in {files} files"
        last_plans = library if library is not None else last_valid_library(folder)
        last_resources = resources or _last_resources.get(resource_folder.absolute())
        if serving and last_plans is not None and last_resources is not None and not errors.unsafe:
            log.error(f"{report}; still showing the last valid plans and resources:\n{errors}")
            return last_plans, last_resources
        raise PluginError(f"{report}; nothing was built:\n{errors}") from None
    assert library is not None and resources is not None
    if library.notices:
        count = len(library.notices)
        log.info(
            f"{count} goal{'s reach' if count != 1 else ' reaches'} no audience group and "
            "stand under Other audiences (`make check` names them)"
        )
    return library, resources


def newest_change(folder: Path) -> float:
    """The last change to any plan (or resource) file in a folder, or to the folder itself (one
    added, removed, renamed): what pages made from every plan, or listing resources, follow
    under `serve --dirty`; 0 where there is no folder (`resources/` is optional, and one made
    later is found at the next build)."""
    if not folder.is_dir():
        return 0.0
    return max([folder.stat().st_mtime, *(path.lstat().st_mtime for path in plan_files(folder))])
