"""Resources in a browser (issue 30): filters in the address narrow `/resources/` and its count,
the counts beside each filter follow the others, "Clear filters" shows every resource again,
and axe finds nothing on `/resources/`, a resource's page and a kind's page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import TAGS, axe, summary
from tests.support.project import build_site, make_project
from tests.support.web import serve_site

EXTRA = """\
    ---
    title: A Letter Home About Attendance
    kind: sample letter
    summary: A letter a principal sends families in September, in English and Spanish.
    strategies: [Create awareness]
    audience_groups: [Families]
    types: [Communicating]
    levels: [school]
    languages: [English, Spanish]
    source: A sample school
    link: https://example.org/letter
    ---
    """


@pytest.fixture(scope="module")
def resources_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("resources-browser")
    site = build_site(make_project(folder / "project", resources={"attendance-letter.md": EXTRA}))
    with serve_site(site.root) as url:
        yield url


def shown(page: Any) -> list[str]:
    return [
        title.strip()
        for title in page.locator("#resources-list > li:visible .handbook-resource-title").all_inner_texts()
    ]


def test_filters_in_the_address_narrow_the_list_and_the_count(page: Any, resources_url: str) -> None:
    page.goto(resources_url + "resources/?language=spanish&strategy=create-awareness")
    assert page.locator("#resources-count").inner_text() == "1 of 3 resources"
    assert shown(page) == ["A Letter Home About Attendance"]
    assert page.locator("select[name=language]").input_value() == "spanish"
    # each value counts what it would show with the other filters as they stand
    assert page.locator("select[name=strategy] option[value=celebrate-milestones]").inner_text() == (
        "Celebrate milestones (1)"
    )
    assert page.locator("select[name=language] option[value=english]").inner_text() == "English (2)"
    page.select_option("select[name=language]", "")
    assert page.locator("#resources-count").inner_text() == "2 of 3 resources"
    assert page.evaluate("location.search") == "?strategy=create-awareness"
    page.select_option("select[name=kind]", "workshop-materials")
    assert page.locator("#resources-count").inner_text() == "0 of 3 resources"
    assert page.locator("#resources-none").is_visible()
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator("#resources-count").inner_text() == "3 of 3 resources"
    assert len(shown(page)) == 3
    assert page.evaluate("location.search") == ""


def test_without_scripts_every_resource_is_listed(browser: Any, resources_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(resources_url + "resources/?kind=research-brief")
    assert len(shown(page)) == 3
    assert not page.locator("#resources-filters").is_visible()  # filters that could do nothing
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "resources/?kind=workshop-materials",
        "resources/running-a-family-math-night/",
        "resources/kinds/research-brief/",
    ],
)
def test_axe_finds_nothing_on_the_resource_pages(page: Any, resources_url: str, path: str) -> None:
    page.goto(resources_url + path)
    assert summary(axe(page, {"type": "tag", "values": TAGS})) == []
