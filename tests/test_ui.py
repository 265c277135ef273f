"""The widget app, headless: set `.value`, `.click()`, read the rendered HTML."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kit.api import FactKit
from kit.errors import KitError
from kit.ui import KitApp, app

MACH = "<mark>Mach 11</mark>"


@pytest.fixture
def ui(seed_kit: FactKit) -> KitApp:
    return app(seed_kit, examples=["How fast was the Oreshnik?"])


def _cards(value: str) -> int:
    return value.count("class='kit-card'")


def test_enter_asks_and_highlights_the_quote_with_its_source(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"  # what Enter does (continuous_update off)
    html = ui.answers.value
    card = html[html.index("<div class='kit-card'>") :]
    assert "<div class='kit-answer'>Mach 11</div>" in card
    assert MACH in card
    assert "NATO and Ukraine to Convene Emergency Talks" in card  # 000's title
    assert "<code title='000_2d8a655e2aa5b0a7'>000</code>" in card
    assert re.search(r"[2-9] sources", card)  # agreement is shown
    assert "000 and 002 copy or share reporting" in card  # and how independent it is
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
    assert "different answers" in html
    assert _cards(html) >= 2
    assert "<mark>76</mark>" in html and "<mark>Around 80</mark>" in html
    assert "Volodymyr Zelenskyy" in html  # who the hedged figure is attributed to
    assert "hedged: around" in html
    assert ".kit-cards {display: flex; flex-wrap: wrap" in ui.children[0].value


def test_source_filter_hides_a_source_without_asking_again(ui: KitApp) -> None:
    ui.question.value = "How fast was the Oreshnik?"
    ui.kit = _Spy(ui.kit, ask=_fail_if_called)  # type: ignore[arg-type]
    ui.filter["000_2d8a655e2aa5b0a7"].value = False
    html = ui.answers.value
    assert "title='000_2d8a655e2aa5b0a7'" not in html
    assert "hidden by the source filter" in html
    for source in ui.filter:
        ui.filter[source].value = False
    assert "Only the sources hidden by the filter answer this." in ui.answers.value
    assert ui.selected == set()


def test_busy_indicator_is_on_while_the_kit_works(ui: KitApp, seed_kit: FactKit) -> None:
    seen: dict[str, Any] = {}

    def ask(question: str) -> Any:
        seen["status"] = ui.status.value
        seen["disabled"] = ui.question.disabled and ui.ask_button.disabled
        return seed_kit.ask(question)

    ui.kit = _Spy(seed_kit, ask=ask)  # type: ignore[assignment]
    ui.question.value = "How fast was the Oreshnik?"
    assert "Searching the articles" in seen["status"] and "kit-spinner" in seen["status"]
    assert seen["disabled"] is True
    assert ui.status.value == "" and not ui.ask_button.disabled


def test_kit_errors_are_messages_not_tracebacks(ui: KitApp, seed_kit: FactKit) -> None:
    def too_long(question: str) -> Any:
        raise KitError("The question is 5000 characters long: keep it under 1000.")

    ui.kit = _Spy(seed_kit, ask=too_long)  # type: ignore[assignment]
    ui.question.value = "How fast?"
    assert "kit-error" in ui.answers.value
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
    assert "<td>Mach 11</td>" in ui.figures_table.value
    assert "hedge-compatible" in ui.comparison.value  # 76 vs around 80
    assert ui.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    drones = ui.chart.value
    ui.chart_name.value = "territory"
    assert ui.chart.value[:4] == b"\x89PNG" and ui.chart.value != drones


def test_a_chart_that_does_not_apply_says_so(ui: KitApp) -> None:
    ui.tabs.selected_index = 2
    ui.chart_name.value = "territory"
    ui.filter["003_f858b49bcf518778"].value = False  # the only article with territory figures
    assert "No territory figures" in ui.chart_message.value
    assert ui.chart.value == b""
    assert "003" not in re.findall(r"<td>(\d{3})</td>", ui.figures_table.value)


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


def _fail_if_called(question: str) -> Any:
    raise AssertionError("the filter must not run the search again")


def _find_button(widget: Any, description: str) -> Any:
    for child in getattr(widget, "children", ()):
        if getattr(child, "description", None) == description and hasattr(child, "click"):
            return child
        found = _find_button(child, description)
        if found is not None:
            return found
    return None
