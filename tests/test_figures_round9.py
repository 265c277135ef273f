"""What a figure measures, round 9 of issue 13 (kit.figures.restated): one count stated twice
in an article, with another verb or with its noun said two ways, is one measure."""

from __future__ import annotations

import pytest

from kit.index.annotate import spacy_nlp

from .test_figures_round5 import rows

pytestmark = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


def test_a_count_whose_sentence_also_states_the_other_verb_is_one_measure() -> None:
    frame = rows(
        "On Monday, the council passed two budget motions. The mayor will decide today whether"
        " to submit two budget motions, passed against her wishes, to the regional board."
    )
    assert list(frame["quote"]) == ["two", "two"]
    assert set(frame["measure"]) == {"count|motion|pass"}


def test_two_verbs_no_sentence_joins_stay_two_measures() -> None:
    frame = rows(
        "On Monday, nine men were jailed in Leeds. Later the nine men were prosecuted in York."
    )
    assert len(set(frame["measure"])) == 2


def test_a_head_noun_key_takes_the_modifiers_its_own_label_states() -> None:
    frame = rows(
        "This month, three political pundits give their forecasts for the vote.\n\n"
        "The Herald asked three political pundits to give their forecasts for the vote."
    )
    assert len(set(frame["measure"])) == 1
    assert frame["measure"].iloc[0].startswith("count|political pundit")


def test_a_count_given_one_each_of_another_counted_noun_is_that_count() -> None:
    frame = rows(
        "On Monday, prosecutors issued arrest warrants on 42 people suspected of fraud. Among"
        " the 42 arrest warrants, only one name was released. The court said the 42 must face"
        " charges."
    )
    counts = frame[frame["quote"] == "42"]
    assert len(counts) == 3
    assert len(set(counts["measure"])) == 1


def test_a_singular_noun_before_the_count_is_not_one_each() -> None:
    frame = rows(
        "Talks are the best way for the two nations to settle the dispute. The treaty gives"
        " two ways to appeal a ruling."
    )
    assert len(set(frame["measure"])) == 2
