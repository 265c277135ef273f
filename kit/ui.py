"""The notebook app: ipywidgets wiring around the kit, for JupyterLab and Voilà.

    import kit.ui
    kit.ui.app()            # the seeds; or kit.ui.app("path/to/articles")

Observers call the library (`FactKit.ask`, `.check`, `kit.figures`, `kit.compare`,
`kit.charts`) and render its results as HTML into `widgets.HTML` panes, the way ipywidgets'
`interactive_output` renders into an `Output`. Nothing here decides an answer: it only shows
what the library returns, every quote highlighted inside its sentence with its source.
A `KitError` (bad corpus, empty question, a chart that does not apply) becomes a readable
message inside the app, never a traceback, and never the command line's advice.

`cards(result, kit)` is the app's view of one result as plain HTML (`_repr_html_`): executed,
saved, exported and reopened notebooks show it without a kernel or a widget renderer.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kit.errors import KitError
from kit.render import highlight

if TYPE_CHECKING:
    import pandas as pd

    from kit.agreement import Agreement
    from kit.answers import Answer, AnswerSet, Citation
    from kit.api import FactKit
    from kit.claims import ClaimCheck, Evidence
    from kit.corpus import Article
    from kit.spans import Span

__all__ = ["Cards", "KitApp", "app", "cards", "for_people", "served_app"]

log = logging.getLogger(__name__)

TABS = ("Ask", "Check a claim", "Figures", "Sources")
FIGURE_COLUMNS = ["source", "quantity", "value", "unit", "qualifier", "attributed_to", "quote"]
CHART_TITLES = {  # offered in this order where they can be drawn
    "drones": "Drone counts by source",
    "territory": "Territory seized by period",
    "compared": "Every quantity two sources state",
}
DEMO_EXAMPLES = ("How fast was the Oreshnik?", "How many drones did Ukraine shoot down?")
CORPUS_VARIABLE = "KIT_APP_CORPUS"  # scripts/serve_app.sh sets it from `make app CORPUS=...`
MAX_ACROSS_CHARTS = 12  # "across sources" charts offered: the quantities most sources state
VERDICTS = {
    "supported": ("#1a7f37", "Supported", "the articles state it"),
    "refuted": ("#c62828", "Refuted", "the articles contradict it"),
    "conflicting": ("#b26a00", "Conflicting", "the sources disagree"),
    "not_enough_info": ("#57606a", "Not enough information", "the articles do not say"),
}
STANCES = {
    "supports": ("#1a7f37", "✔ supports"),
    "refutes": ("#c62828", "✘ refutes"),
    "related": ("#57606a", "· related"),
}
STYLE = """<style>
.kit-app {font-size: 15px; line-height: 1.45; color: #1f2328}
.kit-app .widget-html-content {line-height: 1.45}
.kit-list {display: flex; flex-direction: column; gap: 10px}
.kit-list .kit-card {flex: none; max-width: none}
.kit-app mark {background: #ffe066; padding: 0 2px; border-radius: 3px; font-weight: 600}
.kit-cards {display: flex; flex-wrap: wrap; gap: 14px; align-items: stretch}
.kit-card {flex: 1 1 320px; max-width: 560px; border: 1px solid #d0d7de; border-radius: 10px;
  padding: 12px 16px; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.06)}
.kit-answer {font-size: 1.7em; font-weight: 700; margin: 0 0 4px}
.kit-badge {display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .85em;
  color: #fff; background: #57606a; margin-right: 6px}
.kit-quote {margin: 10px 0 2px; padding: 6px 10px; border-left: 4px solid #ffe066;
  background: #fffbea}
.kit-source {font-size: .88em; color: #57606a; margin-bottom: 8px}
.kit-source b {color: #1f2328}
.kit-note {color: #57606a; margin: 6px 0 12px}
.kit-error {border: 1px solid #c62828; background: #fdecea; color: #8a1c1c; padding: 10px 14px;
  border-radius: 8px}
.kit-busy {color: #0969da; font-weight: 600}
.kit-spinner {display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  border: 2px solid #0969da; border-right-color: transparent; border-radius: 50%;
  animation: kit-spin .8s linear infinite; vertical-align: -1px}
@keyframes kit-spin {to {transform: rotate(360deg)}}
.kit-table table {border-collapse: collapse; font-size: .9em}
.kit-table th, .kit-table td {border-bottom: 1px solid #d0d7de; padding: 3px 8px;
  text-align: left; vertical-align: top}
.kit-table {overflow-x: auto; max-width: 100%}
.kit-app img.widget-image {max-width: min(100%, 900px); height: auto}
.kit-app code {overflow-wrap: anywhere}
.kit-text {white-space: pre-wrap; max-height: 32em; overflow-y: auto; padding: 8px 12px;
  border: 1px solid #d0d7de; border-radius: 8px; background: #fff}
.kit-text mark {font-weight: 400}
.kit-pairs td {width: 50%}
.kit-app .kit-filter .widget-checkbox {max-width: 100%; height: auto}
.kit-app .kit-filter .widget-checkbox label, .kit-app .kit-filter .widget-checkbox span {
  white-space: normal; overflow-wrap: anywhere; height: auto; line-height: 1.3}
.kit-app .kit-row {flex-wrap: wrap; gap: 6px; max-width: 100%}
.kit-app .kit-row .widget-text {min-width: 0; flex: 1 1 14em}
.kit-app .kit-row .widget-button, .kit-app .kit-row .widget-dropdown {max-width: 100%}
.kit-app .widget-dropdown select {max-width: 100%}
.kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab {flex: 0 1 auto;
  min-width: 0; padding: 0 10px}
.kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tabLabel {text-overflow: clip}
@media (max-width: 600px) {
  .kit-app {font-size: 14px}
  .kit-answer {font-size: 1.4em}
  .kit-card {padding: 10px 12px}
  .kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab {padding: 0 6px}
}
</style>"""


def app(
    corpus: str | os.PathLike[str] | FactKit | None = None,
    *,
    examples: Sequence[str] = (),
) -> KitApp:
    """The whole app as one widget: ask, check a claim, figures, sources.

    `corpus` is a folder or JSONL/CSV file (the seeds when None) or an open `FactKit`.
    A corpus that cannot be opened gives an app that shows why, not a traceback.
    """
    if corpus is None or isinstance(corpus, str | os.PathLike):
        try:
            import kit

            return KitApp(kit.open_corpus(corpus), examples=examples)
        except KitError as exc:
            advice = (
                "Start the app on a folder of articles (.txt, .md or .html files) or a "
                'JSONL/CSV file, e.g. <code>kit.ui.app("path/to/articles")</code>.'
            )
            return KitApp(None, examples=examples, error=f"{for_people(str(exc))} {advice}")
    return KitApp(corpus, examples=examples)


def served_app() -> KitApp:
    """The app as `make app` serves it: the corpus named by $KIT_APP_CORPUS, else the seeds.

    The example questions are the demo's, so they are offered on the seeds only.
    """
    corpus = os.environ.get(CORPUS_VARIABLE) or None
    return app(corpus, examples=DEMO_EXAMPLES if corpus is None else ())


@dataclass(frozen=True)
class Cards:
    """A result as plain HTML: notebooks show it through `_repr_html_`, exports keep it."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    @property
    def value(self) -> str:  # the same name as `widgets.HTML.value`, for code that read it
        return self.html


def cards(result: AnswerSet | ClaimCheck, factkit: FactKit) -> Cards:
    """One result as the app shows it: answer cards, or a verdict with its evidence.

    For notebooks that ask in code but want the app's view (hedges, attribution, how many
    independent sources). Plain HTML, not a widget: an executed notebook keeps it in its
    outputs, so an HTML export viewed offline or a reopened notebook shows it.
    """
    from kit.answers import AnswerSet

    everything = set(factkit.corpus.sources)
    if isinstance(result, AnswerSet):
        body = _answers_html(result, factkit, everything)
    else:
        body = _verdict_html(result, factkit, everything)
    return Cards(f"{STYLE}<div class='kit-app'>{body}</div>")


def for_people(message: str) -> str:
    """A KitError's message without the command line's advice (flags mean nothing here).

    Messages end with their advice ("...: pass --corpus with a folder"); the clauses from
    the first one that names a flag or a `kit` command on are dropped.
    """
    parts = re.split(r"(:\s|;\s|\.\s)", message)
    kept: list[str] = []
    for clause, sep in zip(parts[0::2], [*parts[1::2], ""], strict=True):
        if re.search(r"(?<![\w-])--[a-z]|`kit |\bmake [a-z]", clause):
            break
        kept.append(clause + sep)
    text = "".join(kept).strip().rstrip(":;,").strip()
    if not text:
        return message
    return text if text.endswith((".", "?", "!")) else text + "."


class KitApp(widgets.VBox):
    """The app's widgets and their wiring. Tests drive it by setting `.value` and `.click()`."""

    def __init__(
        self, factkit: FactKit | None, *, examples: Sequence[str] = (), error: str | None = None
    ) -> None:
        self.kit = factkit
        self.answer_set: AnswerSet | None = None
        self.claim_check: ClaimCheck | None = None
        self._figures: pd.DataFrame | None = None
        self.header = widgets.HTML(_header(factkit))
        self.status = widgets.HTML("")
        self.error = widgets.HTML(_error_html(error) if error else "")
        self.filter = _source_filter(factkit)
        self.question = widgets.Text(
            placeholder="Ask the articles, e.g. How fast was the Oreshnik?  (press Enter)",
            continuous_update=False,
            layout=widgets.Layout(width="auto", flex="1 1 auto"),
        )
        self.ask_button = widgets.Button(description="Ask", button_style="primary")
        self.answers = widgets.HTML("")
        self.claim = widgets.Text(
            placeholder="Type a claim to check, e.g. The Oreshnik flew at Mach 5.  (press Enter)",
            continuous_update=False,
            layout=widgets.Layout(width="auto", flex="1 1 auto"),
        )
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.verdict = widgets.HTML("")
        self.chart_name = widgets.Dropdown(
            options=[], description="Chart", layout=widgets.Layout(width="auto", max_width="100%")
        )
        self.chart = widgets.Image(
            format="png", layout=widgets.Layout(max_width="900px", height="auto", display="none")
        )
        self.chart_message = widgets.HTML("")
        self.downloads = widgets.HTML("")
        self.figures_table = widgets.HTML("")
        self.comparison = widgets.HTML("")
        self.sources = widgets.HTML("")
        self.article = widgets.Dropdown(
            options=_article_options(factkit),
            value=None,
            description="Read",
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.article_text = widgets.HTML("")
        self._choosing_chart = False
        self.tabs = widgets.Tab(children=self._tab_children(examples))
        for n, title in enumerate(TABS):
            self.tabs.set_title(n, title)
        self._wire()
        box = widgets.HBox([widgets.HTML("<b>Show sources:</b>"), *self.filter.values()])
        box.layout = widgets.Layout(flex_flow="row wrap", align_items="center")
        box.add_class("kit-filter")
        super().__init__(
            [widgets.HTML(STYLE), self.header, box, self.status, self.error, self.tabs]
        )
        self.add_class("kit-app")
        if factkit is None:
            for control in (self.question, self.ask_button, self.claim, self.check_button):
                control.disabled = True

    def __repr__(self) -> str:
        """What a saved notebook shows where the live app was: a line, not the widget tree."""
        if self.kit is None:
            return "Fact-check app (no articles): run the cell to see why."
        n = len(self.kit.corpus)
        return f"Fact-check app on {n} article{'s' if n != 1 else ''}: run the cell to use it."

    # -- layout ---------------------------------------------------------------------------

    def _tab_children(self, examples: Sequence[str]) -> list[widgets.Widget]:
        tries = [
            widgets.Button(description=q, layout=widgets.Layout(width="auto")) for q in examples
        ]
        for button in tries:
            button.on_click(lambda b: self._ask_example(b.description))
        ask = [_row(self.question, self.ask_button)]
        if tries:
            ask.append(_row(widgets.HTML("Try: "), *tries))
        ask.append(self.answers)
        figures = [
            widgets.HTML("<h3>Figures that more than one source states</h3>"),
            self.comparison,
            _row(self.chart_name),
            self.chart_message,
            self.chart,
            widgets.HTML("<h3>Every figure in the articles</h3>"),
            self.downloads,
            self.figures_table,
        ]
        read = [
            widgets.HTML("<h3>Read an article</h3>"),
            _row(self.article),
            self.article_text,
        ]
        return [
            widgets.VBox(ask),
            widgets.VBox([_row(self.claim, self.check_button), self.verdict]),
            widgets.VBox(figures),
            widgets.VBox([*read, widgets.HTML("<h3>All the articles</h3>"), self.sources]),
        ]

    def _wire(self) -> None:
        self.question.observe(lambda _: self.ask(), names="value")
        self.ask_button.on_click(lambda _: self.ask())
        self.claim.observe(lambda _: self.check(), names="value")
        self.check_button.on_click(lambda _: self.check())
        self.chart_name.observe(lambda _: self._chart_chosen(), names="value")
        self.article.observe(lambda _: self.show_article(), names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        for box in self.filter.values():
            box.observe(lambda _: self.refresh(), names="value")

    # -- actions: each calls the library and renders -------------------------------------------

    @property
    def selected(self) -> set[str]:
        """The sources ticked in the filter."""
        return {source for source, box in self.filter.items() if box.value}

    def ask(self) -> None:
        """Ask the question in the box; show the answers as cards.

        An empty box says what to do and clears the previous answers.
        """
        if self.kit is None:
            return
        self.answer_set = None
        if not self.question.value.strip():
            self.answers.value = _hint_html("Type a question in the box, then press Enter.")
            return
        self.answers.value = ""
        with self._working("Searching the articles…", self.answers):
            self.answer_set = self.kit.ask(self.question.value)
            self._show_answers()

    def _ask_example(self, question: str) -> None:
        if self.question.value == question:
            self.ask()
        self.question.value = question  # the observer asks

    def check(self) -> None:
        """Check the claim in the box; show the verdict and its evidence."""
        if self.kit is None:
            return
        self.claim_check = None
        if not self.claim.value.strip():
            self.verdict.value = _hint_html("Type a claim in the box, then press Enter.")
            return
        self.verdict.value = ""
        with self._working("Checking the claim against the articles…", self.verdict):
            self.claim_check = self.kit.check(self.claim.value)
            self._show_verdict()

    def show_figures(self) -> None:
        """Fill the figures tab: comparison table, chart, every figure."""
        if self.kit is None:
            return
        with self._working("Reading the figures…", self.figures_table):
            if self._figures is None:
                self._figures = self.kit.figures()
            self._show_figures()
        self.draw_chart()

    def draw_chart(self) -> None:
        """Draw the chosen chart from the figures of the selected sources."""
        if self._figures is None:
            return
        self._show_chart(b"")
        self.chart_message.value = ""
        if self.chart_name.value is None:
            self.chart_message.value = _hint_html(
                "No chart for the selected articles: no figure is stated by two of them."
            )
            return
        with self._working("Drawing the chart…", self.chart_message):
            self._show_chart(_chart_png(self.chart_name.value, self._visible_figures()))

    def _show_chart(self, png: bytes) -> None:
        self.chart.value = png
        self.chart.layout.display = "" if png else "none"  # no broken-image icon

    def _chart_chosen(self) -> None:
        if not self._choosing_chart:
            self.draw_chart()

    def _offer_charts(self, frame: pd.DataFrame) -> None:
        """Only the charts that can be drawn from `frame`; keep the choice if still there."""
        options = _chart_options(frame)
        current = self.chart_name.value
        self._choosing_chart = True
        try:
            self.chart_name.options = options
            values: list[str | None] = [value for _, value in options]
            self.chart_name.value = current if current in values else [*values, None][0]
        finally:
            self._choosing_chart = False
        self.chart_name.layout.display = "" if options else "none"

    def show_sources(self) -> None:
        if self.kit is None:
            return
        with self._working("Comparing the articles…", self.sources):
            self.sources.value = _sources_html(self.kit)
        if self.article.value is None and self.article.options:
            self.article.value = self.article.options[0][1]  # the observer shows it

    def show_article(self) -> None:
        """The chosen article's whole text, the passages it shares with others marked."""
        if self.kit is None or self.article.value is None:
            return
        with self._working("Opening the article…", self.article_text):
            self.article_text.value = _article_html(self.kit, self.article.value)

    def refresh(self) -> None:
        """Re-render what is shown for the sources now selected (no new search)."""
        if self.answer_set is not None:
            self._show_answers()
        if self.claim_check is not None:
            self._show_verdict()
        if self._figures is not None:
            self.show_figures()

    def _on_tab(self, change: dict[str, Any]) -> None:
        if change["new"] == TABS.index("Figures") and self._figures is None:
            self.show_figures()
        if change["new"] == TABS.index("Sources") and not self.sources.value:
            self.show_sources()

    # -- rendering ------------------------------------------------------------------------

    def _show_answers(self) -> None:
        assert self.answer_set is not None and self.kit is not None
        self.answers.value = _answers_html(self.answer_set, self.kit, self.selected)

    def _show_verdict(self) -> None:
        assert self.claim_check is not None and self.kit is not None
        self.verdict.value = _verdict_html(self.claim_check, self.kit, self.selected)

    def _visible_figures(self) -> pd.DataFrame:
        assert self._figures is not None
        return self._figures[self._figures["source"].isin(self.selected)]

    def _show_figures(self) -> None:
        from kit.compare import compare_sources

        frame = self._visible_figures()
        comparison = compare_sources(frame)
        self.comparison.value = _table_html(comparison.drop(columns="detail"))
        shown = frame[FIGURE_COLUMNS].assign(source=frame["source"].map(_short))
        self.figures_table.value = _table_html(shown)
        self.downloads.value = _downloads_html(frame, comparison)
        self._offer_charts(frame)

    @contextmanager
    def _working(self, message: str, target: widgets.HTML | None) -> Iterator[None]:
        """Busy indicator on, controls off; a KitError becomes a message in `target`."""
        controls = (self.question, self.ask_button, self.claim, self.check_button)
        self.status.value = (
            f"<div class='kit-busy'><span class='kit-spinner'></span>{message}</div>"
        )
        self.error.value = ""
        for control in controls:
            control.disabled = True
        try:
            yield
        except KitError as exc:
            self._fail(str(exc), target)
        except Exception as exc:  # a bug: say so in the app, keep the details in the log
            log.exception("kit.ui: unexpected error")
            self._fail(f"Something went wrong ({type(exc).__name__}: {exc}).", target)
        finally:
            self.status.value = ""
            for control in controls:
                control.disabled = self.kit is None

    def _fail(self, message: str, target: widgets.HTML | None) -> None:
        message = for_people(message)
        if target is None:
            self.error.value = _error_html(message)
        else:
            target.value = _error_html(message)


# -- widgets ------------------------------------------------------------------------------------


def _row(*children: widgets.Widget) -> widgets.HBox:
    """A row of controls that wraps at phone width instead of overflowing."""
    row = widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap"))
    row.layout.align_items = "center"
    row.add_class("kit-row")
    return row


def _source_filter(factkit: FactKit | None) -> dict[str, widgets.Checkbox]:
    if factkit is None:
        return {}
    return {
        a.source: widgets.Checkbox(
            value=True,
            description=f"{_short(a.source)} · {_title(a)}",
            indent=False,
            tooltip=a.source,
            layout=widgets.Layout(width="auto", margin="0 14px 0 0"),
        )
        for a in factkit.corpus
    }


def _article_options(factkit: FactKit | None) -> list[tuple[str, str]]:
    if factkit is None:
        return []
    return [(f"{_short(a.source)} · {_title(a)}", a.source) for a in factkit.corpus]


def _chart_options(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, chart) for every chart `frame` can draw: the demo's charts where they apply,
    then one "across sources" chart per quantity that several sources state, disagreements
    first."""
    from matplotlib.figure import Figure

    from kit.charts import CHARTS
    from kit.compare import compare_sources

    options = []
    for name, title in CHART_TITLES.items():
        if name not in CHARTS:
            continue
        try:
            CHARTS[name](frame, ax=Figure().add_subplot())
        except KitError:
            continue
        options.append((title, name))
    table = compare_sources(frame)
    table = table[~table["unit"].astype(str).str.contains(",")]
    table = table.assign(
        disagree=table["flag"].isin(["conflict", "hedge-compatible"]),
        voices=table["statements"].str.count(r"\|") + 1,
    ).sort_values(["disagree", "voices"], ascending=False, kind="stable")
    for quantity in list(table["quantity"])[:MAX_ACROSS_CHARTS]:
        options.append((f"{str(quantity).capitalize()}, across sources", f"across:{quantity}"))
    return options


def _chart_png(name: str, frame: pd.DataFrame) -> bytes:
    """Chart `name` ("across:QUANTITY" names the quantity) drawn on a bare Agg canvas (no
    pyplot state, no duplicate inline output)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from kit.charts import CHARTS, FIGSIZE, quantity_across_sources

    figure = Figure(figsize=FIGSIZE, layout="constrained")
    FigureCanvasAgg(figure)
    base, _, quantity = name.partition(":")
    if quantity:
        quantity_across_sources(frame, quantity, ax=figure.add_subplot())
    else:
        CHARTS[base](frame, ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


# -- HTML ---------------------------------------------------------------------------------------


def _header(factkit: FactKit | None) -> str:
    if factkit is None:
        return "<h2>Ask the articles</h2>"
    n = len(factkit.corpus)
    return (
        "<h2 style='margin-bottom:2px'>Ask the articles</h2>"
        f"<div class='kit-note'>{n} article{'s' if n != 1 else ''}. Every answer quotes the "
        "sentence it comes from, the quoted words <mark>highlighted</mark>, with its source."
        "</div>"
    )


def _error_html(message: str) -> str:
    return f"<div class='kit-error'><b>Cannot do that:</b> {_inline(message)}</div>"


def _hint_html(message: str) -> str:
    return f"<div class='kit-note'><i>{html.escape(message)}</i></div>"


def _inline(message: str) -> str:
    """Escaped text; `backticked` names as code; the app's own advice may hold <code>."""
    text = (
        html.escape(message).replace("&lt;code&gt;", "<code>").replace("&lt;/code&gt;", "</code>")
    )
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def _short(source: str) -> str:
    from kit.compare import short_source

    return short_source(source)


def _title(article: Article) -> str:
    return article.title or "(untitled article)"


def _source_line(article: Article, span: Span, who: str | None) -> str:
    parts = [f"<b>{html.escape(_title(article))}</b>"]
    if article.outlet:
        parts.append(html.escape(article.outlet))
    if article.kind:
        parts.append(html.escape(article.kind))
    parts.append(
        f"<code title='{html.escape(span.source)}'>{html.escape(_short(span.source))}</code>"
    )
    if who and who != "unattributed":
        parts.append(html.escape(who))
    return f"<div class='kit-source'>— {' · '.join(parts)}</div>"


def _quote(sentence: Span, mark: Span | None) -> str:
    if mark is None:
        return f"<div class='kit-quote'>{html.escape(sentence.quote)}</div>"
    body = highlight(sentence, mark, before="<mark>", after="</mark>", escape=True)
    return f"<div class='kit-quote'>{body}</div>"


def _attribution(article: Article, span: Span) -> tuple[str, tuple[str, ...]]:
    from kit.attribution import attribute

    found = attribute(article, span.start, span.end)
    return found.describe(), found.hedges


def _citation_html(citation: Citation, factkit: FactKit) -> str:
    article = factkit.corpus[citation.span.source]
    who, hedges = _attribution(article, citation.span)
    hedge = f"<span class='kit-badge' style='background:#b26a00'>hedged: {', '.join(hedges)}</span>"
    return (
        _quote(citation.sentence, citation.span)
        + _source_line(article, citation.span, who)
        + (f"<div>{hedge}</div>" if hedges else "")
    )


def _agreement(agreement: Agreement, selected: set[str]) -> str:
    """ "2 sources (1 independent)": articles that copy each other are one witness."""
    sources = [s for s in agreement.sources if s in selected]
    independent = sum(1 for group in agreement.groups if any(s in selected for s in group))
    n = len(sources)
    text = f"{n} source{'s' if n != 1 else ''}"
    if 0 < independent < n:
        text += f" ({independent} independent)"
    color = "#1a7f37" if independent >= 2 else "#57606a"
    hidden = len(agreement.sources) - n
    extra = f" <small>(+{hidden} hidden by the source filter)</small>" if hidden else ""
    badge = f"<span class='kit-badge' style='background:{color}'>{text}</span>{extra}"
    for group in agreement.groups:
        shown = [_short(s) for s in group if s in selected]
        if len(shown) > 1:
            names = " and ".join([", ".join(shown[:-1]), shown[-1]])
            badge += (
                f"<div class='kit-note' style='margin:4px 0'>{html.escape(names)} copy or share "
                "reporting: they count as one independent source.</div>"
            )
    return badge


def _answer_card(answer: Answer, agreement: Agreement, factkit: FactKit, selected: set[str]) -> str:
    shown = [c for c in answer.citations if c.span.source in selected]
    return (
        "<div class='kit-card'>"
        f"<div class='kit-answer'>{html.escape(answer.text)}</div>"
        f"<div>{_agreement(agreement, selected)}</div>"
        f"<div class='kit-note' style='margin:4px 0'>reader's confidence {answer.score:.0%}</div>"
        + "".join(_citation_html(c, factkit) for c in shown)
        + "</div>"
    )


def _answers_html(answer_set: AnswerSet, factkit: FactKit, selected: set[str]) -> str:
    from kit.agreement import answer_agreement

    question = f"<div class='kit-note'>Q: <b>{html.escape(answer_set.question)}</b></div>"
    if answer_set.no_answer:
        return question + "<p><i>No answer: the articles do not state it.</i></p>"
    pairs = [
        (a, g)
        for a, g in zip(answer_set.answers, answer_agreement(factkit, answer_set), strict=True)
        if any(s in selected for s in a.sources)
    ]
    if not pairs:
        return question + "<p><i>Only the sources hidden by the filter answer this.</i></p>"
    if len(pairs) == 1:
        note = "One answer found in the articles."
    else:
        note = (
            f"<b>The articles give {len(pairs)} different answers</b>, best first. "
            "Compare them side by side: do they count the same thing?"
        )
    cards = "".join(_answer_card(a, g, factkit, selected) for a, g in pairs)
    return f"{question}<div class='kit-note'>{note}</div><div class='kit-cards'>{cards}</div>"


def _evidence_html(evidence: Evidence, factkit: FactKit) -> str:
    article = factkit.corpus[evidence.sentence.source]
    color, label = STANCES.get(evidence.stance, ("#57606a", evidence.stance))
    who = evidence.attribution.describe() if evidence.attribution else None
    return (
        "<div class='kit-card'>"
        f"<span class='kit-badge' style='background:{color}'>{label}</span>"
        + _quote(evidence.sentence, evidence.highlight)
        + _source_line(article, evidence.sentence, who)
        + "</div>"
    )


def _verdict_html(check: ClaimCheck, factkit: FactKit, selected: set[str]) -> str:
    color, name, meaning = VERDICTS.get(check.verdict, ("#57606a", check.verdict, ""))
    detail = check.explanation
    said = meaning.removeprefix("the ")
    if said and detail.lower().startswith(said.lower()):  # "sources disagree: ..." says it
        detail = detail[len(said) :].lstrip(" :;,")
    why = f"{meaning}: {detail}" if meaning and detail else meaning or detail
    head = (
        f"<div class='kit-note'>Claim: <b>{html.escape(check.claim)}</b></div>"
        f"<div style='font-size:1.5em;font-weight:700;color:{color}'>{name}</div>"
        f"<div class='kit-note'>{html.escape(why)}</div>"
    )
    shown = [e for e in check.evidence if e.sentence.source in selected]
    if not shown:
        return head + "<p><i>No evidence from the selected sources.</i></p>"
    body = "".join(_evidence_html(e, factkit) for e in shown)
    return f"{head}<div class='kit-list'>{body}</div>"


def _table_html(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p><i>Nothing to show for the selected sources.</i></p>"
    return f"<div class='kit-table'>{frame.to_html(index=False, na_rep='', escape=True)}</div>"


def _sources_html(factkit: FactKit) -> str:
    from kit.copies import copy_report

    report = copy_report(factkit.index)
    rows = []
    for article in factkit.corpus:
        notes = [
            r.describe().replace(r.source, "this article").replace(r.origin, _short(r.origin))
            for r in report.relations
            if r.source == article.source
        ]
        rows.append(
            "<div class='kit-card'>"
            f"<b>{html.escape(_short(article.source))} · {html.escape(_title(article))}</b>"
            f"<div class='kit-source'>{html.escape(' · '.join(_facts(article)))}</div>"
            + "".join(f"<div>↳ {html.escape(n)}</div>" for n in notes)
            + "</div>"
        )
    return "<div class='kit-list'>" + "".join(rows) + "</div>"


def _facts(article: Article) -> list[str]:
    known = [article.outlet, article.kind, article.date, article.source]
    return [str(x) for x in known if x]


def _download_link(frame: pd.DataFrame, filename: str, label: str) -> str:
    """A link that saves `frame` as CSV from the page itself (a data: URI, no server call).

    UTF-8 with a byte-order mark, so spreadsheet programs read "km²" and "≈" right.
    """
    data = base64.b64encode(("\ufeff" + frame.to_csv(index=False)).encode("utf-8")).decode()
    return (
        f"<a download='{html.escape(filename)}' href='data:text/csv;charset=utf-8;base64,{data}'"
        f">{html.escape(label)}</a>"
    )


def _downloads_html(figures: pd.DataFrame, comparison: pd.DataFrame) -> str:
    if figures.empty:
        return ""
    links = [_download_link(figures, "figures.csv", f"every figure ({len(figures)} rows)")]
    if not comparison.empty:
        links.append(_download_link(comparison, "comparison.csv", "the comparison table"))
    return f"<div class='kit-note'>Download as CSV: {' · '.join(links)}</div>"


def _shared_spans(factkit: FactKit, source: str) -> list[tuple[Span, Span]]:
    """(this article's sentence, the other article's) for every passage it shares."""
    from kit.copies import copy_report

    pairs = []
    for relation in copy_report(factkit.index).relations:
        for pair in relation.pairs:
            if pair.a.source == source:
                pairs.append((pair.a, pair.b))
            elif pair.b.source == source:
                pairs.append((pair.b, pair.a))
    return sorted(pairs, key=lambda p: p[0].start)


def _marked_text(text: str, spans: Sequence[tuple[Span, Span]]) -> str:
    """The whole text, escaped, each shared passage marked with the article it is shared with."""
    out, at = [], 0
    for own, other in spans:
        if own.start < at:
            continue  # overlaps one already marked
        label = f"also in {_short(other.source)}"
        out.append(html.escape(text[at : own.start]))
        out.append(f"<mark title='{html.escape(label)}'>{html.escape(own.quote)}</mark>")
        out.append(f"<sup>{html.escape(_short(other.source))}</sup>")
        at = own.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _article_html(factkit: FactKit, source: str) -> str:
    article = factkit.corpus[source]
    shared = _shared_spans(factkit, source)
    head = (
        f"<div class='kit-card' style='max-width:none'><b>{html.escape(_title(article))}</b>"
        f"<div class='kit-source'>{html.escape(' · '.join(_facts(article)))}</div>"
    )
    if shared:
        others = sorted({_short(o.source) for _, o in shared})
        head += (
            f"<div class='kit-note'>{len(shared)} passage{'s' if len(shared) != 1 else ''} "
            f"<mark>marked</mark> are shared with {html.escape(', '.join(others))} "
            "(the article's number follows each one). Side by side:</div>" + _pairs_table(shared)
        )
    else:
        head += "<div class='kit-note'>No passage of it is shared with another article.</div>"
    return head + f"<div class='kit-text'>{_marked_text(article.text, shared)}</div></div>"


def _pairs_table(shared: Sequence[tuple[Span, Span]]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(own.quote)}</td>"
        f"<td><code>{html.escape(_short(other.source))}</code> {html.escape(other.quote)}</td></tr>"
        for own, other in shared
    )
    return (
        "<div class='kit-table kit-pairs'><table><tr><th>this article</th>"
        f"<th>the other article</th></tr>{rows}</table></div>"
    )
