"""The neural reader: the retrieved sentences, read with their neighbours by the span model.

1. The sentence ranking of the rules reader (BM25 + embeddings + word overlap) picks the
   sentences worth reading; each is read inside a window with the sentences around it (the one
   before first: that is where a pronoun's name usually is), up to the model's 96 tokens.
2. The span model gives each window its best spans and its "not here" share; a calibrated
   logistic map turns a span's scores into the probability that it is right, comparable
   across windows and sources.
3. Overlapping readings of one place keep only the best; the rest are grouped by value with
   the typed layer ("Mach 11" in two articles is one answer with two citations, 76 and
   "around 80" stay two), so disagreement between sources stays visible.

Every citation is a `Span` into the article's original text, built from token offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kit.reading.model import SpanModel, SpanReading, calibration, span_model
from kit.reading.values import AnswerKey, merged_key
from kit.spans import Span

if TYPE_CHECKING:
    from kit.answers import Answer, Reader
    from kit.questions import QuestionType

MAX_WINDOWS = 6
MAX_ANSWERS = 5
RIVAL_SHARE = 0.5  # another value is listed when it is at least this share of the best one


@dataclass(frozen=True, slots=True)
class Window:
    """Consecutive sentences of one article (index rows), read as one model input."""

    source: str
    rows: tuple[int, ...]
    ids: list[int]
    offsets: list[tuple[int, int]]  # absolute character offsets into the article


@dataclass(frozen=True, slots=True)
class Scored:
    """A reading placed in its article, with its calibrated probability and value key."""

    source: str
    start: int
    end: int
    probability: float
    key: AnswerKey
    row: int


class NeuralReader:
    """Reads a question's best sentences with the span model; owns the per-row token cache."""

    def __init__(self, reader: Reader, model: SpanModel | None = None) -> None:
        self.reader = reader
        self.index = reader.index
        self.model = model or span_model()
        self.calibration = calibration()
        self._tokens: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}

    def tokens(self, row: int) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids of one sentence and their absolute offsets (cached per row)."""
        cached = self._tokens.get(row)
        if cached is None:
            sentence = self.index.sentences[row]
            enc = self.model.encode([sentence.text])[0]
            offsets = [(sentence.start + s, sentence.start + e) for s, e in enc.offsets]
            cached = (list(enc.ids), offsets)
            self._tokens[row] = cached
        return cached

    def windows(self, rows: list[int], budget: int) -> list[Window]:
        """One window per chosen sentence not already read inside an earlier window."""
        out: list[Window] = []
        covered: set[int] = set()
        for row in rows:
            if row in covered:
                continue
            for window in self._around(row, budget):
                out.append(window)
                covered.update(window.rows)
            if len(out) >= MAX_WINDOWS:
                break
        return out[:MAX_WINDOWS]

    def _around(self, row: int, budget: int) -> list[Window]:
        sentences = self.index.sentences
        source = sentences[row].source
        ids, offsets = self.tokens(row)
        if len(ids) > budget:  # a long sentence: overlapping slices of it
            stride = max(1, budget // 2)
            return [
                Window(source, (row,), ids[w : w + budget], offsets[w : w + budget])
                for w in range(0, len(ids) - budget + stride, stride)
            ]
        lo = hi = row
        used = len(ids)
        for step in (-1, 1, -1, 1, -1, 1):
            nxt = lo - 1 if step < 0 else hi + 1
            if not 0 <= nxt < len(sentences) or sentences[nxt].source != source:
                continue
            extra = len(self.tokens(nxt)[0])
            if used + extra > budget:
                continue
            used += extra
            lo, hi = min(lo, nxt), max(hi, nxt)
        rows = tuple(range(lo, hi + 1))
        all_ids = [i for r in rows for i in self.tokens(r)[0]]
        all_offsets = [o for r in rows for o in self.tokens(r)[1]]
        return [Window(source, rows, all_ids, all_offsets)]

    def read(self, question: str, qtype: QuestionType) -> list[Scored]:
        """Every distinct reading of the best sentences, most probable first."""
        ranked = self.reader.rank(question, qtype)
        question_ids = self.model.question_ids(question)
        windows = self.windows([r.row for r in ranked], self.model.budget(question_ids))
        batches = self.model.read(question_ids, [(w.ids, _relative(w)) for w in windows])
        scored: list[Scored] = []
        for window, readings in zip(windows, batches, strict=True):
            base = window.offsets[0][0] if window.offsets else 0
            for reading in readings:
                scored.append(self._placed(window, reading, base))
        scored.sort(key=lambda s: -s.probability)
        return _suppress_overlaps(scored)

    def _placed(self, window: Window, reading: SpanReading, base: int) -> Scored:
        start, end = base + reading.start, base + reading.end
        row = next((r for r in window.rows if self.index.sentences[r].end > start), window.rows[-1])
        start, end, key = self._typed(row, start, end)
        return Scored(window.source, start, end, self.calibration.probability(reading), key, row)

    def _typed(self, row: int, start: int, end: int) -> tuple[int, int, AnswerKey]:
        """The value key of a span: a figure's (value, unit, qualifier) when the span is one,
        widened to the whole figure ("11" -> "Mach 11"); else its normalised words."""
        sentence = self.index.sentences[row]
        text = self.index.corpus[sentence.source].text
        for q in self.reader.info(row).quantities:
            qs, qe = sentence.start + q.start, sentence.start + q.end
            if not (qs < end and start < qe):
                continue
            if (start >= qs and end <= qe) or (
                qs >= start and qe <= end and end - start <= qe - qs + 12
            ):
                return min(start, qs), max(end, qe), AnswerKey.figure(q)
        return start, end, AnswerKey.of("words", text[start:end])

    def answers(self, question: str, qtype: QuestionType, *, abstain: bool = True) -> list[Answer]:
        """Grouped, cited answers best first; empty when nothing clears the threshold."""
        from kit.answers import Answer

        scored = self.read(question, qtype)
        if not scored:
            return []
        threshold = self.calibration.threshold
        best = scored[0].probability
        if abstain and best < threshold:
            return []
        groups: dict[AnswerKey, list[Scored]] = {}
        for s in scored:
            groups.setdefault(merged_key(s.key, groups), []).append(s)
        floor = max(threshold if abstain else 0.0, RIVAL_SHARE * best)
        out: list[Answer] = []
        for members in groups.values():
            top = members[0]
            if top.probability < floor and out:
                continue
            out.append(
                Answer(
                    self._display(top),
                    qtype.answer_type,
                    top.probability,
                    tuple(self._citation(m) for m in _best_per_source(members)),
                )
            )
        out.sort(key=lambda a: -a.score)
        return out[:MAX_ANSWERS]

    def _display(self, s: Scored) -> str:
        return self.index.corpus[s.source].text[s.start : s.end]

    def _citation(self, s: Scored) -> Any:
        from kit.answers import Citation

        text = self.index.corpus[s.source].text
        sentence = self.index.sentences[s.row]
        last = s.row
        while self.index.sentences[last].end < s.end and last + 1 < len(self.index.sentences):
            last += 1
        end = self.index.sentences[last].end
        return Citation(
            Span.of(s.source, text, s.start, s.end),
            Span.of(s.source, text, sentence.start, end),
            s.probability,
        )


def _relative(window: Window) -> list[tuple[int, int]]:
    base = window.offsets[0][0] if window.offsets else 0
    return [(s - base, e - base) for s, e in window.offsets]


def _suppress_overlaps(scored: list[Scored]) -> list[Scored]:
    """Keep the most probable reading of each place: "Mach 11" wins over "11" and over
    "Mach 11 (8.5 miles per second)" when it is the most probable of the three."""
    kept: list[Scored] = []
    for s in scored:
        if any(k.source == s.source and k.start < s.end and s.start < k.end for k in kept):
            continue
        kept.append(s)
    return kept


def _best_per_source(members: list[Scored]) -> list[Scored]:
    best: dict[str, Scored] = {}
    for m in members:
        best.setdefault(m.source, m)
    return sorted(best.values(), key=lambda m: -m.probability)
