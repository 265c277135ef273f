"""Scoring the kit against gold files: exact match, F1, citation validity, abstention, latency.

Gold questions look like `../shared/eval/questions.jsonl` (`question`, `answers`, `sources`;
an empty `answers` list means the corpus does not state it). SQuAD-style records (`question`,
`context`, `answers: [{"text", "answer_start"}]`) are scored with each record's own paragraph
as the corpus (`contexts="own"`) or with every paragraph of the file as one corpus ("pooled").
Normalisation and F1 follow the official SQuAD v1.1 script.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kit.errors import KitError
from kit.ingest.jsonl import read_objects
from kit.language.text import bag_f1, normalize_answer, word_bag

if TYPE_CHECKING:
    from kit.checking.claims import ClaimReport


def exact_match(prediction: str, gold: list[str]) -> float:
    return float(any(normalize_answer(prediction) == normalize_answer(g) for g in gold))


def f1_score(prediction: str, gold: list[str]) -> float:
    """Best token-overlap F1 of the prediction against any gold answer."""
    predicted = word_bag(prediction)
    return max((bag_f1(predicted, word_bag(answer)) for answer in gold), default=0.0)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL gold file; one clear error for a missing file or a bad line."""
    file = Path(path)
    if not file.is_file():
        raise KitError(f"Gold file `{file}` does not exist: pass a .jsonl file of questions.")
    try:
        with file.open(encoding="utf-8") as handle:
            records = list(read_objects(handle, f"`{file}`"))
    except UnicodeDecodeError:
        raise KitError(f"Gold file `{file}` is not UTF-8: re-save it as UTF-8.") from None
    if not records:
        raise KitError(f"Gold file `{file}` has no records.")
    return records


def gold_answers(record: dict[str, Any]) -> list[str]:
    """Gold answer strings, from our format (strings) or SQuAD's (objects with `text`)."""
    answers = record.get("answers") or []
    return [a["text"] if isinstance(a, dict) else str(a) for a in answers]


@dataclass
class QuestionScore:
    id: str
    question: str
    predicted: str
    gold: list[str]
    exact: float
    f1: float
    abstained: bool
    abstention_correct: bool
    citations_valid: bool
    source_ok: bool
    seconds: float
    answer_type: str

    @property
    def correct(self) -> bool:
        """Right value from an expected source, or a correct abstention."""
        if not self.gold:
            return self.abstained
        return self.exact == 1.0 and self.source_ok

    @property
    def misleads(self) -> bool:
        """A cited answer that is wrong (word-overlap F1 under 0.5) or to an unanswerable
        question: the error worse than silence."""
        return not self.abstained and (not self.gold or self.f1 < 0.5)


@dataclass
class Report:
    scores: list[QuestionScore] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        if not self.scores:
            return {"questions": 0}
        answerable = [s for s in self.scores if s.gold]
        seconds = np.array([s.seconds for s in self.scores]) * 1000
        return {
            "questions": len(self.scores),
            "correct": sum(s.correct for s in self.scores),
            "exact_match": _mean([s.exact for s in answerable]),
            "f1": _mean([s.f1 for s in answerable]),
            "citation_validity": _mean([float(s.citations_valid) for s in self.scores]),
            "source_accuracy": _mean([float(s.source_ok) for s in answerable]),
            "abstention_accuracy": _mean([float(s.abstention_correct) for s in self.scores]),
            "answered": sum(not s.abstained for s in self.scores),
            "wrong_with_citation": sum(s.misleads for s in self.scores),
            "unanswerable_answered": sum(not s.gold and not s.abstained for s in self.scores),
            "latency_ms_p50": round(float(np.percentile(seconds, 50)), 2),
            "latency_ms_p95": round(float(np.percentile(seconds, 95)), 2),
        }

    def details(self) -> list[str]:
        """One line per question: ok/ERR, id, type, question, prediction, gold."""
        return [
            f"{'ok ' if s.correct else 'ERR'} {s.id:>8} [{s.answer_type}] {s.question!r} "
            f"-> {s.predicted!r} {s.gold}"
            for s in self.scores
        ]

    def by_type(self) -> dict[str, dict[str, float]]:
        groups: dict[str, list[QuestionScore]] = {}
        for s in self.scores:
            if s.gold:
                groups.setdefault(s.answer_type, []).append(s)
        return {
            t: {
                "n": len(g),
                "exact_match": _mean([s.exact for s in g]),
                "f1": _mean([s.f1 for s in g]),
                "answered": _mean([float(not s.abstained) for s in g]),
            }
            for t, g in sorted(groups.items(), key=lambda kv: -len(kv[1]))
        }


def _mean(values: list[float]) -> float:
    return round(float(np.mean(values)), 4) if values else 0.0


def score_answer_set(
    record: dict[str, Any], result: Any, seconds: float, text_of: Callable[[str], str]
) -> QuestionScore:
    """Compare one `AnswerSet` with its gold record."""
    gold = gold_answers(record)
    best = result.best
    predicted = best.text if best else ""
    valid = all(c.span.holds(text_of(c.span.source)) for a in result.answers for c in a.citations)
    expected_sources = set(record.get("sources") or [])
    source_ok = best is not None and (
        not expected_sources or bool(expected_sources & set(best.sources))
    )
    abstained = result.no_answer
    return QuestionScore(
        id=str(record.get("id", "")),
        question=record["question"],
        predicted=predicted,
        gold=gold,
        exact=exact_match(predicted, gold) if gold else float(abstained),
        f1=f1_score(predicted, gold) if gold else float(abstained),
        abstained=abstained,
        abstention_correct=abstained == (not gold),
        citations_valid=valid,
        source_ok=source_ok,
        seconds=seconds,
        answer_type=result.question_type.answer_type,
    )


def evaluate_questions(kit: Any, records: list[dict[str, Any]], *, abstain: bool = True) -> Report:
    """Ask every gold question of one loaded `FactKit` and score the answers
    (`abstain=False`: always answer when there is any candidate)."""
    report = Report()
    for record in records:
        question = record.get("question")
        if not isinstance(question, str):
            raise KitError(f"Gold record {record.get('id', '?')} has no `question` string.")
        started = time.perf_counter()
        result = kit.ask(question) if abstain else kit.ask(question, abstain=False)
        seconds = time.perf_counter() - started
        report.scores.append(score_answer_set(record, result, seconds, kit.text))
    return report


def squad_corpora(
    records: list[dict[str, Any]], contexts: str
) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """(articles, questions) batches: one per paragraph ("own") or one for all ("pooled")."""
    by_context: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_context.setdefault(record["context"], []).append(record)
    ids = {ctx: f"p{n:05d}" for n, ctx in enumerate(by_context)}
    if contexts == "pooled":
        articles = [{"id": ids[c], "text": c} for c in by_context]
        questions = [{**r, "sources": [ids[r["context"]]]} for r in records]
        yield articles, questions
        return
    for context, group in by_context.items():
        yield (
            [{"id": ids[context], "text": context}],
            [{**r, "sources": [ids[context]]} for r in group],
        )


def evaluate_squad(
    records: list[dict[str, Any]],
    contexts: str = "own",
    *,
    abstain: bool = True,
    reader: str = "neural",
) -> Report:
    """SQuAD records scored with each paragraph as its own corpus ("own") or all of them as
    one ("pooled"), each corpus indexed in memory."""
    from kit.api import FactKit

    report = Report()
    for articles, questions in squad_corpora(records, contexts):
        kit = FactKit.from_records(articles, reader=reader)
        report.scores.extend(evaluate_questions(kit, questions, abstain=abstain).scores)
    return report


def evaluate_gold(
    path: str | Path,
    corpus: str | os.PathLike[str] | None = None,
    *,
    contexts: str = "own",
    limit: int | None = None,
    abstain: bool = True,
    reader: str = "neural",
    store: str | None = None,
    use_cache: bool = True,
    progress: bool = False,
) -> Report | ClaimReport:
    """`kit eval`: score the first `limit` records of a gold file. SQuAD records (with a
    `context`) over their own paragraphs (`evaluate_squad`); claims (`claim`, `verdict`) and
    questions over `corpus`, opened by `FactKit.open` with the other options."""
    records = read_gold(path)
    if limit is not None:
        records = records[:limit]
    _check_gold(records, str(path))
    if "context" in records[0]:
        return evaluate_squad(records, contexts, abstain=abstain, reader=reader)
    from kit.api import FactKit

    kit = FactKit.open(corpus, use_cache=use_cache, store=store, progress=progress, reader=reader)
    if "claim" in records[0]:
        from kit.checking.claims import evaluate_claims

        return evaluate_claims(kit, records)
    return evaluate_questions(kit, records, abstain=abstain)


def _check_gold(records: list[dict[str, Any]], file: str) -> None:
    """Gold records of the shape `evaluate_gold` scores (claims are checked by
    `evaluate_claims`): one clear error naming the first bad record."""
    if "claim" in records[0]:
        return
    squad = "context" in records[0]
    for number, record in enumerate(records, start=1):
        where = f"Record {number} of gold file `{file}`"
        if not isinstance(record.get("question"), str):
            raise KitError(f"{where} needs a `question` string.")
        if squad and not isinstance(record.get("context"), str):
            raise KitError(
                f"{where} needs a `context` string: the file's first record has one, "
                "so it is read as SQuAD records."
            )
        if not _strings(record.get("answers"), allow_objects=True):
            raise KitError(
                f"{where}: `answers` must be a list of strings (or of SQuAD objects with a "
                '`text` string), e.g. ["Mach 11"].'
            )
        if not _strings(record.get("sources")):
            raise KitError(f"{where}: `sources` must be a list of source id strings.")


def _strings(value: Any, *, allow_objects: bool = False) -> bool:
    """`value` is missing or a list of strings (or, with `allow_objects`, of `{"text": str}`)."""
    items = value or []
    return isinstance(items, list) and all(
        isinstance(v, str)
        or (allow_objects and isinstance(v, dict) and isinstance(v.get("text"), str))
        for v in items
    )
