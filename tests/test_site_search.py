"""The site search index (handbook/outputs/site_search.py): each page a document in a slot of its
record, found by each of its words once and each pair of words it says side by side, ten
documents to a Pagefind record; the words "Did you mean" offers (the worker's side is
tests/browser/test_search_worker.py)."""

from __future__ import annotations

import itertools
import json
import math
import re

from handbook.outputs import site_search
from handbook.outputs.site_search import PAD, TITLE_SLOTS, SearchPage, Section, Slot
from tests.support.project import Site
from tests.support.search import fragments, indexed_slots

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


def test_a_page_is_found_by_each_of_its_words_once_where_it_first_stands_and_by_its_pairs() -> None:
    slot = site_search.slot(PLAN)
    assert slot.title == ("Río", "Bravo", "Families", "Plan")
    assert slot.headings == (
        "Goal",
        "1.",
        "Welcome",
        "Host",
        "a",
        "family",
        "night",
        "(K-5)",
        "at",
        "中文",
        "school",
    )
    words = [word for word in slot.rest if not word.startswith(site_search.PAIR)]
    assert words == ["District", "and", "come", "first.", "Target", "audience:", "New", "Outcome:", "40"]
    pairs = [word for word in slot.rest if word.startswith(site_search.PAIR)]
    assert pairs[:3] == ["qqríoqqbravo", "qqbravoqqfamilies", "qqfamiliesqqplan"]  # the title's first
    assert "qqfamilyqqnight" in pairs and "qqkqq5" in pairs and "qq5qqat" in pairs  # "(K-5)": two words
    assert site_search.said_words("A back-to-school e-library, district's") == [
        "a", "back", "to", "school", "e", "library", "districts",
    ]  # fmt: skip
    assert len(pairs) == len(set(pairs))  # each once ("families families" is said twice)
    assert "qqplanqqdistrict" not in pairs  # never across two texts


def test_a_long_titles_words_beyond_its_places_count_as_a_headings() -> None:
    title = " ".join(f"word{number}" for number in range(30))
    slot = site_search.slot(SearchPage("x/", title, "", ()))
    assert len(slot.title) == TITLE_SLOTS and slot.headings[0] == f"word{TITLE_SLOTS}"


def test_a_record_gives_each_document_a_slot_of_one_length_with_markup_escaped() -> None:
    small = Slot(("A",), (), ("b",))
    large = Slot(("<script>alert(1)</script>",), ("h1", "h2"), ("<b>bold</b>", "words", "more"))
    text, lengths = site_search.record_file(12, [small, large])
    assert lengths == (2, 3)
    said = re.search(r"<p>(.*)</p>", text)[1].split(" ")  # type: ignore[index]
    length = TITLE_SLOTS + 2 + 3
    assert len(said) == 2 * length
    assert said[0] == "A" and said[TITLE_SLOTS] == PAD and said[TITLE_SLOTS + 2] == "b"
    assert said[length] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert said[length + TITLE_SLOTS : length + TITLE_SLOTS + 2] == ["h1", "h2"]
    assert said[length + TITLE_SLOTS + 2] == "&lt;b&gt;bold&lt;/b&gt;"
    assert 'data-pagefind-sort="record:0000012"' in text


def test_a_plans_words_cannot_give_pagefind_its_own_instructions() -> None:
    """Pagefind's indexer takes words such as `___PAGEFIND_ANCHOR___h2:0:d9` for its own marks:
    one would make a heading or weigh the words after it."""
    forged = SearchPage(
        "plans/x/",
        "___PAGEFIND_WEIGHT___0 Forged",
        "Ocelot ___PAGEFIND_ANCHOR___h2:0:d9 __init__ pangolin",
        (),
    )
    text, _ = site_search.record_file(3, [site_search.slot(forged)])
    assert not re.search(r"[\s>]_", text)  # no word begins as Pagefind's marks do
    assert "Ocelot PAGEFIND_ANCHOR___h2:0:d9 init__ pangolin" in text  # words still
    untitled = SearchPage("plans/y/", "", "Words", ())
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


def test_records_hold_ten_documents_and_more_beyond_ten_thousand_so_the_index_lists_at_most_a_thousand() -> (
    None
):
    assert site_search.per_record(1) == 10
    assert site_search.per_record(10_000) == 10
    assert site_search.per_record(10_001) == 11
    assert math.ceil(100_000 / site_search.per_record(100_000)) == 1_000


def test_did_you_mean_offers_words_of_letters_by_length_most_said_first() -> None:
    other = SearchPage("plans/b/", "Family night", "Families come to the workshop, 2026.", ())
    by_length = site_search.vocabulary(site_search.said([PLAN, other]))
    assert by_length[8] == [("families", 2), ("audience", 1), ("district", 1), ("workshop", 1)]
    assert ("río", 1) in by_length[3]
    assert all(word.isalpha() for words in by_length.values() for word, _ in words)  # no "2026", no "40"
    assert 1 not in by_length and 2 not in by_length


def test_each_document_of_the_samples_is_in_its_slot_with_its_title_and_words(sample_site: Site) -> None:
    documents = sorted((sample_site.root / "search" / "documents").glob("*.json"), key=lambda p: int(p.stem))
    assert len(documents) > 5
    assert len(fragments(sample_site.root)) == math.ceil(len(documents) / 10)
    indexed = indexed_slots(sample_site.root)
    assert sorted(indexed) == list(range(len(documents)))
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        sections = [
            (re.sub(r"^Goal \d+, activity \d+: ", "", title), text) for _, title, text in document["sections"]
        ]
        written = " ".join([document["text"], *(part for section in sections for part in section)])
        title, headings, rest = indexed[int(path.stem)]
        keys = lambda words: [key for key in map(site_search.word_key, words) if key]  # noqa: E731
        assert keys(title) == keys(document["title"].split())[:TITLE_SLOTS], document["location"]
        words = keys(title + headings + [word for word in rest if not word.startswith(site_search.PAIR)])
        assert len(words) == len(set(words)), document["location"]  # each once
        assert set(words) == set(keys(f"{document['title']} {written}".split())), document["location"]
        said = site_search.said_words(document["text"])
        assert {site_search.pair_key(a, b) for a, b in itertools.pairwise(said)} <= {
            word.rstrip(".") for word in rest
        }


def test_whether_pages_say_a_word_is_kept_by_its_first_two_letters_without_accents() -> None:
    other = SearchPage("plans/b/", "Attendance night", "Atención a las familias, at 5.", ())
    starts = site_search.beginnings(site_search.said([PLAN, other]))
    assert starts[site_search.start_name("at")] == ["at", "atencion", "attendance"]
    assert site_search.start_name("Río") == "72-69" and "rio" in starts["72-69"]
    assert site_search.start_name("中文") == "4e2d-6587"
    assert all(len(word) >= 2 and word.isalpha() for words in starts.values() for word in words)
