"""Results as text for terminals: an answer set or a claim check, each quote highlighted in
its sentence (`kit.spans.highlight`), in colour or between «guillemets».

The notebook HTML of a result is its own `_repr_html_` (`kit.reading.results`,
`kit.checking.claims`); the app's cards are `kit.present.markup`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.spans import highlight

if TYPE_CHECKING:
    from kit.checking.claims import ClaimCheck
    from kit.reading.results import AnswerSet

ANSI_BOLD_YELLOW = "\033[1;33m"
ANSI_DIM = "\033[2m"
ANSI_RESET = "\033[0m"
_STANCE_SIGNS = {"supports": "+", "refutes": "x", "related": "."}


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


def claim_lines(check: ClaimCheck, *, color: bool) -> list[str]:
    """The verdict, the reason, then each evidence sentence with its stance and attribution."""
    on, off = (ANSI_BOLD_YELLOW, ANSI_RESET) if color else ("«", "»")
    out = [f"{check.verdict.upper().replace('_', ' ')}: {check.claim}", f"  {check.explanation}"]
    for e in check.evidence:
        where = f"[{e.sentence.source} {e.sentence.start}:{e.sentence.end}]"
        where = f"{ANSI_DIM}{where}{ANSI_RESET}" if color else where
        body = e.sentence.quote
        if e.highlight is not None:
            body = highlight(e.sentence, e.highlight, before=on, after=off, escape=False)
        who = e.attribution.describe() if e.attribution else "unattributed"
        tail = "" if who == "unattributed" else f"  ({who})"
        out.append(f"  {_STANCE_SIGNS[e.stance]} {e.stance:<8} {where} {body}{tail}")
    return out
