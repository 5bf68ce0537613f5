"""The site search index (handbook/outputs/site_search.py): each page a document, found by each of its
words once, indexed ten documents to a Pagefind record (the worker's side is
tests/browser/test_search_worker.py)."""

from __future__ import annotations

import json
import math
import re

from handbook.outputs import site_search
from handbook.outputs.site_search import SearchPage, Section
from tests.support.project import Site
from tests.support.search import fragments, indexed_words

PLAN = SearchPage(
    "plans/rio/",
    "Río Bravo Families Plan",
    "District plan: Río Bravo. Families, families and FAMILIES come first.",
    (
        Section("goal-1", "Goal 1. Welcome families", "Target audience: New families"),
        Section(
            "goal-1-activity-2", "Host a family night (K-5) at 中文 school", "Outcome: 40 families come."
        ),
    ),
)


def test_a_page_is_found_by_each_of_its_words_once_as_first_written() -> None:
    assert site_search.words(PLAN) == [
        "District", "and", "come", "first.", "Goal", "1.", "Welcome", "Target", "audience:", "New",
        "Host", "a", "family", "night", "(K-5)", "at", "中文", "school", "Outcome:", "40",
    ]  # fmt: skip
    # its title's words are its heading's: "Río", "Bravo", "Families" (any case), "Plan"


def test_a_record_holds_each_document_under_a_heading_of_its_number_with_markup_escaped() -> None:
    hostile = SearchPage("plans/x/", "<script>alert(1)</script>", "<b>bold</b> words", ())
    record = site_search.record_file([(7, PLAN), (8, hostile)])
    assert '<h2 id="d7">Río Bravo Families Plan</h2><p>District and come' in record
    assert (
        '<h2 id="d8">&lt;script&gt;alert(1)&lt;/script&gt;</h2><p>&lt;b&gt;bold&lt;/b&gt; words</p>' in record
    )


def test_a_plans_words_cannot_give_pagefind_its_own_instructions() -> None:
    """Pagefind's indexer takes words such as `___PAGEFIND_ANCHOR___h2:0:d9` for its own marks:
    one would make a heading (and credit the words after it to another page of the record)."""
    forged = SearchPage(
        "plans/x/",
        "___PAGEFIND_WEIGHT___0 Forged",
        "Ocelot ___PAGEFIND_ANCHOR___h2:0:d9 __init__ pangolin",
        (),
    )
    record = site_search.record_file([(3, forged)])
    assert not re.search(r"[\s>]_", record)  # no word begins as Pagefind's marks do
    assert "Ocelot PAGEFIND_ANCHOR___h2:0:d9 init__ pangolin" in record  # words still
    assert '<h2 id="d3">PAGEFIND_WEIGHT___0 Forged</h2>' in record
    untitled = SearchPage("plans/y/", "", "Words", ())
    assert '<h2 id="d4">\N{EM DASH}</h2>' in site_search.record_file([(4, untitled)])
    assert json.loads(site_search.document(untitled))["title"] == "plans/y/"


def test_a_documents_file_holds_what_a_result_shows_as_plain_text() -> None:
    document = json.loads(site_search.document(PLAN))
    assert document == {
        "location": "plans/rio/",
        "title": "Río Bravo Families Plan",
        "text": PLAN.text,
        "sections": [
            ["goal-1", "Goal 1. Welcome families", "Target audience: New families"],
            ["goal-1-activity-2", "Goal 1, activity 2: Host a family night (K-5) at 中文 school", "Outcome: 40 families come."],
        ],
    }  # fmt: skip


def test_material_entries_become_pages_of_plain_text() -> None:
    docs = [
        {"location": "plans/a/", "title": "A &amp; B", "text": "<p>Words &lt;here&gt;</p>"},
        {"location": "plans/a/#goal-1", "title": "Goal 1. <code>x</code>", "text": ""},
    ]
    assert site_search.pages(docs) == [
        SearchPage("plans/a/", "A & B", "Words <here>", (Section("goal-1", "Goal 1. x", ""),))
    ]


def test_records_hold_ten_documents_and_more_beyond_ten_thousand_so_a_search_scores_at_most_a_thousand() -> (
    None
):
    assert site_search.per_record(1) == 10
    assert site_search.per_record(10_000) == 10
    assert site_search.per_record(10_001) == 11
    assert math.ceil(100_000 / site_search.per_record(100_000)) == 1_000


def test_each_document_of_the_samples_is_in_one_record_with_its_title_and_words(sample_site: Site) -> None:
    documents = sorted((sample_site.root / "search" / "documents").glob("*.json"), key=lambda p: int(p.stem))
    assert len(documents) > 5
    assert len(fragments(sample_site.root)) == math.ceil(len(documents) / 10)
    indexed = indexed_words(sample_site.root)
    assert sorted(indexed) == list(range(len(documents)))
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        sections = [
            (re.sub(r"^Goal \d+, activity \d+: ", "", title), text) for _, title, text in document["sections"]
        ]
        written = " ".join([document["text"], *(part for section in sections for part in section)])
        heading = [key for key in map(site_search.word_key, document["title"].split()) if key]
        said = [key for key in map(site_search.word_key, indexed[int(path.stem)].split()) if key]
        assert said[: len(heading)] == heading, document["location"]
        words = said[len(heading) :]
        assert len(words) == len(set(words)), document["location"]  # each once
        assert set(said) == {
            site_search.word_key(word) for word in f"{document['title']} {written}".split()
        } - {""}
