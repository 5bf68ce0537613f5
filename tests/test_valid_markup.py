"""The project's own HTML is valid: the Nu HTML Checker (vnu, pinned in package.json) finds no
error in it on a page of each kind; what Material's template brings is listed apart, here.

Material's errors are not ours to mend (its template is its own, and it is in maintenance
until May 2027); listing each one by its message and the markup it names keeps them from
hiding an error of ours with the same message elsewhere.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.pages import one_page_of_each_kind
from tests.support.project import ROOT, Site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

MATERIALS = {
    # Its drawer and search toggles: hidden checkboxes given autocomplete="off" (Firefox would
    # otherwise restore them ticked after a reload).
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # Its table of contents' title, a label for a toggle that pages without a table of
    # contents leave out.
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        'for="__toc"',
    ),
}
"""Material's own errors: (the start of vnu's message, markup in the extract it quotes)."""


def materials(error: dict[str, Any]) -> bool:
    return any(
        error["message"].startswith(message) and markup in error.get("extract", "")
        for message, markup in MATERIALS
    )


def vnu_errors(pages: list[Path]) -> list[dict[str, Any]]:
    """The checker's errors on these files (one Java start for all of them)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(
            f"the Nu HTML Checker needs Java and {VNU} (`npm ci`; apt-get install default-jre-headless)"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    errors: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return errors


WRONG = (
    '<!doctype html><html lang="en"><head><title>A page with a mistake</title></head><body>'
    '<table><tr role="row"><td>x</td></tr></table></body></html>'
)
"""A page with an error of the kind the project once made: a role a table row does not need."""


@pytest.fixture(scope="module")
def checked(sample_site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The checker's errors by file: a page of each kind of the samples, and `WRONG` (checked in
    the same run: a Java start costs a second or two)."""
    wrong = tmp_path_factory.mktemp("wrong") / "wrong.html"
    wrong.write_text(WRONG, "utf-8")
    pages = [sample_site.root / (url if url.endswith(".html") else url + "index.html")
             for url in one_page_of_each_kind(sample_site)]  # fmt: skip
    by_file: dict[str, list[dict[str, Any]]] = {}
    for error in vnu_errors([*pages, wrong]):
        name = "wrong" if error["url"].endswith("/wrong.html") else error["url"].rsplit("/site/", 1)[-1]
        by_file.setdefault(name, []).append(error)
    return by_file


def test_the_projects_own_markup_has_no_error_on_a_page_of_each_kind(
    checked: dict[str, list[dict[str, Any]]],
) -> None:
    ours = [
        f"{name}:{error.get('lastLine')}: {error['message']}"
        for name, errors in checked.items()
        if name != "wrong"
        for error in errors
        if not materials(error)
    ]
    assert ours == []


def test_materials_errors_are_still_the_ones_listed(checked: dict[str, list[dict[str, Any]]]) -> None:
    """Each error listed as Material's still happens: a listed error that went away (a newer
    Material) is taken off the list, so the list never excuses more than it must."""
    seen = {(message, markup) for message, markup in MATERIALS for errors in checked.values() for error in errors
            if error["message"].startswith(message) and markup in error.get("extract", "")}  # fmt: skip
    assert seen == MATERIALS


def test_the_checker_sees_an_error_of_ours(checked: dict[str, list[dict[str, Any]]]) -> None:
    """The check itself can fail: the role a table row does not need is an error."""
    assert [error["message"][:40] for error in checked["wrong"]] == [
        "The “role” attribute must not be used on"
    ]
