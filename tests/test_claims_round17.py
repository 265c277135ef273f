"""Issue 12, seventeenth round, from the nineteenth held-out set's encyclopedic text: a
subject's name without the clause hung on it, the reader's answer held to the same act-and-
role rules as a sentence, and a weekday inside a title. Texts here are invented for the
rules, not taken from any claim set."""

from __future__ import annotations

from kit.language.dates import find_dates

from .test_claims_round11 import tells_apart


def test_a_clause_hung_on_the_subject_does_not_name_the_doer() -> None:
    text = "In 1921, Ada Brill, helped by a loan from Ivo Castell, founded the Arden Glass Works."
    tells_apart(
        text,
        "Ivo Castell founded the Arden Glass Works in 1921, helped by a loan from Ada Brill.",
        "Ada Brill founded the Arden Glass Works in 1921.",
    )


def test_two_names_swapped_around_the_verb_are_not_confirmed() -> None:
    text = (
        "To map the northern valleys, Ivo Castell and his team hired Brill to survey the"
        " Arden pass."
    )
    tells_apart(
        text,
        "Ada Brill hired Ivo Castell and his team to survey the Arden pass.",
        "Ivo Castell and his team hired Brill to survey the Arden pass.",
    )


def test_a_weekday_in_a_title_is_no_date() -> None:
    text = "Its sister paper The Sunday Courier (founded in 1821) is printed in Arden."
    assert [text[d.start : d.end] for d in find_dates(text)] == ["1821"]
    assert [d.kind for d in find_dates("On Sunday Mayor Brill said so.")] == ["weekday"]
