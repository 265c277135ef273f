"""Asking a question: the one entry point that sends it to the reader that can answer it.

`Reader.ask` sends yes/no questions to `kit.reading.yesno` and "Who is X?" to
`kit.reading.whois`; every other question goes to the trained neural reader
(`kit.reading.neural`, the default) or to the model-free rules reader (`kit.reading.rules`,
`--reader rules`). All of them read the same sentence ranking (`kit.reading.ranking`) and give
back the same types (`kit.reading.results`), re-exported here as the public API.
"""

from __future__ import annotations

from kit.errors import KitError
from kit.index.retrieval import Index
from kit.reading.candidates import SentenceInfo
from kit.reading.neural import NeuralReader, Scored, type_fit
from kit.reading.questions import QuestionType, classify
from kit.reading.ranking import Ranked, SentenceRanker
from kit.reading.results import Answer, AnswerSet, Citation
from kit.reading.rules import Candidate, RulesReader, answer_groups
from kit.reading.whois import describe, who_is_name
from kit.reading.yesno import is_yes_no, yes_no

__all__ = [
    "Answer",
    "AnswerSet",
    "Candidate",
    "Citation",
    "Ranked",
    "Reader",
    "SentenceInfo",
    "answer_groups",
]

READER_KINDS = ("neural", "rules")
# The span model's least probability on a figure's words for the rules' reading of that figure
# to be shown in its place (dev questions: 5 wrong cited answers fewer, none of 6 right lost).
MODEL_BACKING = 0.4


class Reader:
    """Answers questions over one index; the readers and their caches live as long as it does."""

    def __init__(self, index: Index, *, kind: str = "neural") -> None:
        if kind not in READER_KINDS:
            raise KitError(
                f"Unknown reader `{kind}` for `reader`: choose one of {', '.join(READER_KINDS)}."
            )
        self.index = index
        self.kind = kind
        self.ranking = SentenceRanker(index)
        self.rules = RulesReader(self.ranking)
        self._neural: NeuralReader | None = None

    @property
    def neural(self) -> NeuralReader:
        """The span model's reader, loaded on first use (the rules reader needs no model)."""
        if self._neural is None:
            self._neural = NeuralReader(self.ranking)
        return self._neural

    def ask(self, question: str, *, abstain: bool = True) -> AnswerSet:
        """The question's answers, best first, each with its citations; none when no reading
        clears the reader's calibrated threshold.

        With `abstain=False` the reader answers whenever it has any reading (for comparison
        with always-answering readers such as SQuAD's published baselines).
        """
        qtype = classify(question)
        if is_yes_no(question):
            decided = yes_no(self.ranking, question, qtype)
            if decided is not None or abstain:
                return AnswerSet(
                    question,
                    QuestionType("yes_no", qtype.focus, qtype.keywords, qtype.names),
                    (decided,) if decided else (),
                )
        name = who_is_name(question)
        if name is not None:
            described = describe(self.ranking, name)
            if described:
                return AnswerSet(question, qtype, tuple(described))
        if self.kind == "neural":
            answers = self._ask_neural(question, qtype, abstain)
        else:
            answers = self.rules.answers(question, qtype, abstain=abstain)
        return AnswerSet(question, qtype, tuple(answers))

    def _ask_neural(self, question: str, qtype: QuestionType, abstain: bool) -> list[Answer]:
        """The neural reader's answers; for a figure or date question whose best reading is not
        a figure or date of the kind asked for, the rules reader's typed path is asked too
        (its number/unit grammar is precise where the span model guesses): "Mach 11" over
        "hypersonic speed" for "How fast was it?"."""
        scored = self.neural.read(question, qtype)
        answers = self.neural.answers(question, qtype, abstain=abstain, scored=scored)
        if not (qtype.numeric or qtype.answer_type in ("date", "year")):
            return answers
        if answers and type_fit(answers[0].text, qtype) == 1.0:
            return answers
        typed = self.rules.typed(self.rules.candidates(question, qtype), qtype)
        return [a for a in typed if _backed(a, scored)] or answers


def _backed(answer: Answer, scored: list[Scored]) -> bool:
    """Whether the rules' figure stands in for a reading of the span model's: the model gave
    the cited words a real share (not a figure it barely looked at: "610" of "Lion Air
    Flight 610" for "How much mud covered the recorder?", a count of drones for "How many
    people were killed?"), or two sources state the figure alike."""
    if len(answer.citations) >= 2:
        return True
    return any(
        s.source == c.span.source
        and s.start < c.span.end
        and c.span.start < s.end
        and s.probability >= MODEL_BACKING
        for c in answer.citations
        for s in scored
    )
