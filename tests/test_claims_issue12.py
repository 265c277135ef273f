"""Claim checks that never mislead (issue 12): the listed failures, the issue's claim sets and
the parts a claim is split into."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kit
from kit.api import FactKit
from kit.checking.claim_parts import same_speaker, split_claim
from kit.checking.claims import ClaimCheck, ClaimReport, evaluate_claims
from kit.checking.copies import copy_report
from kit.reading.model import model_available

from .conftest import DATA

RIVERTON = DATA / "riverton"


def _records(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def riverton() -> FactKit:
    return kit.open_corpus(RIVERTON)


def _invariant(factkit: FactKit, result: ClaimCheck) -> None:
    for e in result.evidence:
        for span in (e.sentence, e.highlight):
            if span is not None:
                assert factkit.text(span.source)[span.start : span.end] == span.quote


def _deciding(result: ClaimCheck, stance: str) -> list[str]:
    return [e.sentence.quote for e in result.evidence if e.stance == stance]


def _dangerous(report: ClaimReport) -> tuple[list[str], list[str]]:
    false_supported = [
        s.claim for s in report.scores if s.predicted == "supported" and s.gold != "supported"
    ]
    true_refuted = [
        s.claim for s in report.scores if s.predicted == "refuted" and s.gold == "supported"
    ]
    return false_supported, true_refuted


# -- the failures the issue lists --------------------------------------------------------------


def test_negation_prefix_refutes(seed_kit: FactKit) -> None:
    result = seed_kit.check("The Oreshnik carried six nuclear warheads.")
    assert result.verdict == "refuted", result.explanation
    assert any(e.highlight and e.highlight.quote == "nonnuclear" for e in result.evidence)
    assert seed_kit.check("The Oreshnik carried six nonnuclear warheads.").verdict == "supported"
    _invariant(seed_kit, result)


def test_lost_drones_are_not_shot_down(seed_kit: FactKit) -> None:
    result = seed_kit.check("Ukraine shot down 100 drones.")
    assert result.verdict != "supported", result.explanation
    assert not any("more than 90" in q for q in _deciding(result, "supports"))


def test_rumour_never_supports(riverton: FactKit) -> None:
    result = riverton.check("30 people died in the Riverton floods.")
    assert result.verdict != "supported", result.explanation
    rumour = [e for e in result.evidence if "may have died" in e.sentence.quote]
    assert all(e.stance == "related" for e in rumour)
    _invariant(riverton, result)


def test_wrong_office_refutes(seed_kit: FactKit) -> None:
    result = seed_kit.check("Jan Lipavský is Ukraine's foreign minister.")
    assert result.verdict == "refuted", result.explanation
    assert all("Czech" in (e.states or "") for e in result.evidence if e.stance == "refutes")
    assert seed_kit.check("Jan Lipavský is the Czech foreign minister.").verdict == "supported"


def test_superseded_toll_and_copied_source(riverton: FactKit) -> None:
    report = copy_report(riverton.index)
    assert report.independent_count(["riverton_a", "riverton_b"]) == 1
    assert report.independent_count(["riverton_a", "riverton_c"]) == 2
    result = riverton.check("12 people died in the Riverton floods.")
    assert result.verdict == "refuted", result.explanation
    assert any("has risen to 15" in q for q in _deciding(result, "refutes"))
    assert "superseded" in result.explanation
    _invariant(riverton, result)


def test_deaths_never_compared_with_shelters(riverton: FactKit) -> None:
    result = riverton.check("Mayor Elena Varga said 15 people had died.")
    assert result.verdict == "supported", result.explanation
    assert not any(
        "3,000" in q for q in _deciding(result, "supports") + _deciding(result, "refutes")
    )
    assert riverton.check("Mayor Elena Varga said 3,000 people had died.").verdict != "supported"


def test_duration_in_words_refutes(seed_kit: FactKit) -> None:
    result = seed_kit.check("The missile flew for an hour before hitting its target.")
    assert result.verdict == "refuted", result.explanation
    assert any(e.states == "15 minutes" for e in result.evidence if e.stance == "refutes")


def test_speaker_must_be_the_one_attributed(seed_kit: FactKit) -> None:
    assert seed_kit.check("Putin said the Oreshnik is in production.").verdict == "supported"
    wrong = seed_kit.check("Zelensky said 76 drones were shot down.")
    assert wrong.verdict == "refuted", wrong.explanation
    assert "Around 80" in wrong.explanation
    assert seed_kit.check("Zelensky said around 80 drones were shot down.").verdict == "supported"
    other = seed_kit.check("Jens Stoltenberg said the conflict is entering a decisive phase.")
    assert other.verdict == "not_enough_info", other.explanation


@pytest.mark.skipif(not model_available(), reason="the trained reader model is not installed")
def test_reader_finds_the_subject(seed_kit: FactKit) -> None:
    result = seed_kit.check("Boris Ruge chaired the NATO-Ukraine Council meeting.")
    assert result.verdict == "supported", result.explanation
    assert any("Boris Ruge" in q for q in _deciding(result, "supports"))


def test_denial_and_other_place(riverton: FactKit) -> None:
    assert riverton.check("The Alder dam failed.").verdict == "refuted"
    assert riverton.check("Nobody died in Riverton.").verdict == "refuted"
    assert riverton.check("No fatalities were reported in Millbrook.").verdict == "supported"


# -- the claim sets: supported must be right, no true claim refuted ------------------------------


@pytest.mark.parametrize(
    ("name", "corpus"), [("claims_issue12.jsonl", None), ("claims_riverton.jsonl", RIVERTON)]
)
def test_issue_claim_sets(seed_kit: FactKit, name: str, corpus: Path | None) -> None:
    factkit = seed_kit if corpus is None else kit.open_corpus(corpus)
    report = evaluate_claims(factkit, _records(DATA / name))
    false_supported, true_refuted = _dangerous(report)
    assert not false_supported and not true_refuted, "\n".join(report.details())
    summary = report.summary()
    assert summary["evidence_validity"] == 1.0
    assert summary["label_accuracy"] >= 0.9, "\n".join(report.details())


# -- claim parts -------------------------------------------------------------------------------


def test_split_claim_speaker_and_questions() -> None:
    parts = split_claim("Zelensky said 76 drones were shot down.")
    assert parts.speaker == "Zelensky" and parts.statement == "76 drones were shot down."
    assert parts.questions == ("How many drones were shot down?",)
    hour = split_claim("The missile flew for an hour before hitting its target.")
    assert hour.speaker is None
    assert hour.questions == ("How long did the missile fly before hitting its target?",)
    assert split_claim("Ukraine shot down 100 drones.").questions == (
        "How many drones did Ukraine shoot down?",
    )
    assert split_claim("According to the interior ministry, twelve people died.").speaker == (
        "the interior ministry"
    )
    assert split_claim("No fatalities were reported in Millbrook.").speaker is None


def test_subject_question() -> None:
    parts = split_claim("Boris Ruge chaired the NATO-Ukraine Council meeting.")
    assert parts.questions == ("Who chaired the NATO-Ukraine Council meeting?",)


def test_same_speaker() -> None:
    assert same_speaker("Zelensky", "Volodymyr Zelenskyy / Володимир Зеленський")
    assert same_speaker("Ukrainian officials", "Ukrainian military officials")
    assert not same_speaker("Zelensky", "Kyiv")
    assert not same_speaker("Putin", None)


def test_check_as_a_frame(seed_kit: FactKit) -> None:
    result = seed_kit.check("The Oreshnik carried six nuclear warheads.")
    frame = result.to_frame()
    assert len(frame) == len(result.evidence)
    assert list(frame["stance"]) == [e.stance for e in result.evidence]
    first = frame.iloc[0]
    assert seed_kit.text(first["source"])[first["start"] : first["end"]] == first["quote"]


def test_every_figure_of_the_claim_must_be_stated() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "bus",
                "text": "A bus crashed near Baracoa on Thursday. According to reports, of the "
                "40 passengers, 22 were Cuban.",
            }
        ]
    )
    wrong = factkit.check("Of the 40 passengers, 30 were Cuban.")
    assert wrong.verdict != "supported", wrong.explanation
    assert factkit.check("Of the 40 passengers, 22 were Cuban.").verdict == "supported"


@pytest.mark.skipif(not model_available(), reason="the trained reader model is not installed")
def test_reader_subject_needs_the_claims_other_names() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "run",
                "text": "Yesterday, Eliud Kipchoge from Kenya ran a marathon in less than two "
                "hours.\n\nKipchoge ran in Vienna, Austria.",
            }
        ]
    )
    assert factkit.check("Kipchoge ran the marathon in Berlin.").verdict != "supported"


def test_an_act_called_off_is_not_stated() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "fire",
                "text": "The roof of the cathedral caught fire yesterday. President Emmanuel "
                "Macron cancelled an address he was to have given during the evening and "
                "instead went to the scene.",
            }
        ]
    )
    result = factkit.check("Emmanuel Macron gave an address during the evening.")
    assert result.verdict != "supported", result.explanation


def test_a_date_alone_does_not_say_what_happened() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "launch",
                "text": "The originally planned launch on Wednesday afternoon was scrubbed due to "
                "bad weather. Unlike Wednesday's scrub, yesterday's launch proceeded without "
                "issue.",
            }
        ]
    )
    assert factkit.check("The Wednesday launch proceeded without issue.").verdict != "supported"
    assert factkit.check("The Wednesday launch was scrubbed due to bad weather.").verdict == (
        "supported"
    )


def test_numbers_in_names_and_denied_predicates() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "crash",
                "text": "The cockpit voice recorder from Lion Air Flight 610 has been recovered. "
                "All 189 on the aircraft died. The new Boeing 737 Max was not airworthy, "
                "investigators have said. The selected bill does not offer couples all the "
                "same rights.",
            }
        ]
    )
    survived = factkit.check("Some passengers of Lion Air Flight 610 survived.")
    assert survived.verdict != "supported", survived.explanation
    airworthy = factkit.check("The Boeing 737 Max was airworthy.")
    assert airworthy.verdict == "refuted", airworthy.explanation
    assert factkit.check("The Boeing 737 Max was not airworthy.").verdict == "supported"
    offers = factkit.check("The selected bill offers couples all the same rights.")
    assert offers.verdict == "refuted", offers.explanation


def test_another_persons_figure_does_not_support() -> None:
    factkit = FactKit.from_records(
        [
            {
                "id": "race",
                "text": "Karsten Warholm won the final. Warholm won the gold medal with a time "
                "of 47.42 seconds. The silver medal was won by Rai Benjamin, who finished the "
                "race in 47.66 seconds. The world record stands at 46.78 seconds and belongs "
                "to Kevin Young.",
            }
        ]
    )
    assert factkit.check("Warholm won the gold medal with a time of 47.42 seconds.").verdict == (
        "supported"
    )
    for claim in (
        "Warholm won the gold medal with a time of 47.66 seconds.",
        "The world record of 46.78 seconds belongs to Karsten Warholm.",
    ):
        result = factkit.check(claim)
        assert result.verdict != "supported", result.explanation


def test_exclusive_words_refute() -> None:
    """A medal's colour, a place in a ranking and how often something recurs exclude each
    other: the silver is not the gold, every other year is not every year."""
    factkit = FactKit.from_records(
        [
            {
                "id": "race",
                "text": "Karsten Warholm won the 400 metres hurdles final in Doha. The silver "
                "medal was won by Rai Benjamin from the United States. Third place and the "
                "bronze medal went to Abderrahman Samba of Qatar. The World Athletics "
                "Championships are held every other year.",
            }
        ]
    )
    for claim in (
        "Rai Benjamin won the gold medal.",
        "Abderrahman Samba won the silver medal.",
        "The World Athletics Championships are held every year.",
    ):
        result = factkit.check(claim)
        assert result.verdict == "refuted", (claim, result.explanation)
        _invariant(factkit, result)
    benjamin = factkit.check("Rai Benjamin won the silver medal.")
    assert benjamin.verdict == "supported", benjamin.explanation
    every = factkit.check("The World Athletics Championships are held every other year.")
    assert every.verdict == "supported", every.explanation


def test_exclusive_readings() -> None:
    from kit.checking.exclusive import contradiction, readings

    assert [r.value for r in readings("He finished third, then won gold.")] == ["3", "gold"]
    assert readings("This is the first time anyone has done it.") == []
    assert contradiction("held every year", "held every other year") is not None
    assert contradiction("held every two years", "held every other year") is None
    assert contradiction("won the gold medal", "won the 400 m final") is None


def test_a_measure_of_another_thing_does_not_refute() -> None:
    """Warholm's personal best is not the world record: a measure that names what it is the
    value of is compared only with a measure of the same thing."""
    factkit = FactKit.from_records(
        [
            {
                "id": "record",
                "text": "Earlier this year, Warholm set a personal best time of 46.92 seconds. "
                "The world record stands at 46.78 seconds and belongs to Kevin Young.",
            }
        ]
    )
    result = factkit.check("The world record of 46.78 seconds belongs to Kevin Young.")
    assert result.verdict == "supported", result.explanation
    wrong = factkit.check("The world record of 46.50 seconds belongs to Kevin Young.")
    assert wrong.verdict == "refuted", wrong.explanation
    _invariant(factkit, wrong)


def test_a_date_in_a_sentence_without_a_verb_ends() -> None:
    """spaCy makes a new Token object on every `.head`, so `token.head is not token` never
    stopped at the root of a verbless sentence ("Emergency talks for Tuesday.") and a claim
    check over such a sentence looped for ever."""
    from kit.checking.counted import date_event as _date_event

    text = "Emergency talks for Tuesday."
    start = text.index("Tuesday")
    assert _date_event(text, start, start + len("Tuesday")) == set()
    text = "The council met on Tuesday."
    start = text.index("Tuesday")
    assert _date_event(text, start, start + len("Tuesday"))  # the verb "met" and its subject
