"""Which sentences to read: the ranking every reader of the kit shares.

Retrieval (BM25 + embeddings, fused) gives passages; their sentences, and on a small corpus the
best sentences by embedding and by word overlap anywhere, are ranked by IDF-weighted overlap
with the question's stemmed words, embedding similarity and the overlap of the sentences just
before (where a pronoun's name usually is). The per-sentence analysis (`SentenceInfo`: words,
figures, dates, names, parse tables) is computed once per sentence and cached here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from kit.index.retrieval import Index
from kit.language.entities import find_names
from kit.language.quantities import find_dates, find_quantities
from kit.language.text import stem, word_spans
from kit.language.word_index import stems_of, word_index
from kit.reading.candidates import SentenceInfo, parse_tables
from kit.reading.questions import CUES, QuestionType

SENTENCES_PER_QUESTION = 10
SMALL_CORPUS_SENTENCES = 4000


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate sentence with the parts of its score."""

    row: int
    score: float
    lexical: float
    dense: float
    context: float


class SentenceRanker:
    """Ranks an index's sentences for a question; owns the per-sentence caches, so warm calls
    are fast."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._last_rank: tuple[tuple[str, QuestionType], list[Ranked]] | None = None
        self._info: dict[int, SentenceInfo] = {}
        self._weights: dict[tuple[Any, ...], dict[str, float]] = {}
        self._article_cache: dict[str, frozenset[str]] = {}
        self.words = word_index(index).stems  # shared with the claim checker, kept by the index

    @property
    def postings(self) -> dict[str, list[int]]:
        """Rows of the sentences holding each word stem (`kit.language.word_index`): one cheap
        pass over the corpus, so corpus-wide statistics never run the analysis of `info`."""
        return self.words.rows

    @cached_property
    def source_rows(self) -> dict[str, list[int]]:
        rows: dict[str, list[int]] = {}
        for row, sentence in enumerate(self.index.sentences):
            rows.setdefault(sentence.source, []).append(row)
        return rows

    @cached_property
    def idf(self) -> dict[str, float]:
        n = len(self.index.sentences)
        return {w: math.log(1 + n / len(rows)) for w, rows in self.postings.items()}

    def commonness(self, word_stem: str) -> float:
        """The share of sentences that contain a word: topic names ("Russia") are rarely answers."""
        idf = self.idf.get(word_stem)
        if idf is None:
            return 0.0
        return 1.0 / (math.exp(idf) - 1)

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
            if self.index.annotations is not None:
                ann = self.index.annotations[row]
                cached.annotation = ann
                cached.token_stems = [stem(text[t.start : t.end]) for t in ann.tokens]
                cached.ancestors, cached.edges = parse_tables(ann)
            self._info[row] = cached
        return cached

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

    def aliases(self, name_stem: str) -> tuple[str, ...]:
        """Common nouns that directly follow a name in the corpus ("Oreshnik missile")."""
        return self.words.aliases(name_stem)

    def rank(self, question: str, qtype: QuestionType) -> list[Ranked]:
        """Candidate sentences, best first.

        A sentence's own overlap with the question counts most, but the sentence before it
        counts too: "The Oreshnik struck Dnipro. ... the missile reached Mach 11" names the
        subject only once. The last question's ranking is kept: the neural reader, the yes/no
        reader and the typed fallback of one question all read it (retrieval runs once).
        """
        if self._last_rank is not None and self._last_rank[0] == (question, qtype):
            return self._last_rank[1]
        ranked = self._rank(question, qtype)
        self._last_rank = ((question, qtype), ranked)
        return ranked

    def _rank(self, question: str, qtype: QuestionType) -> list[Ranked]:
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
            similarity = float(dense[row])
            score = (
                0.5 * lexical
                + 0.15 * context
                + 0.3 * similarity
                + 0.05 * passage_bonus.get(row, 0.0)
            )
            scored.append(Ranked(row, score, lexical, similarity, context))
        scored.sort(key=lambda r: -r.score)
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

    def pool(self, ranked: list[Ranked], qtype: QuestionType) -> list[Ranked]:
        """The sentences to read: the best few, plus lower-ranked ones that hold the answer type."""
        chosen = ranked[:SENTENCES_PER_QUESTION]
        for r in ranked[SENTENCES_PER_QUESTION : SENTENCES_PER_QUESTION * 4]:
            if qtype.units and any(q.unit in qtype.units for q in self.info(r.row).quantities):
                chosen.append(r)
        return chosen

    def _lexical_rows(self, qtype: QuestionType) -> set[int]:
        wanted = set(self.question_stems(qtype))
        hits: Counter[int] = Counter()
        for word in wanted:
            hits.update(self.postings.get(word, []))
        return {row for row, n in hits.items() if n >= max(1, len(wanted) // 2)}

    def subject_coverage(self, source: str, qtype: QuestionType) -> float:
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
            cached = frozenset(
                w
                for row in self.source_rows.get(source, [])
                for w in stems_of(self.index.sentences[row].text)
            )
            self._article_cache[source] = cached
        return cached

    # -- grouping ----------------------------------------------------------------------------
