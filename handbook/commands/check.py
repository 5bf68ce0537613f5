"""`python -m handbook.commands.check [plans-dir]`: validate every plan without building the site.

Exit status 0 when every plan is valid, 1 with one line per problem otherwise. This is
what `make check` and the editors' pull-request check run; the site build runs the same
validation and fails with the same lines. Beside the plans it checks the repository's
other folders that reach the site (`docs/`, `overrides/`) for links that lead outside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handbook.plans.loading import PlanErrors, load_library
from handbook.plans.repository import GUARDED


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    plans_dir = Path(args[0]) if args else Path("plans")
    if not plans_dir.is_dir():
        print(f"{plans_dir}: no such folder of plans", file=sys.stderr)
        return 2
    try:
        root = plans_dir.absolute().parent
        guarded = [root / name for name in GUARDED if root / name != plans_dir.absolute()]
        library = load_library(plans_dir, source_prefix=plans_dir.as_posix(), guarded=guarded)
    except PlanErrors as errors:
        print(errors, file=sys.stderr)
        count = len(errors.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    goals = sum(len(plan.goals) for plan in library.plans)
    for notice in library.notices:
        print(notice)
    count = len(library.notices)
    notices = f" ({count} notice{'s' if count != 1 else ''} above, worth a look)" if count else ""
    print(
        f"{len(library.plans)} plans, {goals} goals, {library.activity_count()} activities: all valid{notices}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
