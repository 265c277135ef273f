"""Question typing: the table's cases, the focus noun and the stemmer's joins."""

from __future__ import annotations

import pytest

from kit.language.text import content_words, stem
from kit.reading.questions import classify
from kit.reading.ranker import question_focus, question_word


@pytest.mark.parametrize(
    ("question", "answer_type", "focus"),
    [
        ("How fast was the Oreshnik?", "speed", None),
        ("How many drones did Russia launch overnight?", "count", "drones"),
        ("How much territory did Russian forces capture in November?", "area", "territory"),
        ("How far is Ternopil from Poland?", "distance", None),
        ("How long did the missile fly?", "duration", None),
        ("What does ATACMS stand for?", "expansion", "atacms"),
        ("When is the next NUC meeting scheduled?", "date", None),
        ("In what year did the war begin?", "year", None),
        ("Who chaired the NATO-Ukraine Council meeting?", "person", None),
        ("Where was the Oreshnik launched from?", "place", None),
        ("Which village did Russian forces take?", "place", "village"),
        ("Which plant did the missile strike?", "entity", "plant"),
        ("Why did NATO convene emergency talks?", "reason", None),
        ("What was the population of Ternopil?", "number", None),
        ("How much does the Oreshnik cost?", "money", None),
        ("How much is the stolen gold toilet worth?", "money", None),
        ("How much did the city pay for the new bridge?", "money", None),
        ("How much did the river rise?", "number", None),
    ],
)
def test_question_types(question: str, answer_type: str, focus: str | None) -> None:
    qtype = classify(question)
    assert qtype.answer_type == answer_type
    assert qtype.focus == focus


def test_names_and_keywords_are_extracted() -> None:
    qtype = classify("How fast was the Oreshnik?")
    assert qtype.names == ("oreshnik",)
    assert "fast" in qtype.keywords and "the" not in qtype.keywords
    assert content_words("Who is NATO's Secretary-General?") == ["nato's", "secretary-general"]


@pytest.mark.parametrize(
    ("question", "word", "focus"),
    [
        ("What sculpture stands in front of the Main Building?", "what", "sculptur"),
        ("What type of statue is on the dome?", "what", "statu"),
        ("Which plant did the missile strike?", "which", "plant"),
        ("How many drones were shot down?", "how_many", "drone"),
        ("Who is the head of the council?", "who", None),
    ],
)
def test_question_word_and_focus(question: str, word: str, focus: str | None) -> None:
    assert question_word(question) == word
    assert question_focus(question, classify(question)) == focus


def test_stem_joins_irregular_forms() -> None:
    assert stem("shot") == stem("shoot")
    assert stem("downing") == stem("downed")
    assert stem("Russia’s") == stem("russia")
