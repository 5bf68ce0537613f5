"""Sites over HTTP on loopback: a built site served as files, and pages fetched and waited for."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address gets the site's own `404.html` with its 404 status, as a static
        host (GitHub Pages, Netlify) serves it at any depth; other errors, the server's own."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}
"""Files a static host sends gzip-compressed to a browser that accepts it."""


class _CompressingHandler(_QuietHandler):
    """As a static host serves text files (GitHub Pages, Netlify): gzip-compressed where the
    browser accepts it, for what a visitor's phone downloads (bench/lighthouse.py)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # a folder's redirect, a missing page, an image
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page cancels what it was still loading: a broken connection
        is what browsing does, not a fault (other errors are printed as the base class does)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_site(root: Path, compressed: bool = False) -> Iterator[str]:
    """Serve a built site over HTTP on a free loopback port (text gzip-compressed, with
    `compressed`, as a static host serves it); yields its base URL."""
    handler = functools.partial(_CompressingHandler if compressed else _QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    """Poll until the page holds `text`; a bound on waiting, not a speed assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def wait_for_log(path: Path, text: str, seconds: float = 90) -> bool:
    """Poll until a log file holds `text`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in path.read_text():
            return True
        time.sleep(0.3)
    return False
