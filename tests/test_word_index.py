"""The one word index and alias table that the reader and the claim checker share."""

from __future__ import annotations

from kit.api import FactKit
from kit.checking.claims import corpus_facts
from kit.language.facts import key_of
from kit.language.text import stem
from kit.language.word_index import word_index
from kit.reading.answers import Reader

ARTICLES = [
    {
        "id": "a",
        "text": "The Oreshnik missile struck Dnipro. Officials said the Oreshnik missile flew "
        "at Mach 11.\n\nA well-known analyst said the Oreshnik, 30 missile tests later, was new.",
    },
    {"id": "b", "text": "Russia fired the Oreshnik missile again. Ten people were killed."},
]


def test_reader_and_claim_checker_share_the_index_word_index() -> None:
    kit = FactKit.from_records(ARTICLES, reader="rules")
    index = kit.index
    shared = word_index(index)
    assert word_index(index) is shared  # built once, kept by the index
    assert kit.reader.ranking.words is shared.stems
    assert Reader(index, kind="rules").ranking.words is shared.stems  # not per reader
    assert corpus_facts(index).words is shared.keys
    assert corpus_facts(index).rows_of is shared.keys.rows
    # One alias table per keying, read the same way: "the Oreshnik missile" -> missile.
    assert kit.reader.ranking.aliases(stem("Oreshnik")) == (stem("missile"),)
    assert shared.stems.aliases(stem("Oreshnik")) is kit.reader.ranking.aliases(stem("Oreshnik"))
    assert corpus_facts(index).alias(key_of("Oreshnik")) == frozenset({key_of("missile")})


def test_each_keying_lists_the_rows_that_hold_a_word() -> None:
    index = FactKit.from_records(ARTICLES, reader="rules").index
    words = word_index(index)
    oreshnik = [row for row, s in enumerate(index.sentences) if "Oreshnik" in s.text]
    assert words.stems.rows[stem("Oreshnik")] == oreshnik
    assert words.keys.rows[key_of("Oreshnik")] == oreshnik
    assert words.keys.frequency[key_of("Oreshnik")] == len(oreshnik)
    # The reader keeps a hyphenated word whole and stop words; the checker splits it, keys
    # "killed" by its concept and leaves out stop words.
    assert stem("well-known") in words.stems.rows and stem("well-known") not in words.keys.rows
    assert key_of("killed") == "death" and "death" in words.keys.rows
    assert stem("the") in words.stems.rows and key_of("the") not in words.keys.rows
