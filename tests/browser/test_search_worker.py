"""The search worker (docs/javascripts/search-worker.js) on a real Pagefind index, asked as
Material asks it (SETUP, then QUERY), without a site around it: which documents it shows,
in what order, and how it quotes and marks them.

The index holds documents ten to a record (`handbook.outputs.site_search`), so a record can hold
every word of a query in different documents; the worker must show only documents that
hold them all.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook.outputs import site_search
from tests.support.web import serve_site

ROOT = Path(__file__).resolve().parents[2]


def entry(location: str, title: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": title, "text": text}


def filler(number: int) -> list[dict[str, str]]:
    return [entry(f"filler-{number}/", f"Filler page {number}", "Nothing to see on this page.")]


# Documents 0 to 9 share a record, 10 to 19 the next, and so on.
DOCUMENTS: list[list[dict[str, str]]] = [
    [entry("zebra/", "Zebra crossing", "Walk to school safely.")],  # 0: one word of the query
    [entry("quokka/", "Quokka club", "An island visit for families.")],  # 1: the other word
    [  # 2: both, in two sections
        entry("both/", "Trip plan", "A plan for the year."),
        entry("both/#goal-1-activity-1", "Draw a zebra with the first graders."),
        entry("both/#goal-1-activity-2", "Read about the quokka, the zebra and other animals."),
        entry("both/#goal-1-activity-3", "Invite parents to the fall picnic."),
    ],
    [  # 3: markup in a plan's words, shown as text
        entry(
            "markup/", "&lt;img src=x onerror=alert(1)&gt; Hostile", "Families &lt;b&gt;night&lt;/b&gt; here."
        ),
    ],
    [entry("accents/", "Río Bravo families", "Noche de familias en el Río Bravo.")],  # 4
    [  # 5: a long text, quoted around its first match
        entry("long/", "Long text", " ".join(["word"] * 60 + ["heron"] + ["word"] * 60)),
    ],
    # 6: Pagefind's own instruction for a heading, in a plan's words, must not make one
    [entry("forged/", "Forged", "Ocelot ___PAGEFIND_ANCHOR___h2:0:d9 pangolin")],
    [entry("feff/", "Pasted", "Before\ufeffafter tapir words.")],  # 7: a sign JavaScript takes for a space
    [entry("compound/", "Compound", "A family-night and a $500 budget.")],  # 8
    [entry("capybara/", "Capybara", "A capybara here.")],  # 9: after 6, 7 and 8 in its record
    *(filler(number) for number in range(10, 15)),
    [entry("both-again/", "Zebra and quokka day", "A day of animals.")],  # 15: both, in its title
    *(filler(number) for number in range(16, 20)),
    *(
        [entry(f"common-{number}/", f"Common page {number}", "Every page says partnership.")]
        for number in range(29)
    ),
    [
        entry("partnership-week/", "Partnership week", "A week.")
    ],  # 49: last in its record, the word in its title
]


@pytest.fixture(scope="module")
def worker_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("worker")
    site_search.write_index([doc for page in DOCUMENTS for doc in page], site)
    (site / "javascripts").mkdir()
    shutil.copy(ROOT / "docs" / site_search.WORKER, site / site_search.WORKER)
    (site / "index.html").write_text('<!doctype html><html lang="en"><title>worker</title></html>')
    with serve_site(site) as url:
        yield url


ASK = """async (query) => {
  const worker = new Worker("javascripts/search-worker.js");
  const next = (type) => new Promise((done) => worker.addEventListener("message", function on(event) {
    if (event.data.type === type) { worker.removeEventListener("message", on); done(event.data); }
  }));
  worker.postMessage({ type: 0, data: {} });  // SETUP
  await next(1);  // READY
  worker.postMessage({ type: 2, data: query });  // QUERY
  const result = await next(3);  // RESULT
  worker.terminate();
  return result.data.items;
}"""


def ask(page: Any, base: str, query: str) -> list[list[dict[str, Any]]]:
    page.goto(base)
    items: list[list[dict[str, Any]]] = page.evaluate(ASK, query)
    return items


def pages_of(items: list[list[dict[str, Any]]]) -> list[str]:
    return [group[0]["location"] for group in items]


def test_only_documents_that_hold_every_word_are_shown(page: Any, worker_url: str) -> None:
    """ "zebra" and "quokka" stand together in the first record (documents 0, 1 and 2) and
    in the second (document 15): two documents hold both."""
    assert sorted(pages_of(ask(page, worker_url, "zebra quokka"))) == ["both-again/", "both/"]
    assert sorted(pages_of(ask(page, worker_url, "zebra"))) == ["both-again/", "both/", "zebra/"]


def test_a_document_shows_its_sections_that_say_a_word_those_that_say_most_first(
    page: Any, worker_url: str
) -> None:
    (group,) = [group for group in ask(page, worker_url, "zebra quokka") if group[0]["location"] == "both/"]
    assert [item["location"] for item in group] == [
        "both/",
        "both/#goal-1-activity-2",  # says both words
        "both/#goal-1-activity-1",
    ]
    assert group[1]["title"] == (
        "Goal 1, activity 2: Read about the <mark>quokka</mark>, the <mark>zebra</mark> and other animals."
    )


def test_words_are_found_by_their_stem_and_without_accents_and_marked_as_written(
    page: Any, worker_url: str
) -> None:
    (group,) = [
        group for group in ask(page, worker_url, "rio familias") if group[0]["location"] == "accents/"
    ]
    assert group[0]["title"] == "<mark>Río</mark> Bravo families"
    assert group[0]["text"] == "Noche de <mark>familias</mark> en el <mark>Río</mark> Bravo."
    found = ask(page, worker_url, "family")  # "families" shares its stem
    assert {"quokka/", "markup/", "accents/"} <= set(pages_of(found))


def test_a_plans_markup_is_shown_as_text(page: Any, worker_url: str) -> None:
    (group,) = [group for group in ask(page, worker_url, "hostile") if group[0]["location"] == "markup/"]
    assert group[0]["title"] == "&lt;img src=x onerror=alert(1)&gt; <mark>Hostile</mark>"
    assert group[0]["text"] == "Families &lt;b&gt;night&lt;/b&gt; here."


def test_a_long_text_is_quoted_around_its_first_matching_word(page: Any, worker_url: str) -> None:
    (group,) = ask(page, worker_url, "heron")
    text = group[0]["text"]
    assert text.startswith("… word") and text.endswith("word …")
    assert "<mark>heron</mark>" in text and len(text.split()) < 30


def test_quotation_marks_and_words_said_twice_find_the_words(page: Any, worker_url: str) -> None:
    assert sorted(pages_of(ask(page, worker_url, '"zebra quokka"'))) == ["both-again/", "both/"]
    assert sorted(pages_of(ask(page, worker_url, "zebra Zebra"))) == ["both-again/", "both/", "zebra/"]
    # one stem, as Pagefind finds it ("family-night" too, by its parts)
    assert sorted(pages_of(ask(page, worker_url, "night nights"))) == ["compound/", "markup/"]


def test_at_most_twenty_documents_are_shown_the_best_first_whatever_their_record(
    page: Any, worker_url: str
) -> None:
    found = pages_of(ask(page, worker_url, "partnership"))
    assert len(found) == 20 and found[0] == "partnership-week/"  # 30 hold it; a title weighs most


def test_a_plans_words_cannot_make_a_heading_in_the_index(page: Any, worker_url: str) -> None:
    assert pages_of(ask(page, worker_url, "pangolin")) == ["forged/"]
    (group,) = ask(page, worker_url, "capybara")
    assert group[0]["title"] == "<mark>Capybara</mark>"  # its record's places are where they were


def test_compounds_and_signs_are_found_by_their_words(page: Any, worker_url: str) -> None:
    found = ask(page, worker_url, "family night")
    assert sorted(pages_of(found)) == ["compound/", "markup/"]  # "Families <b>night</b>" too
    (group,) = [group for group in found if group[0]["location"] == "compound/"]
    assert "<mark>family-night</mark>" in group[0]["text"]
    (group,) = ask(page, worker_url, "$500 budget")
    assert group[0]["text"] == "A family-night and a $<mark>500</mark> <mark>budget</mark>."


def test_a_word_found_nowhere_is_shown_missing_and_the_others_still_find(page: Any, worker_url: str) -> None:
    found = ask(page, worker_url, "zebra xyzzy")
    assert sorted(pages_of(found)) == ["both-again/", "both/", "zebra/"]
    assert found[0][0]["terms"] == {"zebra": True, "xyzzy": False}  # Material: "Missing: xyzzy"


def test_a_marked_word_that_holds_markup_is_escaped(page: Any, worker_url: str) -> None:
    (group,) = [group for group in ask(page, worker_url, "onerror") if group[0]["location"] == "markup/"]
    assert group[0]["title"] == "&lt;img src=x <mark>onerror=alert(1</mark>)&gt; Hostile"


ASK_QUICKLY = """async (queries) => {
  const worker = new Worker("javascripts/search-worker.js");
  const results = [];
  worker.addEventListener("message", (event) => { if (event.data.type === 3) results.push(event.data.data.items); });
  await new Promise((done) => {
    worker.addEventListener("message", (event) => { if (event.data.type === 1) done(); });
    worker.postMessage({ type: 0, data: {} });
  });
  for (const query of queries) {  // keys 20 ms apart, as a reader types
    worker.postMessage({ type: 2, data: query });
    await new Promise((done) => setTimeout(done, 20));
  }
  worker.postMessage({ type: 2, data: queries[queries.length - 1] });  // as Material may ask again
  await new Promise((done) => setTimeout(done, 1500));
  worker.terminate();
  return results;
}"""


def test_typing_is_answered_once_for_what_was_typed_last(page: Any, worker_url: str) -> None:
    page.goto(worker_url)
    results = page.evaluate(ASK_QUICKLY, ["z", "ze", "zeb", "zebra", "zebra q", "zebra quokka"])
    assert len(results) == 1
    assert sorted(group[0]["location"] for group in results[0]) == ["both-again/", "both/"]
