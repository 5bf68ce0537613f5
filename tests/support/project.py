"""Build real handbook sites in temporary folders and read their HTML.

A test project is laid out like a checkout: the real `mkdocs.yml`, `docs/` and
`overrides/` (copied: a build refuses links that lead outside the repository),
`mkdocs_handbook/`, `macros.py` and `handbook/` (linked: code, which the build does not read as
content; `copy_code=True` copies them too, for a test that edits a template) beside a
`plans/` folder of the test's own. Sites are built in-process with MkDocs's own `build`.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
"""The two plans the project was made from, as PDF text (a copy of `../shared/seeds/`)."""
LINKED = ("mkdocs_handbook", "macros.py", "handbook")
COPIED = ("docs", "overrides")


def make_project(
    folder: Path,
    plans: dict[str, str] | None = None,
    *,
    samples: bool = True,
    copy_code: bool = False,
    resources: bool | dict[str, str | bytes] = False,
) -> Path:
    """A project in `folder` with the sample plans (unless `samples=False`) and `plans`
    ({file name: text}, dedented). `resources`: no `resources/` folder (False, as a project
    that has none), the sample resources with their files (True), or the samples and these
    files ({path under `resources/`: text, dedented, or bytes})."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in LINKED:
        if copy_code and (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif copy_code:
            shutil.copy(ROOT / name, folder / name)
        else:
            (folder / name).symlink_to(ROOT / name)
    for name in COPIED:
        shutil.copytree(ROOT / name, folder / name)
    plans_dir = folder / "plans"
    plans_dir.mkdir()
    if samples:
        for sample in (ROOT / "plans").glob("*.md"):
            shutil.copy(sample, plans_dir / sample.name)
    for name, text in (plans or {}).items():
        (plans_dir / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    if resources is not False:
        shutil.copytree(ROOT / "resources", folder / "resources")
    for path, content in (resources if isinstance(resources, dict) else {}).items():
        target = folder / "resources" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
    return folder


@dataclass
class Site:
    """A built site: pages by URL path, parsed."""

    root: Path

    def path(self, url: str) -> Path:
        target = self.root / url.strip("/")
        return target if "." in target.name else target / "index.html"

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def content(self, url: str) -> Tag:
        """The article of a page, without Material's header, navigation and footer."""
        article = self.page(url).select_one("article.md-content__inner")
        assert article is not None, f"{url} has no article"
        return article


def build_site(project: Path, site_dir: Path | None = None) -> Site:
    """Build the project's site strictly, as `make build` does, and return it."""
    site = site_dir or project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    return Site(site)


def text_of(element: Tag) -> str:
    """Visible text with whitespace folded, as a reader sees it."""
    return " ".join(element.get_text(" ").split())


def run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command in the project's folder, its output captured as text."""
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to tell that a site was left as it was."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def problem_lines(output: str) -> list[str]:
    """The lines of a problem report about plan files."""
    return [line for line in output.splitlines() if line.startswith("plans/")]
