"""WCAG 2.1 AA (and axe's best practices) on every page, in the light and dark schemes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import AXE, site_pages
from tests.helpers import Site

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    page.add_script_tag(content=AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(
    browser: Any, browser_site: Site, base_url: str, scheme: str
) -> None:
    """Dark is Material's slate scheme, chosen by the browser's preference as a visitor's would be."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    pages = site_pages(browser_site)
    assert len(pages) > 40
    found = {url: problems for url in pages if (problems := violations(page, base_url + url))}
    context.close()
    assert found == {}


def test_axe_would_catch_the_search_dialog_without_a_name(page: Any, base_url: str) -> None:
    """The check itself can fail: remove the dialog's name and axe reports it."""
    page.goto(base_url)
    page.evaluate("document.querySelector('.md-search').removeAttribute('aria-label')")
    page.add_script_tag(content=AXE)
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})")
    assert [v["id"] for v in result["violations"]] == ["aria-dialog-name"]
