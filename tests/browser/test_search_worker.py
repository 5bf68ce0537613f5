"""The search worker (docs/javascripts/search-worker.js) on a real Pagefind index, asked as
Material asks it (SETUP, then QUERY), without a site around it: which documents it shows,
in what order, how it quotes and marks them, what it tells the page (how many match, "Did
you mean").

The index holds documents ten to a record in slots (`handbook.outputs.site_search`), so a
record can hold every word of a query in different documents; the worker must show only
documents that hold them all, and rank every one that does, whatever its record.
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
    [entry("reading-logs/", "Home reading", "Students keep reading logs with their families.")],  # 49
    [entry("reading-apart/", "Reading club", "Reading at home, and logs of volunteer hours.")],  # 50
    [entry("workshop/", "Family workshop", "A workshop on homework.")],  # 51
    [entry("workshop-again/", "Workshop day", "Another workshop.")],  # 52
    *(
        [entry(f"body-{number}/", f"Body page {number}", "Every page says tapestry here.")]
        for number in range(53, 313)
    ),
    [entry("tapestry-week/", "Tapestry week", "A week.")],  # 313: in the last record, the word in its title
    [entry("partnership-week/", "Partnership week", "A week.")],  # 314: the word in its title
    [entry("hyphens/", "Welcome", "A Back-to-school night for new families.")],  # 315
    [entry("spaces/", "Welcome again", "A back to school night for all.")],  # 316
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
  const channel = new BroadcastChannel("handbook-search");
  const told = new Promise((done) => channel.addEventListener("message", (event) => done(event.data)));
  const next = (type) => new Promise((done) => worker.addEventListener("message", function on(event) {
    if (event.data.type === type) { worker.removeEventListener("message", on); done(event.data); }
  }));
  worker.postMessage({ type: 0, data: {} });  // SETUP
  await next(1);  // READY
  worker.postMessage({ type: 2, data: query });  // QUERY
  const result = await next(3);  // RESULT
  const summary = await Promise.race([told, new Promise((done) => setTimeout(() => done(null), 5000))]);
  worker.terminate();
  channel.close();
  return { items: result.data.items, summary };
}"""


def told(page: Any, base: str, query: str) -> tuple[list[list[dict[str, Any]]], dict[str, Any]]:
    """The results the worker gives Material, and what it tells the page about them."""
    page.goto(base)
    answer: dict[str, Any] = page.evaluate(ASK, query)
    return answer["items"], answer["summary"]


def ask(page: Any, base: str, query: str) -> list[list[dict[str, Any]]]:
    return told(page, base, query)[0]


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


def test_words_in_quotes_are_found_only_side_by_side_and_marked_as_one(page: Any, worker_url: str) -> None:
    assert pages_of(ask(page, worker_url, '"reading logs"')) == ["reading-logs/"]
    (group,) = ask(page, worker_url, "\u201creading logs\u201d")  # as a phone's keyboard quotes
    assert group[0]["text"] == "Students keep <mark>reading logs</mark> with their families."
    assert ask(page, worker_url, '"zebra quokka"') == []  # both words, never side by side
    assert pages_of(ask(page, worker_url, '"logs reading"')) == []  # side by side in that order only
    assert sorted(pages_of(ask(page, worker_url, "zebra Zebra"))) == ["both-again/", "both/", "zebra/"]
    # one stem, as Pagefind finds it ("family-night" too, by its parts)
    assert sorted(pages_of(ask(page, worker_url, "night nights"))) == [
        "compound/",
        "hyphens/",
        "markup/",
        "spaces/",
    ]


def test_words_side_by_side_rank_above_the_same_words_apart(page: Any, worker_url: str) -> None:
    found = ask(page, worker_url, "reading logs")
    assert pages_of(found) == ["reading-logs/", "reading-apart/"]  # "Reading" in its title weighs less
    assert "<mark>reading logs</mark>" in found[0][0]["text"]
    assert "<mark>Reading</mark> at home, and <mark>logs</mark>" in found[1][0]["text"]


def test_every_matching_document_is_ranked_the_best_shown_first_and_all_counted(
    page: Any, worker_url: str
) -> None:
    """260 pages say "tapestry" in their text, in 26 records; the one that has it in its title is
    in the last record, which Pagefind's own order (by record) puts anywhere."""
    found, summary = told(page, worker_url, "tapestry")
    assert len(found) == 20 and pages_of(found)[0] == "tapestry-week/"
    assert summary == {"query": "tapestry", "total": 261, "shown": 20, "suggestion": None}
    found = pages_of(ask(page, worker_url, "partnership"))
    assert found[0] == "partnership-week/" and len(found) == 20  # 30 hold it; a title weighs most


def test_a_word_found_nowhere_is_offered_the_likeliest_word_in_its_place(page: Any, worker_url: str) -> None:
    found, summary = told(page, worker_url, "wrokshop")
    assert found == [] and summary["suggestion"] == "workshop"
    _, summary = told(page, worker_url, "zebra qokka")  # a longer query: the word in its place
    assert summary["suggestion"] == "zebra quokka"
    _, summary = told(page, worker_url, '"reading lgos"')
    assert summary["suggestion"] == '"reading logs"'
    _, summary = told(page, worker_url, "quokka")  # a word pages say, though few
    assert summary["suggestion"] is None


def test_a_plans_words_cannot_make_a_heading_in_the_index(page: Any, worker_url: str) -> None:
    assert pages_of(ask(page, worker_url, "pangolin")) == ["forged/"]
    (group,) = ask(page, worker_url, "capybara")
    assert group[0]["title"] == "<mark>Capybara</mark>"  # its record's places are where they were


def test_compounds_and_signs_are_found_by_their_words(page: Any, worker_url: str) -> None:
    found = ask(page, worker_url, "family night")
    assert sorted(pages_of(found)) == ["compound/", "hyphens/", "markup/"]  # "Families <b>night</b>" too
    (group,) = [group for group in found if group[0]["location"] == "compound/"]
    assert "<mark>family-night</mark>" in group[0]["text"]
    (group,) = ask(page, worker_url, "$500 budget")
    assert group[0]["text"] == "A family-night and a $<mark>500 budget</mark>."  # side by side: one mark


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


def test_a_word_most_pages_say_is_not_required_beside_rarer_words(page: Any, worker_url: str) -> None:
    """ "every" is in 289 of the 315 pages (as "the" or "of" would be): the pages that say
    "zebra" are found though none says "every"."""
    assert sorted(pages_of(ask(page, worker_url, "zebra every"))) == ["both-again/", "both/", "zebra/"]


def test_a_compounds_parts_are_words_side_by_side_in_a_page_and_in_a_query(
    page: Any, worker_url: str
) -> None:
    assert sorted(pages_of(ask(page, worker_url, '"back-to-school night"'))) == ["hyphens/", "spaces/"]
    assert sorted(pages_of(ask(page, worker_url, '"back to school night"'))) == ["hyphens/", "spaces/"]
    assert ask(page, worker_url, '"school back"') == []


def test_a_compound_in_a_query_is_found_only_whole(page: Any, worker_url: str) -> None:
    """ "family-night" in a query asks for its words side by side, as "family night" in quotes."""
    assert sorted(pages_of(ask(page, worker_url, "family-night"))) == ["compound/"]
