"""The `kit` command: exit codes, exact error lines, JSON shapes, batch mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kit.cli import main
from kit.ingest.corpus import SEEDS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_has_the_spec_shape(capsys) -> None:
    code, out, err = run(capsys, "ask", "How fast was the Oreshnik?", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["question"] == "How fast was the Oreshnik?"
    assert result["no_answer"] is False
    best = result["answers"][0]
    assert set(best) == {"text", "type", "score", "citations"}
    assert best["text"] == "Mach 11" and best["type"] == "speed"
    assert 0 < best["score"] < 1
    for citation in best["citations"]:
        assert set(citation) == {"source", "start", "end", "quote", "sentence"}
        text = (SEEDS / f"{citation['source']}.txt").read_text(encoding="utf-8")
        assert text[citation["start"] : citation["end"]] == citation["quote"]
        assert citation["quote"] in citation["sentence"]


def test_ask_for_people_highlights_the_quote(capsys) -> None:
    code, out, _ = run(capsys, "ask", "How fast was the Oreshnik?", "--color", "never")
    assert code == 0
    assert out.startswith("Q: How fast was the Oreshnik?\n1. Mach 11")
    assert "«Mach 11»" in out
    code, out, _ = run(capsys, "ask", "How fast was the Oreshnik?", "--color", "always")
    assert "\033[1;33mMach 11\033[0m" in out


def test_unanswerable_question_says_so(capsys) -> None:
    code, out, _ = run(capsys, "ask", "What is the range of the Oreshnik missile?", "--json")
    assert code == 0
    assert json.loads(out) == {
        "question": "What is the range of the Oreshnik missile?",
        "no_answer": True,
        "answers": [],
    }


def test_batch_jsonl_keeps_order_and_extra_fields(capsys, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "How fast was the Oreshnik?"}\n'
        '{"id": "b", "question": "Who chaired the NATO-Ukraine Council meeting?"}\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "ask", "--batch", str(batch))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[1]["answers"][0]["text"] == "Boris Ruge"


def test_batch_plain_text_lines(capsys, tmp_path: Path) -> None:
    batch = tmp_path / "q.txt"
    batch.write_text("How fast was the Oreshnik?\n\nWho chaired the meeting?\n", encoding="utf-8")
    code, out, _ = run(capsys, "ask", "--batch", str(batch))
    assert code == 0
    assert [json.loads(x)["question"] for x in out.splitlines()] == [
        "How fast was the Oreshnik?",
        "Who chaired the meeting?",
    ]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["ask", ""],
            1,
            "kit: error: The question is empty: pass a non-empty question, "
            'e.g. "How fast was it?".',
        ),
        (["ask"], 2, "kit: error: kit ask: give a QUESTION or --batch FILE (see `kit ask --help`)"),
        (
            ["ask", "Who?", "--corpus", "/no/such/dir"],
            1,
            "kit: error: Corpus path `/no/such/dir` does not exist: pass --corpus with a folder "
            "of articles or a .jsonl/.csv file.",
        ),
        (["frobnicate"], 2, "kit: error: kit: argument command: invalid choice: 'frobnicate'"),
        (
            ["show", "nope"],
            1,
            "kit: error: Unknown source `nope`: choose one of 000_2d8a655e2aa5b0a7, "
            "001_2144309efa135f52, 002_c91a69a50e929240, 003_f858b49bcf518778, "
            "004_ce882702a1d0554e.",
        ),
    ],
)
def test_bad_input_gives_one_clear_line(capsys, argv, code, message) -> None:
    got, out, err = run(capsys, *argv)
    assert got == code
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_malformed_batch_line(capsys, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"question": "ok?"}\n{"question": \n', encoding="utf-8")
    code, _, err = run(capsys, "ask", "--batch", str(batch))
    assert code == 1
    assert err.startswith(f"kit: error: Line 2 of `{batch}` is not valid JSON")


def test_non_utf8_corpus_file_leaves_no_cache(capsys, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\xff\xfe broken")
    cache = Path(os.environ["KIT_CACHE_DIR"])
    before = sorted(cache.iterdir()) if cache.exists() else []
    code, _, err = run(capsys, "ask", "Who?", "--corpus", str(corpus))
    assert code == 1
    assert (
        err == f"kit: error: File `{corpus / 'a.txt'}` is not UTF-8 (bad byte at offset 0): "
        "re-save it as UTF-8 or convert it with `iconv -t utf-8`.\n"
    )
    assert (sorted(cache.iterdir()) if cache.exists() else []) == before


def test_show_prints_the_original_text(capsys) -> None:
    code, out, _ = run(capsys, "show", "000_2d8a655e2aa5b0a7")
    assert code == 0
    assert out == (SEEDS / "000_2d8a655e2aa5b0a7.txt").read_text(encoding="utf-8")


def test_show_sources_and_figures_never_open_an_index(capsys, tmp_path: Path, monkeypatch) -> None:
    """The commands that only read articles open the corpus through `FactKit.open(lazy=True)`
    and write nothing to the cache; `ask` on the same corpus then builds the index there."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The river rose 4 metres on Monday.", encoding="utf-8")
    cache = tmp_path / "cache"
    monkeypatch.setenv("KIT_CACHE_DIR", str(cache))
    for argv in (["show", "a"], ["sources"], ["figures", "--json"]):
        code, out, err = run(capsys, *argv, "--corpus", str(corpus))
        assert code == 0, err
        assert out
        assert not cache.exists() or not any(cache.iterdir()), argv
    code, _, err = run(capsys, "ask", "How far did the river rise?", "--corpus", str(corpus))
    assert code == 0, err
    assert any(cache.iterdir())


def test_eval_on_the_gold_questions(capsys) -> None:
    gold = Path(__file__).parent / "data" / "gold_questions.jsonl"
    code, out, _ = run(capsys, "eval", str(gold), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["citation_validity"] == 1.0
    assert summary["correct"] >= 0.9 * summary["questions"]
    assert summary["latency_ms_p50"] > 0


@pytest.mark.slow
def test_console_script_reads_a_batch_from_stdin(tmp_path: Path) -> None:
    kit_cmd = Path(sys.executable).with_name("kit")
    env = {**os.environ}
    proc = subprocess.run(
        [str(kit_cmd), "ask", "--batch", "-"],
        input="How fast was the Oreshnik?\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["answers"][0]["text"] == "Mach 11"


@pytest.mark.slow
def test_a_fresh_process_opens_no_network_connection() -> None:
    """Building the index, loading the model and answering never touch the network."""
    guard = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    sys.stderr.write(f'network access attempted: {args!r}\\n')\n"
        "    raise SystemExit(99)\n"
        "socket.socket.connect = refuse\n"
        "socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from kit.cli import main\n"
        "raise SystemExit(main(['ask', 'How fast was the Oreshnik?', '--json', '--no-cache']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", guard], capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["answers"][0]["text"] == "Mach 11"


@pytest.mark.slow
def test_a_kit_command_never_imports_torch() -> None:
    """Haystack and spaCy import torch whenever it is installed (~1.5 s of a cold command);
    a `kit` process marks it absent first and still answers."""
    code = (
        "import sys, json, kit.cli as c; c.main(['ask', 'How fast was the Oreshnik?', '--json']);"
        "print(); print('|', sys.modules.get('torch', 'never asked') is None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *answer, marked = out.stdout.strip().splitlines()
    assert marked == "| True"
    assert json.loads("\n".join(answer))["answers"][0]["text"] == "Mach 11"
