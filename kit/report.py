"""A report folder for any corpus: the kit's tables as CSV, its charts as PNG, one HTML page.

`write_report` runs the whole analysis (figures, cross-source comparison, arithmetic checks,
copied articles, answers to a question list, verdicts on a claim list) and writes what each
library function returns; it decides nothing itself. The parameterised notebook
`notebooks/05_report.ipynb` calls it, so papermill can run it on any folder.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.errors import KitError

if TYPE_CHECKING:
    from kit.api import FactKit

__all__ = ["Report", "answers_frame", "claims_frame", "single_source_frame", "sources_frame"]
__all__ += ["write_report"]


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
            f"<p>Report written to <code>{html.escape(str(self.page))}</code></p><ul>{items}</ul>"
        )


def sources_frame(factkit: FactKit) -> pd.DataFrame:
    """One row per article: id, title, outlet, date, kind, and what it copies or shares."""
    from kit.copies import copy_report

    report = copy_report(factkit.index)
    rows = []
    for article in factkit.corpus:
        related = [r.describe() for r in report.relations if r.source == article.source]
        rows.append(
            {**article.meta(), "group": report.group(article.source)}
            | {"relations": "; ".join(related)}
        )
    return pd.DataFrame(rows)


def single_source_frame(factkit: FactKit, source: str | None = None) -> pd.DataFrame:
    """Statements no independent source repeats (`kit.agreement`), one row each."""
    from kit.agreement import single_source_statements

    rows = [s.to_dict() for s in single_source_statements(factkit, source=source)]
    columns = ["source", "start", "end", "quote", "attributed_to", "attribution", "hedges"]
    return pd.DataFrame(rows).reindex(columns=columns)


def answers_frame(factkit: FactKit, questions: Sequence[str]) -> pd.DataFrame:
    """Every citation of every answer to `questions`; a no-answer question gets one empty row."""
    frames = []
    for question in questions:
        result = factkit.ask(question)
        frame = result.to_frame()
        if frame.empty:
            frame = pd.DataFrame([{"answer": None}], columns=frame.columns)
        frames.append(frame.assign(question=question, no_answer=result.no_answer))
    if not frames:
        return pd.DataFrame(columns=["question", "no_answer", "answer"])
    out = pd.concat(frames, ignore_index=True)
    return out[
        ["question", "no_answer", *[c for c in out.columns if c not in ("question", "no_answer")]]
    ]


def claims_frame(factkit: FactKit, claims: Sequence[str]) -> pd.DataFrame:
    """One row per piece of evidence for each claim, with the claim's verdict."""
    rows: list[dict[str, Any]] = []
    for claim in claims:
        check = factkit.check(claim).to_dict()
        head = {k: check[k] for k in ("claim", "verdict", "explanation", "independent_sources")}
        for evidence in check["evidence"] or [{}]:
            mark = evidence.get("highlight")
            rows.append({**head, **evidence, "highlight": mark["quote"] if mark else None})
    return pd.DataFrame(rows)


def write_report(
    corpus: str | os.PathLike[str] | FactKit | None,
    output: str | os.PathLike[str],
    *,
    questions: Sequence[str] = (),
    claims: Sequence[str] = (),
) -> Report:
    """Analyse `corpus` (a folder/file, an open kit, or None for the seeds) into `output`."""
    from kit.charts import CHARTS, save_chart
    from kit.compare import arithmetic_checks, compare_sources

    factkit = _open(corpus)
    folder = _folder(output)
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


def _folder(output: str | os.PathLike[str]) -> Path:
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KitError(
            f"Cannot create the report folder `{folder}`: {exc.strerror}. "
            "Pass `output` as a folder you can write to."
        ) from None
    return folder


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
