"""`python -m handbook.commands.new_plan SLUG LEVEL`: start a plan file from the template.

What `make new-plan SLUG=... LEVEL=...` runs. The new file is valid as written (its
TODO text passes validation), is for the school year under way, lists the six strategies
or, for a school plan, the six types of involvement from the data files, and never
replaces an existing plan.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import jinja2

from handbook.plans import years
from handbook.plans.loading import SLUG
from handbook.plans.model import Level
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES

TEMPLATE = Path(__file__).parent.parent / "templates" / "new-plan.md"


def new_plan_text(slug: str, level: Level, today: date | None = None) -> str:
    """The new plan, for the school year under way `today` (by default, today)."""
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    template = environment.from_string(TEMPLATE.read_text("utf-8"))
    return template.render(
        slug=slug,
        level=level.value,
        strategies=list(STRATEGIES),
        types=list(INVOLVEMENT_TYPES),
        year=years.current(today),
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: make new-plan SLUG=my-district-plan LEVEL=district", file=sys.stderr)
        return 2
    slug, level_name, folder = args
    if not SLUG.fullmatch(slug):
        print(
            f"SLUG={slug!r}: use lowercase letters, digits and '-' (it becomes the plan's URL)",
            file=sys.stderr,
        )
        return 2
    levels = [level.value for level in Level]
    if level_name not in levels:
        print(f"LEVEL={level_name!r}: must be one of {', '.join(levels)}", file=sys.stderr)
        return 2
    path = Path(folder) / f"{slug}.md"
    if path.exists():
        print(f"{path} already exists; choose another SLUG or edit that plan", file=sys.stderr)
        return 1
    path.write_text(new_plan_text(slug, Level(level_name)), encoding="utf-8")
    print(f"Wrote {path}: replace its TODOs, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
