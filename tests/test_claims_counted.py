"""Issue 12, third round: a claim is refuted only when the evidence is shown to be about the
same thing (the same counted noun or event, the same source, the same thing lasting), and
negations in the claim itself ("None of ... were", "denied that") flip the right words.
Sentences here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.offices import office_titled
from kit.checking.stance import compare, idf_weights
from kit.language.facts import Context, analyse, denied_figure


def findings(claim: str, sentence: str) -> list[tuple[str, str, str]]:
    c, s = analyse(claim), analyse(sentence)
    weights = idf_weights(c.keys, {}, 100)
    found = compare(c, s, Context(frozenset(), {}), weights)
    return [(f.kind, f.outcome, f.evidence_text(sentence)) for f in found]


def outcomes(claim: str, sentence: str) -> set[str]:
    return {outcome for _kind, outcome, _text in findings(claim, sentence)}


def test_a_bare_number_of_something_else_does_not_refute() -> None:
    # the claim counts employees; the sentence's figures are a toll and a magnitude
    assert "mismatch" not in outcomes(
        "The Brenner quarry employs about 300 people.", "The Brenner quarry toll rises to six."
    )
    assert "mismatch" not in outcomes(
        "Geonet recorded 412 aftershocks after the Tarlo quake.",
        "Geonet recorded the Tarlo quake as magnitude 5.9.",
    )
    # the same counted noun with another value still refutes
    assert ("quantity", "mismatch", "310 aftershocks") in findings(
        "Geonet recorded 412 aftershocks after the Tarlo quake.",
        "Geonet recorded 310 aftershocks after the Tarlo quake.",
    )


def test_a_flight_number_is_a_label_not_a_count() -> None:
    facts = analyse("There were 140 people on board Nordair flight 2210.")
    assert [facts.text[q.start : q.end] for q in facts.quantities] == ["140"]
    assert "mismatch" not in outcomes(
        "There were 140 people on board Nordair flight 2210.",
        "Nordair flight 2210 was flying from Oslo to Tromso.",
    )


def test_none_of_them_were_negates_the_predicate_not_the_people() -> None:
    claim = "None of the workers who died at the Brask mill were over 60."
    facts = analyse(claim)
    assert "worker" not in facts.negated and "death" not in facts.negated
    assert denied_figure(facts, facts.quantities[0])
    # an article saying workers died does not deny the claim
    assert "mismatch" not in outcomes(claim, "Three workers died at the Brask mill on Friday.")
    # the same denial supports it; the figure affirmed is refuted by it
    assert outcomes(claim, "None of the workers who died at the Brask mill were over 60.") == {
        "match"
    }
    assert "mismatch" in outcomes(
        "Workers over 60 were among those who died at the Brask mill.",
        "None of the workers who died at the Brask mill were over 60.",
    )


def test_a_denial_negates_the_clause_not_the_names_in_it() -> None:
    facts = analyse("Ola Brun denied that Tessa Steel had hidden the report.")
    assert "steel" not in facts.negated and "brun" not in facts.negated
    sentence = "The chairman of Tessa Steel, Ola Brun, denied that the firm had hidden the report."
    assert "mismatch" not in outcomes(
        "Ola Brun denied that Tessa Steel had hidden the report.", sentence
    )
    assert "match" in outcomes("Ola Brun denied that Tessa Steel had hidden the report.", sentence)


def test_a_claimed_denial_is_settled_only_by_the_same_speaker() -> None:
    claim = "Ola Brun denied that Tessa Steel had hidden the report."
    # someone else affirming it does not refute what Brun said
    assert "mismatch" not in outcomes(
        claim, "Union leaders said Tessa Steel had hidden the report."
    )
    # Brun himself saying it does
    assert "mismatch" in outcomes(claim, "Ola Brun said that Tessa Steel had hidden the report.")
    # a denial in the evidence still refutes a plain claim of the denied fact
    assert "mismatch" in outcomes(
        "The Vell dam failed.", "Police denied that the Vell dam had failed."
    )


def test_a_word_denied_on_one_side_blocks_a_word_match() -> None:
    assert "match" not in outcomes(
        "The Harlow council denied any damage to the bridge.",
        "The Harlow council confirmed damage to the bridge.",
    )


def test_chief_is_a_rank_of_the_office() -> None:
    sentence = "Mara Lind, a former associate judge of the Orvik High Court, died on Monday."
    assert "mismatch" in outcomes("Mara Lind was Chief Judge of the Orvik High Court.", sentence)
    # the words "Chief Judge" elsewhere in the sentence do not give her the title
    other = "Chief Judge Per Aas said that Judge Mara Lind of the Orvik High Court had died."
    claim = analyse("Mara Lind was Chief Judge of the Orvik High Court.")
    assert office_titled(claim, analyse(other)) is False
    assert "match" not in outcomes("Mara Lind was Chief Judge of the Orvik High Court.", other)
    assert office_titled(analyse("Per Aas is the Chief Judge."), analyse(other)) is True


def test_a_figure_credited_to_another_source_is_not_the_claims_source() -> None:
    sentence = (
        "Magnitude 5.8 according to Geonet, the Tarlo quake was recorded as magnitude 5.9 "
        "by the EMSC."
    )
    assert "match" not in outcomes("Geonet recorded the Tarlo quake as magnitude 5.9.", sentence)
    assert "mismatch" in outcomes("Geonet recorded the Tarlo quake as magnitude 5.9.", sentence)
    assert "match" in outcomes("The EMSC recorded the Tarlo quake as magnitude 5.9.", sentence)


def test_passengers_and_crew_are_the_people_on_board() -> None:
    sentence = "The Vessa was carrying 180 passengers and crew when it ran aground."
    assert ("quantity", "mismatch", "180 passengers") in findings(
        "The Vessa had about 300 people on board.", sentence
    )
    assert "match" in outcomes("The Vessa had about 180 people on board.", sentence)


def test_an_hour_is_a_duration_after_a_verb_of_lasting() -> None:
    facts = analyse("The drive to Halm usually takes about an hour.")
    (q,) = facts.quantities
    assert (q.value, q.unit, q.qualifier) == (1.0, "hours", "approximate")
    assert analyse("They met in an hour of need.").quantities == ()
    assert "mismatch" in outcomes(
        "The drive to Halm takes 20 minutes.", "The drive to Halm usually takes about an hour."
    )


def test_durations_of_different_things_taking_time_are_not_compared() -> None:
    # "takes" is shared, but an inquiry and a crossing are different things
    assert "mismatch" not in outcomes(
        "The inquiry into the Vessa grounding will take at least a year.",
        "The crossing to Halm takes about an hour, the Vessa's owners said.",
    )
