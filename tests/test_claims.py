"""Claim checks: gold and reworded verdicts, evidence invariants, stance reasons, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.api import FactKit
from kit.checking.claims import VERDICTS, ClaimCheck, evaluate_claims
from kit.checking.stance import analyse
from kit.cli import main
from kit.errors import KitError
from kit.present.render import claim_lines

from .conftest import DATA, GOLD_CLAIMS


def _records(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _assert_invariant(kit: FactKit, result: ClaimCheck) -> None:
    for e in result.evidence:
        assert kit.text(e.sentence.source)[e.sentence.start : e.sentence.end] == e.sentence.quote
        if e.highlight is not None:
            assert e.sentence.contains(e.highlight)
            assert kit.text(e.highlight.source)[e.highlight.start : e.highlight.end] == (
                e.highlight.quote
            )


@pytest.mark.parametrize("record", _records(GOLD_CLAIMS), ids=lambda r: r["id"])
def test_gold_claims(seed_kit: FactKit, record: dict[str, str]) -> None:
    result = seed_kit.check(record["claim"])
    assert result.verdict == record["verdict"], result.explanation
    _assert_invariant(seed_kit, result)


def test_dev_claims_all_right(seed_kit: FactKit) -> None:
    records = _records(DATA / "claims_dev.jsonl")
    report = evaluate_claims(seed_kit, records)
    wrong = [line for line in report.details() if line.startswith("ERR")]
    assert not wrong, "\n".join(wrong)
    summary = report.summary()
    assert summary["label_accuracy"] == 1.0 and summary["evidence_validity"] == 1.0
    assert set(report.by_type()) == {"supported", "refuted", "not_enough_info"}


def test_mach_explanation_names_both_values(seed_kit: FactKit) -> None:
    result = seed_kit.check("The Oreshnik flew at Mach 5.")
    assert result.verdict == "refuted"
    assert result.explanation.startswith("claim says Mach 5; 2 sources say Mach 11")
    refuting = [e for e in result.evidence if e.stance == "refutes"]
    assert {e.highlight.quote for e in refuting if e.highlight} == {"Mach 11"}
    assert {e.sentence.source[:3] for e in refuting} == {"000", "002"}


def test_negation_refutes_fatalities(seed_kit: FactKit) -> None:
    result = seed_kit.check("The missile strike on Dnipro killed dozens of people.")
    polarity = [e for e in result.evidence if e.reason == "polarity"]
    assert {e.highlight.quote for e in polarity if e.highlight} == {"no fatalities"}
    assert all(e.stance == "refutes" for e in polarity)


def test_evidence_carries_attribution(seed_kit: FactKit) -> None:
    result = seed_kit.check("The Oreshnik reached Mach 11.")
    first = result.to_dict()["evidence"][0]
    assert first["stance"] == "supports"
    assert {"source", "start", "end", "quote", "attributed_to", "hedges"} <= set(first)
    assert first["attributed_to"] == "Ukrainian officials"


def test_conflicting_sources(tmp_path: Path) -> None:
    kit = FactKit.from_records(
        [
            {
                "id": "a",
                "text": "The Harbor Bridge in Portvale is 300 meters long. It opened in "
                "1998 after six years of work.",
            },
            {
                "id": "b",
                "text": "Engineers inspected the Harbor Bridge in Portvale on Monday. "
                "The bridge is 450 meters long, the city said.",
            },
        ]
    )
    result = kit.check("The Harbor Bridge in Portvale is 300 meters long.")
    assert result.verdict == "conflicting"
    stances = {e.sentence.source: e.stance for e in result.evidence if e.stance != "related"}
    assert stances == {"a": "supports", "b": "refutes"}
    assert result.independent_sources == 2
    assert "450 meters" in result.explanation


def test_claim_review_json_ld(seed_kit: FactKit) -> None:
    review = seed_kit.check("NATO has 30 member countries.").claim_review()
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == "NATO has 30 member countries."
    assert review["reviewRating"]["alternateName"] == "refuted"
    assert review["reviewRating"]["ratingValue"] == 1
    appearances = review["itemReviewed"]["appearance"]
    assert {a["identifier"][:3] for a in appearances} == {"003", "004"}
    assert all("32 member" in a["text"] for a in appearances)
    json.dumps(review)


def test_lines_for_people(seed_kit: FactKit) -> None:
    lines = claim_lines(seed_kit.check("NATO has 30 member countries."), color=False)
    assert lines[0] == "REFUTED: NATO has 30 member countries."
    assert any("«32 member countries»" in line for line in lines)


def test_claim_facts_read_figures_negation_and_names() -> None:
    facts = analyse("Nobody died in the Oreshnik strike on Dnipro.")
    assert "death" in facts.negated
    assert [n.text for n in facts.names] == ["Oreshnik", "Dnipro"]
    assert not analyse("Russia launched 188 drones in one night.").quantities[1:]


def test_empty_claim_is_an_error(seed_kit: FactKit) -> None:
    with pytest.raises(KitError, match="claim is empty"):
        seed_kit.check("   ")


def test_bad_gold_record_is_an_error(seed_kit: FactKit) -> None:
    with pytest.raises(KitError, match="needs a `claim` string and a `verdict`"):
        evaluate_claims(seed_kit, [{"id": "x", "claim": "NATO has 32 members.", "verdict": "ok"}])


def test_cli_check_json(capsys: pytest.CaptureFixture[str], seed_kit: FactKit) -> None:
    assert main(["check", "NATO has 30 member countries.", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "refuted" and out["verdict"] in VERDICTS
    assert {"claim", "verdict", "evidence"} <= set(out)


def test_the_verdict_vocabulary_is_one_literal_type() -> None:
    from typing import get_args

    from kit.checking.evidence import Stance
    from kit.checking.verdicts import Verdict
    from kit.present import markup, render

    assert get_args(Verdict) == VERDICTS
    # every stance and verdict has its mark in the terminal and its colour in the app
    assert set(render._STANCE_SIGNS) == set(markup.STANCES) == set(get_args(Stance))
    assert set(markup.VERDICTS) == set(VERDICTS)
