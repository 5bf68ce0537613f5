"""The plans a build is made from: validated before MkDocs cleans `site/`, so a bad plan
never costs the last good site."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.library import Library
from handbook.plans.loading import PlanErrors, last_valid_library, load_library_cached
from handbook.plans.plan_folder import plan_files

log = logging.getLogger("mkdocs.plugins.handbook")


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of `mkdocs.yml`, which holds `plans/`."""
    return Path(config.config_file_path).parent


def plans_dir(config: MkDocsConfig) -> Path:
    return project_dir(config) / "plans"


def guarded_folders(config: MkDocsConfig) -> list[Path]:
    """The folders besides `plans/` whose files reach the site: the pages and the theme's
    templates. A link in them that leads outside the repository stops the build."""
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def load(config: MkDocsConfig, serving: bool) -> Library:
    """The validated plans, or a build error listing every problem in every plan.

    Under `serve`, a plan saved with a problem must not cost the editor the site they
    are looking at: the problems are logged (no traceback) and the build goes on
    from the last valid plans, until the plan is fixed and saved again. Not so for a
    link that leads outside the repository: MkDocs would follow it, so nothing is built.
    """
    folder = plans_dir(config)
    try:
        library = load_library_cached(folder, guarded=guarded_folders(config))
    except PlanErrors as errors:
        count = len(errors.problems)
        report = f"{count} problem{'s' if count != 1 else ''} in plan files"
        last_valid = last_valid_library(folder)
        if serving and last_valid is not None and not errors.unsafe:
            log.error(f"{report}; still showing the last valid plans:\n{errors}")
            return last_valid
        raise PluginError(f"{report}; nothing was built:\n{errors}") from None
    if library.notices:
        count = len(library.notices)
        log.info(
            f"{count} goal{'s reach' if count != 1 else ' reaches'} no audience group and "
            "stand under Other audiences (`make check` names them)"
        )
    return library


def newest_plan_change(folder: Path) -> float:
    """The last change to any plan, or to the plans folder (a plan added, removed, renamed)."""
    return max([folder.stat().st_mtime, *(path.lstat().st_mtime for path in plan_files(folder))])
