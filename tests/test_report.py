"""The report folder: every table as CSV, the charts that apply as PNG, one HTML page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit.api import FactKit
from kit.errors import KitError
from kit.report import single_source_frame, sources_frame, write_report


def test_report_writes_tables_charts_and_a_page(seed_kit: FactKit, tmp_path: Path) -> None:
    report = write_report(
        seed_kit,
        tmp_path / "out",
        questions=["How fast was the Oreshnik?", "What did the Oreshnik cost?"],
        claims=["The Oreshnik flew at Mach 5."],
    )
    folder = tmp_path / "out"
    for name in ("sources", "figures", "comparison", "arithmetic", "single_source"):
        assert not pd.read_csv(folder / f"{name}.csv").empty, name
    claims = pd.read_csv(folder / "claims.csv")
    assert set(claims["verdict"]) == {"refuted"}
    answers = pd.read_csv(folder / "answers.csv")
    assert list(answers["question"].unique()) == [
        "How fast was the Oreshnik?",
        "What did the Oreshnik cost?",
    ]
    assert {p.name for p in report.charts} >= {"chart_drones.png", "chart_territory.png"}
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in report.charts)
    page = report.page.read_text(encoding="utf-8")
    assert "<img src='chart_drones.png'" in page and "Mach 11" in page
    assert "index.html" in report._repr_html_()


def test_every_quote_in_the_report_is_a_span_of_its_article(seed_kit: FactKit) -> None:
    for frame in (single_source_frame(seed_kit), seed_kit.figures()):
        for row in frame.itertuples():
            assert seed_kit.text(row.source)[row.start : row.end] == row.quote


def test_sources_frame_names_the_derived_article(seed_kit: FactKit) -> None:
    frame = sources_frame(seed_kit).set_index("source")
    assert "derives from 000_2d8a655e2aa5b0a7" in frame.loc["001_2144309efa135f52", "relations"]
    assert frame.loc["001_2144309efa135f52", "group"] == frame.loc["000_2d8a655e2aa5b0a7", "group"]


def test_an_unwritable_output_is_a_clear_error(seed_kit: FactKit, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(KitError, match=r"Cannot create the report folder `.*file/report`"):
        write_report(seed_kit, blocker / "report")
