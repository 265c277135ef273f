"""Issue 12, fifth round: an ordinal is not a figure ("the second bomb"), a claim's place must
be the one the sentence's clause about its subject gives ("inside the cathedral" against "the
second in its car park"), a count of a whole does not refute a count of a part ("fourteen
civilians" against "at least 20 were killed"), "as of <date>" dates a tally and not the
event, and a clock time ("1430 UTC") is never a figure. Sentences here are invented for the
rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.places import placed_elsewhere, places
from kit.language.facts import analyse

from .test_claims_round4 import findings, outcomes


def test_an_ordinal_is_not_a_figure() -> None:
    claim = "The third blast hit the depot at Marrow Quay."
    (ordinal,) = analyse(claim).quantities
    assert ordinal.kind == "ordinal"  # it says which blast: a part of the claim left unconfirmed
    sentence = "The first blast hit the depot at Marrow Quay, the third a warehouse."
    assert not [f for f in findings(claim, sentence) if f[0] == "quantity"]
    assert not [f for f in findings(claim, "Three blasts hit the depot at Marrow Quay.")]
    # the same ordinal, with the rest of the claim said, confirms it
    said = "The third blast hit the depot at Marrow Quay shortly after noon."
    assert ("ordinal", "match", "third") in findings(claim, said)
    # an ordinal alone, without the claim's words, confirms nothing
    assert not findings(claim, "The third blast at Marrow Quay was heard across the bay.")


def test_a_place_stated_otherwise_blocks_support() -> None:
    claim = "Two guards were hurt inside the chapel at Varn Abbey."
    elsewhere = (
        "At Varn Abbey a fire broke out inside the chapel; two guards were hurt in its car park."
    )
    assert "match" not in outcomes(claim, elsewhere)
    assert "mismatch" not in outcomes(claim, elsewhere)  # places nest: it never refutes
    there = (
        "At Varn Abbey a fire broke out in its car park; two guards were hurt inside the chapel."
    )
    assert outcomes(claim, there) == {"match"}
    # the clause about the claim's ordinal is the one compared
    bomb = analyse("The second bomb went off inside the chapel.")
    first = "The first bomb went off within the old chapel; the second in its car park."
    assert placed_elsewhere(bomb, analyse(first))
    second = "The first bomb went off in its car park; the second within the old chapel."
    assert not placed_elsewhere(bomb, analyse(second))


def test_places_are_common_nouns_after_a_locative() -> None:
    assert [p[0] for p in places("The bomb was left outside a restaurant.")] == ["restaur"]
    assert [p[0] for p in places("It went off within the Roman Catholic cathedral.")] == ["cathedr"]
    assert places("He was flown to Jakarta.") == []
    assert places("The fire was out within minutes.") == []
    assert places("Twin bombings struck the Jolo Cathedral in Mindanao.") == []
    claim = analyse("The bomb was left outside a mosque in Dunmere.")
    assert placed_elsewhere(claim, analyse("In Dunmere, the bomb was left outside a restaurant."))
    assert not placed_elsewhere(claim, analyse("The bomb in Dunmere was left outside a mosque."))
    # places nest: a finer place than the claim's, after another preposition, is no other place
    plant = analyse("The explosion at the Tarn plant happened at about noon.")
    assert not placed_elsewhere(
        plant, analyse("The blast happened at about noon in a storage hall.")
    )


def test_a_whole_count_does_not_refute_a_part() -> None:
    claim = "Fourteen civilians died in the Harlow depot bombing."
    whole = "Between the two blasts at the Harlow depot, at least 20 people were killed."
    assert "mismatch" not in outcomes(claim, whole)
    assert "mismatch" not in outcomes(claim, "The Harlow depot bombing killed at least 20.")
    # the same group counted otherwise still refutes
    same = "The Harlow depot bombing killed nine civilians."
    assert ("quantity", "mismatch", "nine civilians") in findings(claim, same)
    # a whole shown to count the claim's group (its workers are named) still refutes
    toll = (
        "The death toll from the Tarn explosion has risen to five, after two injured workers died."
    )
    assert "mismatch" in outcomes("Three workers were killed in the Tarn explosion.", toll)
    # and a part does not refute a claim about everyone
    assert "mismatch" not in outcomes(
        "Twenty people died in the Harlow depot bombing.",
        "The Harlow depot bombing killed fourteen civilians.",
    )


def test_as_of_dates_the_tally_not_the_event() -> None:
    claim = "312 aftershocks had followed the Corra Bay earthquake, as of Tuesday."
    event = "The Corra Bay earthquake struck on Saturday."
    assert "mismatch" not in outcomes(claim, event)
    # a tally dated otherwise still differs
    tally = "As of Monday, 312 aftershocks had followed the Corra Bay earthquake."
    assert ("date", "mismatch", "Monday") in findings(claim, tally)
    # and an event date against a tally's says nothing either
    said = "As of Friday, the Corra Bay earthquake had been followed by 312 aftershocks."
    assert "mismatch" not in outcomes("The Corra Bay earthquake struck on Saturday.", said)


def test_a_clock_time_is_never_a_figure() -> None:
    sentence = "At about 15:30 local time (1430 UTC) a fire broke out at the Tessel depot."
    assert not analyse(sentence).quantities
    assert not analyse("Police were called at 0120 GMT.").quantities
    claim = "The Tessel depot fire caused damage worth 500 million kroner."
    assert "mismatch" not in outcomes(claim, sentence)
    # a four-digit count is still a count
    assert analyse("The fire destroyed 1430 cars.").quantities


def test_an_office_of_another_country_refutes_though_the_country_is_not_named() -> None:
    claim = "Ola Brenne is the Prime Minister of Sweden."
    sentence = "The closure left Norwegian Prime Minister Ola Brenne stranded at the airport."
    assert ("name", "mismatch", "Norwegian Prime Minister Ola Brenne") in findings(claim, sentence)
    # the same country says nothing against it
    assert "mismatch" not in outcomes(
        "Ola Brenne is the Prime Minister of Norway.", sentence.replace("Norwegian", "Norway's")
    )


def test_an_apposition_gives_the_office_of_another_body() -> None:
    claim = "Tove Lind is an FAA spokeswoman."
    sentence = "Tove Lind, an NTSB spokeswoman, told reporters the inquiry would take months."
    assert ("name", "mismatch", "Tove Lind, an NTSB") in findings(claim, sentence)
    assert "mismatch" not in outcomes("Tove Lind is an NTSB spokeswoman.", sentence)
    # the office's own capitalised words ("Civil Aviation") are no other country
    civil = "Civil Aviation Minister Hardal Singh said 18 people died."
    assert "mismatch" not in outcomes("Hardal Singh is India's Civil Aviation Minister.", civil)


def test_a_direction_from_a_place_named_in_lower_case() -> None:
    claim = "The glider came down about a mile north of the airfield."
    sentence = "It came down in a field about a mile to the south of the airfield, police said."
    assert ("relation", "mismatch", "south") in findings(claim, sentence)
    assert "mismatch" not in outcomes(claim.replace("north", "south"), sentence)
