"""The figures table: SPEC columns, the citation invariant, labels, comparison, arithmetic."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit.cli import main
from kit.figures.compare import arithmetic_checks, compare_sources
from kit.figures.table import (
    COLUMNS,
    SPEC_COLUMNS,
    article_figures,
    figures_frame,
    row_quantity,
    row_span,
)
from kit.ingest.corpus import Corpus, corpus_from_records
from kit.spans import SpanError

QUALIFIERS = {"exact", "approximate", "at_least", "at_most", "up_to"}


@pytest.fixture(scope="module")
def table(seeds: Corpus) -> pd.DataFrame:
    return figures_frame(seeds)


def rows_for(frame: pd.DataFrame, prefix: str, **where: object) -> pd.DataFrame:
    """Rows of the source whose id starts with `prefix` matching every `column=value`."""
    out = frame[frame["source"].str.startswith(prefix)]
    for column, value in where.items():
        out = out[out[column] == value]
    return out


def records(*texts: str) -> pd.DataFrame:
    return figures_frame(
        corpus_from_records([{"id": f"t{i}", "text": t} for i, t in enumerate(texts)])
    )


def test_columns_follow_the_spec(table: pd.DataFrame) -> None:
    assert list(table.columns[: len(SPEC_COLUMNS)]) == SPEC_COLUMNS
    assert list(table.columns) == COLUMNS
    assert set(table["qualifier"]) <= QUALIFIERS


def test_every_row_cites_its_span(seeds: Corpus, table: pd.DataFrame) -> None:
    assert len(table) >= 25
    for _, row in table.iterrows():
        article = seeds[row["source"]]
        span = row_span(row)
        span.verify(article.text)
        assert span.to_dict() == {k: row[k] for k in ("source", "start", "end", "quote")}
        q = row_quantity(row)
        assert (q.start, q.end) == (span.start, span.end)
        assert span.start <= q.number_start < q.number_end <= span.end
        assert (q.value, q.unit, q.qualifier, q.kind) == tuple(
            row[k] for k in ("value", "unit", "qualifier", "kind")
        )
        assert row["quote"] in row["sentence"]
        assert not article.is_furniture(row["start"], row["end"])


@pytest.mark.parametrize(
    ("prefix", "value", "unit", "quantity", "qualifier", "quote"),
    [
        ("003", 188, "count", "drones launched", "exact", "188"),
        ("004", 188, "count", "drones launched", "exact", "188"),
        ("003", 76, "count", "drones shot down", "exact", "76"),
        ("004", 76, "count", "drones shot down", "exact", "76"),
        ("004", 80, "count", "drones shot down", "approximate", "Around 80"),
        ("003", 600, "km²", "territory seized", "exact", "600 square kilometers"),
        ("003", 235, "km²", "territory seized", "at_most", "almost 235 square kilometers"),
        ("000", 11, "Mach", "missile speed", "exact", "Mach 11"),
        ("002", 11, "Mach", "missile speed", "exact", "Mach 11"),
        ("000", 15, "minutes", "flight time", "exact", "15 minutes"),
        ("003", 32, "count", "member countries", "exact", "32"),
    ],
)
def test_required_figures_are_in_the_table(
    table: pd.DataFrame,
    prefix: str,
    value: float,
    unit: str,
    quantity: str,
    qualifier: str,
    quote: str,
) -> None:
    found = rows_for(table, prefix, value=value, unit=unit, quantity=quantity, quote=quote)
    assert list(found["qualifier"]) == [qualifier] * len(found) and len(found) >= 1


def test_word_numbers_and_numbers_in_compounds_are_read(table: pd.DataFrame) -> None:
    assert rows_for(table, "000", quote="six", value=6)["quantity"].item() == "nonnuclear warheads"
    assert rows_for(table, "003", quote="five", value=5)["noun"].item() == "drones"
    quarter = rows_for(table, "003", value=250_000)
    assert quarter["quote"].item() == "nearly a quarter of a million"
    assert quarter["quantity"].item() == "population"
    assert rows_for(table, "000", quote="33-month-long")["unit"].item() == "months"
    assert rows_for(table, "004", quote="188", attribution="quote")["noun"].item() == "drones"


def test_dates_years_and_ordinals_are_not_figures(table: pd.DataFrame) -> None:
    assert not set(table["value"]) & {2022.0, 2023.0, 2024.0, 26.0, 23.0, 25.0}
    assert "ordinal" not in set(table["kind"])


def test_time_frames_and_attribution(table: pd.DataFrame) -> None:
    assert rows_for(table, "003", value=188)["time_frame"].item() == "overnight"
    assert rows_for(table, "003", value=235)["time_frame"].item() == "past week"
    assert rows_for(table, "003", value=600)["time_frame"].item() == "in November"
    tweet = rows_for(table, "004", value=80)
    assert tweet["attributed_to"].item().startswith("Volodymyr Zelenskyy")
    assert tweet["attribution"].item() == "quote"
    assert rows_for(table, "003", value=76)["attributed_to"].item() == "Ukraine’s military"


@pytest.mark.parametrize(
    ("text", "quote", "quantity"),
    [
        ("At least 12 people were killed and 45 injured, police said.", "45", "people injured"),
        ("Israel said it intercepted 30 rockets fired from Gaza.", "30", "rockets shot down"),
        ("The death toll rose to 312, the ministry said.", "312", "death toll"),
        ("The army captured 40 soldiers.", "40", "soldiers captured"),
        ("Troops seized 12 square miles near the river.", "12 square miles", "territory seized"),
        ("The jet reached a top speed of 900 km/h.", "900 km/h", "jet top speed"),
        ("The plane flew for 3 hours before landing.", "3 hours", "flight time"),
        ("It laid off 3,000 workers, about 5% of its workforce.", "about 5%", "share of workforce"),
        ("The bill gives $60 billion in military aid.", "$60 billion", "military aid"),
        ("Russia fired 90 missiles and 100 drones.", "100", "drones launched"),
        ("Of these, 81 missiles and 80 drones were shot down.", "81", "missiles shot down"),
        ("Rescuers say 250,000 people have been displaced.", "250,000", "people displaced"),
    ],
)
def test_quantity_labels_are_general(text: str, quote: str, quantity: str) -> None:
    frame = records(text)
    assert frame.set_index("quote").loc[quote, "quantity"] == quantity


def test_same_quantity_is_compared_across_sources(table: pd.DataFrame) -> None:
    flags = compare_sources(table).set_index("quantity")["flag"]
    assert flags["drones launched"] == "agree"
    assert flags["drones shot down"] == "hedge-compatible"
    assert flags["missile speed"] == "agree"
    assert flags["war duration"] == "hedge-compatible"  # 33 months vs nearly three years
    assert "territory seized" not in flags  # one source only


def test_conflicts_and_periods_are_told_apart() -> None:
    frame = records(
        "Russia launched 120 drones overnight.",
        "Russia launched 90 drones overnight.",
        "Russia launched around 115 drones overnight.",
        "Russia seized 40 square kilometers in the past week.",
        "Russia seized 400 square kilometers in November.",
    )
    flags = compare_sources(frame).set_index("quantity")
    assert flags.loc["drones launched", "flag"] == "conflict"
    assert "90" in flags.loc["drones launched", "detail"]
    assert flags.loc["territory seized", "flag"] == "different periods"


def test_parts_are_checked_against_their_total(table: pd.DataFrame) -> None:
    checks = arithmetic_checks(table)
    wire = checks[checks["source"].str.startswith("003")].iloc[0]
    assert (wire["total"], wire["parts_sum"], wire["remainder"]) == (188, 177, 11)
    assert wire["status"] == "unaccounted" and not wire["approximate"]
    assert wire["explanation"] == "76 + 96 + 5 = 177 of 188 drones launched: 11 unaccounted"
    tweet = checks[checks["voice"].str.contains("Zelenskyy")].iloc[0]
    assert tweet["approximate"] and tweet["remainder"] == 18


def test_parts_that_exceed_the_total_are_flagged() -> None:
    frame = records("Russia launched 50 drones. Ukraine shot down 40 drones and lost 30 drones.")
    check = arithmetic_checks(frame).iloc[0]
    assert check["status"] == "exceeds total" and check["remainder"] == -20


def test_unrelated_counts_are_not_summed(table: pd.DataFrame) -> None:
    checks = arithmetic_checks(table)
    assert set(checks["noun"]) == {"drones"}


def test_cli_exports_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0])[: len(SPEC_COLUMNS)] == SPEC_COLUMNS
    assert any(r["value"] == 188 and r["quantity"] == "drones launched" for r in rows)
    assert main(["figures", "--csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith(",".join(SPEC_COLUMNS))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Apollo 11 landed on the Moon with 3 astronauts.", ["3"]),
        ("The crash on Route 66 killed 4 people.", ["4"]),
        ("Caloundra won in round 3 by 12 points.", ["12"]),
        ("The storm became a Category 5 hurricane.", ["5"]),
    ],
)
def test_a_number_inside_a_name_is_not_a_figure(text: str, kept: list[str]) -> None:
    article = next(iter(corpus_from_records([{"id": "n", "text": text}])))
    assert [text[r["number_start"] : r["number_end"]] for r in article_figures(article)] == kept


def test_a_fraction_is_a_figure_with_its_share() -> None:
    text = "Among voters under 30, Sanders received two-thirds of the votes."
    article = next(iter(corpus_from_records([{"id": "f", "text": text}])))
    rows = [r for r in article_figures(article) if r["unit"] == "fraction"]
    assert [(r["quote"], round(r["value"], 3)) for r in rows] == [("two-thirds", 0.667)]
    row_span(rows[0]).verify(text)
    with pytest.raises(SpanError):  # a row whose offsets drifted from its quote fails the check
        row_span({**rows[0], "start": rows[0]["start"] + 1}).verify(text)
