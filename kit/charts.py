"""Charts of the figures table, one function per chart; each takes `ax=None` and returns `ax`.

Every bar is one cited figure row, labelled with what it says ("≈80" for "around 80") so a
hedged number never looks exact. `save_chart` draws on a bare Agg canvas, so writing a PNG
never touches the notebook's pyplot backend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.compare import compare_sources, voice
from kit.errors import KitError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["CHARTS", "counts_by_category", "drone_counts", "quantity_across_sources"]
__all__ += ["save_chart", "territory_seized"]

FIGSIZE = (10.0, 6.0)
_MARK = {"approximate": "≈", "at_least": "≥", "at_most": "≤", "up_to": "≤"}
_QUALIFIER_WORDS = {"exact": "exact", "approximate": "approx.", "at_least": "at least"}
_QUALIFIER_WORDS |= {"at_most": "at most", "up_to": "up to"}
_LEGEND_NOTE = "≈ approximately   ≥ at least   ≤ at most / up to"
_UNIT_LABELS = {"count": "number", "km²": "square kilometres (km²)", "Mach": "Mach number"}
_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=FIGSIZE, layout="constrained")[1]


def _bar_text(row: Any) -> str:
    return f"{_MARK.get(str(row['qualifier']), '')}{float(row['value']):,.10g}"


def _wrap(label: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _distinct(rows: pd.DataFrame) -> list[Any]:
    """One bar per voice, value and qualifier: a figure repeated by its own source counts once."""
    seen: dict[tuple[str, float, str], Any] = {}
    for _, row in rows.iterrows():
        seen.setdefault((voice(row), float(row["value"]), str(row["qualifier"])), row)
    return list(seen.values())


def _style(ax: Axes, title: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=15, pad=12)
    ax.set_ylabel(ylabel, fontsize=12)
    ax.tick_params(axis="both", labelsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)


def counts_by_category(frame: pd.DataFrame, noun: str, *, ax: Axes | None = None) -> Axes:
    """Counts of one noun by category (launched, shot down, ...), a colour per source."""
    rows = frame[(frame["unit"] == "count") & (frame["noun"] == noun)]
    rows = rows[rows["quantity"] != noun]
    if rows.empty:
        raise KitError(
            f"No counts of `{noun}` with a category in this corpus: the chart needs figure rows "
            f"whose noun is `{noun}` (see `kit figures`)."
        )
    ax = _axes(ax)
    order = rows.groupby("quantity")["value"].max().sort_values(ascending=False).index
    voices = list(dict.fromkeys(voice(r) for _, r in rows.iterrows()))
    colors = {v: _COLORS[i % len(_COLORS)] for i, v in enumerate(voices)}
    ticks, used = [], set()
    x = 0.0
    for category in order:
        bars = _distinct(rows[rows["quantity"] == category])
        first = x
        for row in bars:
            who = voice(row)
            label = who if who not in used else "_nolegend_"
            used.add(who)
            rect = ax.bar(x, row["value"], width=0.8, color=colors[who], label=label)
            ax.bar_label(rect, labels=[_bar_text(row)], padding=3, fontsize=11)
            x += 1
        ticks.append(((first + x - 1) / 2, _wrap(str(category).removeprefix(noun).strip())))
        x += 0.8
    ax.set_xticks([t for t, _ in ticks], [label for _, label in ticks])
    _style(ax, f"{noun.capitalize()}: counts by category and source", f"number of {noun}")
    ax.legend(title="source", fontsize=10, title_fontsize=11, frameon=False)
    ax.set_xlabel(_LEGEND_NOTE, fontsize=10, color="dimgray")
    return ax


def drone_counts(frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Drone counts by category (launched, shot down, lost, ...) and source."""
    return counts_by_category(frame, "drones", ax=ax)


def territory_seized(frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Territory seized, by stated period (e.g. past week vs in November)."""
    rows = frame[frame["quantity"].str.startswith("territory", na=False)]
    if rows.empty:
        raise KitError(
            "No territory figures in this corpus: chart `territory` needs rows whose quantity "
            "is `territory seized` (areas with a verb like seized or captured)."
        )
    units = set(rows["unit"])
    if len(units) > 1:
        raise KitError(f"Territory is stated in several units ({', '.join(sorted(units))}).")
    ax = _axes(ax)
    bars = sorted(_distinct(rows), key=lambda r: float(r["value"]))
    labels = [f"{r['time_frame'] or 'period not stated'}\n{voice(r)}" for r in bars]
    rects = ax.bar(range(len(bars)), [r["value"] for r in bars], width=0.6, color="#8c564b")
    quotes = [f"{_bar_text(r)} {r['unit']}\n“{r['quote']}”" for r in bars]
    ax.bar_label(rects, labels=quotes, padding=3, fontsize=10)
    ax.set_xticks(range(len(bars)), labels)
    _style(ax, "Territory seized, by period", _UNIT_LABELS.get(str(bars[0]["unit"]), "area"))
    ax.set_xlabel("period stated in the article, and source", fontsize=11)
    return ax


def _default_quantity(frame: pd.DataFrame) -> str:
    """The quantity most voices state, disagreements first: the one worth a chart."""
    table = compare_sources(frame)
    table = table[~table["unit"].str.contains(",")]
    if table.empty:
        raise KitError(
            "No quantity is stated by two sources in this corpus: name one with "
            "`--chart across:QUANTITY` (see the `quantity` column of `kit figures`)."
        )
    rank = table.assign(
        disagree=table["flag"].isin(["conflict", "hedge-compatible"]),
        voices=table["statements"].str.count(r"\|") + 1,
    ).sort_values(["disagree", "voices"], ascending=False)
    return str(rank["quantity"].iloc[0])


def quantity_across_sources(
    frame: pd.DataFrame, quantity: str | None = None, *, ax: Axes | None = None
) -> Axes:
    """One quantity across sources; each bar labelled with its source and qualifier."""
    quantity = quantity or _default_quantity(frame)
    rows = frame[frame["quantity"] == quantity]
    if rows.empty:
        known = ", ".join(sorted(frame["quantity"].dropna().unique())[:12])
        raise KitError(f"No figures for quantity `{quantity}`: choose one of {known}.")
    units = sorted(set(rows["unit"]))
    if len(units) > 1:
        raise KitError(
            f"`{quantity}` is stated in several units ({', '.join(units)}): "
            "it cannot be drawn on one axis."
        )
    ax = _axes(ax)
    bars = _distinct(rows)
    heights = [float(r["value"]) for r in bars]
    hatches = ["" if r["qualifier"] == "exact" else "//" for r in bars]
    rects = ax.bar(range(len(bars)), heights, width=0.6, color="#1f77b4", edgecolor="white")
    for rect, hatch in zip(rects, hatches, strict=True):
        rect.set_hatch(hatch)
    ax.bar_label(rects, labels=[f"“{r['quote']}”" for r in bars], padding=3, fontsize=11)
    ticks = [f"{_wrap(voice(r), 18)}\n{_QUALIFIER_WORDS[str(r['qualifier'])]}" for r in bars]
    ax.set_xticks(range(len(bars)), ticks)
    _style(ax, f"{quantity.capitalize()}, across sources", _UNIT_LABELS.get(units[0], units[0]))
    ax.set_xlabel("source (and qualifier); hatched bars are hedged figures", fontsize=11)
    return ax


ChartFunction = Callable[..., "Axes"]
CHARTS: dict[str, ChartFunction] = {
    "drones": drone_counts,
    "territory": territory_seized,
    "across": quantity_across_sources,
}


def save_chart(name: str, frame: pd.DataFrame, path: str | Path) -> Path:
    """Draw chart `name` ("across:drones shot down" names the quantity) and write it to `path`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    base, _, argument = name.partition(":")
    if base not in CHARTS:
        raise KitError(
            f"Unknown chart `{name}`: choose one of {', '.join(CHARTS)} "
            "(`kit figures --list-charts` describes them).",
            exit_code=2,
        )
    figure = Figure(figsize=FIGSIZE, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    if argument.strip() and base != "across":
        raise KitError(f"Chart `{base}` takes no `:{argument}` part.", exit_code=2)
    if argument.strip():
        quantity_across_sources(frame, argument.strip(), ax=ax)
    else:
        CHARTS[base](frame, ax=ax)
    target = Path(path)
    try:
        figure.savefig(target, dpi=150)
    except (OSError, ValueError) as exc:
        raise KitError(f"Cannot write chart to `{target}`: {exc}.") from None
    return target
