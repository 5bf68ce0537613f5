"""Resources in a browser (issue 30): filters in the address narrow `/resources/` and its count
among every resource of the library, not only the page's (the page holds the first page of
cards, the rest continue on `/resources/page-2/`); the counts beside each filter follow the
others; a card the script draws from the data is the card its page writes, its words as text;
"Clear filters" shows the page as written; without scripts every resource is a page or two
away; and axe finds nothing on `/resources/`, filtered or not, its second page, a resource's
page and a kind's page.

One site for the module: the sample resources, two of this module's, and enough synthetic
ones (`tests/support/synthetic.py`) for the cards to fill more than the first page at the real
budget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from handbook.pages.listing import PAGE_BUDGET
from handbook.pages.resources import CARD_SHARE, language_slug
from handbook.resources.library import ResourceLibrary
from handbook.resources.loading import load_resource_library
from tests.browser.conftest import TAGS, axe, summary
from tests.support.project import Site, build_site, make_project
from tests.support.synthetic import write_resources
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

LAST = """\
    ---
    title: "Zebra Crossing Night <img src=x onerror=\\"window.pwned = 1\\"> for families"
    kind: guide
    summary: "How a school walks families to school the safe way <b>together</b>."
    strategies: [Create awareness]
    audience_groups: [Families]
    levels: [school]
    languages: [English, Ojibwe]
    source: A sample school
    link: https://example.org/zebra
    ---
    """
"""Filed last by its title, so on the last page only; the one resource in Ojibwe."""

SYNTHETIC = 110
"""Synthetic resources: about eighty cards fill the first page."""


@dataclass
class Library:
    site: Site
    url: str
    resources: ResourceLibrary

    def count(self, **chosen: str) -> int:
        """How many resources have every value chosen (`strategy="create-awareness"`)."""

        def has(resource: Any, key: str, value: str) -> bool:
            found = {
                "kind": [resource.kind.slug],
                "strategy": [s.slug for s in resource.strategies],
                "language": [language_slug(name) for name in resource.languages],
            }[key]
            return value in found

        return sum(
            all(has(resource, key, value) for key, value in chosen.items())
            for resource in self.resources.resources
        )


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("resources-browser")
    project = make_project(
        folder / "project", resources={"attendance-letter.md": EXTRA, "zebra-crossing-night.md": LAST}
    )
    write_resources(project / "resources", SYNTHETIC)
    site = build_site(project)
    with serve_site(site.root) as url:
        yield Library(site, url, load_resource_library(project / "resources"))


def filtered(page: Any, address: str) -> None:
    """Open a filtered address and wait for the script to count what it finds."""
    page.goto(address)
    page.wait_for_function("document.getElementById('resources-count').textContent.includes(' of ')")


def shown(page: Any) -> list[str]:
    return [
        title.strip()
        for title in page.locator(
            ".handbook-resource-list > li:visible .handbook-resource-title"
        ).all_inner_texts()
    ]


ZEBRA = 'Zebra Crossing Night <img src=x onerror="window.pwned = 1"> for families'


def test_the_library_continues_on_a_second_page_within_the_budget(library: Library) -> None:
    site = library.site
    total = len(library.resources.resources)
    first = site.content("/resources/")
    assert len(site.html("/resources/").encode()) <= 200_000  # the largest-page target
    assert len(str(first.select_one("#resources-list")).encode()) <= PAGE_BUDGET // CARD_SHARE
    written = first.select("#resources-list > li")
    assert 0 < len(written) < total
    second = site.content("/resources/page-2/")
    later = second.select("#resources-list > li")
    assert len(written) + len(later) == total  # two pages hold them all
    assert ZEBRA in [a.get_text() for a in second.select(".handbook-resource-title")]
    assert [a["href"] for a in first.select("nav.handbook-pagination a")][:2] == ["./", "page-2/"]


def test_filters_in_the_address_narrow_every_resource_and_the_count(page: Any, library: Library) -> None:
    total = len(library.resources.resources)
    filtered(page, library.url + "resources/?language=ojibwe&strategy=create-awareness")
    assert page.locator("#resources-count").inner_text() == f"1 of {total} resources"
    assert shown(page) == [ZEBRA]  # from page 2, drawn from the data
    assert page.evaluate("window.pwned") is None  # its words are text
    assert page.locator("select[name=language]").input_value() == "ojibwe"
    # each value counts what it would show with the other filters as they stand
    aware = library.count(strategy="create-awareness")
    assert page.locator("select[name=language] option[value=english]").inner_text() == (
        f"English ({library.count(strategy='create-awareness', language='english')})"
    )
    assert page.locator("select[name=strategy] option[value=share-knowledge]").inner_text() == (
        "Share knowledge (0)"
    )
    assert page.locator("select[name=strategy] option[value='']").inner_text() == "All (1)"
    page.select_option("select[name=language]", "")
    assert page.locator("#resources-count").inner_text() == f"{aware} of {total} resources"
    assert len(shown(page)) == aware and ZEBRA in shown(page)  # from both pages
    assert page.evaluate("location.search") == "?strategy=create-awareness"
    page.select_option("select[name=language]", "ojibwe")
    page.select_option("select[name=kind]", "video")
    assert page.locator("#resources-count").inner_text() == f"0 of {total} resources"
    assert page.locator("#resources-none").is_visible()
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator("#resources-count").inner_text() == f"{total} resources, by title on 2 pages"
    assert (
        page.locator("#resources-listing").is_visible() and not page.locator("#resources-found").is_visible()
    )
    assert page.locator("select[name=kind] option[value='']").inner_text() == f"All ({total})"
    assert page.evaluate("location.search") == ""


def test_a_card_drawn_from_the_data_is_the_card_its_page_writes(page: Any, library: Library) -> None:
    filtered(page, library.url + "resources/?language=ojibwe")
    drawn = page.locator("#resources-found-list > li")
    assert drawn.count() == 1
    text, href = drawn.inner_text(), drawn.locator("a").evaluate("a => a.href")
    page.goto(library.url + "resources/page-2/")
    written = page.locator("#resources-list > li", has_text="Zebra Crossing Night")
    assert written.inner_text() == text
    assert (
        written.locator("a").evaluate("a => a.href")
        == href
        == library.url + "resources/zebra-crossing-night/"
    )


def test_the_data_is_loaded_only_when_a_filter_is_chosen(page: Any, library: Library) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(library.url + "resources/")
    page.wait_for_load_state("load")
    assert page.locator("#resources-filters").is_visible()
    assert not [url for url in asked if url.endswith("resource-list.js")]
    page.select_option("select[name=kind]", "guide")
    page.wait_for_function("document.getElementById('resources-count').textContent.includes(' of ')")
    assert page.locator("#resources-count").inner_text() == (
        f"{library.count(kind='guide')} of {len(library.resources.resources)} resources"
    )
    assert [url for url in asked if url.endswith("resource-list.js")] == [
        library.url + "resources/resource-list.js"
    ]


def test_without_scripts_every_resource_is_a_page_away(browser: Any, library: Library) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(library.url + "resources/?kind=research-brief")
    assert not page.locator("#resources-filters").is_visible()  # filters that could do nothing
    titles = shown(page)
    page.get_by_role("navigation", name="Pages of every resource").first.get_by_role(
        "link", name="Page 2"
    ).click()
    titles += shown(page)
    assert len(titles) == len(library.resources.resources) and ZEBRA in titles
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "resources/",
        "resources/?kind=workshop-materials",
        "resources/page-2/",
        "resources/running-a-family-math-night/",
        "resources/kinds/research-brief/",
    ],
)
def test_axe_finds_nothing_on_the_resource_pages(page: Any, library: Library, path: str) -> None:
    if "?" in path:
        filtered(page, library.url + path)
    else:
        page.goto(library.url + path)
    assert summary(axe(page, {"type": "tag", "values": TAGS})) == []
