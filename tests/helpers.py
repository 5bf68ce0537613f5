"""Build real handbook sites in temporary folders and read their HTML.

A test project is laid out like a checkout: the real `mkdocs.yml`, `docs/` and
`overrides/` (copied: a build refuses links that lead outside the repository),
`hooks.py`, `macros.py` and `handbook/` (linked: code, which the build does not read as
content) beside a `plans/` folder of the test's own. Sites are built in-process with
MkDocs's own `build`.
"""

from __future__ import annotations

import functools
import http.server
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook import pdf

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = pdf.CHROMIUM
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests",
)
"""For tests that drive Chromium without the session's `browser` fixture (which skips alike)."""
SEEDS = ROOT.parent / "shared" / "seeds"
LINKED = ("hooks.py", "macros.py", "handbook")
COPIED = ("docs", "overrides")


def make_project(folder: Path, plans: dict[str, str] | None = None, *, samples: bool = True) -> Path:
    """A project in `folder` with the sample plans (unless `samples=False`) and `plans`
    ({file name: text}, dedented)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in LINKED:
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_site(root: Path) -> Iterator[str]:
    """Serve a built site over HTTP on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium through Playwright (its own browser download is not reachable here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(pdf.CHROMIUM_ARGS))


@dataclass
class Limited:
    """How a command ran under `run_limited`."""

    returncode: int
    output: str
    peak_megabytes: float
    timed_out: bool


def run_limited(command: list[str], cwd: Path, *, megabytes: int, seconds: float) -> Limited:
    """Run a command (and whatever it starts) under an address-space limit and a deadline.

    The limit is real (`RLIMIT_AS`: past it, allocations fail), the deadline kills the
    whole process group, and the peak resident memory is read from the kernel's account
    of the command and its children (`wait4`), so a test states its bounds as figures.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))

    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=limit,
            start_new_session=True,
        )
        deadline = time.monotonic() + seconds
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return Limited(process.returncode, text, usage.ru_maxrss / 1024, timed_out)
