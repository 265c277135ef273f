"""Figures said again across reports, round 11 of issue 13: a figure of which nothing is
known, right after a figure of its value and unit, is that figure said again."""

from __future__ import annotations

import pytest

from kit.index.annotate import spacy_nlp

from .test_figures_round5 import rows

needs_parse = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


@needs_parse
def test_a_bare_figure_right_after_one_of_its_value_is_that_figure() -> None:
    frame = rows("The light shows a 40-day modulation. It peaks every 40 days, the team said.")
    assert list(frame["quote"]) == ["40-day", "40 days"]
    assert frame["measure"].nunique() == 1


@needs_parse
def test_a_bare_figure_far_from_one_of_its_value_stays_apart() -> None:
    frame = rows(
        "The light shows a 40-day modulation. The team has watched it since March. Its"
        " instruments were checked twice. Nobody expected it to last 40 days."
    )
    assert list(frame["value"]) == [40, 40]
    assert frame["measure"].nunique() == 2
