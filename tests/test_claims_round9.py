"""Issue 12, ninth round: a noun both sides name but qualify differently ("a raw egg" / "a
hard-boiled egg") is another thing, so the sentence supports nothing. Sentences here are
invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.api import FactKit

from .test_claims_round4 import outcomes

_CONTEST = (
    "The Varnholm cooking contest ended on Sunday. In the last round, each finalist had to peel "
    "a raw egg without cracking its inner skin. The deputy finance minister Ola Brenn handed out "
    "the prizes."
)


def test_a_noun_qualified_otherwise_supports_nothing() -> None:
    kit = FactKit.from_records([{"id": "varnholm", "text": _CONTEST}])
    boiled = (
        "In the last round, each finalist had to peel a boiled egg without cracking its inner skin."
    )
    assert kit.check(boiled).verdict != "supported"
    raw = "In the last round, each finalist had to peel a raw egg without cracking its inner skin."
    assert kit.check(raw).verdict == "supported"


def test_an_office_qualified_otherwise_supports_nothing() -> None:
    claim = "The foreign minister Ola Brenn handed out the prizes."
    assert "match" not in outcomes(
        claim, "The deputy finance minister Ola Brenn handed out the prizes."
    )
    assert "match" in outcomes(claim, "The foreign minister Ola Brenn handed out the prizes.")


def test_a_figure_unit_is_no_qualifier() -> None:
    # "40-minute" is the figure of "a 40-minute crossing", compared as a figure
    kit = FactKit.from_records(
        [
            {
                "id": "ferry",
                "text": "The Tarn Belle left Oskby at noon for the 40-minute crossing to Hale.",
            }
        ]
    )
    assert (
        kit.check("The ferry crossing from Oskby to Hale takes 40 minutes.").verdict == "supported"
    )


def test_a_compass_word_in_a_name_qualifies_it() -> None:
    claim = "Ivo Marsh was convicted in the Western District of Arden in 2011."
    other = "Ivo Marsh was convicted of fraud in 2011 in the Northern District of Arden."
    assert "match" not in outcomes(claim, other)
    same = "Ivo Marsh was convicted of fraud in 2011 in the Western District of Arden."
    assert "match" in outcomes(claim, same)


def test_the_noun_of_an_of_phrase_qualifies_it() -> None:
    kit = FactKit.from_records(
        [
            {
                "id": "tovik",
                "text": "Professor Lena Quist is head of the academic department of operative "
                "surgery at Tovik University.",
            }
        ]
    )
    claim = "Lena Quist heads the academic department of neurosurgery at Tovik University."
    assert kit.check(claim).verdict != "supported"


def test_a_denial_of_another_ones_act_refutes_nothing() -> None:
    claim = "Mayor Dunn issued three pardons and two commutations on Monday."
    other = "Several aides urged Dunn not to commute Keller's sentence."
    assert "mismatch" not in outcomes(claim, other)
    # the claim's own named act, denied, still refutes
    mine = "Mayor Dunn commuted Keller's sentence on Monday."
    assert "mismatch" in outcomes(mine, "Mayor Dunn did not commute Keller's sentence on Monday.")


def test_a_denial_of_a_thing_qualified_otherwise_refutes_nothing() -> None:
    claim = "The council restored public access to the harbour archive."
    other = "Public access is not yet restored for the scanned archives of the museum."
    assert "mismatch" not in outcomes(claim, other)
    same = "Public access to the harbour archive is not yet restored, the council said."
    assert "mismatch" in outcomes(claim, same)


def test_a_denied_opinion_denies_its_clause_not_the_opinion() -> None:
    # "I don't think X" says not-X; it does not deny that the speaker thinks something else
    claim = "Mara Lind said she thinks every school should teach chess."
    other = "Mara Lind said: I don't think they should make chess compulsory for every school."
    assert "mismatch" not in outcomes(claim, other)


def test_an_aim_does_not_contradict_a_denial() -> None:
    claim = "Islanders who move to the mainland cannot vote in federal elections."
    aim = (
        "Three islanders who moved to the mainland sued to be allowed to vote in federal elections."
    )
    assert "mismatch" not in outcomes(claim, aim)
    fact = "Islanders who move to the mainland vote in federal elections."
    assert "mismatch" in outcomes(claim, fact)


def test_an_opening_participle_is_no_name() -> None:
    from kit.language.entities import find_names

    names = [
        n.text for n in find_names("Speaking in Tovik's town hall, Lena Quist promised a vote.")
    ]
    assert names == ["Tovik", "Lena Quist"]
    assert next(n.text for n in find_names("Beijing in the 1990s grew fast.")) == "Beijing"
    assert [n.text for n in find_names("Because they are nationals, Samoans cannot vote.")] == [
        "Samoans"
    ]
