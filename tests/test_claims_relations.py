"""Issue 12, second round: what the first held-out claim set got wrong (now dev data) as
general rules: qualified offices, the direction between two places, clock times, durations
of different things, a tally that "has fallen to", and sources whose figures disagree."""

from __future__ import annotations

from kit.checking.claims import ClaimCheck, evaluate_claims
from kit.checking.copies import CopyReport
from kit.checking.evidence import Evidence
from kit.checking.stance import compare, idf_weights
from kit.checking.verdicts import verdict_of
from kit.language.facts import Context, analyse
from kit.spans import Span


def findings(claim: str, sentence: str) -> list[tuple[str, str, str]]:
    c, s = analyse(claim), analyse(sentence)
    weights = idf_weights(c.keys, {}, 100)
    found = compare(c, s, Context(frozenset(), {}), weights)
    return [(f.kind, f.outcome, f.evidence_text(sentence)) for f in found]


def outcomes(claim: str, sentence: str) -> set[str]:
    return {outcome for _kind, outcome, _text in findings(claim, sentence)}


def test_a_qualified_title_is_not_the_office_itself() -> None:
    sentence = "NATO's acting Deputy Secretary General, Boris Ruge, chaired the meeting."
    assert ("name", "mismatch", "NATO's acting Deputy Secretary General") in findings(
        "Boris Ruge is NATO's Secretary General.", sentence
    )
    assert "mismatch" not in outcomes(
        "Boris Ruge is NATO's acting Deputy Secretary General.", sentence
    )
    deputy = "Ann Holm, the deputy mayor of Tarrow, said the bridge would reopen."
    assert "mismatch" in outcomes("Ann Holm is the mayor of Tarrow.", deputy)
    assert "mismatch" not in outcomes("Ann Holm is the deputy mayor of Tarrow.", deputy)


def test_former_refutes_a_present_office_but_not_a_past_one() -> None:
    sentence = "Former transport minister Ivo Brandl said the line was unsafe."
    assert "mismatch" in outcomes("Ivo Brandl is the transport minister.", sentence)
    assert "mismatch" not in outcomes("Ivo Brandl was the transport minister.", sentence)


def test_the_direction_between_two_places_must_match() -> None:
    sentence = "Ternopil, located around 220 kilometers east of NATO-member Poland, was on alert."
    assert ("relation", "mismatch", "east") in findings(
        "Ternopil lies about 220 kilometres west of Poland.", sentence
    )
    assert outcomes("Ternopil lies about 220 kilometres east of Poland.", sentence) == {"match"}
    # north against north-east says nothing either way; against south-east it refutes
    quarry = "The quarry lies 25 kilometres north-east of Orvik."
    assert "mismatch" not in outcomes("The quarry lies north of Orvik.", quarry)
    assert "mismatch" in outcomes("The quarry lies south of Orvik.", quarry)


def test_clock_times_are_compared() -> None:
    claim = "The ferry left Dunmere at 6.15 pm."
    assert ("date", "mismatch", "shortly after 7 pm") in findings(
        claim, "The ferry left Dunmere shortly after 7 pm on Sunday."
    )
    assert ("date", "match", "6.15 pm") in findings(claim, "The ferry left Dunmere at 6.15 pm.")
    # a time is a part of the claim: the words alone no longer support it
    assert findings(claim, "The ferry left Dunmere on Sunday evening.") == []


def test_durations_of_different_things_are_not_compared() -> None:
    claim = "The war had lasted 33 months when the missile struck Dnipro."
    flight = (
        "The missile was launched from Kapustin Yar and flew for 15 minutes before hitting Dnipro."
    )
    assert "mismatch" not in outcomes(claim, flight)
    same = "The missile flew for an hour before hitting its target."
    assert "mismatch" in outcomes(
        same, "The missile flew for 15 minutes before hitting its target."
    )


def test_a_tally_that_has_fallen_counts_what_it_names() -> None:
    sentence = "The number of people still missing has fallen to 28."
    assert ("quantity", "match", "28") in findings("28 people are still missing.", sentence)
    assert ("quantity", "mismatch", "28") in findings("45 people are still missing.", sentence)


def _supporting(source: str, sentence: str, figure: str, claim_says: str) -> Evidence:
    start = sentence.index(figure)
    return Evidence(
        Span(source, 0, len(sentence), sentence),
        "supports",
        0.9,
        "quantity",
        Span(source, start, start + len(figure), figure),
        claim_says,
    )


def test_independent_sources_with_different_figures_conflict() -> None:
    copies = CopyReport(["a", "b"], [], [])
    exact = _supporting("a", "The ferry carried 225 people.", "225 people", "about 240 people")
    rounded = _supporting(
        "b", "The ferry had about 240 people on board.", "about 240 people", "about 240 people"
    )
    assert verdict_of([exact, rounded], copies) == "conflicting"
    # a rounded figure agrees with an exact one that rounds to it
    near = _supporting("a", "The ferry carried 238 people.", "238 people", "about 240 people")
    assert verdict_of([near, rounded], copies) == "supported"


class _StubKit:
    """Only what `evaluate_claims` calls: `check` and `text`."""

    def __init__(self, highlight: Span) -> None:
        self.article = "The ferry carried 225 people."
        self.highlight = highlight

    def text(self, source: str) -> str:
        return self.article

    def check(self, claim: str) -> ClaimCheck:
        sentence = Span("a", 0, len(self.article), self.article)
        evidence = Evidence(sentence, "supports", 0.9, "quantity", self.highlight, "225 people")
        return ClaimCheck(claim, "supported", (evidence,), "1 source says 225 people", 1)


def test_evaluation_verifies_every_highlight_span() -> None:
    records = [{"id": "x", "claim": "The ferry carried 225 people.", "verdict": "supported"}]
    good = _StubKit(Span("a", 18, 28, "225 people"))
    assert evaluate_claims(good, records).scores[0].evidence_valid  # type: ignore[arg-type]
    bad = _StubKit(Span("a", 17, 27, "225 people"))  # off by one: not the quoted text
    assert not evaluate_claims(bad, records).scores[0].evidence_valid  # type: ignore[arg-type]
