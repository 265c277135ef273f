"""Agreement across sources and single-source statements."""

from __future__ import annotations

import pytest

from kit.api import FactKit
from kit.checking.agreement import answer_agreement, figure_agreement, single_source_statements
from kit.errors import KitError
from kit.reading.answers import Answer, AnswerSet, Citation
from kit.reading.questions import classify
from kit.spans import Span

A000, A002 = "000_2d8a655e2aa5b0a7", "002_c91a69a50e929240"
A003, A004 = "003_f858b49bcf518778", "004_ce882702a1d0554e"


def test_figure_agreement_188_drones(seed_kit: FactKit) -> None:
    text = seed_kit.text(A003)
    start = text.index("188 drones")
    agreement = figure_agreement(seed_kit.index, A003, start, start + 3)
    assert set(agreement.sources) == {A003, A004}
    assert agreement.independent == 1  # 003 and 004 share reporting
    for s in agreement.stating:
        assert seed_kit.text(s.value.source)[s.value.start : s.value.end] == s.value.quote
        assert s.value.quote.startswith("188")


def test_figure_agreement_shows_other_values(seed_kit: FactKit) -> None:
    text = seed_kit.text(A003)
    start = text.index("32 member")
    agreement = figure_agreement(seed_kit.index, A003, start, start + 2)
    assert set(agreement.sources) == {A003, A004}
    assert agreement.to_dict()["independent_sources"] == 1


def test_figure_agreement_rejects_non_figures(seed_kit: FactKit) -> None:
    text = seed_kit.text(A003)
    start = text.index("Brussels")
    with pytest.raises(KitError, match="is not a figure"):
        figure_agreement(seed_kit.index, A003, start, start + 8)


def _citation(kit: FactKit, source: str, phrase: str) -> Citation:
    text = kit.text(source)
    start = text.index(phrase)
    sentence = next(
        s for s in kit.index.sentences if s.source == source and s.start <= start < s.end
    )
    return Citation(
        Span.of(source, text, start, start + len(phrase)),
        Span.of(source, text, sentence.start, sentence.end),
        1.0,
    )


def test_answer_agreement_counts_independent_sources(seed_kit: FactKit) -> None:
    mach = Answer(
        "Mach 11",
        "speed",
        0.9,
        (_citation(seed_kit, A000, "Mach 11"), _citation(seed_kit, A002, "Mach 11")),
    )
    around = Answer("Around 80", "count", 0.5, (_citation(seed_kit, A004, "Around 80"),))
    answers = AnswerSet("q", classify("How fast was the Oreshnik?"), (mach, around))
    first, second = answer_agreement(seed_kit.index, answers)
    assert first.sources == [A000, A002]
    assert first.independent == 1  # 002 shares 000's reporting
    assert [s.value.quote for s in first.differing] == ["Around 80"]
    assert second.independent == 1 and "Around 80: 1 source" in second.describe()


def test_single_source_grave_escalation(seed_kit: FactKit) -> None:
    statements = single_source_statements(seed_kit.index, source=A000)
    grave = [s for s in statements if "grave escalation" in s.sentence.quote]
    assert len(grave) == 1
    assert grave[0].attribution.who == "NATO Secretary-General Jens Stoltenberg"
    assert seed_kit.text(A000)[grave[0].sentence.start : grave[0].sentence.end] == (
        grave[0].sentence.quote
    )


def test_repeated_statements_are_not_single_source(seed_kit: FactKit) -> None:
    quotes = [s.sentence.quote for s in single_source_statements(seed_kit.index)]
    assert not any("32 member" in q for q in quotes)
