"""The workshop as a lesson plan: tagged teacher notes and answers, a participant copy without
them, timed rounds, a printable handout, and reveals that an offline HTML export keeps."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip(
    "nbformat", reason="needs the notebooks extra: pip install -e '.[notebooks]'"
)

from kit.present.workshop import (  # noqa: E402  (after the import guard)
    PARTICIPANT_DROPS,
    build_workshop,
    handout_html,
    participant_copy,
    read_workshop,
)

SECRETS = ["Teacher notes", "Answer 2.", "Answer 4.", "summarises 000", "Mach 11"]


@pytest.fixture(scope="module")
def teacher() -> Any:
    return read_workshop()


def _tags(cell: Any) -> set[str]:
    return set(cell.metadata.get("tags", []))


def _text(notebook: Any) -> str:
    return "\n".join(cell.source for cell in notebook.cells)


def test_the_teacher_notebook_tags_its_notes_and_answers(teacher: Any) -> None:
    notes = [c for c in teacher.cells if "teacher" in _tags(c)]
    assert len(notes) >= 5 and all("Teacher notes" in c.source for c in notes)
    untagged = [c for c in teacher.cells if not _tags(c) & PARTICIPANT_DROPS]
    assert not [c for c in untagged if "Teacher notes" in c.source]
    assert not [c for c in untagged if re.match(r"\*\*Answer", c.source)]
    exercises = [c for c in teacher.cells if c.source.startswith("**Exercise")]
    answers = [c for c in teacher.cells if c.source.startswith("**Answer")]
    assert len(exercises) >= 4 and len(answers) >= len(exercises)
    assert all("answer" in _tags(c) for c in answers)


def test_teacher_notes_never_come_before_a_reveal_of_their_round(teacher: Any) -> None:
    note, in_round = None, False  # the set-up notes before round 1 precede no reveal
    for cell in teacher.cells:
        if cell.source.startswith("## "):
            note, in_round = None, True
        elif "teacher" in _tags(cell) and in_round:
            note = cell.source
        elif cell.cell_type == "code" and not _tags(cell) and note is not None:
            pytest.fail(f"a teacher note precedes a reveal: {note[:80]}")


def test_the_rounds_are_timed_and_fill_an_hour(teacher: Any) -> None:
    rounds = [c.source for c in teacher.cells if c.source.startswith("## ")]
    minutes = [int(m) for r in rounds for m in re.findall(r"\((\d+) minutes\)", r.splitlines()[0])]
    assert len(minutes) == len(rounds) >= 6
    assert sum(minutes) + 5 == 60  # plus the 5-minute welcome in the plan's table
    assert "| 0:55 |" in teacher.cells[0].source


def test_the_participant_copy_holds_no_teacher_note_and_no_answer(teacher: Any) -> None:
    student = participant_copy(teacher)
    assert not [c for c in student.cells if _tags(c) & PARTICIPANT_DROPS]
    text = _text(student)
    for secret in SECRETS:
        assert secret not in text, secret
    assert text.count("**Exercise") == _text(teacher).count("**Exercise")  # exercises stay
    assert text.count("kit.ui.cards(") >= 5  # and every reveal
    assert all(c.outputs == [] for c in student.cells if c.cell_type == "code")
    assert len(teacher.cells) > len(student.cells)  # the teacher copy is unchanged


def test_the_handout_is_printable_and_gives_nothing_away(teacher: Any) -> None:
    page = handout_html(teacher)
    assert page.startswith("<!doctype html>") and "@media print" in page
    assert "<script" not in page and "http" not in page  # prints offline
    writes = sum(1 for c in teacher.cells if "write" in _tags(c))
    # a box is an element the print style labels "Write here:", whatever its class is called
    labelled = re.findall(r"\.([\w-]+)::before\s*\{[^}]*content:\s*\"Write here:\"", page)
    boxes = sum(len(re.findall(rf"class=['\"]{name}['\"]", page)) for name in labelled)
    assert labelled and boxes == writes >= 5
    for secret in SECRETS:
        assert secret not in page, secret
    assert "Round 4" in page and "(12 minutes)" in page and "independent sources" in page


@pytest.mark.slow
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_build_writes_both_copies_and_an_offline_export_with_the_reveals(tmp_path: Path) -> None:
    pytest.importorskip("nbclient")
    written = build_workshop(tmp_path / "workshop")
    assert set(written) == {"participant", "teacher", "teacher_html", "handout"}
    student = nbformat.read(written["participant"], as_version=4)
    assert "Teacher notes" not in _text(student)
    executed = nbformat.read(written["teacher"], as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    reveals = [c for c in executed.cells if c.cell_type == "code" and "cards(" in c.source]
    for cell in reveals:  # every reveal is HTML in the saved notebook, not only a widget
        shown = [o for o in cell.outputs if "text/html" in o.get("data", {})]
        assert shown and "<mark>" in shown[-1]["data"]["text/html"], cell.source
    page = written["teacher_html"].read_text(encoding="utf-8")
    static = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)  # what shows without JS
    assert "<mark>Mach 11</mark>" in static  # round 1's reveal
    assert "Around 80" in static and "hedged" in static  # round 2's
    assert "Refuted" in static  # round 5's verdict
    assert "derives from 000_2d8a655e2aa5b0a7" in static  # round 4's table, not cut at 50


def test_a_teacher_can_build_it_on_other_articles(tmp_path: Path) -> None:
    other = Path(__file__).resolve().parent / "data" / "wikinews_fires.jsonl"
    written = build_workshop(tmp_path / "w", corpus=str(other), execute=False)
    assert set(written) == {"participant", "teacher", "handout"}  # not run: no export
    for name in ("participant", "teacher"):
        notebook = nbformat.read(written[name], as_version=4)
        tags = [_tags(c) for c in notebook.cells]
        at = tags.index({"injected-parameters"})
        assert tags[at - 1] == {"parameters"}  # after the defaults, so it wins
        namespace: dict[str, Any] = {}
        exec(notebook.cells[at].source, namespace)  # plain assignments
        assert namespace["corpus"] == str(other) and namespace["single_source_article"] is None
