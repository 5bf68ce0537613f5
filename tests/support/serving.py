"""`make serve` and `mkdocs serve` on a test project, as an editor runs them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.project import ROOT
from tests.support.web import free_port, wait_for


def serve_command(how: str, project: Path, port: int) -> list[str]:
    if how == "make":  # what `make serve` runs: dirty rebuilds
        return [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "serve",
            f"ADDR=127.0.0.1:{port}",
            f"CONFIG={project / 'mkdocs.yml'}",
        ]
    # No --livereload: plain `mkdocs serve` must reload too (Click 8.3.0-8.3.1 broke that default).
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]


@contextmanager
def serving(project: Path, log_path: Path, how: str = "make") -> Iterator[str]:
    """`make serve` (or plain `mkdocs serve`) on a project, its output in `log_path`; yields the
    site's address once it answers, and stops the server (and make's child) afterwards."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            serve_command(how, project, port), cwd=project, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/"
        try:
            assert wait_for(base, "Partnerships Handbook"), log_path.read_text()
            yield base
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
