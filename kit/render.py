"""Turning answers into text for people: HTML for notebooks, highlighted lines for terminals."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from kit.spans import Span

if TYPE_CHECKING:
    from kit.claims import ClaimCheck
    from kit.reading.results import Answer, AnswerSet

ANSI_BOLD_YELLOW = "\033[1;33m"
ANSI_DIM = "\033[2m"
ANSI_RESET = "\033[0m"


def highlight(sentence: Span, quote: Span, *, before: str, after: str, escape: bool) -> str:
    """The sentence with the quote wrapped in `before`/`after` (offsets are absolute)."""
    cut_start = quote.start - sentence.start
    cut_end = quote.end - sentence.start
    text = sentence.quote
    parts = [text[:cut_start], text[cut_start:cut_end], text[cut_end:]]
    if escape:
        parts = [html.escape(p) for p in parts]
    return f"{parts[0]}{before}{parts[1]}{after}{parts[2]}"


def answer_lines(answer_set: AnswerSet, *, color: bool) -> list[str]:
    """A readable terminal rendering: each answer, its sources, the quote highlighted."""
    lines = [f"Q: {answer_set.question}"]
    if answer_set.no_answer:
        lines.append("   No answer: the articles do not state it.")
        return lines
    on, off = (ANSI_BOLD_YELLOW, ANSI_RESET) if color else ("«", "»")
    for n, answer in enumerate(answer_set.answers, start=1):
        sources = len(answer.sources)
        noun = "source" if sources == 1 else "sources"
        lines.append(
            f"{n}. {answer.text}   ({answer.type}, score {answer.score:.2f}, {sources} {noun})"
        )
        for c in answer.citations:
            where = f"[{c.span.source} {c.span.start}:{c.span.end}]"
            if color:
                where = f"{ANSI_DIM}{where}{ANSI_RESET}"
            body = highlight(c.sentence, c.span, before=on, after=off, escape=False)
            lines.append(f"   {where} {body}")
    return lines


def _answer_card(answer: Answer) -> str:
    quotes = "".join(
        "<li><code>{src}</code> {body}</li>".format(
            src=html.escape(c.span.source),
            body=highlight(c.sentence, c.span, before="<mark>", after="</mark>", escape=True),
        )
        for c in answer.citations
    )
    n = len(answer.sources)
    return (
        f"<div class='kit-answer'><b>{html.escape(answer.text)}</b> "
        f"<small>({html.escape(answer.type)}, score {answer.score:.2f}, "
        f"{n} source{'s' if n != 1 else ''})</small><ul>{quotes}</ul></div>"
    )


def answer_set_html(answer_set: AnswerSet) -> str:
    head = f"<p><b>Q:</b> {html.escape(answer_set.question)}</p>"
    if answer_set.no_answer:
        return head + "<p><i>No answer: the articles do not state it.</i></p>"
    return head + "".join(_answer_card(a) for a in answer_set.answers)


_STANCE_MARKS = {"supports": "✔ supports", "refutes": "✘ refutes", "related": "· related"}


def claim_check_html(check: ClaimCheck) -> str:
    """A verdict and its evidence as plain HTML (notebooks; `kit.ui.cards` adds titles)."""
    verdict = check.verdict.replace("_", " ").capitalize()
    items = "".join(
        "<li>{stance} <code>{src}</code> {body}</li>".format(
            stance=html.escape(_STANCE_MARKS.get(e.stance, e.stance)),
            src=html.escape(e.sentence.source),
            body=highlight(e.sentence, e.highlight, before="<mark>", after="</mark>", escape=True)
            if e.highlight is not None
            else html.escape(e.sentence.quote),
        )
        for e in check.evidence
    )
    return (
        f"<p><b>Claim:</b> {html.escape(check.claim)}</p>"
        f"<p><b>{html.escape(verdict)}</b>: {html.escape(check.explanation)}</p>"
        + (f"<ul>{items}</ul>" if items else "<p><i>No evidence in the articles.</i></p>")
    )
