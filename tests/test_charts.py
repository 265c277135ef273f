"""Charts: asserted on their artists (bar heights, labels, titles), never on pixels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

from kit.cli import main
from kit.errors import KitError
from kit.figures.charts import (
    CHARTS,
    drone_counts,
    quantity_across_sources,
    save_chart,
    territory_seized,
)
from kit.figures.table import figures_frame
from kit.ingest.corpus import Corpus, corpus_from_records


@pytest.fixture(scope="module")
def table(seeds: Corpus) -> pd.DataFrame:
    return figures_frame(seeds)


@pytest.fixture
def ax() -> Iterator[Axes]:
    figure, axes = plt.subplots()
    yield axes
    plt.close(figure)


def heights(ax: Axes) -> list[float]:
    return [patch.get_height() for patch in ax.patches]


def bar_texts(ax: Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def ticks(ax: Axes) -> list[str]:
    return [label.get_text() for label in ax.get_xticklabels()]


def test_drone_counts_by_category_and_source(table: pd.DataFrame, ax: Axes) -> None:
    assert drone_counts(table, ax=ax) is ax
    assert ax.get_title() == "Drones: counts by category and source"
    assert ticks(ax)[:3] == ["launched", "lost", "shot down"]
    assert heights(ax)[:3] == [188, 188, 188]
    assert {"≈80", "≥90", "76", "96", "5"} <= set(bar_texts(ax))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["003", "004 · Volodymyr Zelenskyy", "004"]


def test_territory_week_vs_month(table: pd.DataFrame, ax: Axes) -> None:
    assert territory_seized(table, ax=ax) is ax
    assert heights(ax) == [235, 600]
    assert ticks(ax) == ["past week\n003", "in November\n003"]
    assert bar_texts(ax)[0] == "≤235 km²\n“almost 235 square kilometers”"
    assert "km²" in ax.get_ylabel()


def test_quantity_across_sources_labels_source_and_qualifier(table: pd.DataFrame) -> None:
    ax = quantity_across_sources(table, "drones shot down")
    try:
        assert heights(ax) == [76, 80, 76]  # not Kyiv's "more than ten": another place
        assert ticks(ax)[1] == "004 · Volodymyr\nZelenskyy\napprox."
        assert ticks(ax)[0] == "003\nexact"
        assert bar_texts(ax)[1] == "“Around 80”"
        assert ax.patches[1].get_hatch() == "//" and not ax.patches[0].get_hatch()
        assert ax.get_title() == "Drones shot down, across sources"
    finally:
        plt.close(ax.figure)


def test_default_across_chart_picks_a_disputed_quantity(table: pd.DataFrame, ax: Axes) -> None:
    quantity_across_sources(table, ax=ax)
    assert ax.get_title() == "Drones shot down, across sources"


def test_charts_registry_and_png_output(table: pd.DataFrame, tmp_path: Path) -> None:
    assert set(CHARTS) == {"drones", "territory", "compared", "across", "categories"}
    names = [n for n in CHARTS if n != "categories"]
    for name in [*names, "across:missile speed", "categories:drones"]:
        path = save_chart(name, table, tmp_path / f"{name}.png")
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_chart_and_missing_data_are_clear_errors(table: pd.DataFrame) -> None:
    with pytest.raises(KitError, match="Unknown chart `pie`: choose one of drones"):
        save_chart("pie", table, "unused.png")
    empty = figures_frame(corpus_from_records([{"id": "a", "text": "Nothing to count here."}]))
    with pytest.raises(KitError, match="No counts of `drones`"):
        drone_counts(empty)
    with pytest.raises(KitError, match="No territory figures"):
        territory_seized(empty)
    with pytest.raises(KitError, match="No figures for quantity `tanks lost`"):
        quantity_across_sources(table, "tanks lost")
    with pytest.raises(KitError, match="several units"):
        quantity_across_sources(table, "war duration")


def test_cli_writes_a_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "drones.png"
    assert main(["figures", "--chart", "drones", "-o", str(target)]) == 0
    assert target.stat().st_size > 10_000
    assert main(["figures", "--list-charts"]) == 0
    assert "territory" in capsys.readouterr().out
