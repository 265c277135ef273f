"""Issue 12, fourth round: a claimed speaker named as a body ("The union said"), a verb
denied by its object ("injured no one"), a denial about another occasion, a participle both
sides count with, amounts said in words ("a month", "about half"), a sentence that confirms a
claim's date but not its figure, and a count that restates another ("put the number at 19").
Sentences here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.api import FactKit
from kit.checking.claim_parts import split_claim
from kit.checking.claims import _partial
from kit.checking.stance import compare, idf_weights, states_its_amounts
from kit.language.facts import Context, analyse


def findings(claim: str, sentence: str, before: str = "") -> list[tuple[str, str, str]]:
    c, s = analyse(claim), analyse(sentence)
    weights = idf_weights(c.keys, {}, 100)
    found = compare(c, s, Context(analyse(before).keys, {}), weights)
    return [(f.kind, f.outcome, f.evidence_text(sentence)) for f in found]


def outcomes(claim: str, sentence: str, before: str = "") -> set[str]:
    return {outcome for _kind, outcome, _text in findings(claim, sentence, before)}


def test_a_body_named_with_the_is_a_speaker() -> None:
    assert split_claim("The union said 19 workers were in the hall.").speaker == "The union"
    assert split_claim("The Taliban claimed 190 people died.").speaker == "The Taliban"
    assert split_claim("The local officials said 32 people died.").speaker == "The local officials"
    # a thing is no speaker, and a passive stays a statement
    assert split_claim("The missile flew for an hour.").speaker is None
    assert split_claim("The death toll reported was 5.").speaker is None


def test_a_verb_with_no_one_as_object_is_denied() -> None:
    assert "injury" in analyse("Its only previous fire, in 2009, injured no one.").negated
    assert "death" in analyse("The blast killed nobody.").negated
    assert "say" not in analyse("The mayor said nobody died.").negated
    claim = "Nobody was hurt in the 2009 fire at the Tarn mill."
    assert outcomes(claim, "The Tarn mill's only previous fire, in 2009, injured no one.") == {
        "match"
    }


def test_a_denial_of_another_occasion_does_not_refute() -> None:
    claim = "Nobody was hurt in the 2009 fire at the Tarn mill."
    other = "Two injured workers died in hospital on Friday after the Tarn mill fire."
    assert "mismatch" not in outcomes(claim, other)
    # the same occasion, affirmed, still refutes
    assert "mismatch" in outcomes(claim, "The 2009 fire at the Tarn mill injured four workers.")


def test_a_participle_both_sides_count_with_is_not_the_event() -> None:
    claim = "Three of the injured miners died in hospital on Monday."
    sentence = "The toll has risen to six after three injured miners died in hospital on Monday."
    assert ("quantity", "match", "three injured") in findings(claim, sentence)


def test_another_count_on_another_day_says_nothing() -> None:
    claim = "Three of the injured miners died in hospital on Monday."
    # fewer words counted ("miners", not "injured miners") and another day: another occasion
    assert "mismatch" not in outcomes(claim, "At least four miners were killed on Saturday.")
    # the same count on another day still refutes
    assert "mismatch" in outcomes(claim, "Three of the injured miners died in hospital on Sunday.")


def test_amounts_in_words_must_be_the_claims() -> None:
    claim = analyse("Workers had reported a leaking pipe a month before the fire.")
    assert not states_its_amounts(
        claim, analyse("Workers had reported a leaking pipe a week before the fire.")
    )
    assert states_its_amounts(
        claim, analyse("Workers had reported a leaking pipe a month before the fire.")
    )
    half = "The plant supplied about half of the island's homes."
    assert "match" not in outcomes(
        half, "The plant supplied about a quarter of the island's homes."
    )
    assert "match" in outcomes(half, "The plant supplied about half of the island's homes.")
    # words inside a figure count: "two hours" states the hour
    race = analyse("Tanui ran the sub-two-hour race.")
    assert states_its_amounts(race, analyse("Tanui ran the race in less than two hours."))


def test_a_date_without_the_claims_figure_is_partial() -> None:
    claim = analyse("The March 3 quake had a magnitude of 5.1.")
    sentence = "The region was hit by a 6.0 quake that struck on March 3."
    found = compare(
        claim, analyse(sentence), Context(frozenset(), {}), idf_weights(claim.keys, {}, 100)
    )
    assert any(f.kind == "date" and f.outcome == "match" for f in found)
    assert _partial(claim, found)


def test_a_name_after_without_is_not_denied() -> None:
    claim = "Tarn Power supplied about a quarter of the island's homes."
    sentence = "Without Tarn Power the island's other plants would run at full capacity."
    assert "mismatch" not in outcomes(claim, sentence)


def test_a_restated_count_makes_two_counts_of_one_thing() -> None:
    text = (
        "An explosion hit the Tarn mill on Monday. Tarn Mills said 14 workers were in the "
        "boiler room when it exploded. The workers' union put the number at 19."
    )
    factkit = FactKit.from_records([{"id": "tarn", "text": text}])
    check = factkit.check("14 workers were in the boiler room when it exploded.")
    assert check.verdict == "conflicting"
    assert "14 workers / 19" in check.explanation
    stances = {e.sentence.quote: e.stance for e in check.evidence if e.stance != "related"}
    assert stances["The workers' union put the number at 19."] == "refutes"
    for e in check.evidence:
        for span in (e.sentence, e.highlight):
            if span is not None:
                assert text[span.start : span.end] == span.quote
