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
