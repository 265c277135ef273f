"""Issue 12, tenth round: a transcript's answers are their speaker's words, a denied thing is
contradicted only by its act, and a number that names ("freedom 3") counts nothing. Texts here
are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.api import FactKit
from kit.checking.counted import same_thing
from kit.ingest.corpus import corpus_from_records
from kit.language.attribution import attribute
from kit.language.facts import analyse

_INTERVIEW = (
    "Mira Tollund runs the Harbour Readers club in Oskby.\n\n"
    "((WN))  How many members does the club have?\n\n"
    "((Mira Tollund))  The club has 40 members now.  I started it in 2016 with four friends.\n\n"
    "Most of them still come every week.\n\n"
    "((WN))  Thank you."
)


def test_a_transcript_turn_is_its_speaker_s_words() -> None:
    article = corpus_from_records([{"id": "club", "text": _INTERVIEW}])["club"]

    def who(words: str) -> str | None:
        at = _INTERVIEW.index(words)
        return attribute(article, at, at + len(words)).who

    assert who("runs the Harbour") is None  # the introduction, before the first label
    assert who("How many members") == "WN"
    assert who("The club has 40 members") == "Mira Tollund"
    assert who("Most of them") == "Mira Tollund"  # the answer's next paragraph
    assert who("Thank you") == "WN"


def test_speaker_labels_need_a_dialogue() -> None:
    dialogue = "ANNA: We met in May.\nBEN: Yes, in May.\nANNA: It rained.\nBEN: All week."
    notice = "Note: the ferry runs daily.\nThe port opens at six."
    articles = corpus_from_records([{"id": "d", "text": dialogue}, {"id": "n", "text": notice}])
    assert attribute(articles["d"], dialogue.index("It rained"), len(dialogue)).who == "ANNA"
    assert attribute(articles["n"], notice.index("The port"), len(notice)).who is None


def test_a_claim_of_what_the_interviewee_said_is_checked_against_the_answers() -> None:
    kit = FactKit.from_records([{"id": "club", "text": _INTERVIEW}])
    assert kit.check("Tollund said the club has 40 members.").verdict == "supported"
    assert kit.check("Tollund said the club has 60 members.").verdict == "refuted"


def test_a_denied_thing_is_contradicted_only_by_its_act() -> None:
    claim = "When the camp opened, most residents had no identity papers of any kind."
    opening = "When the camp opened, the residents came from many places. "
    for said in (
        "Ration card, identity card, passport, or any identity papers: they didn't have them.",
        "Every resident should get identity papers.",
        "Identity papers are important for every resident.",
    ):
        kit = FactKit.from_records([{"id": "camp", "text": opening + said}])
        assert kit.check(claim).verdict != "refuted", said
    stated = FactKit.from_records(
        [{"id": "camp", "text": "When the camp opened, the residents had identity papers."}]
    )
    assert stated.check(claim).verdict == "refuted"


def test_a_number_that_names_counts_nothing() -> None:
    claim = analyse("The charter gives every user three essential freedoms.")
    named = analyse("Freedom two is the freedom to vote and freedom 3 is the freedom to stand.")
    counted = analyse("The charter gives each user 3 freedoms.")
    assert not same_thing(claim, claim.quantities[0], named, named.quantities[-1])
    assert same_thing(claim, claim.quantities[0], counted, counted.quantities[0])
