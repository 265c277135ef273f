"""Comparing figures: one quantity across sources, and parts against a total in one article.

A difference is only a conflict when no reading of the hedges reconciles it: "around 80" and
76 can both be true (`kit.language.quantities.compatible`), 76 and 96 cannot. Figures for different
stated periods ("past week" vs "in November") are not compared at all.

Figures line up by what they measure (the `measure` column of `kit.figures.table`: "death toll",
"15 people were killed" and "Twelve people died" are one quantity), not by label. A figure
its own article marks superseded ("officials had earlier put the toll at 12") or unconfirmed
("a rumour ... was not confirmed") is shown, marked, but never makes a pair agree or conflict.

Parts and totals: a count of something ("188 drones launched") with, nearby in the same
article and from the same voice, smaller counts of the same noun under other labels ("76 shot
down", "96 lost", "5 headed towards Belarus") is checked by addition; what is left over is
reported ("11 unaccounted").
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from itertools import combinations
from typing import Any

import pandas as pd

from kit.figures.table import row_quantity, row_span, whole_numbers
from kit.language.quantities import Quantity, compatible, same_value

__all__ = ["arithmetic_checks", "compare_groups", "compare_sources"]
__all__ += ["short_source", "voice"]

COMPARE_COLUMNS = ["quantity", "unit", "flag", "n_sources", "statements", "detail", "measure"]
SET_ASIDE = frozenset(["superseded", "unconfirmed"])  # stated, but not the article's figure
ARITHMETIC_COLUMNS = ["source", "noun", "voice", "total", "total_quote", "total_start"]
ARITHMETIC_COLUMNS += ["parts", "parts_sum", "remainder", "approximate", "status", "explanation"]
WINDOW_SENTENCES = 3  # parts must be stated within this many sentences of their total
_STEM = re.compile(r"^([0-9]{2,4})_[0-9a-f]{6,}$")
_MARK = {"approximate": "≈", "at_least": "≥", "at_most": "≤", "up_to": "≤"}


def short_source(source: str) -> str:
    """ "003_f858b49bcf518778" -> "003": the seeds' ids are long; other ids are kept."""
    m = _STEM.match(source)
    return m.group(1) if m else source


def voice(row: Any) -> str:
    """Who states a figure: the source, or the person it quotes ("004 · Volodymyr Zelenskyy")."""
    label = short_source(str(row["source"]))
    who = row["attributed_to"]
    if row["attribution"] == "quote" and isinstance(who, str):
        return f"{label} · {who.split(' / ')[0]}"
    return label


def _same_dimension(a: Quantity, b: Quantity) -> bool:
    """Comparable at all (km² with mi², not km² with km): an unbounded `a` meets any such `b`."""
    return compatible(replace(a, value=-math.inf, qualifier="at_least", kind="quantity"), b)


def _period(measure: Any) -> str | None:
    """The period a measure key names ("count|people|killed [in 2013]" -> "in 2013")."""
    if not isinstance(measure, str) or not measure.endswith("]") or " [" not in measure:
        return None
    return measure.rsplit(" [", 1)[1][:-1]


def _base(measure: Any) -> Any:
    """The measure key without its period: one row of the table, periods told apart in it."""
    period = _period(measure)
    return measure if period is None else str(measure)[: -len(period) - 3]


def compare_groups(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The figures of each quantity stated by two or more voices, by display label: the
    most common label of the rows that measure the same thing (for any period: figures for
    different periods share a row and are never compared, see `compare_sources`)."""
    rows = frame[frame["kind"] != "ordinal"]
    key = "measure" if "measure" in rows.columns and rows["measure"].notna().all() else "quantity"
    by = rows[key].map(_base) if key == "measure" else rows[key]
    out: dict[str, pd.DataFrame] = {}
    for _, group in rows.groupby(by, sort=False):
        if len({voice(r) for _, r in group.iterrows()}) < 2:
            continue
        labels = group["quantity"].value_counts(sort=True)
        label = str(labels.index[0]) if labels.iloc[0] > 1 else str(group["quantity"].iloc[0])
        if label in out:  # two meanings under one label: name them by their keys
            label = f"{label} ({group[key].iloc[0]})"
        out[label] = group
    return dict(sorted(out.items()))


def compare_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity stated by two or more voices, side by side, with a flag:
    agree | hedge-compatible | conflict | different periods | not comparable."""
    out = []
    for label, group in compare_groups(frame).items():
        rows = [r for _, r in group.iterrows()]
        flag, detail = _flag(rows)
        out.append(
            {
                "quantity": label,
                "unit": ", ".join(dict.fromkeys(str(r["unit"]) for r in rows)),
                "flag": flag,
                "n_sources": len({r["source"] for r in rows}),
                "statements": " | ".join(f"{voice(r)}: {_says(r)}" for r in rows),
                "detail": detail,
                "measure": group["measure"].iloc[0] if "measure" in group.columns else None,
            }
        )
    return pd.DataFrame(out, columns=COMPARE_COLUMNS)


def _status(row: Any) -> str | None:
    status = row.get("status") if hasattr(row, "get") else None
    return status if isinstance(status, str) else None


def _says(row: Any) -> str:
    period = row["time_frame"]
    notes = [period] if isinstance(period, str) else []
    if (status := _status(row)) is not None:
        notes.append(status)
    quote = row_span(row).quote
    return f"{quote} ({', '.join(notes)})" if notes else quote


def _periods_differ(a: Any, b: Any) -> bool:
    """Different stated periods: the periods in the measure keys ("in 2013" vs none), or two
    different time frames of the sentences."""
    if "measure" in a and _period(a["measure"]) != _period(b["measure"]):
        return True
    pa, pb = a["time_frame"], b["time_frame"]
    return isinstance(pa, str) and isinstance(pb, str) and pa != pb


def _flag(rows: list[Any]) -> tuple[str, str]:
    """The worst relation between statements from different voices."""
    conflicts: list[str] = []
    hedged: list[str] = []
    compared = 0
    current = [r for r in rows if _status(r) not in SET_ASIDE]
    aside = [
        f"{voice(r)}: {row_span(r).quote} is {_status(r)}" for r in rows if _status(r) in SET_ASIDE
    ]
    paired: set[int] = set()
    other_period: set[int] = set()
    for a, b in combinations(current, 2):
        if voice(a) == voice(b):
            continue
        if _periods_differ(a, b):
            other_period |= {id(a), id(b)}
            continue
        qa, qb = row_quantity(a), row_quantity(b)
        if not _same_dimension(qa, qb):
            continue
        compared += 1
        paired |= {id(a), id(b)}
        pair = f"{voice(a)}: {_says(a)} vs {voice(b)}: {_says(b)}"
        if same_value(qa, qb) and qa.qualifier == qb.qualifier:
            continue
        (hedged if compatible(qa, qb) else conflicts).append(pair)
    if compared:  # a figure for another period sits in the row, but is compared with nothing
        alone = [r for r in current if id(r) in other_period and id(r) not in paired]
        aside += [f"{voice(r)}: {_says(r)} is for another period" for r in alone]
    note = "".join(f"; {a} (not compared)" for a in aside)
    if conflicts:
        return "conflict", "; ".join(conflicts) + note
    if hedged:
        return "hedge-compatible", "; ".join(hedged) + note
    if compared == 0 and len({voice(r) for r in current}) < 2:
        return "not comparable", "only one source states a current figure" + note
    if compared == 0:
        return "different periods", "stated for different periods or units" + note
    whole = len(current) == len(rows) and len(paired) == len(current)
    same = "all state the same value" if whole else "the current figures agree"
    return "agree", same + note


def arithmetic_checks(frame: pd.DataFrame) -> pd.DataFrame:
    """Parts-vs-total relations inside each article, e.g. 76 + 96 + 5 = 177 of 188 launched."""
    counts = frame[(frame["unit"] == "count") & frame["noun"].notna()]
    out: list[dict[str, Any]] = []
    for _, group in counts.groupby(["source", "noun"], sort=False):
        rows = [r for _, r in group.iterrows()]
        for total in rows:
            parts = _parts_of(total, rows)
            if parts and (len(parts) >= 2 or total["verb"] in ("launched", "deployed")):
                check = _check(total, parts)
                if not any(_duplicate(check, seen) for seen in out):
                    out.append(check)
    table = pd.DataFrame(out, columns=ARITHMETIC_COLUMNS)
    for column in ("total", "parts_sum", "remainder"):
        table[column] = whole_numbers(table[column])
    return table


def _parts_of(total: Any, rows: list[Any]) -> list[Any]:
    """Smaller counts near `total`, same voice, one per label; empty unless `total` is the
    largest count of its noun in that neighbourhood."""
    near = [
        r
        for r in rows
        if abs(int(r["sentence_index"]) - int(total["sentence_index"])) <= WINDOW_SENTENCES
        and voice(r) == voice(total)
    ]
    if any(r["value"] > total["value"] for r in near):
        return []
    best: dict[str, Any] = {}
    for r in near:
        if r["value"] >= total["value"] or r["quantity"] == total["quantity"]:
            continue
        kept = best.get(r["quantity"])
        if kept is None or _distance(r, total) < _distance(kept, total):
            best[r["quantity"]] = r
    return sorted(best.values(), key=lambda r: row_span(r).start)


def _distance(row: Any, total: Any) -> int:
    return abs(row_span(row).start - row_span(total).start)


def _bounds(row: Any) -> tuple[float, float]:
    """The values a hedged part allows, for a sum: "around 80" -> [72, 88]."""
    v, q = float(row["value"]), row["qualifier"]
    if row["kind"] == "vague" or q == "at_least":
        return v, math.inf
    if q == "approximate":
        return 0.9 * v, 1.1 * v
    if q in ("at_most", "up_to"):
        return (0.9 * v if q == "at_most" else 0.0), v
    return v, v


def _check(total: Any, parts: list[Any]) -> dict[str, Any]:
    value = float(total["value"])
    point = sum(float(p["value"]) for p in parts)
    low = sum(_bounds(p)[0] for p in parts)
    approximate = any(p["qualifier"] != "exact" or p["kind"] == "vague" for p in parts)
    remainder = value - point
    if low > value:
        status = "exceeds total"
    elif remainder == 0 or (approximate and remainder < 0):
        status = "adds up"
    else:
        status = "unaccounted"
    return {
        "source": total["source"],
        "noun": total["noun"],
        "voice": voice(total),
        "total": value,
        "total_quote": row_span(total).quote,
        "total_start": row_span(total).start,
        "parts": " + ".join(f"{_num(p)} {_tail(p)}" for p in parts),
        "parts_sum": point,
        "remainder": remainder,
        "approximate": approximate,
        "status": status,
        "explanation": _explain(total, parts, point, remainder, status, approximate),
    }


def _num(row: Any) -> str:
    return f"{_MARK.get(str(row['qualifier']), '')}{float(row['value']):g}"


def _tail(row: Any) -> str:
    """The label without the shared noun: "drones shot down" -> "shot down"."""
    label, noun = str(row["quantity"]), str(row["noun"])
    return label.removeprefix(noun).strip() or label


def _explain(
    total: Any, parts: list[Any], point: float, rest: float, status: str, approximate: bool
) -> str:
    head = f"{' + '.join(_num(p) for p in parts)} = {'≈' if approximate else ''}{point:g}"
    head += f" of {float(total['value']):g} {total['quantity']}"
    if status == "exceeds total":
        return f"{head}: the parts exceed the total"
    if status == "adds up":
        return f"{head}: adds up"
    return f"{head}: {'about ' if approximate else ''}{rest:g} unaccounted"


def _duplicate(check: dict[str, Any], seen: dict[str, Any]) -> bool:
    keys = ("source", "noun", "voice", "total", "parts")
    return all(check[k] == seen[k] for k in keys)
