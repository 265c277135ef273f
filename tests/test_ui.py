"""The widget app, headless: set `.value`, `.click()`, read the rendered HTML."""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest

import kit
from kit.api import FactKit
from kit.errors import KitError
from kit.ui import KitApp, app, cards, for_people, served_app

MACH = "<mark>Mach 11</mark>"


OTHER = Path(__file__).resolve().parent / "data" / "wikinews_fires.jsonl"


@pytest.fixture
def ui(seed_kit: FactKit) -> KitApp:
    return app(seed_kit, examples=["How fast was the Oreshnik?"])


@pytest.fixture(scope="module")
def other_kit() -> FactKit:
    return kit.open_corpus(OTHER)


def test_enter_asks_and_highlights_the_quote_with_its_source(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"  # what Enter does (continuous_update off)
    card = ui.answers.value
    assert "Mach 11" in _lines(card)  # the answer on a line of its own
    assert MACH in card
    assert "NATO and Ukraine to Convene Emergency Talks" in _visible(card)  # 000's title
    assert re.search(r"title=['\"]000_2d8a655e2aa5b0a7['\"]>000<", card)  # short id, full on hover
    assert re.search(r"[2-9] sources", _visible(card))  # agreement is shown
    assert "000 and 002 copy or share reporting" in _visible(card)  # and how independent
    assert ui.status.value == ""  # busy indicator off again
    assert not ui.question.disabled


def test_ask_button_and_example_buttons_ask(ui: KitApp, seed_kit: FactKit) -> None:
    calls: list[str] = []
    real = seed_kit.ask
    ui.kit = _Spy(seed_kit, ask=lambda q: calls.append(q) or real(q))  # type: ignore[assignment]
    ui.question.value = "How fast was the Oreshnik?"
    ui.ask_button.click()  # same question again: the button asks anyway
    assert calls == ["How fast was the Oreshnik?"] * 2
    ui.question.value = ""
    ui.ask_button.click()  # an empty box does nothing
    assert len(calls) == 2
    example = _find_button(ui, "How fast was the Oreshnik?")
    example.click()
    assert calls[-1] == "How fast was the Oreshnik?" and MACH in ui.answers.value


def test_disagreeing_answers_are_cards_side_by_side(ui: KitApp) -> None:
    ui.question.value = "How many drones did Ukraine shoot down?"
    html = ui.answers.value
    assert "different answers" in _visible(html)
    assert "<mark>76</mark>" in html and "<mark>Around 80</mark>" in html
    assert _side_by_side(ui.children[0].value + html, "76", "Around 80")
    assert "Volodymyr Zelenskyy" in _visible(html)  # who the hedged figure is attributed to
    assert "hedged: around" in _visible(html)


def test_source_filter_hides_a_source_without_asking_again(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"
    asked: list[str] = []  # recorded, not raised: the app would show an exception as a message
    ui.kit = _Spy(ui.kit, ask=asked.append, check=asked.append)  # type: ignore[arg-type]
    ui.filter["000_2d8a655e2aa5b0a7"].value = False
    html = ui.answers.value
    assert asked == [] and MACH in html  # shown again from the answers already found
    assert "title='000_2d8a655e2aa5b0a7'" not in html
    assert "hidden by the source filter" in html
    for source in ui.filter:
        ui.filter[source].value = False
    assert "Only the sources hidden by the filter answer this." in ui.answers.value
    assert ui.selected == set() and asked == []


def test_busy_indicator_is_on_while_the_kit_works(ui: KitApp, seed_kit: FactKit) -> None:
    seen: dict[str, Any] = {}

    def ask(question: str) -> Any:
        seen["status"] = ui.status.value
        seen["disabled"] = ui.question.disabled and ui.ask_button.disabled
        return seed_kit.ask(question)

    ui.kit = _Spy(seed_kit, ask=ask)  # type: ignore[assignment]
    ui.question.value = "How fast was the Oreshnik?"
    assert "Searching the articles" in _visible(seen["status"])
    assert seen["disabled"] is True
    assert ui.status.value == "" and not ui.ask_button.disabled


def test_kit_errors_are_messages_not_tracebacks(ui: KitApp, seed_kit: FactKit) -> None:
    def too_long(question: str) -> Any:
        raise KitError("The question is 5000 characters long: keep it under 1000.")

    ui.kit = _Spy(seed_kit, ask=too_long)  # type: ignore[assignment]
    ui.question.value = "How fast?"
    assert "Cannot do that: The question is 5000 characters long" in _visible(ui.answers.value)
    assert "keep it under 1000" in ui.answers.value
    assert "Traceback" not in ui.answers.value
    assert ui.status.value == "" and not ui.question.disabled


def test_a_bug_is_reported_readably_too(ui: KitApp, seed_kit: FactKit) -> None:
    def broken(question: str) -> Any:
        raise ValueError("boom <b>")

    ui.kit = _Spy(seed_kit, ask=broken)  # type: ignore[assignment]
    ui.question.value = "How fast?"
    assert "Something went wrong (ValueError: boom &lt;b&gt;)" in ui.answers.value
    assert "Traceback" not in ui.answers.value


def test_a_missing_corpus_gives_an_app_that_says_why(tmp_path: Any) -> None:
    broken = app(tmp_path / "nowhere")
    assert "does not exist" in broken.error.value and "nowhere" in broken.error.value
    assert broken.question.disabled and broken.check_button.disabled
    broken.question.value = "How fast?"  # nothing to ask: no crash
    assert broken.answers.value == ""


def test_question_text_is_escaped(ui: KitApp) -> None:
    ui.question.value = "<script>alert(1)</script> How fast was the Oreshnik?"
    assert "<script>" not in ui.answers.value
    assert "&lt;script&gt;" in ui.answers.value


def test_claim_tab_shows_verdict_and_evidence_with_stance(ui: KitApp) -> None:
    ui.claim.value = "The Oreshnik flew at Mach 5."
    html = ui.verdict.value
    assert "Refuted" in html
    assert "✘ refutes" in html
    assert MACH in html
    assert "claim says Mach 5" in html
    ui.filter["000_2d8a655e2aa5b0a7"].value = False
    ui.filter["002_c91a69a50e929240"].value = False
    assert MACH not in ui.verdict.value  # the filter applies to evidence as well


def test_figures_tab_fills_on_first_view(ui: KitApp) -> None:
    assert ui.figures_table.value == ""
    ui.tabs.selected_index = 2
    assert "Mach 11" in _lines(ui.figures_table.value)  # a cell of its own
    assert "hedge-compatible" in ui.comparison.value  # 76 vs around 80
    assert ui.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    drones = ui.chart.value
    ui.chart_name.value = "territory"
    assert ui.chart.value[:4] == b"\x89PNG" and ui.chart.value != drones


def test_only_charts_that_apply_are_offered(ui: KitApp) -> None:
    ui.tabs.selected_index = 2
    assert "territory" in _chart_values(ui)
    ui.chart_name.value = "territory"
    ui.filter["003_f858b49bcf518778"].value = False  # the only article with territory figures
    assert "territory" not in _chart_values(ui)
    assert ui.chart_name.value is not None  # another chart is chosen, and drawn
    assert ui.chart.value[:4] == b"\x89PNG" and ui.chart.layout.display != "none"
    assert "003" not in _lines(ui.figures_table.value)


def test_no_chart_at_all_hides_the_image_and_says_why(ui: KitApp) -> None:
    ui.tabs.selected_index = 2
    for source in ui.filter:
        ui.filter[source].value = source == "001_2144309efa135f52"  # one article only
    assert ui.chart_name.value is None
    assert ui.chart.value == b"" and ui.chart.layout.display == "none"  # no broken image
    assert "No chart for the selected articles" in ui.chart_message.value


def test_on_another_corpus_the_figures_tab_opens_on_a_chart_that_works(other_kit: FactKit) -> None:
    other = app(other_kit)
    other.tabs.selected_index = 2
    assert other.chart_name.value is not None
    assert not {"drones", "territory"} & set(_chart_values(other))  # the demo's charts
    assert any(value.startswith("across:") for value in _chart_values(other))
    assert other.chart.value[:4] == b"\x89PNG" and other.chart.layout.display != "none"
    assert "Cannot do that" not in _visible(other.chart_message.value)


def test_the_figures_table_downloads_as_csv(ui: KitApp) -> None:
    ui.tabs.selected_index = 2
    ui.filter["003_f858b49bcf518778"].value = False
    links = dict(
        re.findall(
            r"download='([^']+)' href='data:text/csv;charset=utf-8;base64,([^']+)'",
            ui.downloads.value,
        )
    )
    assert set(links) == {"figures.csv", "comparison.csv"}
    table = pd.read_csv(io.BytesIO(base64.b64decode(links["figures.csv"])), encoding="utf-8-sig")
    assert "003_f858b49bcf518778" not in set(table["source"])  # what is shown, not everything
    assert {"source", "value", "unit", "quote", "start", "end"} <= set(table.columns)
    assert "Mach 11" in set(table["quote"])


def test_sources_tab_opens_an_article_with_its_shared_passages(
    ui: KitApp, seed_kit: FactKit
) -> None:
    ui.tabs.selected_index = 3
    ui.article.value = "001_2144309efa135f52"  # the commentary derived from 000
    page = ui.article_text.value
    text = seed_kit.text("001_2144309efa135f52")
    unlabelled = re.sub(r"<sup>.*?</sup>", "", page)  # the number of the other article
    assert f"\n{text}\n" in _visible(unlabelled)  # the whole text, unchanged
    marks = re.findall(r"<mark title=['\"]also in (\d+)['\"]>(.*?)</mark>", page)
    assert marks and all(html.unescape(m) in text for _, m in marks)
    assert {other for other, _ in marks} == {"000"}  # each says where else it appears
    assert "shared with 000" in _visible(page)  # and the other side of each pair is shown
    ui.article.value = "003_f858b49bcf518778"
    assert "Territory" in ui.article_text.value or "territory" in ui.article_text.value


def test_an_empty_question_or_claim_says_what_to_do_and_clears_the_old_result(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"
    assert MACH in ui.answers.value
    ui.question.value = "   "
    assert MACH not in ui.answers.value and ui.answer_set is None
    assert "Type a question" in _visible(ui.answers.value)
    ui.claim.value = "The Oreshnik flew at Mach 5."
    assert "Refuted" in ui.verdict.value
    ui.claim.value = ""
    assert "Refuted" not in ui.verdict.value and "Type a claim" in _visible(ui.verdict.value)


def test_errors_in_the_app_carry_no_command_line_advice(
    ui: KitApp, seed_kit: FactKit, tmp_path: Any
) -> None:
    broken = app(tmp_path / "nowhere")
    assert "--corpus" not in broken.error.value and "kit.ui.app(" in broken.error.value

    def no_chart(*args: Any, **kwargs: Any) -> Any:
        raise KitError(
            "No quantity is stated by two sources in this corpus: name one with "
            "`--chart across:QUANTITY` (see the `quantity` column of `kit figures`)."
        )

    ui.kit = _Spy(seed_kit, ask=no_chart)  # type: ignore[assignment]
    ui.question.value = "How fast?"
    shown = _visible(ui.answers.value)
    assert "No quantity is stated by two sources in this corpus." in shown
    assert "--chart" not in shown and "kit figures" not in shown


def test_hidden_sources_and_confidence_read_as_two_phrases(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"
    ui.filter["000_2d8a655e2aa5b0a7"].value = False
    shown = _visible(ui.answers.value)
    assert "hidden by the source filter" in shown
    assert "filterreader" not in shown.replace(" ", "").replace(")", "")


def test_a_conflicting_verdict_says_the_sources_disagree_once(seed_kit: FactKit) -> None:
    from kit.checking.claims import ClaimCheck

    check = ClaimCheck(
        "Ukraine shot down 76 drones.",
        "conflicting",
        (),
        "sources disagree: 1 source says 76 (1 independent); 1 source says 80 (1 independent)",
        2,
    )
    shown = _visible(cards(check, seed_kit).html)
    assert shown.count("disagree") == 1 and "1 source says 76" in shown


def test_cards_are_plain_html_that_notebooks_keep(seed_kit: FactKit) -> None:
    view = cards(seed_kit.ask("How fast was the Oreshnik?"), seed_kit)
    assert not isinstance(view, widgets.Widget)
    assert MACH in view._repr_html_()
    verdict = cards(seed_kit.check("The Oreshnik flew at Mach 5."), seed_kit)
    assert "Refuted" in verdict._repr_html_() and MACH in verdict._repr_html_()
    plain = seed_kit.check("The Oreshnik flew at Mach 5.")._repr_html_()  # a bare result too
    assert "Refuted" in plain and MACH in plain and "✘ refutes" in plain


def test_for_people_keeps_the_problem_and_drops_the_flags() -> None:
    assert (
        for_people("Corpus path `x` does not exist: pass --corpus with a folder of articles.")
        == "Corpus path `x` does not exist."
    )
    assert for_people("The question is empty: type one.") == "The question is empty: type one."


def test_sources_tab_names_the_derived_article(ui: KitApp) -> None:
    ui.tabs.selected_index = 3
    assert "001 · (untitled article)" in ui.sources.value
    assert "this article derives from 000" in ui.sources.value


# -- helpers ----------------------------------------------------------------------------------


class _Spy:
    """A FactKit with one method replaced; everything else is the real kit."""

    def __init__(self, real: Any, **methods: Any) -> None:
        self._real = real
        self.__dict__.update(methods)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _chart_values(ui: KitApp) -> list[str]:
    return [value for _, value in ui.chart_name.options]


def _visible(markup: str) -> str:
    """Roughly what a reader sees: block elements end a line, inline tags join their text."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    markup = re.sub(r"</?(div|p|li|ul|tr|td|th|table|h\d|br)\b[^>]*>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _lines(markup: str) -> list[str]:
    """The visible lines of `markup`, stripped: a block or a table cell is a line."""
    return [line.strip() for line in _visible(markup).splitlines() if line.strip()]


@dataclass
class _Element:
    tag: str
    classes: tuple[str, ...]
    children: list[_Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def marks(self) -> set[str]:
        """The highlighted words inside this element."""
        own = {self.text()} if self.tag == "mark" else set()
        return own.union(*(c.marks() for c in self.children if isinstance(c, _Element)))


class _TreeParser(HTMLParser):
    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack = [_Element("root", ())]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = tuple((dict(attrs).get("class") or "").split())
        element = _Element(tag, classes)
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1 and self.stack.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _side_by_side(markup: str, *highlighted: str) -> bool:
    """Whether the elements holding each `highlighted` value are children of one container
    that the page's style sheet lays out as a row (flex or grid, not a column)."""
    parser = _TreeParser()
    parser.feed(markup)
    container = parser.stack[0]
    while True:  # down to the smallest element holding every value
        inner = [c for c in container.children if isinstance(c, _Element)]
        holding = [c for c in inner if set(highlighted) <= c.marks()]
        if not holding:
            break
        container = holding[0]
    holders = [
        next((c for c in container.children if isinstance(c, _Element) and v in c.marks()), None)
        for v in highlighted
    ]
    if None in holders or len({id(h) for h in holders}) < len(highlighted):
        return False
    style = " ".join(re.findall(r"<style>(.*?)</style>", markup, flags=re.S))
    rules = " ".join(
        body
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style)
        if any(selector.strip().endswith(f".{name}") for name in container.classes)
    )
    in_a_row = re.search(r"display:\s*(flex|grid)", rules) is not None
    return in_a_row and "flex-direction: column" not in rules


def _find_button(widget: Any, description: str) -> Any:
    for child in getattr(widget, "children", ()):
        if getattr(child, "description", None) == description and hasattr(child, "click"):
            return child
        found = _find_button(child, description)
        if found is not None:
            return found
    return None


def test_the_served_app_opens_the_corpus_it_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIT_APP_CORPUS", str(OTHER))
    other = served_app()
    assert other.kit is not None and len(other.kit.corpus) == 4
    assert _find_button(other, "How fast was the Oreshnik?") is None  # no demo examples
    monkeypatch.delenv("KIT_APP_CORPUS")
    demo = served_app()
    assert _find_button(demo, "How fast was the Oreshnik?") is not None


def test_a_saved_notebook_shows_a_line_where_the_live_app_was(ui: KitApp) -> None:
    plain = ui._repr_mimebundle_()["text/plain"]
    assert plain == "Fact-check app on 5 articles: run the cell to use it."
