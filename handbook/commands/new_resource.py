"""`python -m handbook.commands.new_resource SLUG KIND [resources-dir]`: start a resource file.

What `make new-resource SLUG=... KIND=...` runs. The new file (`resources/<slug>.md`) is
valid as written (its TODO text and its placeholder `link:` pass validation, as a new plan's
TODOs do), names the resource schema for editors' tools, lists the strategies, audience
groups and types of involvement from the data files, and shows where the resource's own
files go (`resources/<slug>/`, listed under `files:`). It never replaces an existing file.
The kind is read as a resource's `kind:` is (any case, `research-brief`, `slides`), and an
unknown one is answered with the nearest kind.
"""

from __future__ import annotations

import difflib
import sys
import textwrap
from datetime import date
from pathlib import Path

import jinja2

from handbook.plans import years
from handbook.plans.loading import SLUG
from handbook.resources import limits
from handbook.resources.model import KIND_ALIASES, ResourceKind
from handbook.vocabularies.audiences import AUDIENCE_GROUPS
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES

TEMPLATE = Path(__file__).parent.parent / "templates" / "new-resource.md"
USAGE = 'usage: make new-resource SLUG=running-a-family-math-night KIND="workshop materials"'


def kind_named(name: str) -> ResourceKind | None:
    """The kind a `KIND=` names, as a resource's `kind:` may write it, or None."""
    key = " ".join(name.split()).casefold()
    key = KIND_ALIASES.get(key, key)
    return next((kind for kind in ResourceKind if kind.value == key), None)


def kind_problem(name: str) -> str:
    """What to say for a `KIND=` that names no kind: the nearest kind, if one is near, and all."""
    kinds = [kind.value for kind in ResourceKind]
    spellings = {**{kind: kind for kind in kinds}, **KIND_ALIASES}
    close = difflib.get_close_matches(" ".join(name.split()).casefold(), spellings, n=1, cutoff=0.6)
    hint = f"; did you mean '{spellings[close[0]]}'?" if close else ""
    return f"KIND={name!r}: must be one of {', '.join(kinds)}{hint}"


def new_resource_text(slug: str, kind: ResourceKind, today: date | None = None) -> str:
    """The new resource's file; `today` gives the school year its commented `year:` shows."""
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    template = environment.from_string(TEMPLATE.read_text("utf-8"))
    groups = [group.name for group in AUDIENCE_GROUPS]
    return template.render(
        slug=slug,
        kind=kind.value,
        kind_label=kind.label.lower(),
        kinds=[kind.value for kind in ResourceKind],
        video=kind is ResourceKind.VIDEO,
        strategies=list(STRATEGIES),
        groups=groups,
        group_lines=textwrap.wrap(", ".join(groups), width=90, break_on_hyphens=False),
        types=list(INVOLVEMENT_TYPES),
        year=years.current(today),
        file_limit=limits.size(limits.FILE_BYTES),
        resource_limit=limits.size(limits.RESOURCE_BYTES),
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print(USAGE, file=sys.stderr)
        return 2
    slug, kind_name = args[0], args[1]
    folder = Path(args[2]) if len(args) == 3 else Path("resources")
    if not SLUG.fullmatch(slug):
        print(
            f"SLUG={slug!r}: use lowercase letters, digits and '-' (it becomes the resource's URL, "
            "and the name of the folder of its files)",
            file=sys.stderr,
        )
        return 2
    kind = kind_named(kind_name)
    if kind is None:
        print(kind_problem(kind_name), file=sys.stderr)
        return 2
    path = folder / f"{slug}.md"
    if path.exists() or path.is_symlink():
        print(f"{path} already exists; choose another SLUG or edit that resource", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(new_resource_text(slug, kind), encoding="utf-8")
    files = folder / slug
    print(f"Wrote {path}: replace its TODOs and its link, then run `make check`.")
    if kind is ResourceKind.VIDEO:
        print("A video belongs on the web: give its address with link:.")
    else:
        print(
            f"Its files (PDF, Word, PowerPoint, Excel, PNG or JPEG) go in {files}/, each listed under files: "
            f"in {path}; without files, link: is where it can be read."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
