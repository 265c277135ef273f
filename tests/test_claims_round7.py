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


def test_a_check_gives_the_same_verdict_and_evidence_whatever_the_hash_seed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The claim's rarest words were taken in set order when their weights tied, so which
    sentences were compared, and the verdict, changed with Python's string hashing."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    corpus = Path(__file__).parent / "data" / "brannock"
    claim = "At least three workers died in the Brannock chemical plant explosion."
    outputs = set()
    for seed in ("0", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "kit.cli", "check", claim, "--corpus", str(corpus), "--json"],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed, "KIT_CACHE_DIR": str(tmp_path)},
        )
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        evidence = [(e["source"], e["start"], e["stance"]) for e in result["evidence"]]
        outputs.add((result["verdict"], tuple(evidence)))
    assert len(outputs) == 1, outputs
