"""Every notebook runs top to bottom from a clean kernel; notebooks are committed clean.

The kernel talks ZMQ over TCP on 127.0.0.1, so these tests allow that one host; every other
connection stays blocked (pytest-socket).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
PLAIN = [name for name in ALL if name != "05_report.ipynb"]
TIMEOUT = 600  # seconds per cell; a cold kernel loads the embedding model once

nbformat = pytest.importorskip(
    "nbformat", reason="needs the notebooks extra: pip install -e '.[notebooks]'"
)


def _require(module: str) -> None:
    """Skip (or, with CI=true, fail) when a notebook tool is not installed."""
    try:
        __import__(module)
    except ImportError:
        message = f"{module} is not installed: pip install -e '.[notebooks]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_the_expected_notebooks_exist() -> None:
    expected = {"01_ask_the_articles", "02_compare_sources", "03_figures", "04_workshop"}
    assert expected | {"05_report", "app"} <= {Path(n).stem for n in ALL}


@pytest.mark.parametrize("name", ALL)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, name
            source = "".join(cell["source"])
            assert "pip install" not in source and "!" not in source.lstrip()[:1], name
            assert "def " not in source and "class " not in source, f"logic in {name}"


@pytest.mark.slow
@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize("name", PLAIN)
def test_notebook_runs_from_a_clean_kernel(name: str) -> None:
    _require("nbclient")
    _require("ipykernel")
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type in ("display_data", "execute_result") for o in outputs)
    assert "Traceback" not in _text(outputs)


@pytest.mark.slow
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_report_notebook_writes_a_report_where_told(tmp_path: Path) -> None:
    output = tmp_path / "report"
    _run_report(tmp_path, corpus=str(NOTEBOOKS.parent / "seeds"), output=str(output))
    for name in ("figures", "comparison", "answers", "claims", "sources", "arithmetic"):
        assert (output / f"{name}.csv").stat().st_size > 0, name
    assert (output / "chart_drones.png").read_bytes()[:4] == b"\x89PNG"
    page = (output / "index.html").read_text(encoding="utf-8")
    assert "Mach 11" in page and "chart_drones.png" in page
    assert not (NOTEBOOKS / "report").exists()  # nothing written beside the notebook


@pytest.mark.slow
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_report_notebook_runs_on_another_corpus_with_its_own_questions(tmp_path: Path) -> None:
    """The demo's default claims find nothing here: empty tables, not a KeyError."""
    corpus = NOTEBOOKS.parent / "tests" / "data" / "wikinews_fires.jsonl"
    output = tmp_path / "fires"
    questions = '["How many people died in the Koszalin fire?", "Where was the hotel fire?"]'
    executed = _run_report(tmp_path, corpus=str(corpus), output=str(output), questions=questions)
    answers = (output / "answers.csv").read_text(encoding="utf-8")
    assert "How many people died in the Koszalin fire?" in answers
    assert "Where was the hotel fire?" in answers  # the JSON string was read as a list
    assert "not_enough_info" in (output / "claims.csv").read_text(encoding="utf-8")
    assert "Koszalin" in (output / "figures.csv").read_text(encoding="utf-8")
    assert "Traceback" not in _text(
        [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    )


def _run_report(tmp_path: Path, **parameters: str) -> Any:
    _require("papermill")
    _require("ipykernel")
    import papermill

    return papermill.execute_notebook(
        str(NOTEBOOKS / "05_report.ipynb"),
        str(tmp_path / "05_report.out.ipynb"),
        parameters=parameters,
        cwd=str(NOTEBOOKS),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=TIMEOUT,
    )


def _text(outputs: list[Any]) -> str:
    parts = []
    for output in outputs:
        parts.append(str(output.get("text", "")))
        parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)
