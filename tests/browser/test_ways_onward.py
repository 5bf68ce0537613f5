"""Ways onward in a real browser, on a phone (issue 27): the audience groups read whole words
at 375 px, and the 404 page, served at a nested missing address as a static host serves it,
leads back into the site. One phone page for the module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.browser.conftest import PHONE

SPLIT_WORDS = """(root) => {
  // Every word of the text under root (split at spaces and after hyphens, where a line may
  // break) that the browser drew on more than one line: a word broken inside has a box on each.
  const split = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s-]+-?/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_measure_sees_a_word_broken_inside(phone: Any) -> None:
    """The companion: a narrow cell whose link may break anywhere (Material's rule for links)
    splits "Partnerships", and the measure finds it."""
    phone.set_content(
        '<table><tr><td style="width:4em"><a style="word-break:break-word" href="#">Action Teams for'
        " Partnerships</a></td><td>Who they are, in a long description of many words.</td></tr></table>"
    )
    assert "Partnerships" in phone.locator("a").evaluate(SPLIT_WORDS)


def test_no_word_of_the_audience_groups_breaks_inside_on_a_phone(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "audiences/")
    table = phone.locator("table.handbook-audiences")
    assert table.evaluate(SPLIT_WORDS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_404_page_at_a_nested_missing_address_leads_back_into_the_site(phone: Any, base_url: str) -> None:
    response = phone.goto(base_url + "no/such/page/")
    assert response.status == 404
    assert phone.inner_text("article h1") == "Page not found"
    links = phone.locator("article ul a")
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert len(hrefs) == 4
    for href in hrefs:
        assert phone.request.get(urljoin(phone.url, href)).status == 200, href
    with phone.expect_navigation():
        phone.locator("article ul a", has_text="Search").click()
    assert phone.url.split("?")[0] == base_url
    assert phone.locator("#__search").is_checked()  # the search dialog is open
