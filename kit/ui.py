"""The notebook app: ipywidgets wiring around the kit, for JupyterLab and Voilà.

    import kit.ui
    kit.ui.app()            # the seeds; or kit.ui.app("path/to/articles")

Observers call the library (`FactKit.ask`, `.check`, `kit.figures.table`, `kit.figures.compare`,
`kit.figures.charts`) and render its results as HTML into `widgets.HTML` panes, the way ipywidgets'
`interactive_output` renders into an `Output`. Nothing here decides an answer: it only shows
what the library returns, every quote highlighted inside its sentence with its source.
A `KitError` (bad corpus, empty question, a chart that does not apply) becomes a readable
message inside the app, never a traceback, and never the command line's advice.

`cards(result, kit)` is the app's view of one result as plain HTML (`_repr_html_`): executed,
saved, exported and reopened notebooks show it without a kernel or a widget renderer. The
HTML itself is made in `kit.present.markup`; this module holds the widgets, their layout and the
observers.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kit.errors import KitError
from kit.present.markup import (
    STYLE,
    Cards,
    answers_html,
    article_html,
    article_title,
    cards,
    downloads_html,
    error_html,
    for_people,
    header_html,
    hint_html,
    short,
    sources_html,
    table_html,
    verdict_html,
)

if TYPE_CHECKING:
    import pandas as pd

    from kit.api import FactKit
    from kit.checking.claims import ClaimCheck
    from kit.reading.answers import AnswerSet

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


class KitApp(widgets.VBox):
    """The app's widgets and their wiring. Tests drive it by setting `.value` and `.click()`."""

    def __init__(
        self, factkit: FactKit | None, *, examples: Sequence[str] = (), error: str | None = None
    ) -> None:
        self.kit = factkit
        self.answer_set: AnswerSet | None = None
        self.claim_check: ClaimCheck | None = None
        self._figures: pd.DataFrame | None = None
        self.header = widgets.HTML(header_html(factkit))
        self.status = widgets.HTML("")
        self.error = widgets.HTML(error_html(error) if error else "")
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
            self.answers.value = hint_html("Type a question in the box, then press Enter.")
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
            self.verdict.value = hint_html("Type a claim in the box, then press Enter.")
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
            self.chart_message.value = hint_html(
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
            self.sources.value = sources_html(self.kit)
        if self.article.value is None and self.article.options:
            self.article.value = self.article.options[0][1]  # the observer shows it

    def show_article(self) -> None:
        """The chosen article's whole text, the passages it shares with others marked."""
        if self.kit is None or self.article.value is None:
            return
        with self._working("Opening the article…", self.article_text):
            self.article_text.value = article_html(self.kit, self.article.value)

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
        self.answers.value = answers_html(self.answer_set, self.kit, self.selected)

    def _show_verdict(self) -> None:
        assert self.claim_check is not None and self.kit is not None
        self.verdict.value = verdict_html(self.claim_check, self.kit, self.selected)

    def _visible_figures(self) -> pd.DataFrame:
        assert self._figures is not None
        return self._figures[self._figures["source"].isin(self.selected)]

    def _show_figures(self) -> None:
        from kit.figures.compare import compare_sources

        frame = self._visible_figures()
        comparison = compare_sources(frame)
        self.comparison.value = table_html(comparison.drop(columns="detail"))
        shown = frame[FIGURE_COLUMNS].assign(source=frame["source"].map(short))
        self.figures_table.value = table_html(shown)
        self.downloads.value = downloads_html(frame, comparison)
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
            self.error.value = error_html(message)
        else:
            target.value = error_html(message)


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
            description=f"{short(a.source)} · {article_title(a)}",
            indent=False,
            tooltip=a.source,
            layout=widgets.Layout(width="auto", margin="0 14px 0 0"),
        )
        for a in factkit.corpus
    }


def _article_options(factkit: FactKit | None) -> list[tuple[str, str]]:
    if factkit is None:
        return []
    return [(f"{short(a.source)} · {article_title(a)}", a.source) for a in factkit.corpus]


def _chart_options(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, chart) for every chart `frame` can draw: the demo's charts where they apply,
    then one "across sources" chart per quantity that several sources state, disagreements
    first."""
    from matplotlib.figure import Figure

    from kit.figures.charts import CHARTS
    from kit.figures.compare import compare_sources

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

    from kit.figures.charts import CHARTS, FIGSIZE, quantity_across_sources

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
