"""One rule in two languages, held together: the catalogue's filters worked out in Python (the
views the build publishes, `handbook/browser/catalogue_views.py`) and in the page's own
JavaScript (`catalogue.js`, once every activity is loaded) show the same rows and the same
counts, and the page asks for the view file Python named for its filters.

Two pages of the same catalogue: one answers each filter from the published views (it never
loads every activity, as a first visit does not), the other from every activity, as it does
once a visitor types a word. Each filter combination is set on both, and what each shows is
compared: the count line, every option's count, the rows in order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from handbook.browser.catalogue_views import FACETS, view_key

SHOWN = """() => {
  const form = document.getElementById('catalogue-filters');
  const out = {count: document.getElementById('catalogue-count').textContent};
  for (const field of form.elements) {
    if (field.tagName === 'SELECT') out[field.name] = Array.from(field.options, o => o.text);
    else if (field.type === 'checkbox') out[field.name] = field.closest('label').textContent.trim();
  }
  out.rows = Array.from(document.querySelectorAll('#catalogue-table tbody tr'), r => r.dataset.activity);
  return out;
}"""
"""What a reader sees of a view: the count line, each filter's options with their counts, the rows."""

SET = """filters => {
  const form = document.getElementById('catalogue-filters');
  for (const name of FACETS) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === 'checkbox') field.checked = filters[name] === '1';
    else field.value = filters[name] || '';
  }
  window.handbookCatalogueStatus.source = '';
  form.dispatchEvent(new Event('change'));
}""".replace("FACETS", repr(list(FACETS)))
"""Set the view filters as a reader would (the form's own change event), and forget what
answered the last change, so that a wait sees this one answered."""

ANSWERED = "() => window.handbookCatalogueStatus.source !== ''"


def options(page: Any) -> dict[str, list[str]]:
    """Every value each view filter offers on the page (a checkbox offers "1")."""
    found: dict[str, list[str]] = page.evaluate(
        """facets => Object.fromEntries(facets.map(name => {
          const field = document.getElementById('catalogue-filters').elements[name];
          if (!field) return [name, []];
          if (field.type === 'checkbox') return [name, ['1']];
          return [name, Array.from(field.options, o => o.value).filter(Boolean)];
        }))""",
        list(FACETS),
    )
    return found


def combinations(offered: dict[str, list[str]]) -> list[dict[str, str]]:
    """Each filter alone at its first value, and with the next one in the address's order at
    their last values (values of one filter take one path through either side; the last ones
    hold the odd forms: a year `2026-27`, grade `k`): a view of two filters counts each with
    the other."""
    single = [{name: values[0]} for name, values in offered.items() if values]
    named = [name for name in FACETS if offered[name]]
    pairs = [  # each filter with the next, at their last values (the first is met alone above)
        {first: offered[first][-1], second: offered[second][-1]}
        for first, second in itertools.pairwise(named)
    ]
    return single + pairs


@pytest.fixture(scope="module")
def catalogue_pages(browser: Any, base_url: str) -> Iterator[tuple[Any, Any, list[str]]]:
    """The page answered by views (and the view files it asked for), and the page answered by
    every activity."""
    context = browser.new_context()
    by_views, by_every = context.new_page(), context.new_page()
    asked: list[str] = []
    by_views.on("request", lambda request: asked.append(urlsplit(request.url).path))
    for page in (by_views, by_every):
        page.goto(base_url + "catalogue/")
        page.wait_for_function(ANSWERED)
    by_every.fill("#catalogue-filters [name=text]", "a")  # a word loads every activity...
    by_every.wait_for_function("() => window.handbookCatalogueStatus.source === 'every activity'")
    by_every.fill("#catalogue-filters [name=text]", "")  # ...which then answers every change
    by_every.wait_for_function(ANSWERED)
    yield by_views, by_every, asked
    context.close()


def test_views_and_the_pages_own_script_show_the_same_rows_and_counts_for_every_filter(
    catalogue_pages: tuple[Any, Any, list[str]],
) -> None:
    by_views, by_every, asked = catalogue_pages
    combos = combinations(options(by_views))
    assert len(combos) > 12 and any(len(combo) == 2 for combo in combos)  # the test sees enough
    differ: list[str] = []
    for filters in combos:
        before = len(asked)
        for page in (by_views, by_every):
            page.evaluate(SET, filters)
            page.wait_for_function(ANSWERED)
        sources = [page.evaluate("window.handbookCatalogueStatus.source") for page in (by_views, by_every)]
        assert sources == ["view", "every activity"], filters
        views = [path for path in asked[before:] if "/catalogue/views/" in path]
        assert [path.rsplit("/", 1)[1] for path in views] == [f"{view_key(filters)}.json"], filters
        if (shown := by_views.evaluate(SHOWN)) != by_every.evaluate(SHOWN):
            differ.append(f"{filters}: {shown['count']!r}")
    assert differ == []


def test_the_comparison_sees_the_scripts_rule_drift(
    browser: Any, base_url: str, catalogue_pages: tuple[Any, Any, list[str]]
) -> None:
    """The check itself can fail: a catalogue.js that reads an activity's level otherwise than
    Python does (here: not at all) shows other counts than the views for the same filters."""
    by_views = catalogue_pages[0]
    context = browser.new_context()
    script = urlsplit(base_url).path + "javascripts/catalogue.js"

    def drifted(route: Any) -> None:
        body = route.fetch().text()
        assert "level: [r.level]," in body
        route.fulfill(body=body.replace("level: [r.level],", "level: [],"), content_type="text/javascript")

    context.route(f"**{script}*", drifted)
    page = context.new_page()
    page.goto(base_url + "catalogue/")
    page.fill("#catalogue-filters [name=text]", "a")
    page.wait_for_function("() => window.handbookCatalogueStatus.source === 'every activity'")
    page.fill("#catalogue-filters [name=text]", "")
    page.wait_for_function(ANSWERED)
    filters = {"strategy": options(by_views)["strategy"][0]}
    for shown_on in (by_views, page):
        shown_on.evaluate(SET, filters)
        shown_on.wait_for_function(ANSWERED)
    assert by_views.evaluate(SHOWN)["level"] != page.evaluate(SHOWN)["level"]
    context.close()
