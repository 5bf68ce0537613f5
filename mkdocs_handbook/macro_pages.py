"""Hand-written pages that run code: the pages mkdocs-macros renders as Jinja templates.

Plans are data, but a page in `docs/` whose metadata says `render_macros: true` is a
template, and mkdocs-macros is not a sandbox: such a page can reach Python's `os` through
any object's globals and run what it likes when the site is built. That is the library's
design, so the project does not pretend otherwise; it makes such pages visible instead.
`python -m mkdocs_handbook.macro_pages <base>` names every page changed since the commit `<base>` that
opts into macros, as a notice the pull-request workflow shows beside the files (GitHub's
`::warning file=...::` lines), so that a reviewer reads it as code, not text. The plugin
(`files.py`) asks the same question of a page to know it shows plan data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

from handbook.commands import github

DOCS = "docs"
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as a page (its `utils.markdown_extensions`)."""


def runs_macros(text: str) -> bool:
    """Whether mkdocs-macros renders this page (its metadata read as MkDocs reads it, in
    either of MkDocs' two forms). The test is the plugin's own: `render_macros == True`, so
    `render_macros: 1` counts too, while "true" in quotes does not."""
    _, meta = get_data(text)
    return bool(meta.get("render_macros") == True)  # noqa: E712 (the plugin's own comparison)


def changed_pages(base: str, root: Path) -> list[str]:
    """The pages under `docs/` added or changed since the commit `base` (git's paths)."""
    listed = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", base, "--", DOCS],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    return sorted(path for path in listed.split("\0") if path.lower().endswith(MARKDOWN))


def macro_pages(paths: list[str], root: Path) -> list[str]:
    """The pages among `paths` that run macros; one that cannot be read counts as one."""
    found = []
    for path in paths:
        try:
            text = (root / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            found.append(path)
            continue
        if runs_macros(text):
            found.append(path)
    return found


NOTICE = (
    "This page opts into macros (render_macros), so it is code, not text: what it writes "
    "between {{ }} and {% %} runs when the site is built. Review it as code."
)


def notices(pages: list[str]) -> list[str]:
    """One warning per page, placed on the page's first line in the pull request's files."""
    return [
        f"::warning file={github.file_property(page)},line=1,title=Runs code when built::{NOTICE}"
        for page in pages
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mkdocs_handbook.macro_pages <base commit>", file=sys.stderr)
        return 2
    root = Path.cwd()
    pages = macro_pages(changed_pages(args[0], root), root)
    for line in notices(pages):
        print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and pages:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(
                "### Pages that run code\n\nThese changed pages opt into macros: review them as code.\n\n"
            )
            file.writelines(f"- {github.code(page)}\n" for page in pages)  # a name cannot leave its span
    print(
        f"{len(pages)} changed page{'s' if len(pages) != 1 else ''} in {DOCS}/ run{'s' if len(pages) == 1 else ''} macros."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
