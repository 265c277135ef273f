"""What a figure measures, round 8 of issue 13 (kit.figures.holders, kit.figures.table): a
share a verb sets an object at measures that object, in every article however each names
what it is a share of."""

from __future__ import annotations

import pytest

from kit.index.annotate import spacy_nlp

from .test_figures_round5 import key_of, rows

pytestmark = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


def test_a_share_a_verb_sets_its_object_at_measures_that_object() -> None:
    frame = rows(
        "Recent surveys showed statewide backing for Marta Olsen at about three percent of"
        " residents.",
        "Averages compiled by the Tribune showed backing at roughly three percent.",
    )
    first = key_of(frame, "t0", "about three percent")
    second = key_of(frame, "t1", "roughly three percent")
    assert first == second == "%|backing"


def test_the_object_keeps_its_compound_nouns() -> None:
    frame = rows("The Harlow survey put the mayor's approval rating at 41% in March.")
    assert key_of(frame, "t0", "41%").startswith("%|approval rating")
