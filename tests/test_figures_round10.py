"""Figures in interviews and science reports, round 10 of issue 13: a count said again with a
definite determiner or another verb is one measure, a figure given again in another unit is
one figure, spoken hedges and science units are read, and names and short years with digits
are not figures."""

from __future__ import annotations

import pytest

from kit.index.annotate import spacy_nlp
from kit.language.quantities import find_quantities

from .test_figures_round5 import rows

needs_parse = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


@needs_parse
def test_a_count_said_again_with_the_or_these_is_the_count_it_refers_to() -> None:
    frame = rows(
        "The system contains two stars and a black hole. The two other stars that still exist"
        " orbit it slowly. Astronomers say these two other stars are young."
    )
    assert list(frame["quote"]) == ["two", "two", "two"]
    assert len(set(frame["measure"])) == 1


@needs_parse
def test_one_articles_count_of_one_thing_with_another_verb_is_one_measure() -> None:
    frame = rows(
        "In the test, the left lever delivered two sucrose pellets. Pressing it gives you two"
        " pellets, and the rats learned that quickly."
    )
    pellets = frame[frame["value"] == 2]
    assert len(pellets) == 2
    assert len(set(pellets["measure"])) == 1


@needs_parse
def test_what_befell_the_counted_people_keeps_two_counts_apart() -> None:
    frame = rows(
        "On Monday, nine men were jailed in Leeds. Later the nine men were prosecuted in York."
    )
    assert len(set(frame["measure"])) == 2


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "The planet is 150 million km; 93 million miles from its star.",
        "The star moves at 60 km/s [about 37 miles per second] around the black hole.",
    ],
)
def test_a_figure_given_again_in_another_unit_is_one_figure(text: str) -> None:
    frame = rows(text)
    assert len(frame) == 2
    assert frame["unit"].nunique() == 2
    assert frame["measure"].nunique() == 1


@needs_parse
def test_a_figure_in_another_dimension_after_a_semicolon_is_another_figure() -> None:
    frame = rows("The island is 150 km long; 93 people live there.")
    assert frame["measure"].nunique() == 2


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The star moves at 60 km/s.", 60, "km/s"),
        ("It moves at 37 miles per second.", 37, "mi/s"),
        ("The system is 310 parsecs away.", 310, "pc"),
        ("The planet forms at 30 astronomical units.", 30, "au"),
        ("It formed at 30 AU from the star.", 30, "au"),
        ("The black hole has 4.2 solar masses.", 4.2, "M☉"),
        ("The water was 28° Celsius.", 28, "°C"),
    ],
)
def test_science_units_are_read(text: str, value: float, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("We were like ten people in the team.", "approximate"),
        ("The star is maybe ten years old.", "approximate"),
        ("That was kind of 50 years ago.", "approximate"),
        ("It covers residents aged 65 years and over.", "at_least"),
        ("The flakes are two centimetres or less.", "at_most"),
        ("Children aged 15 years and under ride free.", "at_most"),
    ],
)
def test_spoken_and_trailing_hedges_qualify_the_figure(text: str, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier
    assert text[q.start : q.end] in text


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "HR 6819 is a stellar system in Telescopium.",
        "How different are CentOS 7 and CentOS 8?",
        "This applies to all releases starting with [CentOS] 8.",
        "The first study was in '69, at a university lab.",
        "They provided me with some coaching in 2012–13.",
        "One thing I would like to highlight here is the community.",
        "So we are getting one step closer to making the connection.",
    ],
)
def test_names_short_years_and_idioms_are_not_figures(text: str) -> None:
    assert list(rows(text)["quote"]) == []


@needs_parse
def test_a_range_with_an_en_dash_keeps_both_figures() -> None:
    frame = rows("The system is estimated to be between 15–75 million years old.")
    assert len(frame) == 2
    assert frame["value"].min() == 15


@needs_parse
def test_figures_of_nothing_known_in_one_unit_are_one_in_their_article_only() -> None:
    text = "The inner star goes round in about 40 days. Well, it's 40 days, which is not unusual."
    frame = rows(text, text)
    assert len(frame) == 4
    assert frame.groupby("source")["measure"].nunique().tolist() == [1, 1]
    assert frame["measure"].nunique() == 2


@needs_parse
def test_bare_counts_of_nothing_known_stay_apart() -> None:
    frame = rows("I can check directly: we were two. Yes, and then two came later.")
    assert frame["measure"].nunique() == len(frame) == 2
