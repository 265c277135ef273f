"""Issue 12, eighth round: an office named by the sentence before is not the office of the
sentence that names the person, and a misspelt name is no other name. Sentences here are
invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.api import FactKit

from .test_claims_round4 import outcomes

_OFFICES = (
    "Mayor Ilse Warrick is to be replaced by Dora Pell, the Treasurer of Lowden. The charter "
    "says the Clerk of Lowden would normally succeed the mayor, but that post stands empty "
    "following the resignation of Arno Festig over the scandal."
)


def test_an_office_named_only_the_sentence_before_supports_nothing() -> None:
    kit = FactKit.from_records([{"id": "lowden", "text": _OFFICES}])
    assert kit.check("Arno Festig resigned as Treasurer of Lowden over the scandal.").verdict == (
        "not_enough_info"
    )
    assert kit.check("Arno Festig resigned as Clerk of Lowden over the scandal.").verdict != (
        "refuted"
    )


def test_a_demonym_says_its_country(seed_kit: FactKit) -> None:
    # the seeds title him "Ukrainian Foreign Minister": "Ukraine's" is said
    assert seed_kit.check("Andrii Sybiha is Ukraine's foreign minister.").verdict == "supported"


def test_a_misspelt_name_does_not_refute() -> None:
    claim = "Mayor Tolliver Brandes filed the lawsuit against Castellano on behalf of the council."
    typo = "Mayor Tolliver Brandes filed the lawsuit against Castellnao on behalf of the council."
    assert "mismatch" not in outcomes(claim, typo)
    other = "Mayor Tolliver Brandes filed the lawsuit against Guerrero on behalf of the council."
    assert "mismatch" in outcomes(claim, other)


def test_a_count_left_dead_is_a_count_of_the_killed() -> None:
    claim = "At least 12 workers were killed in the blast at the Tarn mill."
    dead = "The blast hit the Tarn mill, which left at least 12 workers dead."
    assert "match" in outcomes(claim, dead)
    hurt = "The blast hit the Tarn mill, which left at least 12 workers injured."
    assert "match" not in outcomes(claim, hurt)


def test_a_count_its_subject_has_is_theirs_however_far_the_name() -> None:
    claim = "Ada and Piet Marr have eleven goats."
    far = (
        "On Monday in the county court at Lowden, a judge fined Ada and Piet Marr heavily and "
        "at length for neglecting and starving all but the youngest of their thirteen goats."
    )
    assert "mismatch" in outcomes(claim, far)
    assert "match" in outcomes("Ada and Piet Marr have thirteen goats.", far)
    # another's count is not theirs
    other = far.replace("their thirteen goats", "the thirteen goats of a neighbour")
    assert "mismatch" not in outcomes(claim, other)


def test_an_age_is_one_figure_however_written() -> None:
    sentence = "A farmer, Oskar Lind, aged 47, appeared in Lowden District Court on Monday."
    assert "match" in outcomes(
        "Oskar Lind, a 47-year-old farmer, appeared in Lowden District Court.", sentence
    )
    assert "match" in outcomes("Oskar Lind is 47 years old.", "Oskar Lind, aged 47, spoke.")
    # another age matches nothing, and is no refutation either: a sentence may give several
    other = outcomes(
        "Oskar Lind, a 52-year-old farmer, appeared in Lowden District Court.", sentence
    )
    assert "match" not in other and "mismatch" not in other


def test_another_part_of_speech_of_a_stem_denies_nothing() -> None:
    claim = "Under Ostria's constitution the treasurer normally succeeds the mayor."
    unconstitutional = (
        "The court found unconstitutional a 2005 law letting the treasurer succeed the mayor."
    )
    assert "mismatch" not in outcomes(claim, unconstitutional)
    without = (
        "A 2005 law of Ostria let the treasurer normally succeed the mayor without the "
        "constitutionally required vote."
    )
    assert "mismatch" not in outcomes(claim, without)
    # the same word form is still denied: "armed" and "unarmed"
    assert "mismatch" in outcomes(
        "The guards at the Lowden depot were armed.", "The guards at the Lowden depot were unarmed."
    )


def test_a_kin_of_name_is_a_person_not_another_place() -> None:
    from kit.checking.evidence import _other_place
    from kit.checking.stance import analyse

    claim = analyse("Lena Varo was killed in a raid in the Marsh region.")
    sentence = analyse("Lena Varo, daughter of Usama, was killed in a raid in the Marsh region.")
    at = (sentence.text.index("Varo,"), sentence.text.index("Varo,") + 4)
    assert _other_place(claim, sentence, at) is None
    elsewhere = analyse(
        "Lena Varo, a nurse from Tarn, was killed in a raid in the hills of Lowden."
    )
    assert _other_place(claim, elsewhere, (0, len(elsewhere.text))) == "Lowden"


def test_a_transliterated_name_does_not_refute() -> None:
    claim = "Tarek Ladan said the mill at Lowden had closed."
    assert "mismatch" not in outcomes(claim, "Tarek Ladin said the mill at Lowden had closed.")
    assert "mismatch" in outcomes(claim, "Tarek Fouad said the mill at Lowden had closed.")


def test_a_denial_inside_a_title_is_no_denial() -> None:
    claim = "The warning about the Tarn dam came from Ana Ruiz of the charity Have no fear."
    sentence = (
        'Calling it "just another warning", Ana Ruiz of "Have no fear", a support charity, '
        "told reporters the Tarn dam statement was late."
    )
    assert "match" not in outcomes(claim, sentence)
    # a plain denial both sides make still supports
    assert "match" in outcomes(
        "Nobody was hurt in the fire at the Tarn mill.",
        "Nobody was hurt in the fire at the Tarn mill.",
    )
