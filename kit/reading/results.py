"""What reading gives back: answers with their citations, and the set answering one question.

`Citation` (the quoted span and its sentence, both `Span`s into the original text), `Answer`
(one distinct value with every source stating it) and `AnswerSet` (a question's answers best
first, or none) are the reader's output types; `kit.reading.answers` re-exports them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kit.reading.questions import AnswerType, QuestionType
from kit.spans import Span, highlight

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an answer is stated: the quoted span and the sentence around it."""

    span: Span
    sentence: Span
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "sentence": self.sentence.quote}


@dataclass(frozen=True)
class Answer:
    """One distinct answer value with every source that states it, best citation first."""

    text: str
    type: AnswerType
    score: float
    citations: tuple[Citation, ...]

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(c.span.source for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "score": round(self.score, 4),
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class AnswerSet:
    """The result of asking one question: answers best first, or `no_answer`."""

    question: str
    question_type: QuestionType
    answers: tuple[Answer, ...]

    @property
    def no_answer(self) -> bool:
        return not self.answers

    @property
    def best(self) -> Answer | None:
        return self.answers[0] if self.answers else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "no_answer": self.no_answer,
            "answers": [a.to_dict() for a in self.answers],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per citation: answer, type, score, source, offsets, quote, sentence."""
        import pandas as pd

        rows = [
            {"answer": a.text, "type": a.type, "score": a.score, **c.to_dict()}
            for a in self.answers
            for c in a.citations
        ]
        columns = ["answer", "type", "score", "source", "start", "end", "quote", "sentence"]
        return pd.DataFrame(rows, columns=columns)

    def _repr_html_(self) -> str:
        return answer_set_html(self)


def answer_set_html(answer_set: AnswerSet) -> str:
    """The question and its answers as plain HTML (notebooks; `kit.ui.cards` adds agreement
    and the style sheet; `kit.present.render` writes the same for terminals)."""
    head = f"<p><b>Q:</b> {html.escape(answer_set.question)}</p>"
    if answer_set.no_answer:
        return head + "<p><i>No answer: the articles do not state it.</i></p>"
    return head + "".join(_answer_card(a) for a in answer_set.answers)


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
