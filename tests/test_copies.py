"""Copied and derived articles, found from the text alone."""

from __future__ import annotations

from kit.api import FactKit
from kit.checking.copies import _longest_monotone, _longest_run, copy_pairs_between, copy_report

A000, A001 = "000_2d8a655e2aa5b0a7", "001_2144309efa135f52"
A003, A004 = "003_f858b49bcf518778", "004_ce882702a1d0554e"


def test_001_derives_from_000(seed_kit: FactKit) -> None:
    report = copy_report(seed_kit.index)
    derived = [(r.source, r.origin) for r in report.relations if r.kind == "derived"]
    assert derived == [(A001, A000)]
    assert report.derived_from(A001) == [A000]


def test_003_and_004_share_reporting(seed_kit: FactKit) -> None:
    report = copy_report(seed_kit.index)
    shared = [{r.source, r.origin} for r in report.relations if r.kind == "shared"]
    assert {A003, A004} in shared
    assert report.independent_count([A003, A004]) == 1
    assert report.independent_count([A000, A001]) == 1
    assert report.independent_count([A000, A003]) == 2


def test_pairs_are_cited_spans(seed_kit: FactKit) -> None:
    report = copy_report(seed_kit.index)
    assert report.pairs
    for pair in report.pairs:
        for span in (pair.a, pair.b):
            assert seed_kit.text(span.source)[span.start : span.end] == span.quote
        assert pair.a.source != pair.b.source
    summary = [p.b.quote for p in copy_pairs_between(report, A000, A001)]
    assert any("Shahed drones targeted a Sumy residential area" in q for q in summary)


def test_report_is_cached(seed_kit: FactKit) -> None:
    assert copy_report(seed_kit.index) is copy_report(seed_kit.index)


def test_order_helpers() -> None:
    assert _longest_monotone([0, 1, 5, 17], [0, 1, 2, 3]) == 4
    assert _longest_monotone([1, 3, 4, 7], [13, 15, 3, 22]) == 3
    assert _longest_run([0, 1, 2, 3, 13]) == 4


def test_unrelated_articles_have_no_relation() -> None:
    kit = FactKit.from_records(
        [
            {"id": "x", "text": "The bakery on Elm Street sells rye bread every morning."},
            {"id": "y", "text": "The river flooded three villages after the spring storms."},
        ]
    )
    report = copy_report(kit.index)
    assert report.relations == [] and report.independent_count(["x", "y"]) == 2


def test_verbatim_copying_between_short_articles() -> None:
    shared = (
        "At least 12 people died in the Riverton floods, Mayor Elena Varga said on Monday. "
        "Around 3,000 people are staying in emergency shelters across the city. "
    )
    kit = FactKit.from_records(
        [
            {"id": "a", "text": shared + "The Alder river rose 4 metres above its normal level."},
            {"id": "b", "text": "Deadly floods hit Riverton.\n\n" + shared},
            {
                "id": "c",
                "text": "The death toll from the Riverton floods has risen to 15, the mayor "
                "said on Wednesday. Rescuers are still searching for eight missing people.",
            },
        ]
    )
    report = copy_report(kit.index)
    assert report.independent_count(["a", "b"]) == 1
    assert report.independent_count(["a", "c"]) == 2 and report.independent_count(["b", "c"]) == 2
