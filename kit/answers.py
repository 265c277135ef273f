"""The model-free reader: sentences -> typed candidate spans -> scored, grouped, cited answers.

1. Rank sentences of the retrieved passages by IDF-weighted overlap with the question's
   words (stemmed) and by embedding similarity.
2. In the best sentences, collect candidates of the expected type: quantities with the right
   unit, dates, names of the right kind, an acronym's expansion, or the sentence itself for
   why/how questions.
3. Score each candidate from features (sentence score, type match, distance to the matched
   question words, the counted noun matching the question's focus, overlap with the question).
4. Group equal values across sources into one answer with several citations; abstain when
   no candidate is good enough.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from kit.entities import Name, find_names
from kit.passages import Sentence
from kit.quantities import DateMention, Quantity, find_dates, find_quantities
from kit.questions import (
    CUES,
    NAME_TYPES,
    STOPWORDS,
    QuestionType,
    classify,
    stem,
    word_spans,
)
from kit.retrieval import Index
from kit.spans import Span

if TYPE_CHECKING:
    import pandas as pd

STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
MAX_ANSWERS = 5
MIN_SCORE = 0.8
RELATIVE_MARGIN = 0.25
SENTENCES_PER_QUESTION = 10
SMALL_CORPUS_SENTENCES = 4000


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
    type: str
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
        from kit.render import answer_set_html

        return answer_set_html(self)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that could answer the question, with the features that score it."""

    sentence: Sentence
    start: int  # absolute offsets into the article
    end: int
    key: str  # normalised value: equal keys are one answer
    display: str
    score: float  # raw linear score; `calibrated` maps it to (0, 1)
    features: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass
class SentenceInfo:
    """What the reader extracts from a sentence once, reused by every question."""

    words: list[tuple[int, int, str]]
    stems: frozenset[str]
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)


class Reader:
    """Answers questions over one index. Per-sentence analysis is cached, so warm calls are fast."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._info: dict[int, SentenceInfo] = {}
        self._weights: dict[tuple[Any, ...], dict[str, float]] = {}
        self._aliases: dict[str, list[str]] = {}
        self._article_cache: dict[str, frozenset[str]] = {}

    @cached_property
    def idf(self) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for row in range(len(self.index.sentences)):
            counts.update(self.info(row).stems)
        n = len(self.index.sentences)
        return {w: math.log(1 + n / df) for w, df in counts.items()}

    def commonness(self, word_stem: str) -> float:
        """The share of sentences that contain a word: topic names ("Russia") are rarely answers."""
        idf = self.idf.get(word_stem)
        if idf is None:
            return 0.0
        n = len(self.index.sentences)
        return 1.0 / (math.exp(idf) - 1) if n > 0 else 0.0

    def info(self, row: int) -> SentenceInfo:
        cached = self._info.get(row)
        if cached is None:
            text = self.index.sentences[row].text
            words = word_spans(text)
            cached = SentenceInfo(
                words=words,
                stems=frozenset(w for _, _, w in words),
                quantities=find_quantities(text),
                dates=find_dates(text),
                names=find_names(text),
            )
            self._info[row] = cached
        return cached

    def ask(self, question: str) -> AnswerSet:
        qtype = classify(question)
        ranked = self.rank_sentences(question, qtype)
        candidates: list[Candidate] = []
        for row, sentence_score in self.pool(ranked, qtype):
            candidates.extend(self._candidates(row, sentence_score, qtype))
        return AnswerSet(question, qtype, tuple(self._group(candidates, qtype)))

    # -- sentence selection ------------------------------------------------------------------

    def question_stems(self, qtype: QuestionType) -> dict[str, float]:
        """Stemmed content words of the question with their IDF weights.

        Two weaker kinds of match are added at half weight: the answer type's cue words
        ("speed" for "how fast") and the common noun a question's name goes by in the corpus
        ("missile" for "Oreshnik", from "the Oreshnik missile").
        """
        key = (qtype.keywords, qtype.answer_type, qtype.names)
        cached = self._weights.get(key)
        if cached is not None:
            return cached
        default = math.log(1 + len(self.index.sentences))
        weights: dict[str, float] = {}
        for word in qtype.keywords:
            weights[stem(word)] = self.idf.get(stem(word), default)
        weak = [stem(w) for w in CUES.get(qtype.answer_type, ())]
        weak += [noun for name in qtype.names for noun in self.aliases(stem(name))]
        for s in weak:
            weights.setdefault(s, 0.5 * self.idf.get(s, default))
        self._weights[key] = weights
        return weights

    def aliases(self, name_stem: str) -> list[str]:
        """Common nouns that directly follow a name in the corpus ("Oreshnik missile")."""
        cached = self._aliases.get(name_stem)
        if cached is None:
            counts: Counter[str] = Counter()
            for row in range(len(self.index.sentences)):
                info = self.info(row)
                if name_stem not in info.stems:
                    continue
                text = self.index.sentences[row].text
                for n, (_s, _e, w) in enumerate(info.words[:-1]):
                    if w == name_stem:
                        nxt = info.words[n + 1]
                        if text[nxt[0]].islower() and nxt[2] not in STOP_STEMS:
                            counts[nxt[2]] += 1
            cached = [w for w, c in counts.most_common(2) if c >= 2]
            self._aliases[name_stem] = cached
        return cached

    def rank_sentences(self, question: str, qtype: QuestionType) -> list[tuple[int, float]]:
        """(row, score) of candidate sentences, best first; score in [0, 1].

        A sentence's own overlap with the question counts most, but the sentence before it
        counts too: "The Oreshnik struck Dnipro. ... the missile reached Mach 11" names the
        subject only once.
        """
        hits, qvec = self.index.retrieve(question)
        rows = {self.index.row(s) for h in hits for s in self.index.passage_sentences(h.passage)}
        passage_bonus = {
            self.index.row(s): 1.0 / (1 + h.rank)
            for h in reversed(hits)
            for s in self.index.passage_sentences(h.passage)
        }
        dense = self.index.sentence_vectors @ qvec
        if len(self.index.sentences) <= SMALL_CORPUS_SENTENCES:
            rows |= set(np.argsort(-dense)[:30].tolist())
            rows |= self._lexical_rows(qtype)
        scored = []
        for row in rows:
            lexical = self._lexical(row, qtype)
            context = max((self._lexical(r, qtype) for r in self._previous(row)), default=0.0)
            score = (
                0.5 * lexical
                + 0.15 * context
                + 0.3 * float(dense[row])
                + 0.05 * passage_bonus.get(row, 0.0)
            )
            scored.append((row, score))
        scored.sort(key=lambda item: -item[1])
        return scored

    def _lexical(self, row: int, qtype: QuestionType) -> float:
        weights = self.question_stems(qtype)
        total = sum(weights.values()) or 1.0
        stems = self.info(row).stems
        return sum(w for s, w in weights.items() if s in stems) / total

    def _previous(self, row: int, span: int = 2) -> list[int]:
        source = self.index.sentences[row].source
        return [
            r for r in range(max(0, row - span), row) if self.index.sentences[r].source == source
        ]

    def pool(self, ranked: list[tuple[int, float]], qtype: QuestionType) -> list[tuple[int, float]]:
        """The sentences to read: the best few, plus lower-ranked ones that hold the answer type."""
        chosen = ranked[:SENTENCES_PER_QUESTION]
        for row, score in ranked[SENTENCES_PER_QUESTION : SENTENCES_PER_QUESTION * 4]:
            if qtype.units and any(q.unit in qtype.units for q in self.info(row).quantities):
                chosen.append((row, score))
        return chosen

    def _lexical_rows(self, qtype: QuestionType) -> set[int]:
        wanted = set(self.question_stems(qtype))
        return {
            row
            for row in range(len(self.index.sentences))
            if len(wanted & self.info(row).stems) >= max(1, len(wanted) // 2)
        }

    # -- candidates --------------------------------------------------------------------------

    def _candidates(self, row: int, sentence_score: float, qtype: QuestionType) -> list[Candidate]:
        sentence = self.index.sentences[row]
        info = self.info(row)
        weights = self.question_stems(qtype)
        asked = {stem(w) for w in qtype.keywords} - {stem(w) for w in (qtype.focus or "").split()}
        subjects = self._subject_coverage(sentence.source, qtype)
        out: list[Candidate] = []
        for start, end, key, display, type_score in self._typed_spans(sentence, info, qtype):
            if type_score <= 0:
                continue
            span_stems = {w for s, e, w in info.words if start <= s and e <= end}
            features = {
                "sentence": sentence_score,
                "type": type_score,
                "proximity": _proximity(start, end, weights, info.words),
                "overlap": len(span_stems & asked) / max(1, len(span_stems)),
                "governed": float(qtype.numeric and _word_before(start, info.words) in asked),
                "subjects": subjects,
            }
            score = sum(WEIGHTS[name] * value for name, value in features.items())
            out.append(
                Candidate(
                    sentence,
                    sentence.start + start,
                    sentence.start + end,
                    key,
                    display,
                    score,
                    features,
                )
            )
        return out

    def _subject_coverage(self, source: str, qtype: QuestionType) -> float:
        """The share of the question's names ("ATACMS", "Sumy") that the article mentions at all.

        An article that never names the question's subject cannot answer it, however well one
        of its sentences matches otherwise.
        """
        if not qtype.names:
            return 1.0
        stems = self._article_stems(source)
        return sum(stem(n) in stems for n in qtype.names) / len(qtype.names)

    def _article_stems(self, source: str) -> frozenset[str]:
        cached = self._article_cache.get(source)
        if cached is None:
            rows = [self.index.row(s) for s in self.index.sentences if s.source == source]
            cached = frozenset().union(*(self.info(r).stems for r in rows))
            self._article_cache[source] = cached
        return cached

    def _typed_spans(
        self, sentence: Sentence, info: SentenceInfo, qtype: QuestionType
    ) -> list[tuple[int, int, str, str, float]]:
        """(start, end, key, display, type score) of spans of the expected type in a sentence."""
        kind = qtype.answer_type
        text = sentence.text
        if qtype.numeric:
            return [_quantity_span(text, q, qtype) for q in info.quantities]
        if kind in ("date", "year"):
            return [_date_span(text, d, kind) for d in info.dates]
        if kind in NAME_TYPES:
            return [
                _name_span(text, n, qtype, self.commonness(stem(n.text.split()[-1])))
                for n in info.names
            ]
        if kind == "expansion":
            return _expansions(text, qtype.focus)
        if kind == "reason":
            return [(0, len(text), text.lower(), text, 0.6)]
        return []

    # -- grouping ----------------------------------------------------------------------------

    def _group(self, candidates: list[Candidate], qtype: QuestionType) -> list[Answer]:
        groups: dict[str, list[Candidate]] = {}
        for candidate in sorted(candidates, key=lambda c: -c.score):
            groups.setdefault(_merge_key(candidate.key, groups), []).append(candidate)
        answers = []
        for members in groups.values():
            best_per_source: dict[str, Candidate] = {}
            for c in members:
                best_per_source.setdefault(c.sentence.source, c)
            cited = sorted(best_per_source.values(), key=lambda c: -c.score)
            # Other sources add weight only when they state it about as strongly.
            strong = sum(1 for c in cited[1:] if c.score >= 0.9 * cited[0].score)
            score = cited[0].score if qtype.numeric else cited[0].score + 0.05 * strong
            answers.append(
                Answer(
                    cited[0].display,
                    qtype.answer_type,
                    score,
                    tuple(self._citation(c) for c in cited),
                )
            )
        if qtype.numeric:
            answers = _corroborated(answers, groups)
        answers.sort(key=lambda a: -a.score)
        if not answers or answers[0].score < MIN_SCORE:
            return []
        floor = max(MIN_SCORE, answers[0].score - RELATIVE_MARGIN)
        return [
            Answer(a.text, a.type, calibrated(a.score), a.citations)
            for a in answers
            if a.score >= floor
        ][:MAX_ANSWERS]

    def _citation(self, candidate: Candidate) -> Citation:
        text = self.index.corpus[candidate.sentence.source].text
        source = candidate.sentence.source
        return Citation(
            Span.of(source, text, candidate.start, candidate.end),
            Span.of(source, text, candidate.sentence.start, candidate.sentence.end),
            candidate.score,
        )


CORROBORATION = 0.06
# Hand-set weights of the candidate features (see `Reader._candidates`).
WEIGHTS = {
    "sentence": 0.5,
    "type": 0.3,
    "proximity": 0.4,
    "overlap": -0.5,
    "governed": 0.15,
    "subjects": 0.3,
}
_SKIP_BEFORE = frozenset({"the", "a", "an", "of", "about", "around", "some", "nearly", "almost"})


def calibrated(raw: float) -> float:
    """Map a raw candidate score to (0, 1); 0.5 is the abstention threshold `MIN_SCORE`."""
    return 1.0 / (1.0 + math.exp(-8.0 * (raw - MIN_SCORE)))


def _word_before(start: int, words: list[tuple[int, int, str]]) -> str | None:
    """The stem of the word right before a span, skipping articles and hedges."""
    before = [w for s, e, w in words if e <= start]
    while before and before[-1] in _SKIP_BEFORE:
        before.pop()
    return before[-1] if before else None



def _corroborated(answers: list[Answer], groups: dict[str, list[Candidate]]) -> list[Answer]:
    """Raise figures that other sources state at nearly the same value (within 10%)."""
    values = {}
    for key, members in groups.items():
        unit, value, _ = key.split(":", 2)
        values[members[0].display] = (unit, float(value), {c.sentence.source for c in members})
    out = []
    for answer in answers:
        unit, value, own = values[answer.text]
        others: set[str] = set()
        for other_unit, other_value, sources in values.values():
            near = abs(other_value - value) <= 0.1 * max(abs(value), abs(other_value))
            if other_unit == unit and near:
                others |= sources
        extra = len(others - own) + len(own) - 1
        score = answer.score + CORROBORATION * extra
        out.append(Answer(answer.text, answer.type, score, answer.citations))
    return out


def _proximity(
    start: int, end: int, weights: dict[str, float], words: list[tuple[int, int, str]]
) -> float:
    """How close the span sits to the question's words: each matched word, by weight, counts
    1 / (1 + distance / 4) for its nearest occurrence outside the span (the sliding window)."""
    inside = [n for n, (s, e, _) in enumerate(words) if start <= s and e <= end]
    if not inside:
        return 0.0
    lo, hi = min(inside), max(inside)
    nearest: dict[str, int] = {}
    for n, (_, _, w) in enumerate(words):
        if w in weights and not lo <= n <= hi:
            d = lo - n if n < lo else n - hi
            nearest[w] = min(d, nearest.get(w, d))
    total = sum(weights.values()) or 1.0
    return sum(weights[w] / (1.0 + d / 4.0) for w, d in nearest.items()) / total


_QUALIFIER_WORDS = {
    "exact": "",
    "approximate": "around",
    "at_least": "more than",
    "at_most": "almost",
    "up_to": "up to",
}


def _quantity_span(
    text: str, q: Quantity, qtype: QuestionType
) -> tuple[int, int, str, str, float]:
    kind = qtype.answer_type
    if q.kind not in ("quantity", "percent"):
        return (q.start, q.end, "", "", 0.0)
    if kind in ("count", "number", "age"):
        type_score = 1.0 if q.unit == "count" else (0.3 if kind == "number" else 0.0)
        if kind == "count" and q.unit == "count" and qtype.focus:
            focus = {stem(w) for w in qtype.focus.split()}
            if q.noun and q.noun not in ("others", "more", "people"):
                noun = {stem(w) for w in q.noun.split()}
                type_score = 1.0 if noun & focus else 0.45
            else:
                type_score = 0.6
        end = q.number_end
    else:
        type_score = 1.0 if q.unit in qtype.units else 0.0
        end = q.end
    start = q.start
    display = text[start:end]
    key = f"{q.unit}:{q.value:g}:{q.qualifier}"
    return (start, end, key, display, type_score)


def _date_span(text: str, d: DateMention, kind: str) -> tuple[int, int, str, str, float]:
    specific = 1.0 if d.day is not None else 0.8 if d.month is not None else 0.6
    if kind == "year":
        specific = 1.0 if d.year is not None else 0.3
    if d.kind in ("weekday", "relative"):
        specific = min(specific, 0.5)
    display = text[d.start : d.end]
    return (d.start, d.end, "date:" + display.lower(), display, specific)


_KIND_MATCH = {
    "person": {"person": 1.0, "entity": 0.55, "organisation": 0.35, "place": 0.1},
    "place": {"place": 1.0, "entity": 0.6, "organisation": 0.3, "person": 0.05},
    "organisation": {"organisation": 1.0, "entity": 0.6, "place": 0.2, "person": 0.1},
    "entity": {"entity": 0.9, "place": 0.8, "organisation": 0.8, "person": 0.7},
}


_LOCATIVE = re.compile(r"\b(in|at|from|near|to|into|inside|outside|of)\s+(\w+[’']s\s+)?$", re.I)


def _name_span(
    text: str, name: Name, qtype: QuestionType, commonness: float
) -> tuple[int, int, str, str, float]:
    score = _KIND_MATCH[qtype.answer_type].get(name.kind, 0.3)
    if name.possessive:
        score *= 0.5  # "Russia’s" modifies the name that follows, which is the better answer
    if qtype.answer_type == "place" and _LOCATIVE.search(text[max(0, name.start - 30) : name.start]):
        score = min(1.0, score + 0.2)
    if qtype.focus:
        focus = stem(qtype.focus.split()[-1])
        head = stem(name.text.split()[-1])
        before = [stem(w) for w in re.findall(r"\w+", text[max(0, name.start - 40) : name.start])]
        while before and before[-1] in ("of", "the", "call", "name"):
            before.pop()
        if head == focus or (before and before[-1] == focus):
            score = max(score, 1.0) + 0.2  # "the village of Kopanky", "the Pivdenmash plant"
    score *= 1.0 - min(0.5, commonness)
    key = "name:" + re.sub(r"[^\w ]", "", name.text.lower()).removeprefix("the ").strip()
    return (name.start, name.end, key, name.text, score)


_ACRONYM_PAREN = re.compile(r"\b(?P<acr>[A-Z][A-Za-z]{1,9})\s*\((?P<exp>[A-Z][^()]{3,80})\)")
_PAREN_ACRONYM = re.compile(r"(?P<exp>(?:[A-Z][\w\-]*\s+){1,8}[A-Z][\w\-]*)\s*\((?P<acr>[A-Z]{2,10})\)")


def _expansions(text: str, focus: str | None) -> list[tuple[int, int, str, str, float]]:
    """"ATACMS (Army Tactical Missile Systems)" or "Army Tactical Missile Systems (ATACMS)"."""
    out = []
    for pattern in (_ACRONYM_PAREN, _PAREN_ACRONYM):
        for m in pattern.finditer(text):
            if focus and m.group("acr").lower() != focus.lower():
                continue
            s, e = m.span("exp")
            out.append((s, e, "exp:" + m.group("exp").lower(), m.group("exp"), 1.0))
    return out


def _merge_key(key: str, groups: dict[str, list[Candidate]]) -> str:
    """Names merge when one contains the other as whole words ("Kapustin Yar" in "... range")."""
    if not key.startswith("name:") or key in groups:
        return key
    words = key[5:].split()
    for existing in groups:
        if not existing.startswith("name:"):
            continue
        other = existing[5:].split()
        short, long = (words, other) if len(words) <= len(other) else (other, words)
        if short and any(long[i : i + len(short)] == short for i in range(len(long))):
            return existing
    return key
