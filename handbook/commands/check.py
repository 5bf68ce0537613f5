"""`python -m handbook.commands.check [plans-dir [resources-dir]]`: validate every plan and
resource without building the site.

Exit status 0 when every plan and resource is valid, 1 with one line per problem otherwise.
This is what `make check` and the editors' pull-request check run; the site build runs the
same validation and fails with the same lines. Beside the plans it checks the resources
(`resources/`, by default the folder beside the plans; a project without one has none, and
is checked as before) and the repository's other folders that reach the site (`docs/`,
`overrides/`) for links that lead outside it. Plans and resources are checked in one run
and their problems reported in one list, since an editor's pull request may touch both and
should learn everything at once.

Under GitHub Actions (`GITHUB_ACTIONS=true`) each problem is also marked on its plan's line
in the pull request, and when `GITHUB_STEP_SUMMARY` names a file the run's summary lists
them in words (`handbook.commands.github`); see `report_to_github` for how the log reads.
There the plain lines are printed with any `##[` in a plan's words escaped
(`github.log_line`), since the runner obeys that anywhere in a line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from handbook.commands import github
from handbook.library import Library
from handbook.plans.loading import PlanErrors, load_library
from handbook.plans.problems import PlanProblem
from handbook.plans.repository import GUARDED
from handbook.resources.loading import load_resources


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    plans_dir = Path(args[0]) if args else Path("plans")
    resources_dir = Path(args[1]) if len(args) > 1 else plans_dir.parent / "resources"
    if not plans_dir.is_dir():
        print(f"{plans_dir}: no such folder of plans", file=sys.stderr)
        return 2
    problems: list[PlanProblem] = []
    library: Library | None = None
    root = plans_dir.absolute().parent
    guarded = [root / name for name in GUARDED if root / name != plans_dir.absolute()]
    try:
        library = load_library(plans_dir, source_prefix=plans_dir.as_posix(), guarded=guarded)
    except PlanErrors as failed:
        problems += failed.problems
    # Never raises on what the folder holds; no folder, no resources and no problems.
    resources, resource_problems = load_resources(resources_dir, source_prefix=resources_dir.as_posix())
    problems += resource_problems
    resources_source = resources_dir.as_posix()
    if problems:
        errors = PlanErrors(problems)
        if on_github:
            for problem in errors.problems:
                print(github.log_line(str(problem)), file=sys.stderr)
        else:
            print(errors, file=sys.stderr)
        count = len(errors.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        report_to_github(errors.problems, "error", os.environ, resources=resources_source)
        return 1
    assert library is not None  # no problem means the plans loaded
    goals = sum(len(plan.goals) for plan in library.plans)
    for notice in library.notices:
        print(github.log_line(str(notice)) if on_github else notice)
    count = len(library.notices)
    notices = f" ({count} notice{'s' if count != 1 else ''} above, worth a look)" if count else ""
    totals = f"{len(library.plans)} plans, {goals} goals, {library.activity_count()} activities"
    if resources_dir.is_dir():  # said only where resources are kept: a project without is as before
        totals += f", {len(resources)} resources"
    print(f"{totals}: all valid{notices}.")
    report_to_github(library.notices, "notice", os.environ, totals=totals, resources=resources_source)
    return 0


def report_to_github(
    problems: Sequence[PlanProblem],
    kind: github.Kind,
    environ: Mapping[str, str],
    *,
    totals: str = "",
    resources: str = "",
) -> None:
    """The problems again, for GitHub, after the plain report: annotations under Actions, and
    the run's summary when there is one. Without either variable, nothing. `resources` is
    the folder of resources as problems name it (`resources`): their fields are said in a
    resource's words, and the summary links the guide's section on resources' messages.

    The plain lines stay, and the annotations come after them, folded in a group. In a GitHub
    log an annotation's line shows as "Error: <message>", without its file and line, so the
    plain lines are what a reader of the log can act on and copy, and read as they do on a
    computer; the annotations are for the pull request, where each sits on its plan's line,
    and shown one after another in the log they would only say everything twice. They go to
    standard output, where the runner reads commands, after the report on standard error is
    flushed, so the log keeps this order.
    """
    if environ.get("GITHUB_ACTIONS") == "true" and problems:
        sys.stderr.flush()
        label = "notice" if kind == "notice" else "problem"
        print(
            f"::group::The same {len(problems)} {label}{'s' if len(problems) != 1 else ''}, "
            "marked on their lines in the pull request"
        )
        for problem in problems:
            print(github.annotation(problem, kind, resources=resources))
        print("::endgroup::", flush=True)
    summary_file = environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        text = github.summary(
            problems, kind, guide=github.guide_url(environ), totals=totals, resources=resources
        )
        try:
            with open(summary_file, "a", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            print(f"{summary_file}: could not add the summary: {error.strerror}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
