"""Issue 12, seventh round: a words-only match that misses the claim's point. A claim that
denies is not stated by a sentence that denies nothing; a sentence that reports a finding and
its revision states only the revised one; a copular claim's predicate noun ("a resident of")
must be said; a name ending in a designator ("Rockland County") is not named by another name
with the same designator. Sentences here are invented for the rules, not taken from any claim
set."""

from __future__ import annotations

from .test_claims_round4 import outcomes


def test_a_denial_is_not_stated_by_an_affirmation() -> None:
    claim = "No one has been charged over the fire at the Marlow depot."
    assert "match" not in outcomes(
        claim, "Police charged a man over the fire at the Marlow depot on Monday."
    )
    # a sentence that denies it too still supports
    assert "match" in outcomes(claim, "No one has been charged over the fire at the Marlow depot.")


def test_a_revised_finding_states_only_the_revision() -> None:
    claim = "Inspectors stated the leaking tank held diesel."
    revised = (
        "Initial reports stated the leaking tank held diesel; inspectors later stated it "
        "held only rainwater."
    )
    assert "match" not in outcomes(claim, revised)
    # the claim of the revision itself is said by the later part
    later = "Inspectors later stated the leaking tank held only rainwater."
    assert "match" in outcomes("Inspectors stated the leaking tank held only rainwater.", later)


def test_a_copular_claims_noun_must_be_said() -> None:
    claim = "Mara Velt is a resident of Lowden, Ostria."
    assert "match" not in outcomes(
        claim, "Mara Velt, the driver in a crash in Lowden, Ostria, spoke."
    )
    assert "match" in outcomes(claim, "Mara Velt, a resident of Lowden, Ostria, spoke on Friday.")


def test_a_designator_does_not_name_another_place() -> None:
    claim = "Harlow is the county seat for Brent County, Ostria."
    assert "match" not in outcomes(claim, "Harlow is the county seat for Marsh County, Ostria.")
    assert "match" in outcomes(claim, "Harlow is the county seat for Brent County, Ostria.")


def test_others_of_another_verb_are_not_the_claims_count() -> None:
    claim = "Three of Vane's guards died."
    sentence = "On Monday two of Vane's guards died, and three others were badly hurt."
    assert "match" not in outcomes(claim, sentence)
    # "others" with the claim's own verb are still counted
    counted = "On Monday two of Vane's guards were hurt, and three others died."
    assert "match" in outcomes(claim, counted)


def test_a_matching_date_of_another_verb_does_not_date_the_claim() -> None:
    claim = "Ida Moor bought the Selby mill in 2010."
    sentence = (
        "A paper writing in 2010 about Ida Moor, who had bought the Selby mill in 2003, said so."
    )
    assert "match" not in outcomes(claim, sentence)
    # the claim's own verb with the claim's date still supports
    assert "match" in outcomes(claim, "Ida Moor bought the Selby mill in 2010, a paper said.")
