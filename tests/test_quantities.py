"""The number/unit/date grammar: seed-article cases, general cases and offset invariants."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from kit.language.quantities import (
    KINDS,
    QUALIFIERS,
    ROUNDED,
    DateMention,
    Kind,
    Qualifier,
    Quantity,
    compatible,
    find_dates,
    find_quantities,
    kind_named,
    parse_number,
    qualifier_named,
    same_number,
    same_value,
)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def seed_text(prefix: str) -> str:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def only(text: str, number: str, nth: int = 0) -> Quantity:
    """The `nth` quantity whose number reads `number`."""
    hits = [q for q in find_quantities(text) if text[q.number_start : q.number_end] == number]
    assert len(hits) > nth, f"no quantity {number!r} in {[str(q) for q in find_quantities(text)]}"
    return hits[nth]


def mention(text: str, q: Quantity) -> str:
    return text[q.start : q.end]


def numbers(text: str) -> list[str]:
    return [text[q.number_start : q.number_end] for q in find_quantities(text)]


def quant(value: float, unit: str = "count", qualifier: str = "exact", **kw: object) -> Quantity:
    fields: dict[str, object] = dict(start=0, end=1, number_start=0, number_end=1, noun=None)
    fields |= dict(kind="quantity", hedge=None) | kw
    return Quantity(value=value, unit=unit, qualifier=qualifier, **fields)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ parse_number


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("4.2 million", 4_200_000),
        ("1.1 million", 1_100_000),
        ("six", 6),
        ("Six", 6),
        ("ten", 10),
        ("thirty-three", 33),
        ("thirty three", 33),
        ("zero", 0),
        ("ninety-nine", 99),
        ("1,200", 1200),
        ("1,357,000", 1_357_000),
        ("3.5", 3.5),
        ("0.2", 0.2),
        ("a quarter of a million", 250_000),
        ("half a million", 500_000),
        ("a half million", 500_000),
        ("three quarters of a million", 750_000),
        ("a hundred", 100),
        ("one hundred and twenty-five", 125),
        ("two hundred thousand", 200_000),
        ("a million", 1_000_000),
        ("two million three hundred thousand", 2_300_000),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("dozens", 24),
        ("hundreds", 200),
        ("tens of thousands", 20_000),
        ("first", 1),
        ("third", 3),
        ("twenty-first", 21),
        ("33rd", 33),
        ("100th", 100),
        ("$10 million", 10_000_000),
        ("1.5bn", 1_500_000_000),
        ("3.5%", 3.5),
    ],
)
def test_parse_number_reads(s: str, value: float) -> None:
    assert parse_number(s) == pytest.approx(value)


@pytest.mark.parametrize(
    "s", ["", "a", "U.S.", "one of", "Mach", "hundred", "million", "2.5th", "twenty twenty", "x1"]
)
def test_parse_number_rejects(s: str) -> None:
    assert parse_number(s) is None


# ------------------------------------------------------------------------- seed quantities


def test_mach_11_is_one_mention_with_unit_mach() -> None:
    text = seed_text("000")
    q = only(text, "11")
    assert (mention(text, q), q.value, q.unit, q.qualifier) == ("Mach 11", 11.0, "Mach", "exact")
    assert text[q.start - len("speeds of ") : q.start] == "speeds of "
    assert only(seed_text("002"), "11").unit == "Mach"


def test_hyphenated_duration_keeps_the_number_span_exact() -> None:
    text = seed_text("000")
    q = only(text, "33")
    assert (q.value, q.unit, mention(text, q)) == (33.0, "months", "33-month-long")
    q = only(seed_text("002"), "three")
    assert (q.value, q.unit, q.qualifier, q.hedge) == (3.0, "years", "at_most", "nearly")


def test_counted_nouns_in_seed_000() -> None:
    text = seed_text("000")
    six = only(text, "six")
    assert (six.value, six.unit, six.noun, mention(text, six)) == (6.0, "count", "warheads", "six")
    assert six.noun_span is not None and text[slice(*six.noun_span)] == "warheads"
    assert (only(text, "two").noun, only(text, "13").noun) == ("civilians", "others")
    fifteen = only(text, "15")
    assert (fifteen.unit, fifteen.value, mention(text, fifteen)) == ("minutes", 15, "15 minutes")


def test_seed_000_has_no_pronoun_one_and_no_us() -> None:
    text = seed_text("000")
    assert numbers(text) == ["33", "11", "six", "15", "two", "13"]


def test_areas_distances_and_hedges_in_seed_003() -> None:
    text = seed_text("003")
    almost = only(text, "235")
    assert mention(text, almost) == "almost 235 square kilometers"
    assert (almost.unit, almost.qualifier, almost.hedge) == ("km²", "at_most", "almost")
    captured = only(text, "600")
    assert (captured.unit, captured.qualifier, mention(text, captured)) == (
        "km²",
        "exact",
        "600 square kilometers",
    )
    km = only(text, "220")
    assert (km.unit, km.qualifier, mention(text, km)) == (
        "km",
        "approximate",
        "around 220 kilometers",
    )


def test_quarter_of_a_million_is_one_hedged_quantity() -> None:
    text = seed_text("003")
    q = only(text, "a quarter of a million")
    assert (q.value, q.qualifier, q.hedge) == (250_000, "at_most", "nearly")
    assert mention(text, q) == "nearly a quarter of a million"


def test_out_of_rule_gives_76_the_noun_of_188() -> None:
    text = seed_text("003")
    q76, q188 = only(text, "76"), only(text, "188")
    assert (q76.value, q76.noun, q188.noun) == (76, "drones", "drones")
    assert only(text, "96").noun == "drones"  # "96 of those drones"
    assert only(text, "five").noun == "drones"
    assert (only(text, "45").noun, only(text, "32").noun) == ("battles", "countries")


def test_more_than_ten_skips_the_adjective() -> None:
    text = seed_text("003")
    q = only(text, "ten")
    assert (q.value, q.qualifier, q.noun, mention(text, q)) == (
        10,
        "at_least",
        "drones",
        "more than ten",
    )


def test_seed_003_years_and_dates_are_not_quantities() -> None:
    text = seed_text("003")
    assert not {"2022", "2023", "2024"} & set(numbers(text))


def test_em_dashes_and_hedges_in_seed_004() -> None:
    text = seed_text("004")
    dashed = only(text, "188")
    assert (dashed.value, dashed.noun, text[dashed.end]) == (188, "drones", "—")
    around = only(text, "80")
    assert (mention(text, around), around.qualifier, around.noun) == (
        "Around 80",
        "approximate",
        "drones",
    )
    over = only(text, "90")
    assert (over.qualifier, over.hedge, over.noun) == ("at_least", "more than", None)
    assert only(text, "76").noun == "drones"


def test_killing_four_and_wounding_seven() -> None:
    text = seed_text("004")
    assert (only(text, "four").value, only(text, "seven").value) == (4, 7)
    assert only(text, "four").noun is None


def test_seed_004_skips_tweet_junk_dates_and_ordinals() -> None:
    text = seed_text("004")
    assert "701" not in numbers(text)
    assert "26" not in numbers(text) and "23" not in numbers(text) and "25" not in numbers(text)
    firsts = [q for q in find_quantities(text) if q.kind == "ordinal"]
    assert [text[q.start : q.end] for q in firsts] == ["first", "first"]
    assert all(q.unit == "ordinal" for q in firsts)


# ----------------------------------------------------------------------- general quantities


@pytest.mark.parametrize(
    ("text", "number", "span", "value", "unit", "qualifier"),
    [
        ("It cost $10 million to build.", "10 million", "$10 million", 1e7, "USD", "exact"),
        ("a deal worth €2.5bn was signed", "2.5bn", "€2.5bn", 2.5e9, "EUR", "exact"),
        ("fines of £5m each", "5m", "£5m", 5e6, "GBP", "exact"),
        ("Inflation hit 3.5% in May.", "3.5", "3.5%", 3.5, "%", "exact"),
        ("turnout rose 12 percent", "12", "12 percent", 12, "%", "exact"),
        ("a 10km stretch", "10", "10km", 10, "km", "exact"),
        ("some 30 sq km of forest", "30", "some 30 sq km", 30, "km²", "approximate"),
        ("1,200 km2 burned", "1,200", "1,200 km2", 1200, "km²", "exact"),
        ("about 90 square miles", "90", "about 90 square miles", 90, "mi²", "approximate"),
        ("winds of 150 mph", "150", "150 mph", 150, "mph", "exact"),
        ("at 240 km/h", "240", "240 km/h", 240, "km/h", "exact"),
        ("up to 300 drones", "300", "up to 300", 300, "count", "up_to"),
        ("as many as 40 people", "40", "as many as 40", 40, "count", "up_to"),
        ("fewer than 50 soldiers", "50", "fewer than 50", 50, "count", "at_most"),
        ("just under 1,000 homes", "1,000", "just under 1,000", 1000, "count", "at_most"),
        ("100+ villages", "100", "100+", 100, "count", "at_least"),
        ("20 or more tanks", "20", "20 or more", 20, "count", "at_least"),
        ("~80 drones", "80", "~80", 80, "count", "approximate"),
        ("an estimated 4,000 troops", "4,000", "an estimated 4,000", 4000, "count", "approximate"),
        ("a dozen buses", "a dozen", "a dozen", 12, "count", "approximate"),
        ("half a million refugees", "half a million", "half a million", 5e5, "count", "exact"),
        ("it weighs 5 tonnes", "5", "5 tonnes", 5, "t", "exact"),
        ("a 400-metre bridge", "400", "400-metre", 400, "m", "exact"),
        ("a five-year-old girl", "five", "five-year-old", 5, "years", "exact"),
        ("for three days", "three", "three days", 3, "days", "exact"),
        ("over 2,000 troops", "2,000", "over 2,000", 2000, "count", "at_least"),
        ("some 2000 troops", "2000", "some 2000", 2000, "count", "approximate"),
        ("4.2 million people", "4.2 million", "4.2 million", 4.2e6, "count", "exact"),
    ],
)
def test_general_quantities(
    text: str, number: str, span: str, value: float, unit: str, qualifier: str
) -> None:
    q = only(text, number)
    assert (mention(text, q), q.value, q.unit, q.qualifier) == (
        span,
        pytest.approx(value),
        unit,
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("killing 12 Ukrainian soldiers", "soldiers"),
        ("one missile hit the plant", "missile"),
        ("one Ukrainian soldier died", "soldier"),
        ("two other drones fell", "drones"),
        ("more than 1,000 people", "people"),
        ("dozens of people were hurt", "people"),
        ("5 were killed", None),
        ("a 12-member delegation", "member"),
        ("39 of the state's 40 delegates", "delegates"),
    ],
)
def test_counted_noun(text: str, noun: str | None) -> None:
    assert find_quantities(text)[0].noun == noun


def test_four_point_two_million_is_one_quantity() -> None:
    text = "The city had 4.2 million residents."
    (q,) = find_quantities(text)
    assert (q.value, q.noun, text[q.number_start : q.number_end]) == (
        4.2e6,
        "residents",
        "4.2 million",
    )


def test_vague_plurals_are_marked() -> None:
    text = "Dozens of people fled; tens of thousands lost power."
    qs = find_quantities(text)
    assert [(q.kind, q.value, q.qualifier) for q in qs] == [
        ("vague", 24, "at_least"),
        ("vague", 20_000, "at_least"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt.",
        "It is one of the largest plants.",
        "They blamed one another.",
        "Formula One returns.",
        "the F-16 and Su-34 jets",
        "during the COVID-19 pandemic",
        "at 10:30 local time",
        "at 3 p.m. on the day",
        "call +1 555 123 4567 now",
        "follow @kyiv24 and pic.twitter.com/o701zePjHd or https://example.com/a/123",
        "the 1990s",
        "the U.S. and the U.K.",
        "in 2022 and 2024",
        "on November 26, 2024",
        "a one-off event",
        "two-thirds of voters",
        "order 20241126 shipped",
        "a drive to Mach speeds",
    ],
)
def test_not_quantities(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind != "ordinal"] == [], text


def test_ordinals_are_marked_not_counted() -> None:
    text = "the 33rd brigade's first attack and the twenty-first session"
    qs = find_quantities(text)
    assert [(q.kind, q.value) for q in qs] == [("ordinal", 33), ("ordinal", 1), ("ordinal", 21)]


def test_a_alone_is_never_a_number() -> None:
    assert find_quantities("A man saw a drone and a missile.") == []


# -------------------------------------------------------------------------------- dates


def dates(text: str) -> list[tuple[str, str, int | None, int | None, int | None]]:
    return [(text[d.start : d.end], d.kind, d.year, d.month, d.day) for d in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "strikes on November 23 and 25, targeting",
            [("November 23 and 25", "range", None, 11, 23)],
        ),
        ("On November 26, 2024, the council met", [("November 26, 2024", "date", 2024, 11, 26)]),
        ("scheduled for December 3-4, where", [("December 3-4", "range", None, 12, 3)]),
        ("struck Dnipro on Thursday, sparking", [("Thursday", "weekday", None, None, None)]),
        ("talks for Tuesday after", [("Tuesday", "weekday", None, None, None)]),
        ("took place last week after", [("last week", "relative", None, None, None)]),
        ("In November, Russian forces", [("November", "month", None, 11, None)]),
        ("Since July, Russian forces", [("July", "month", None, 7, None)]),
        ("a joint council in 2023, enabling", [("2023", "year", 2023, None, None)]),
        ("invasion of Ukraine in 2022.", [("2022", "year", 2022, None, None)]),
        ("on 24 February 2022 at dawn", [("24 February 2022", "date", 2022, 2, 24)]),
        ("released 2024-11-26", [("2024-11-26", "date", 2024, 11, 26)]),
        ("Friday, January 4, 2019 ", [("Friday, January 4, 2019", "date", 2019, 1, 4)]),
        ("in November 2024 alone", [("November 2024", "month", 2024, 11, None)]),
        ("by mid-2023", [("mid-2023", "year", 2023, None, None)]),
        ("three days ago", [("three days ago", "relative", None, None, None)]),
        ("Last Thursday, Russia", [("Last Thursday", "weekday", None, None, None)]),
        ("Nov. 5 was quiet", [("Nov. 5", "date", None, 11, 5)]),
    ],
)
def test_find_dates(
    text: str, expected: list[tuple[str, str, int | None, int | None, int | None]]
) -> None:
    assert dates(text) == expected


def test_range_end_day() -> None:
    (d,) = find_dates("on November 23 and 25")
    assert (d.day, d.end_day) == (23, 25)


@pytest.mark.parametrize(
    "text",
    ["You may go.", "They march on.", "2,000 troops", "some 2000 troops", "the F-2000 rifle"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_seed_004_dates() -> None:
    text = seed_text("004")
    assert [(t, k) for t, k, *_ in dates(text)] == [
        ("Tuesday", "weekday"),
        ("last week", "relative"),
        ("November 23 and 25", "range"),
        ("Last night", "relative"),
        ("November 26, 2024", "date"),
        ("Thursday", "weekday"),
        ("2022", "year"),
    ]


# ------------------------------------------------------------------------------ comparing


def test_same_value_converts_units() -> None:
    (a,) = find_quantities("600 square kilometers")
    (b,) = find_quantities("600 km²")
    (c,) = find_quantities("about 231.7 square miles")
    assert same_value(a, b) and same_value(a, c)
    assert not same_value(a, quant(600, "km"))
    assert same_value(quant(90, "minutes"), quant(1.5, "hours"))
    assert same_value(quant(33, "months"), quant(2.75, "years"))
    assert not same_value(quant(5), quant(11))


def test_same_number_is_the_one_test_each_caller_names_its_tolerance() -> None:
    assert same_number(0.1 + 0.2, 0.3) and not same_number(188, 189)
    assert same_number(231.7, 232.0, within=ROUNDED) and not same_number(231.7, 235.0, within=0.01)
    assert same_number(76, 80, within=0.1) and not same_number(70, 80, within=0.1)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (quant(80, qualifier="approximate"), quant(76), True),
        (quant(90, qualifier="at_least"), quant(96), True),
        (quant(90, qualifier="at_least"), quant(76), False),
        (quant(5), quant(11), False),
        (quant(5), quant(5.0), True),
        (quant(235, "km²", "at_most", hedge="almost"), quant(230, "km²"), True),
        (quant(235, "km²", "at_most", hedge="almost"), quant(100, "km²"), False),
        (quant(50, qualifier="at_most", hedge="fewer than"), quant(10), True),
        (quant(300, qualifier="up_to"), quant(200), True),
        (quant(300, qualifier="up_to"), quant(301), False),
        (quant(24, qualifier="at_least", kind="vague"), quant(39), True),
        (quant(24, qualifier="at_least", kind="vague"), quant(500), False),
        (quant(80, qualifier="approximate"), quant(76, "km"), False),
        (quant(11, "Mach"), quant(11), False),
    ],
)
def test_compatible(a: Quantity, b: Quantity, ok: bool) -> None:
    assert compatible(a, b) is ok
    assert compatible(b, a) is ok


def test_compatible_on_seed_figures() -> None:
    zelensky, kyiv = seed_text("004"), seed_text("003")
    assert compatible(only(zelensky, "80"), only(kyiv, "76"))
    assert compatible(only(zelensky, "90"), only(kyiv, "96"))
    assert same_value(only(zelensky, "188"), only(kyiv, "188"))


# ------------------------------------------------------------------------------ invariants


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_offsets_are_exact_over_every_seed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prev_end = 0
    for q in find_quantities(text):
        assert prev_end <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert parse_number(text[q.number_start : q.number_end]) == q.value, q
        assert q.qualifier in {"exact", "approximate", "at_least", "at_most", "up_to"}
        assert q.kind in {"quantity", "ordinal", "vague"}
        assert q.noun_span is None or text[slice(*q.noun_span)].lower().startswith(q.noun or "")
        prev_end = q.end
    prev_end = 0
    for d in find_dates(text):
        assert isinstance(d, DateMention)
        assert prev_end <= d.start < d.end <= len(text)
        assert text[d.start : d.end].strip() == text[d.start : d.end]
        prev_end = d.end


def test_unit_names_match_the_question_types() -> None:
    text = "gusts of 40 knots, 12 m/s winds and 300 acres burned"
    assert [q.unit for q in find_quantities(text)] == ["knots", "m/s", "acres"]
    assert same_value(only(text, "12"), quant(43.2, "km/h"))


@pytest.mark.parametrize(
    ("text", "quote", "value", "qualifier"),
    [
        ("he received two-thirds of the votes", "two-thirds", 2 / 3, "exact"),
        ("failed to get the two-thirds majority required", "two-thirds", 2 / 3, "exact"),
        ("he secured approximately half of the votes", "approximately half", 0.5, "approximate"),
        ("nearly half of the production", "nearly half", 0.5, "at_most"),
        ("over a third of the country", "over a third", 1 / 3, "at_least"),
        ("with about a quarter as much money", "about a quarter", 0.25, "approximate"),
        ("three quarters of the homes", "three quarters", 0.75, "exact"),
    ],
)
def test_fractions_in_words(text: str, quote: str, value: float, qualifier: str) -> None:
    (q,) = find_quantities(text, fractions=True)
    assert (text[q.start : q.end], q.unit, q.qualifier) == (quote, "fraction", qualifier)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["the second half of the season", "flags at half-mast", "half an hour", "a third term"],
)
def test_words_that_are_not_fractions(text: str) -> None:
    assert all(q.unit != "fraction" for q in find_quantities(text, fractions=True))


def test_a_quarter_of_a_million_is_still_one_count() -> None:
    (q,) = find_quantities("nearly a quarter of a million people", fractions=True)
    assert (q.value, q.unit) == (250_000, "count")


def test_scale_word_after_a_double_space() -> None:
    text = "5.7  million barrels of per-day production"
    (q,) = find_quantities(text)
    assert (text[q.start : q.end], q.value, q.noun) == ("5.7  million", 5_700_000, "barrels")


def test_split_modules_share_one_grammar() -> None:
    from kit.language import dates, numbers

    assert find_dates is dates.find_dates and DateMention is dates.DateMention
    assert parse_number is numbers.parse_number


def test_qualifier_and_kind_are_a_closed_vocabulary() -> None:
    assert QUALIFIERS == ("exact", "approximate", "at_least", "at_most", "up_to")
    assert get_args(Qualifier) == QUALIFIERS and get_args(Kind) == KINDS
    assert qualifier_named("near") == "at_most"  # "almost 12": the hedge group of "near"
    assert kind_named("vague") == "vague"
    with pytest.raises(ValueError):
        qualifier_named("roughly")
    with pytest.raises(ValueError):
        kind_named("count")
    text = (
        "almost 235 km, more than 12 people, up to 40 drones, about a third, dozens of homes, 3rd"
    )
    found = find_quantities(text, fractions=True)
    assert {q.qualifier for q in found} == {"at_most", "at_least", "up_to", "approximate", "exact"}
    assert {q.kind for q in found} == {"quantity", "vague", "ordinal"}
