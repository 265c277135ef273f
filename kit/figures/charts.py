"""Charts of the figures table, one function per chart; each takes `ax=None` and returns `ax`.

Every bar is one cited figure row, labelled with what it says ("≈80" for "around 80") so a
hedged number never looks exact. `save_chart` draws on a bare Agg canvas, so writing a PNG
never touches the notebook's pyplot backend.

The charts work on any corpus: `compared` draws every quantity two or more sources state
(grouped by meaning, as in `kit.figures.compare`), `across:QUANTITY` one of them, and
`categories:NOUN` the counts of one noun by category; the demo's `drones` and `territory`
charts are those views for drones and for territory seized. `list_charts` names every chart
that has data in a given table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.errors import KitError
from kit.figures.compare import compare_groups, compare_sources, voice
from kit.figures.table import row_span
from kit.language.quantities import convert

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["CHARTS", "counts_by_category", "drone_counts", "figures_compared", "list_charts"]
__all__ += ["quantity_across_sources", "save_chart", "territory_seized"]

FIGSIZE = (10.0, 6.0)
_MARK = {"approximate": "≈", "at_least": "≥", "at_most": "≤", "up_to": "≤"}
_QUALIFIER_WORDS = {"exact": "exact", "approximate": "approx.", "at_least": "at least"}
_QUALIFIER_WORDS |= {"at_most": "at most", "up_to": "up to"}
_LEGEND_NOTE = "≈ approximately   ≥ at least   ≤ at most / up to"
_UNIT_LABELS = {"count": "number", "km²": "square kilometres (km²)", "Mach": "Mach number"}
_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
_MARKERS = {"exact": "o", "approximate": "D", "at_least": ">", "at_most": "<", "up_to": "<"}
MAX_LISTED = 12  # names an error message lists before "and N more"


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=FIGSIZE, layout="constrained")[1]


def _bar_text(row: Any) -> str:
    return f"{_MARK.get(str(row['qualifier']), '')}{float(row['value']):,.10g}"


def _some(names: list[str], hint: str) -> str:
    """ "a, b, c" or "a, ..., l and 7 more (hint)": never cut a list without saying so."""
    if len(names) <= MAX_LISTED:
        return ", ".join(f"`{n}`" for n in names)
    shown = ", ".join(f"`{n}`" for n in names[:MAX_LISTED])
    return f"{shown} and {len(names) - MAX_LISTED} more ({hint})"


def _status_note(row: Any) -> str:
    status = row.get("status") if hasattr(row, "get") else None
    return f"\n{status}" if isinstance(status, str) else ""


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
    ticks: list[tuple[float, str]] = []
    used: set[str] = set()
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
    quotes = [f"{_bar_text(r)} {r['unit']}\n“{row_span(r).quote}”" for r in bars]
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
    """One quantity across sources (default: the most disputed); bars labelled with source
    and qualifier."""
    quantity = quantity or _default_quantity(frame)
    groups = compare_groups(frame)
    rows = groups[quantity] if quantity in groups else frame[frame["quantity"] == quantity]
    if rows.empty:
        known = _some(
            list(groups) or sorted(frame["quantity"].dropna().unique()),
            "`kit figures --list-charts` lists them all",
        )
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
    for rect, hatch, row in zip(rects, hatches, bars, strict=True):
        rect.set_hatch(hatch)
        if _set_aside(row):  # superseded / unconfirmed: drawn faint, named under the bar
            rect.set_alpha(0.35)
    ax.bar_label(rects, labels=[f"“{row_span(r).quote}”" for r in bars], padding=3, fontsize=11)
    ticks = [
        f"{_wrap(voice(r), 18)}\n{_QUALIFIER_WORDS[str(r['qualifier'])]}{_status_note(r)}"
        for r in bars
    ]
    ax.set_xticks(range(len(bars)), ticks)
    _style(ax, f"{quantity.capitalize()}, across sources", _UNIT_LABELS.get(units[0], units[0]))
    ax.set_xlabel("source (and qualifier); hatched bars are hedged figures", fontsize=11)
    return ax


def figures_compared(frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Every quantity stated by two or more sources: value by source, qualifier markers."""
    groups = compare_groups(frame)
    if not groups:
        raise KitError(
            "No quantity is stated by two sources in this corpus: chart `compared` needs "
            "figures that two articles state (see `kit figures`)."
        )
    ax = _axes(ax)
    voices = list(dict.fromkeys(voice(r) for g in groups.values() for _, r in g.iterrows()))
    colors = {v: _COLORS[i % len(_COLORS)] for i, v in enumerate(voices)}
    labels = []
    for y, (label, group) in enumerate(reversed(groups.items())):
        unit = str(group["unit"].mode().iloc[0])
        distinct = _distinct(group)
        values = {id(r): convert(float(r["value"]), str(r["unit"]), unit) for r in distinct}
        bars = [r for r in distinct if values[id(r)] is not None]
        current = [r for r in bars if not _set_aside(r)] or bars
        top = max(abs(values[id(r)] or 0.0) for r in current) or 1.0
        labels.append(_wrap(f"{label} ({'number' if unit == 'count' else unit})", 30))
        ranks = {v: i for i, v in enumerate(dict.fromkeys(voice(r) for r in bars))}
        for r in bars:
            who = voice(r)
            x = min((values[id(r)] or 0.0) / top, 1.1)  # a set-aside outlier sits at the edge
            dy = (ranks[who] - (len(ranks) - 1) / 2) * min(0.18, 0.7 / len(ranks))
            _compared_point(ax, r, (x, y + dy), colors[who], unit)
    _compared_axes(ax, labels, colors)
    return ax


def _compared_point(ax: Axes, r: Any, at: tuple[float, float], color: str, unit: str) -> None:
    """One source's figure: its qualifier's marker, hollow when set aside, its value beside
    it, and the quote's place as the point's id (an SVG export traces it to the quote)."""
    point = ax.scatter(
        [at[0]],
        [at[1]],
        s=90,
        marker=_MARKERS[str(r["qualifier"])],
        zorder=3,
        facecolors="none" if _set_aside(r) else color,
        edgecolors=color,
    )
    span = row_span(r)
    point.set_gid(f"{span.source}:{span.start}-{span.end}")
    text = _compact(r) + (f" {r['unit']}" if str(r["unit"]) != unit else "")
    text += f" ({r['status']})" if _set_aside(r) else ""
    ax.annotate(text, at, xytext=(9, 0), textcoords="offset points", va="center", fontsize=8)


def _compared_axes(ax: Axes, labels: list[str], colors: dict[str, str]) -> None:
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlim(0, 1.2)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _style(ax, "Figures stated by two or more sources", "")
    ax.set_xlabel(
        "value as a share of the largest current value stated for that quantity\n"
        "○ hollow: superseded or unconfirmed   ◆ approx.   ▶ at least   ◀ at most / up to",
        fontsize=10,
        color="dimgray",
    )
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="", color=c, label=v) for v, c in colors.items()]
    ax.legend(
        handles=handles,
        title="source",
        fontsize=9,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )


def _set_aside(row: Any) -> bool:
    return row.get("status") in ("superseded", "unconfirmed")


def _compact(row: Any) -> str:
    """ "≈2,400", "50 million", "6.2": short enough to sit beside a point."""
    v, mark = float(row["value"]), _MARK.get(str(row["qualifier"]), "")
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(v) >= scale:
            return f"{mark}{v / scale:,.3g} {word}"
    return f"{mark}{v:,.10g}"


def list_charts(frame: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    """(name, description) of every chart; with a figures table, also each `across:QUANTITY`
    and `categories:NOUN` that has data in it."""
    shown = {"across": "across[:QUANTITY]", "categories": "categories:NOUN"}
    out = [
        (shown.get(name, name), " ".join((f.__doc__ or "").split("\n\n")[0].split()))
        for name, f in CHARTS.items()
    ]
    if frame is None:
        return out
    for label, group in compare_groups(frame).items():
        out.append((f"across:{label}", f"{group['source'].nunique()} sources"))
    counts = frame[(frame["unit"] == "count") & frame["noun"].notna()]
    counts = counts[counts["quantity"] != counts["noun"]]
    for noun, group in counts.groupby("noun", sort=True):
        if group["quantity"].nunique() >= 2:
            out.append((f"categories:{noun}", ", ".join(sorted(group["quantity"].unique()))))
    return out


ChartFunction = Callable[..., "Axes"]
CHARTS: dict[str, ChartFunction] = {
    "drones": drone_counts,
    "territory": territory_seized,
    "compared": figures_compared,
    "across": quantity_across_sources,
    "categories": counts_by_category,
}
_ARGUMENT = {"across": "QUANTITY", "categories": "NOUN"}


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
    if argument.strip() and base not in _ARGUMENT:
        raise KitError(f"Chart `{base}` takes no `:{argument}` part.", exit_code=2)
    if base == "categories" and not argument.strip():
        nouns = [n.split(":", 1)[1] for n, _ in list_charts(frame) if n.startswith("categories:")]
        raise KitError(
            f"Chart `categories` needs a noun, e.g. `categories:{(nouns or ['drones'])[0]}` "
            f"(nouns here: {_some(nouns, 'see --list-charts') or 'none'}).",
            exit_code=2,
        )
    if argument.strip():
        CHARTS[base](frame, argument.strip(), ax=ax)
    else:
        CHARTS[base](frame, ax=ax)
    target = Path(path)
    try:
        figure.savefig(target, dpi=150)
    except (OSError, ValueError) as exc:
        raise KitError(f"Cannot write chart to `{target}`: {exc}.") from None
    return target
