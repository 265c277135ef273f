"""The candidate scorer's pieces: phrase cuts, question forms, the tree model, MBR support."""

from __future__ import annotations

import pytest

from kit.index.annotate import Annotation, Token
from kit.ingest.corpus import corpus_from_records
from kit.ingest.passages import split_sentences
from kit.reading.answers import Candidate, answer_groups
from kit.reading.candidates import SentenceInfo, parse_tables, phrase_cuts
from kit.reading.ranker import TreeModel, add_relative_features, question_form, reader_model
from kit.reading.values import AnswerKey

SENTENCE = "The overuse of antibiotics, like penicillin, grew."
#            0   1       2  3          4 5    6         7 8   9
TOKENS = [
    ("The", "DET", "det", 1),
    ("overuse", "NOUN", "nsubj", 8),
    ("of", "ADP", "prep", 1),
    ("antibiotics", "NOUN", "pobj", 2),
    (",", "PUNCT", "punct", 1),
    ("like", "ADP", "prep", 1),
    ("penicillin", "NOUN", "pobj", 5),
    (",", "PUNCT", "punct", 1),
    ("grew", "VERB", "ROOT", 8),
    (".", "PUNCT", "punct", 8),
]


def parsed_sentence() -> SentenceInfo:
    tokens, at = [], 0
    for word, pos, dep, head in TOKENS:
        start = SENTENCE.index(word, at)
        tokens.append(Token(start, start + len(word), pos, dep, head))
        at = start + len(word)
    info = SentenceInfo(words=[], stems=frozenset(), annotation=Annotation(tuple(tokens), (), ()))
    info.ancestors, info.edges = parse_tables(info.annotation)  # type: ignore[arg-type]
    return info


def test_phrase_cuts_offer_a_noun_phrase_without_its_trailing_modifiers() -> None:
    info = parsed_sentence()
    tokens = info.annotation.tokens  # type: ignore[union-attr]
    texts = {SENTENCE[tokens[lo].start : tokens[hi - 1].end] for lo, hi in phrase_cuts(info)}
    assert "The overuse of antibiotics" in texts  # the subject without ", like penicillin"
    assert "overuse of antibiotics" in texts
    assert "The overuse of antibiotics, like penicillin" in texts  # the whole subtree too
    assert "of antibiotics, like" not in texts  # cuts follow the tree, never arbitrary runs


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("What is solar power?", "what_be"),
        ("What did builders use in place of steel rods?", "what_do"),
        ("Who won the race in 1998?", "who_V"),
        ("What sculpture stands on the dome?", "what_N"),
        ("Who has won the most titles?", "who_have"),
    ],
)
def test_question_form(question: str, form: str) -> None:
    from kit.reading.questions import classify
    from kit.reading.ranker import question_focus, question_word

    qtype = classify(question)
    word = question_word(question)
    assert question_form(question, word, question_focus(question, qtype)) == form


def test_tree_model_follows_each_tree_and_sums_the_leaves() -> None:
    # tree 1: a <= 0.5 ? 1.0 : (b <= 2 ? 2.0 : 3.0); tree 2: a single leaf 0.25
    inf = 1e300
    model = TreeModel(
        {
            "kind": "trees",
            "features": ["a", "b"],
            "feature": [0, 0, 1, 0, 0, 0],
            "threshold": [0.5, inf, 2.0, inf, inf, inf],
            "left": [1, 1, 3, 3, 4, 5],
            "right": [2, 1, 4, 3, 4, 5],
            "value": [0, 1.0, 0, 2.0, 3.0, 0.25],
            "roots": [0, 5],
            "depth": 2,
        }
    )
    rows = [{}, {"a": 1.0}, {"a": 1.0, "b": 5.0}, {"b": 5.0, "unknown": 9.0}]
    assert model.scores(rows) == [1.25, 2.25, 3.25, 1.25]
    assert model.scores([]) == []


def test_shipped_parsed_scorer_is_a_tree_model() -> None:
    model = reader_model()
    assert isinstance(model.parsed, TreeModel)
    assert model.parsed.depth >= 1 and len(model.parsed.roots) >= 10


def test_support_prefers_the_reading_most_probability_agrees_with() -> None:
    """Minimum-Bayes-risk decoding: "overuse" alone is the single most probable cut, but most
    of the mass sits on readings that contain "overuse of antibiotics"."""
    corpus = corpus_from_records([{"id": "a", "text": SENTENCE}])
    sentence = split_sentences(corpus["a"])[0]

    def candidate(text: str, score: float) -> Candidate:
        start = SENTENCE.index(text)
        key = AnswerKey.of("words", text)
        return Candidate(sentence, start, start + len(text), key, text, score)

    candidates = [
        candidate("overuse", 1.0),
        candidate("overuse of antibiotics", 0.9),
        candidate("The overuse of antibiotics, like penicillin", 0.8),
        candidate("penicillin", 0.0),
    ]
    groups = answer_groups(candidates, "entity")
    assert groups[0][1][0].display == "overuse of antibiotics"
    assert groups[0][0]["support"] > groups[1][0]["support"]


def test_relative_features_measure_the_gap_to_the_best_candidate() -> None:
    rows = [{"s:score": 2.0, "prox": 0.5}, {"s:score": 0.5}]
    add_relative_features(rows)
    assert rows[0]["r:s:score"] == 0.0 and rows[1]["r:s:score"] == 1.5
    assert rows[1]["r:prox"] == 0.5 and rows[0]["r:s:dense"] == 0.0
