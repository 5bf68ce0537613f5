"""Debian's Chromium for the tests, through Playwright (its own browser download is not
reachable here)."""

from __future__ import annotations

from typing import Any

import pytest

from handbook.outputs import pdf

CHROMIUM = pdf.CHROMIUM
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests",
)
"""For tests that drive Chromium without the session's `browser` fixture (which skips alike)."""


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, started with the flags the PDF printer uses."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(pdf.CHROMIUM_ARGS))


def insert_query(page: Any, words: str) -> None:
    """Open the search box and put the words in at once (typed key by key on a busy machine, a
    pause longer than the worker's wait, 100 ms, would search their first letters, which other
    pages hold too), then press End, which changes nothing. Material reads the box when a key
    is let go, when it gains the focus, and when its worker says it is ready: words put in at
    once after the worker is ready were never searched without a key (two tests timed out so,
    in half the fresh-clone runs)."""
    page.keyboard.press("/")
    page.keyboard.insert_text(words)
    page.keyboard.press("End")
