"""A report folder for any corpus: the kit's tables as CSV, its charts as PNG, one HTML page.

`write_report` runs the whole analysis (figures, cross-source comparison, arithmetic checks,
copied articles, answers to a question list, verdicts on a claim list) and writes what each
library function returns; it decides nothing itself. The parameterised notebook
`notebooks/05_report.ipynb` calls it, so papermill can run it on any folder.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.errors import KitError

if TYPE_CHECKING:
    from kit.api import FactKit

__all__ = ["Report", "answers_frame", "claims_frame", "single_source_frame", "sources_frame"]
__all__ += ["as_list", "default_output", "openings_frame", "write_report"]

ANSWER_COLUMNS = ["question", "no_answer", "answer", "type", "score", "source", "start", "end"]
ANSWER_COLUMNS += ["quote", "sentence"]
CLAIM_COLUMNS = ["claim", "verdict", "explanation", "independent_sources", "source", "start"]
CLAIM_COLUMNS += ["end", "quote", "stance", "relevance", "reason", "highlight", "attributed_to"]
CLAIM_COLUMNS += ["verb", "attribution", "hedges"]


@dataclass
class Report:
    """What `write_report` wrote: the folder, its files, and charts that did not apply."""

    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    charts: list[Path] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # chart name -> why

    @property
    def page(self) -> Path:
        return self.folder / "index.html"

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><code>{html.escape(name)}.csv</code>: {len(table)} rows</li>"
            for name, table in self.tables.items()
        )
        items += "".join(f"<li><code>{html.escape(p.name)}</code></li>" for p in self.charts)
        items += "".join(
            f"<li>chart <code>{html.escape(n)}</code> skipped: {html.escape(why)}</li>"
            for n, why in self.skipped.items()
        )
        return (
            f"<p>Report written to <code>{html.escape(str(self.page.resolve()))}</code></p>"
            f"<ul>{items}</ul>"
        )


def sources_frame(factkit: FactKit) -> pd.DataFrame:
    """One row per article: id, title, outlet, date, kind, and what it copies or shares."""
    from kit.checking.copies import copy_report

    report = copy_report(factkit.index)
    rows = []
    for article in factkit.corpus:
        related = [r.describe() for r in report.relations if r.source == article.source]
        rows.append(
            {**article.meta(), "group": report.group(article.source)}
            | {"relations": "; ".join(related)}
        )
    return pd.DataFrame(rows)


def openings_frame(factkit: FactKit, *, chars: int = 280) -> pd.DataFrame:
    """Each article's title and opening words: enough to compare articles, no verdict given."""
    rows = []
    for article in factkit.corpus:
        text = " ".join(article.text[: chars * 2].split())
        cut = text[:chars].rsplit(" ", 1)[0] + " …" if len(text) > chars else text
        rows.append({"source": article.source, "title": article.title, "opening": cut})
    return pd.DataFrame(rows, columns=["source", "title", "opening"])


def single_source_frame(factkit: FactKit, source: str | None = None) -> pd.DataFrame:
    """Statements no independent source repeats (`kit.checking.agreement`), one row each."""
    from kit.checking.agreement import single_source_statements

    rows = [s.to_dict() for s in single_source_statements(factkit.index, source=source)]
    columns = ["source", "start", "end", "quote", "attributed_to", "attribution", "hedges"]
    return pd.DataFrame(rows).reindex(columns=columns)


def answers_frame(factkit: FactKit, questions: Sequence[str] | str) -> pd.DataFrame:
    """Every citation of every answer to `questions`; a no-answer question gets one empty row.

    The columns are the same whatever the corpus answers, so a table that is empty on one
    corpus still has the columns a notebook selects.
    """
    rows: list[dict[str, Any]] = []
    for question in as_list(questions):
        result = factkit.ask(question)
        head = {"question": question, "no_answer": result.no_answer}
        cited = [{**head, **row} for row in result.to_dict()["answers"] for row in _rows(row)]
        rows += cited or [head]
    return pd.DataFrame(rows).reindex(columns=ANSWER_COLUMNS)


def _rows(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per citation of an answer (the columns of `AnswerSet.to_frame`)."""
    head = {"answer": answer["text"], "type": answer["type"], "score": answer["score"]}
    return [{**head, **citation} for citation in answer["citations"]]


def claims_frame(factkit: FactKit, claims: Sequence[str] | str) -> pd.DataFrame:
    """One row per piece of evidence for each claim, with the claim's verdict.

    A claim without evidence (`not_enough_info`) keeps one row; the columns never depend on
    what the corpus holds.
    """
    rows: list[dict[str, Any]] = []
    for claim in as_list(claims):
        check = factkit.check(claim).to_dict()
        head = {k: check[k] for k in ("claim", "verdict", "explanation", "independent_sources")}
        for evidence in check["evidence"] or [{}]:
            mark = evidence.get("highlight")
            rows.append({**head, **evidence, "highlight": mark["quote"] if mark else None})
    return pd.DataFrame(rows).reindex(columns=CLAIM_COLUMNS)


def as_list(value: Sequence[str] | str | None) -> list[str]:
    """Questions or claims as a list, however they came in.

    `papermill -p questions '["A?", "B?"]'` hands the notebook a string: a JSON list in a
    string is read as the list; any other string is one question.
    """
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                raise KitError(
                    f"Could not read `{text[:60]}` as a list: write it as JSON, "
                    """e.g. '["How fast was it?", "Who said so?"]'."""
                ) from None
            return [str(item) for item in parsed if str(item).strip()]
        return [text] if text else []
    return [str(item) for item in value if str(item).strip()]


def default_output(corpus: str | os.PathLike[str] | FactKit | None) -> Path:
    """`reports/<corpus name>` under the working folder: git-ignored, never beside a notebook."""
    if corpus is None:
        name = "seeds"
    elif isinstance(corpus, str | os.PathLike):
        name = Path(corpus).stem or "corpus"
    else:
        name = Path(corpus.corpus.location).stem or "corpus"
    return Path("reports") / (re.sub(r"[^\w.-]+", "-", name).strip("-") or "corpus")


def output_folder(output: str | os.PathLike[str], what: str) -> Path:
    """The folder a report or workshop is written to, created if missing; one clear error
    when it cannot be."""
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KitError(
            f"Cannot create the {what} folder `{folder}`: {exc.strerror}. "
            "Pass a folder you can write to."
        ) from None
    return folder


def write_report(
    corpus: str | os.PathLike[str] | FactKit | None,
    output: str | os.PathLike[str] | None = None,
    *,
    questions: Sequence[str] | str = (),
    claims: Sequence[str] | str = (),
) -> Report:
    """Analyse `corpus` (a folder/file, an open kit, or None for the seeds) into `output`
    (None: `reports/<corpus name>`, see `default_output`)."""
    from kit.figures.charts import CHARTS, save_chart
    from kit.figures.compare import arithmetic_checks, compare_sources

    factkit = _open(corpus)
    folder = output_folder(output if output is not None else default_output(corpus), "report")
    figures = factkit.figures()
    report = Report(folder)
    report.tables = {
        "sources": sources_frame(factkit),
        "figures": figures,
        "comparison": compare_sources(figures),
        "arithmetic": arithmetic_checks(figures),
        "single_source": single_source_frame(factkit),
        "answers": answers_frame(factkit, questions),
        "claims": claims_frame(factkit, claims),
    }
    for name, table in report.tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    for name in CHARTS:
        try:
            report.charts.append(save_chart(name, figures, folder / f"chart_{name}.png"))
        except KitError as exc:
            report.skipped[name] = str(exc)
    report.page.write_text(_page(factkit, report), encoding="utf-8")
    return report


def _open(corpus: str | os.PathLike[str] | FactKit | None) -> FactKit:
    if corpus is None or isinstance(corpus, str | os.PathLike):
        import kit

        return kit.open_corpus(corpus)
    return corpus


_TITLES = {
    "sources": "Articles, and which copy or share reporting",
    "comparison": "Figures stated by more than one source",
    "arithmetic": "Do the parts add up to the totals?",
    "answers": "Answers, with the quote and its source",
    "claims": "Claims: verdict and evidence",
    "single_source": "Statements only one independent source makes",
    "figures": "Every figure in the articles",
}


def _page(factkit: FactKit, report: Report) -> str:
    parts = [
        "<!doctype html><meta charset='utf-8'><title>Fact-check report</title>",
        "<style>body{font-family:sans-serif;max-width:1200px;margin:auto}"
        "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;"
        "padding:2px 6px;vertical-align:top}</style>",
        f"<h1>Fact-check report</h1><p>{len(factkit.corpus)} articles from "
        f"<code>{html.escape(factkit.corpus.location)}</code>.</p>",
    ]
    for name, title in _TITLES.items():
        table = report.tables[name]
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(table.to_html(index=False, na_rep="") if len(table) else "<p>None.</p>")
        if name == "comparison":
            parts += [f"<p><img src='{p.name}' width='800'></p>" for p in report.charts]
    return "\n".join(parts)
