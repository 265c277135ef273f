"""Issue 12, sixth round: a count of another head noun in a list ("three live otters") is not
the claim's count ("40 otter pelts"); a date inside a claim's range ("from 2014 to 2018")
contradicts neither end; kroner are a currency; "a 6.2 quake" states a magnitude; the phrase
a name stands in apposition to ("The mayor of Delling, Mara Voss,") titles it; a speaker named
with a title or a time before the verb, or after "according to", is the statement's speaker.
Sentences here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.evidence import hedged, speaker_said
from kit.checking.offices import office_titled
from kit.language.facts import analyse

from .test_claims_round4 import findings, outcomes


def test_a_count_of_another_head_noun_is_another_count() -> None:
    claim = "Rangers seized 40 otter pelts in 2019."
    listed = "In 2019 rangers seized 40 pelts, six skulls and three live otters."
    assert ("quantity", "match", "40 pelts") in findings(claim, listed)
    assert "mismatch" not in outcomes(claim, listed)
    # the modifier on the other side: "otters" are not "otter pelts" either
    assert "mismatch" not in outcomes(
        "Rangers seized three otters in 2019.", "In 2019 rangers seized 40 otter pelts."
    )
    # the same head is still compared
    assert "mismatch" in outcomes(claim, "In 2019 rangers seized 55 otter pelts.")


def test_the_claims_period_said_elsewhere_in_the_sentence_is_no_other_period() -> None:
    claim = "Rangers seized 40 otter pelts from 2014 to 2018."
    sentence = "A report from May noted rangers seized 40 pelts and six skulls from 2014 to 2018."
    assert ("quantity", "match", "40 pelts") in findings(claim, sentence)


def test_a_date_inside_the_claims_range_differs_from_neither_end() -> None:
    claim = "Rangers seized 40 otter pelts from 2014 to 2018."
    assert "mismatch" not in outcomes(claim, "Rangers seized 40 otter pelts in June 2016.")
    assert "mismatch" not in outcomes(claim, "Rangers seized the warehouse in June 2016.")


def test_kroner_are_a_currency() -> None:
    (worth,) = analyse("The storm caused damage worth 300 million kroner.").quantities
    assert (worth.value, worth.unit) == (300_000_000, "kr")
    assert analyse("It cost 12 million Norwegian kroner.").quantities[0].unit == "NOK"
    assert analyse("It cost SEK 40 million.").quantities[0].unit == "SEK"
    claim = "The storm caused damage worth 300 million kroner."
    said = "Damage from the storm was put at 300 million kroner."
    assert ("quantity", "match", "300 million kroner") in findings(claim, said)


def test_a_quake_with_a_fraction_states_its_magnitude() -> None:
    claim = "The March 3 earthquake in Varnholt had a magnitude of 5.1."
    assert "mismatch" in outcomes(claim, "Varnholt was shaken by a 6.2 quake on March 3.")
    assert "match" in outcomes(claim, "Varnholt was shaken by a 5.1 quake on March 3.")
    # a whole number before "quakes" counts them
    assert "mismatch" not in outcomes(claim, "Varnholt was shaken by 6 quakes on March 3.")


def test_a_name_in_apposition_to_an_office_holds_it() -> None:
    claim = analyse("Mara Voss is the mayor of Delling.")
    assert office_titled(claim, analyse("The mayor of Delling, Mara Voss, opened the bridge."))
    assert office_titled(claim, analyse("On Monday the mayor of Delling, Dr Mara Voss, spoke."))
    assert not office_titled(claim, analyse("The mayor of Delling, his deputy and Mara Voss met."))


def test_a_speaker_with_a_title_or_a_time_before_the_verb() -> None:
    titled = "Ida Brenn, a spokesperson for the Delling police, confirmed that two men were held."
    assert speaker_said("Ida Brenn", None, titled)
    timed = "The head of the Delling police, Ida Brenn, on Sunday said two men were held."
    assert speaker_said("Ida Brenn", "on Sunday", timed)
    according = "According to Chief Inspector Ida Brenn of the Delling police, two men were held."
    assert speaker_said("Ida Brenn", "the", according)
    assert not speaker_said("Ole Brenn", "the", according)
    assert not speaker_said("Ida Brenn", None, "Police told Ole Tarn that two men were held.")


def test_a_modal_does_not_hedge_a_title() -> None:
    claim = analyse("Ida Brenn is the spokesperson for the Delling police.")
    modal = "Ida Brenn, the spokesperson for the Delling police, said the inquiry could take weeks."
    assert not hedged(claim, modal)
    assert hedged(
        claim, "Ida Brenn, the spokesperson for the Delling police, claimed it was arson."
    )
    assert hedged(analyse("The inquiry will take weeks."), "The inquiry could take weeks.")
