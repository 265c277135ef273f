"""Issue 12, eleventh round: a list gives each name its own figure, and a year that begins
a name tells two of a kind apart. Texts here are invented for the rules, not taken from any
claim set."""

from __future__ import annotations

from kit.api import FactKit
from kit.checking.evidence import _other_person
from kit.language.facts import analyse


def verdicts(text: str, *claims: str) -> list[str]:
    """The verdict of each claim over a corpus of one article."""
    kit = FactKit.from_records([{"id": "a", "text": text}])
    return [kit.check(claim).verdict for claim in claims]


def tells_apart(text: str, false_claim: str, true_claim: str) -> None:
    """Over one article: the false claim is not supported, the true one is."""
    other, own = verdicts(text, false_claim, true_claim)
    assert other != "supported"
    assert own == "supported"


def test_a_list_gives_each_name_its_own_figure() -> None:
    text = (
        "The league's cup has been played since 1950. Arden has won the cup twelve times, "
        "Belmar eight times, and Cossa three times."
    )
    other, own = verdicts(
        text, "Belmar has won the cup twelve times.", "Arden has won the cup twelve times."
    )
    assert other != "supported"
    assert own == "supported"


def test_a_year_that_begins_a_name_tells_two_of_a_kind_apart() -> None:
    text = (
        "The 2014 Harbour Survey was the first to count seals in the bay. "
        "The 2015 Harbour Survey was published on 3 May 2015."
    )
    kit = FactKit.from_records([{"id": "survey", "text": text}])
    assert kit.check(
        "The 2014 Harbour Survey was the first to count seals in the bay."
    ).verdict == ("supported")
    claim = "The 2015 Harbour Survey was the first to count seals in the bay."
    assert kit.check(claim).verdict != "supported"
    other = FactKit.from_records(
        [{"id": "s", "text": "The 2016 Harbour Survey was the first to count seals in the bay."}]
    )
    assert other.check("The 2014 Harbour Survey was published in May.").verdict != "refuted"


def test_another_person_s_act_supports_nothing_though_the_claim_s_term_is_there() -> None:
    claim = analyse(
        "Ada Lindqvist introduced the term 'Varnic' for the valley's languages in 1836."
    )
    other = analyse(
        "The term 'Varnic' for the valley's languages was introduced in 1836 by Tomas Berg."
    )
    assert _other_person(claim, other) == "Tomas Berg"
    same = analyse("The term 'Varnic' was introduced in 1836 by Ada Lindqvist.")
    assert _other_person(claim, same) is None


def test_the_figure_of_a_subject_of_another_kind_supports_nothing() -> None:
    text = (
        "According to the lamp survey, LED lamps use only 10% of the power of an old bulb, "
        "where compact fluorescent lamps use 20%."
    )
    other, own = verdicts(
        text,
        "LED lamps use 20% of the power of an old bulb.",
        "LED lamps use 10% of the power of an old bulb.",
    )
    assert other != "supported"
    assert own == "supported"
