"""Plan files are data: nothing in them runs at build time or in a visitor's browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.support.browser import insert_query, needs_chromium
from tests.support.project import Site, build_site, make_project, text_of
from tests.support.search import indexed_slots, published_records
from tests.support.web import serve_site

MARKER = "/tmp/handbook-plan-ran-code"
HOSTILE = f"""
    ---
    title: "{{{{ 7*7 }}}} </title><script>window.pwned = 'title'</script>"
    level: district
    organization: "<img src=x onerror=\\"window.pwned = 'organization'\\">"
    closing: "Closing {{% for x in range(3) %}}loop{{% endfor %}} <script>window.pwned = 'closing'</script>"
    goals:
      - title: "{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}"
        strategies: [Create awareness]
        audience: "<svg onload=\\"window.pwned = 'audience'\\">"
        activities:
          - "<a href=\\"javascript:window.pwned = 'activity'\\">click</a> {{{{ 7*7 }}}}"
          - text: "Details {{{{ config }}}}"
            dates: "<script>window.pwned = 'dates'</script>"
            responsible: "<b onmouseover=\\"window.pwned = 'responsible'\\">x</b>"
            costs: "javascript:window.pwned = 'costs'"
    ---
    Introduction {{{{ 7*7 }}}} with <script>window.pwned = 'body'</script> and
    <iframe src="javascript:window.pwned = 'iframe'"></iframe>
    <div onclick="window.pwned = 'div'">a div</div>
    [a link](javascript:window.pwned='link') <style>body {{ display: none }}</style>
    {{% raw %}}raw{{% endraw %}}
    ![a pixel](https://tracker.example.com/pixel.png) <img src="https://tracker.example.com/p.gif">
"""
PAGES = [
    "plans/hostile/",
    "plans/hostile/goal-1/",
    "strategies/create-awareness/",
    "audiences/",
    "catalogue/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    Path(MARKER).unlink(missing_ok=True)
    return build_site(make_project(tmp_path_factory.mktemp("hostile"), {"hostile.md": HOSTILE}))


def test_nothing_from_a_plan_runs_at_build_time(site: Site) -> None:
    assert not Path(MARKER).exists()
    page = text_of(site.content("plans/hostile/"))
    assert "{{ 7*7 }}" in page and "49" not in page
    assert "{% for x in range(3) %}loop{% endfor %}" in page
    assert f"{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}" in page


def test_plan_fields_show_as_text(site: Site) -> None:
    page = site.content("plans/hostile/")
    assert "<img src=x onerror=" in text_of(page.select_one(".handbook-meta"))
    assert '<a href="javascript:' in text_of(page.find(id="goal-1-activity-1"))
    title = site.page("plans/hostile/").title
    assert title is not None and "</title><script>" in title.get_text()


@pytest.mark.parametrize("url", PAGES)
def test_no_script_handler_or_javascript_url_from_a_plan_reaches_the_html(site: Site, url: str) -> None:
    soup = BeautifulSoup(site.html(url), "html.parser")
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            assert not name.startswith("on"), (url, element.name, name)
            assert not any("javascript:" in str(v).lower() for v in values), (url, element.name, name)
    for script in soup.find_all("script"):
        assert "pwned" not in script.get_text(), url
    assert soup.find("iframe") is None and not any(
        "display: none" in s.get_text() for s in soup.find_all("style")
    )


@needs_chromium
def test_nothing_from_a_plan_runs_in_a_real_browser(site: Site, browser: Any) -> None:
    dialogs: list[str] = []
    with serve_site(site.root) as base:
        context = browser.new_context()
        page: Any = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in PAGES:
            page.goto(base + url)
            page.wait_for_load_state("load")
            # what a visitor's pointer would do to every element of the page's content
            page.eval_on_selector_all(
                "article *",
                "els => els.forEach(e => ['mouseover', 'click', 'load'].forEach("
                "t => e.dispatchEvent(new Event(t, {bubbles: false, cancelable: true}))))",
            )
            assert page.evaluate("window.pwned === undefined"), (url, page.evaluate("window.pwned"))
        # Search results show the plan's words (its title, an activity) as Material renders them.
        page.goto(base)
        insert_query(page, "Details")  # at once: typed key by key, a busy machine searches "D", "De"...
        page.locator(".md-search-result__item", has_text="</title><script>").first.wait_for()
        page.wait_for_timeout(300)
        assert page.evaluate("window.pwned === undefined"), page.evaluate("window.pwned")
        context.close()
    assert dialogs == []


def test_a_plan_cannot_make_visitors_fetch_from_another_host(site: Site) -> None:
    """Images in plan prose are dropped: a tracking pixel from a pull request never loads."""
    page = site.content("plans/hostile/")
    assert page.find("img") is None
    assert "tracker.example.com" not in str(page)


def test_the_search_index_holds_plan_markup_as_text(site: Site) -> None:
    """Plan pages reach search through their search entries (made from the plan): a plan's
    markup arrives there as words. The documents results are read from hold plain text, which
    the search worker escapes (the test above sees the title in a result as written, and no
    script run); the index holds the words, read by Pagefind from escaped HTML."""
    docs = [d for d in published_records(site.root) if d["location"].startswith("plans/hostile/")]
    titles = " ".join(d["title"] for d in docs if "#" not in d["location"])
    words = " ".join(d["content"] for d in docs)
    assert "</title><script>" in titles  # text, as written
    assert "<svg onload=" in words or "<a href=" in words  # searchable as written
    said = [" ".join(word for part in slot for word in part) for slot in indexed_slots(site.root).values()]
    assert any("<script>window.pwned" in words for words in said)
