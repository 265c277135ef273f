"""The report folder: every table as CSV, the charts that apply as PNG, one HTML page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit.api import FactKit
from kit.errors import KitError
from kit.present.report import (
    answers_frame,
    as_list,
    default_output,
    single_source_frame,
    sources_frame,
    write_report,
)


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


OTHER = Path(__file__).resolve().parent / "data" / "wikinews_fires.jsonl"


@pytest.fixture(scope="module")
def other_kit() -> FactKit:
    """Four Wikinews fire reports (CC BY 2.5): nothing in them is about the demo's event."""
    import kit

    return kit.open_corpus(OTHER)


def test_a_corpus_without_evidence_gets_empty_tables_with_their_columns(
    other_kit: FactKit, tmp_path: Path
) -> None:
    report = write_report(
        other_kit,
        tmp_path / "out",
        questions=["How fast was the Oreshnik?"],
        claims=["The Oreshnik flew at Mach 5."],
    )
    claims = report.tables["claims"]
    assert list(claims["verdict"]) == ["not_enough_info"]
    assert claims[["claim", "verdict", "explanation", "source", "stance", "quote"]].shape == (1, 6)
    answers = report.tables["answers"]
    assert answers[["question", "answer", "source", "quote", "sentence"]].shape[0] == 1
    assert bool(answers["no_answer"].iloc[0]) is True
    assert "not_enough_info" in report.page.read_text(encoding="utf-8")
    for name in ("sources", "figures"):
        assert not pd.read_csv(tmp_path / "out" / f"{name}.csv").empty, name


def test_questions_given_as_a_json_string_are_a_list(seed_kit: FactKit) -> None:
    assert as_list('["How fast was the Oreshnik?", "Who launched it?"]') == [
        "How fast was the Oreshnik?",
        "Who launched it?",
    ]
    assert as_list("How fast was the Oreshnik?") == ["How fast was the Oreshnik?"]
    assert as_list(None) == [] and as_list(["a", " "]) == ["a"]
    with pytest.raises(KitError, match="as JSON"):
        as_list('["unclosed')
    frame = answers_frame(seed_kit, '["How fast was the Oreshnik?", "What did it cost?"]')
    assert list(frame["question"].unique()) == ["How fast was the Oreshnik?", "What did it cost?"]


def test_the_default_report_folder_is_git_ignored(seed_kit: FactKit) -> None:
    import subprocess

    assert default_output(None) == Path("reports") / "seeds"
    assert default_output(seed_kit) == Path("reports") / "seeds"
    assert default_output(OTHER) == Path("reports") / "wikinews_fires"
    root = Path(__file__).resolve().parents[1]
    inside = ["git", "rev-parse", "--is-inside-work-tree"]
    if subprocess.run(inside, cwd=root, capture_output=True, check=False).returncode != 0:
        pytest.skip("not a git checkout: nothing to ignore")
    for where in (root, root / "notebooks"):
        target = where / default_output(OTHER) / "index.html"
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", str(target)], cwd=root, check=False
        ).returncode
        assert ignored == 0, target
