"""One quantity across reports, round 11 of issue 13: a figure of which nothing is known,
right after a figure of its value and unit, is that figure said again; a key that leaves the
event or the kind of people unsaid joins the one key that says it, values of one order
apart; a length or time is named by what it is of."""

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


@needs_parse
def test_people_a_news_event_befalls_are_one_count_whatever_each_report_calls_them() -> None:
    frame = rows(
        "Six people were killed and 64 people were injured when the train left the rails.",
        "Around 70 passengers were injured in the derailment, and five were killed.",
    )
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["64"] == key["Around 70"] == "count|passenger|injured"
    assert key["Six"] == key["five"] != key["64"]


@needs_parse
def test_a_count_with_no_event_joins_the_one_key_that_names_it() -> None:
    frame = rows(
        "Thirty-four houses were destroyed by the slide.",
        "The slide hit the village. About 30 houses, the mayor said.",
    )
    assert frame["measure"].tolist() == ["count|house|destroyed"] * 2


@needs_parse
def test_a_count_that_could_be_two_keys_joins_neither() -> None:
    frame = rows(
        "Nine people were killed and 40 people were injured in the crash.",
        "There were 12 people on the platform.",
    )
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["12"] == "count|people"


@needs_parse
def test_counts_of_other_orders_or_places_stay_apart() -> None:
    frame = rows(
        "At least 20 people died in the storm, officials said.",
        "Two children were killed when a wall fell.",
        "In Sumy, drones killed two civilians.",
        "In Nova Kakhovka, a strike killed four people.",
    )
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["At least 20"] != key["Two"]  # 20 is not two children: ten times as many
    assert key["two"] != key["four"]  # two attacks in two towns


@needs_parse
def test_a_length_or_time_is_named_by_what_it_is_of() -> None:
    frame = rows(
        "The crash tore up 300 metres of track. Nordrail said the line would stay closed for"
        " at least 10 days. A wall of mud about 400 metres wide came down.",
        "The crash destroyed about 320 metres of track. The line will stay closed for 14 days"
        " in all.",
    )
    label = dict(zip(frame["quote"], frame["quantity"], strict=True))
    assert label["300 metres"] == label["about 320 metres"] == "track length"
    assert label["at least 10 days"] == label["14 days"] == "closed duration"
    assert label["about 400 metres"] == "width"
    depth = rows(
        "The men are sheltering in a refuge chamber about 600 metres below the surface.",
        "The others are sheltering in the refuge chamber about 650 metres down.",
    )
    assert depth["quantity"].tolist() == ["depth", "depth"]
    assert depth["measure"].nunique() == 1
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["300 metres"] == key["about 320 metres"]
    assert key["at least 10 days"] == key["14 days"]


@needs_parse
def test_one_kind_in_other_words_is_one_count_and_other_kinds_are_not() -> None:
    frame = rows(
        "Thirty-four houses were destroyed and 48 houses were damaged.",
        "Some 29 homes were destroyed and another 61 were damaged.",
        "Six soldiers were killed.",
        "Five civilians were killed.",
    )
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["Thirty-four"] == key["Some 29"] != key["48"] == key["61"]
    assert key["Six"] != key["Five"]  # soldiers and civilians: two counts


@needs_parse
def test_lives_a_disaster_claimed_are_people_killed() -> None:
    frame = rows(
        "The landslide has now claimed nine lives.",
        "The quake took 40 lives.",
        "Seven people were killed, officials said.",
    )
    assert frame["measure"].tolist() == ["count|people|killed"] * 3


@needs_parse
def test_a_share_of_a_state_reached_is_named_by_the_state() -> None:
    frame = rows(
        "The fire was 10 percent contained on Monday.",
        "Crews said on Friday that it was 80 percent contained.",
    )
    assert frame["quantity"].tolist() == ["share contained"] * 2
    assert frame["measure"].nunique() == 1


@needs_parse
def test_people_and_a_kind_of_people_one_event_befalls_are_one_count_in_one_article() -> None:
    frame = rows(
        "Factory fire kills at least nine people. At least nine workers died when the roof of"
        " the plant fell in, and four guides and four porters were killed on the hill."
    )
    keys = frame["measure"].tolist()
    assert frame["quote"].tolist() == ["at least nine", "At least nine", "four", "four"]
    assert keys[0] == keys[1] == "count|people|killed"
    assert keys[2] != keys[3]  # two kinds, neither of them "people": two counts


@needs_parse
def test_a_quakes_magnitude_is_a_magnitude_however_it_is_said() -> None:
    frame = rows(
        "A quake with reported magnitude 6.3 struck on Wednesday, and a 5.0 magnitude"
        " aftershock followed on Saturday.",
        "The landslide was caused by the 5.0 earthquake. Six people died.",
    )
    unit = dict(zip(frame["quote"], frame["unit"], strict=True))
    assert unit["6.3"] == unit["5.0"] == "magnitude"
    label = frame.set_index("quote")["quantity"]
    assert label["6.3"] == "magnitude"
    assert set(label["5.0"]) == {"magnitude aftershock", "magnitude"}
    assert unit["Six"] == "count"


@needs_parse
def test_an_adverb_between_the_count_and_its_verb_keeps_the_verb() -> None:
    frame = rows("Five workers are still unaccounted for.", "Two workers are now missing.")
    assert frame["quantity"].tolist() == ["workers missing"] * 2


@needs_parse
def test_a_news_verb_after_a_determiner_is_the_noun() -> None:
    frame = rows(
        "The fire has reached 80 homes.",
        "The fire has claimed two lives.",
        "Russia fired 90 drones overnight.",
    )
    key = dict(zip(frame["quote"], frame["measure"], strict=True))
    assert key["80"] == "count|home|reach"  # not "homes launched"
    assert key["two"] == "count|people|killed"
    assert key["90"] == "count|drone|launched"
