"""The workshop's two copies and its handout, built from cell tags of one notebook.

`notebooks/04_workshop.ipynb` is the teacher's notebook. Its cells carry tags:

- `teacher`: notes for the teacher, placed after the reveal they discuss;
- `answer`: the answer to an exercise (participants write their own);
- `handout`: what the printed handout holds (rounds, times, guess prompts, exercises);
  `write` adds a box to write in after that part of the handout;
- `parameters`: the corpus and the round questions (papermill's convention).

`build_workshop` writes, to a folder: the participant copy (teacher and answer cells left
out, no outputs), the teacher copy (executed, every reveal in it), the teacher copy as HTML
(reveals are plain HTML outputs, so it opens offline, without Python or a widget renderer)
and `handout.html`, a printable page. `make workshop` and `python -m kit.present.workshop` call it.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.errors import KitError
from kit.present.report import output_folder

__all__ = ["PARTICIPANT_DROPS", "build_workshop", "handout_html", "participant_copy"]

WORKSHOP = Path(__file__).resolve().parents[2] / "notebooks" / "04_workshop.ipynb"
PARTICIPANT_DROPS = frozenset({"teacher", "answer"})
HANDOUT_CSS = """
body {font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto;
  padding: 0 1em; line-height: 1.45; color: #111}
h1 {font-size: 1.6em} h2 {font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999}
table {border-collapse: collapse} td, th {border: 1px solid #999; padding: 2px 10px}
.write {border: 1px dashed #888; min-height: 5.5em; margin: .6em 0 1.2em; border-radius: 4px}
.anchor-link {display: none}
.write::before {content: "Write here:"; font-size: .8em; color: #666; padding: 4px 8px;
  display: block}
.foot {font-size: .8em; color: #555; margin-top: 2em}
@media print {body {margin: 0; max-width: none} h2 {break-after: avoid}
  .write {break-inside: avoid}}
"""


def _nbformat() -> Any:
    try:
        import nbformat
    except ImportError:
        raise KitError(
            "Building the workshop needs the notebooks extra: pip install -e '.[notebooks]'."
        ) from None
    return nbformat


def _tags(cell: Any) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def read_workshop(path: str | os.PathLike[str] | None = None) -> Any:
    """The teacher notebook (the repository's workshop when `path` is None)."""
    source = Path(path) if path is not None else WORKSHOP
    if not source.is_file():
        raise KitError(f"Workshop notebook `{source}` does not exist: pass an .ipynb file.")
    return _nbformat().read(source, as_version=4)


def participant_copy(notebook: Any) -> Any:
    """The notebook without teacher notes or answers, and without outputs: for participants."""
    out = copy.deepcopy(notebook)
    out.cells = [c for c in out.cells if not _tags(c) & PARTICIPANT_DROPS]
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    out.metadata.pop("widgets", None)
    return out


def handout_html(notebook: Any, *, title: str = "Workshop handout") -> str:
    """A printable page from the `handout` cells, with a box to write in after `write` ones."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    parts = []
    for cell in notebook.cells:
        tags = _tags(cell)
        if "handout" not in tags or tags & PARTICIPANT_DROPS:
            continue
        parts.append(markdown2html_mistune(cell.source))
        if "write" in tags:
            parts.append("<div class='write'></div>")
    body = "\n".join(parts)
    return (
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{HANDOUT_CSS}</style><body>{body}"
        "<p class='foot'>Write each guess down before the reveal.</p></body></html>"
    )


def _with_parameters(notebook: Any, parameters: dict[str, Any]) -> Any:
    """A cell after the `parameters` cell that sets `parameters` (papermill's convention)."""
    if not parameters:
        return notebook
    out = copy.deepcopy(notebook)
    where = next((n for n, c in enumerate(out.cells) if "parameters" in _tags(c)), -1)
    source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = _nbformat().v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    out.cells.insert(where + 1, cell)
    return out


def _execute(notebook: Any, cwd: Path, timeout: int) -> Any:
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return notebook


def export_html(notebook: Any) -> str:
    """The executed notebook as one HTML page (reveals are HTML outputs: no kernel needed)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    return str(body)


def build_workshop(
    output: str | os.PathLike[str],
    *,
    notebook: str | os.PathLike[str] | None = None,
    corpus: str | None = None,
    execute: bool = True,
    timeout: int = 600,
) -> dict[str, Path]:
    """Write participant.ipynb, teacher.ipynb (+ teacher.html when executed), handout.html."""
    nbformat = _nbformat()
    teacher = read_workshop(notebook)
    parameters: dict[str, Any] = {}
    if corpus:  # the demo's article ids mean nothing elsewhere: look at every article
        parameters = {"corpus": str(Path(corpus).resolve()), "single_source_article": None}
    teacher = _with_parameters(teacher, parameters)
    folder = output_folder(output, "workshop")
    written = {
        "participant": folder / "participant.ipynb",
        "handout": folder / "handout.html",
        "teacher": folder / "teacher.ipynb",
    }
    nbformat.write(participant_copy(teacher), written["participant"])
    written["handout"].write_text(handout_html(teacher), encoding="utf-8")
    if execute:
        source = Path(notebook).parent if notebook is not None else WORKSHOP.parent
        teacher = _execute(teacher, source.resolve(), timeout)
        written["teacher_html"] = folder / "teacher.html"
        written["teacher_html"].write_text(export_html(teacher), encoding="utf-8")
    nbformat.write(teacher, written["teacher"])
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kit.present.workshop",
        description="Build the workshop's participant copy, teacher copy and handout.",
        epilog=(
            "Example: python -m kit.present.workshop --output reports/workshop --corpus my/articles"
        ),
    )
    parser.add_argument("--output", default="reports/workshop", help="folder to write to")
    parser.add_argument("--corpus", default=None, help="articles to run it on (default: seeds)")
    parser.add_argument("--notebook", default=None, help="teacher notebook (default: 04)")
    parser.add_argument(
        "--no-execute", action="store_true", help="do not run the teacher copy (no teacher.html)"
    )
    args = parser.parse_args(argv)
    try:
        written = build_workshop(
            args.output, notebook=args.notebook, corpus=args.corpus, execute=not args.no_execute
        )
    except KitError as exc:
        print(f"kit.present.workshop: {exc}", file=sys.stderr)
        return 1
    for name, path in written.items():
        print(f"{name:>12}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
