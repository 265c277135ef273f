"""Scoring the figures table against hand-marked figures (value, unit, what, qualifier, who).

A gold file is JSONL: one `{"article": ID}` line per annotated article (so that an article
with no figures still counts against false positives), then one line per figure:
`{"id", "quote", "occurrence" (0 unless the quote repeats), "value", "unit", "group",
"qualifier", "who"}`. `group` names what is measured; figures of different articles share a
group only when the group name has a scope prefix ("flood:deaths"), i.e. when the articles
report the same event. `score_figures` returns value precision/recall/F1, unit, qualifier and
attribution accuracy on the figures whose value is right, and how often two mentions of the
same thing get the same comparison key (`measure`) and two different things different keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from kit.language.quantities import same_number

__all__ = ["FigureScores", "read_gold", "score_figures"]


@dataclass(frozen=True)
class FigureScores:
    n_gold: int
    n_predicted: int
    value_precision: float
    value_recall: float
    value_f1: float
    unit_accuracy: float
    qualifier_accuracy: float
    attribution_accuracy: float
    same_thing_same_group: float
    different_things_different_groups: float
    same_pairs: int
    different_pairs: int
    misses: tuple[str, ...]

    def lines(self) -> list[str]:
        return [
            f"figures: {self.n_gold} marked, {self.n_predicted} found",
            f"value P/R/F1: {self.value_precision:.3f} / {self.value_recall:.3f} / "
            f"{self.value_f1:.3f}",
            f"unit accuracy: {self.unit_accuracy:.3f}   qualifier accuracy: "
            f"{self.qualifier_accuracy:.3f}   attribution accuracy: "
            f"{self.attribution_accuracy:.3f}",
            f"same thing -> same group: {self.same_thing_same_group:.3f} "
            f"({self.same_pairs} pairs); different things -> different groups: "
            f"{self.different_things_different_groups:.3f} ({self.different_pairs} pairs)",
        ]


def read_gold(path: str | Path) -> tuple[list[str], list[dict[str, Any]]]:
    """(annotated article ids, figure records) of a gold file."""
    articles: list[str] = []
    figures: list[dict[str, Any]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "article" in record:
            articles.append(str(record["article"]))
        else:
            figures.append(record)
    for record in figures:
        if record["id"] not in articles:
            articles.append(str(record["id"]))
    return articles, figures


def _span(text: str, record: Mapping[str, Any]) -> tuple[int, int]:
    pos = -1
    for _ in range(int(record.get("occurrence", 0)) + 1):
        pos = text.find(str(record["quote"]), pos + 1)
        if pos < 0:
            raise ValueError(f"`{record['quote']}` not found in `{record['id']}`")
    return pos, pos + len(str(record["quote"]))


def _same_speaker(gold: Any, predicted: Any) -> bool:
    if not isinstance(gold, str) or not isinstance(predicted, str):
        return not isinstance(gold, str) and not isinstance(predicted, str)
    g, p = gold.lower().split(" / ")[0], predicted.lower().split(" / ")[0]
    return g in p or p in g


def _scope(record: Mapping[str, Any]) -> str:
    group = str(record["group"])
    return group.split(":", 1)[0] if ":" in group else str(record["id"])


def score_figures(
    frame: pd.DataFrame,
    texts: Mapping[str, str],
    articles: Iterable[str],
    gold: list[Any],
    scope: Callable[[Mapping[str, Any]], str] | None = None,
) -> FigureScores:
    """Scores of `frame` (from `figures_frame`) on the annotated `articles`. Groups are
    compared within a `scope` of gold records (by default their group's prefix, "flood:")."""
    wanted = set(articles)
    predicted = frame[frame["source"].isin(wanted)]
    matched, misses = _match(predicted, texts, gold)
    tp, n_pred, n_gold = len(matched), len(predicted), len(gold)
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    same, diff = _group_pairs(matched, scope or _scope)
    return FigureScores(
        n_gold=n_gold,
        n_predicted=n_pred,
        value_precision=precision,
        value_recall=recall,
        value_f1=f1,
        unit_accuracy=sum(g["unit"] == p["unit"] for g, p in matched) / max(tp, 1),
        qualifier_accuracy=sum(g["qualifier"] == p["qualifier"] for g, p in matched) / max(tp, 1),
        attribution_accuracy=sum(_same_speaker(g["who"], p["attributed_to"]) for g, p in matched)
        / max(tp, 1),
        same_thing_same_group=same[0] / max(same[1], 1),
        different_things_different_groups=diff[0] / max(diff[1], 1),
        same_pairs=same[1],
        different_pairs=diff[1],
        misses=tuple(misses),
    )


Matched = list[tuple[Mapping[str, Any], dict[str, Any]]]


def _match(
    predicted: pd.DataFrame, texts: Mapping[str, str], gold: list[Any]
) -> tuple[Matched, list[str]]:
    """Each gold figure with the unused predicted row over its number with its value, and the
    gold figures no row matches."""
    rows: list[dict[str, Any]] = [
        {**{str(k): v for k, v in r.items()}, "_i": i}
        for i, r in enumerate(predicted.to_dict("records"))
    ]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_source.setdefault(str(r["source"]), []).append(r)
    used: set[int] = set()
    matched: Matched = []
    misses: list[str] = []
    for record in gold:
        start, end = _span(texts[record["id"]], record)
        hit = next(
            (
                row
                for row in by_source.get(record["id"], [])
                if row["_i"] not in used
                and row["number_start"] < end
                and start < row["number_end"]
                and same_number(float(row["value"]), float(record["value"]))
            ),
            None,
        )
        if hit is None:
            misses.append(f"{record['id']}: {record['quote']}")
            continue
        used.add(int(hit["_i"]))
        matched.append((record, hit))
    return matched, misses


def _group_pairs(
    matched: Matched, scope: Callable[[Mapping[str, Any]], str]
) -> tuple[list[int], list[int]]:
    """[kept together, pairs] for gold pairs of the same thing and [kept apart, pairs] for
    pairs of different things, within one scope."""
    same = [0, 0]
    diff = [0, 0]
    for (ga, pa), (gb, pb) in combinations(matched, 2):
        if scope(ga) != scope(gb):
            continue
        if ga["group"] == gb["group"]:
            same[0] += pa["measure"] == pb["measure"]
            same[1] += 1
        else:
            diff[0] += pa["measure"] != pb["measure"]
            diff[1] += 1
    return same, diff
