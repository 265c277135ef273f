"""The model-free reader: sentences -> candidate spans -> scored, grouped, cited answers.

1. Rank sentences of the retrieved passages by IDF-weighted overlap with the question's
   words (stemmed) and by embedding similarity.
2. In the best sentences, collect candidate spans (`kit.candidates`): quantities, dates and
   names by rule; entities, noun chunks and small parse subtrees when the index carries
   spaCy annotations.
3. Score each candidate with a logistic regression over named features (`kit.ranker`).
4. Group equal values across sources into one answer with several citations; each answer's
   score is the confidence model's probability that it is right, and the reader abstains
   when no answer reaches the calibrated threshold.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from kit.candidates import (
    SentenceInfo,
    merge_spans,
    parse_tables,
    parsed_spans,
    rule_spans,
)
from kit.entities import find_names
from kit.errors import KitError
from kit.evaluation import bag_f1, word_bag
from kit.passages import Sentence
from kit.quantities import find_dates, find_quantities
from kit.questions import CUES, STOPWORDS, QuestionType, classify, stem, word_spans
from kit.ranker import (
    HAND_MIN_SCORE,
    QuestionContext,
    Scorer,
    SentenceContext,
    add_relative_features,
    candidate_features,
    confidence_features,
    hand_score,
    question_bigrams,
    question_focus,
    question_form,
    question_word,
    reader_model,
    sentence_features,
)
from kit.reading.neural import NeuralReader, type_fit
from kit.reading.values import AnswerKey, merged_key
from kit.reading.whois import describe, who_is_name
from kit.reading.yesno import is_yes_no, yes_no
from kit.retrieval import Index
from kit.spans import Span

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Answer", "AnswerSet", "Candidate", "Citation", "Reader", "SentenceInfo"]

STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
MAX_ANSWERS = 5
MIN_SCORE = 0.5  # default abstention threshold; the shipped model carries its own
RELATIVE_MARGIN = 0.3
# Typed answers listed beside the best one must score within this of it: real disagreements
# (76 vs "around 80") stay, weaker readings ("188" launched for "shot down") go.
HAND_MARGIN = 0.15
CORROBORATION_LOGIT = 0.3  # hand-set: each other source stating (nearly) the same value
HAND_CORROBORATION = 0.1  # typed path: each other statement of (nearly) the same figure
MAX_CORROBORATION = 3
OPEN_TYPES = frozenset({"entity", "reason"})
LEARNED_FIRST = frozenset({"person", "organisation"})
SENTENCES_PER_QUESTION = 10
SMALL_CORPUS_SENTENCES = 4000
READER_KINDS = ("neural", "rules")


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
    key: AnswerKey  # normalised value: equal keys are one answer
    display: str
    score: float  # the candidate scorer's logit
    features: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate sentence with the parts of its score."""

    row: int
    score: float
    lexical: float
    dense: float
    context: float


class Reader:
    """Answers questions over one index. Per-sentence analysis is cached, so warm calls are fast."""

    def __init__(self, index: Index, *, kind: str = "neural") -> None:
        if kind not in READER_KINDS:
            raise KitError(
                f"Unknown reader `{kind}` for `reader`: choose one of {', '.join(READER_KINDS)}."
            )
        self.index = index
        self.kind = kind
        self._neural: NeuralReader | None = None
        self._last_rank: tuple[tuple[str, QuestionType], list[Ranked]] | None = None
        self._info: dict[int, SentenceInfo] = {}
        self._weights: dict[tuple[Any, ...], dict[str, float]] = {}
        self._aliases: dict[str, list[str]] = {}
        self._article_cache: dict[str, frozenset[str]] = {}

    @property
    def scorer(self) -> Scorer:
        """The rules reader's candidate scorer (loaded on first use: the neural path needs none)."""
        model = reader_model()
        return model.parsed if self.index.annotations is not None else model.rules

    @property
    def confidence(self) -> Any:
        return reader_model().confidence

    @property
    def threshold(self) -> float:
        return float(reader_model().threshold)

    @cached_property
    def postings(self) -> dict[str, list[int]]:
        """Rows of the sentences holding each word stem: one cheap pass over the corpus, so that
        corpus-wide statistics never run the full per-sentence analysis of `info`."""
        rows: dict[str, list[int]] = {}
        for row in range(len(self.index.sentences)):
            for word in self._stems_of(row):
                rows.setdefault(word, []).append(row)
        return rows

    @cached_property
    def source_rows(self) -> dict[str, list[int]]:
        rows: dict[str, list[int]] = {}
        for row, sentence in enumerate(self.index.sentences):
            rows.setdefault(sentence.source, []).append(row)
        return rows

    def _stems_of(self, row: int) -> set[str]:
        return {w for _, _, w in word_spans(self.index.sentences[row].text)}

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

    def ask(self, question: str, *, abstain: bool = True) -> AnswerSet:
        """Typed questions (numbers, dates, names, expansions) try the hand-scored typed path
        first and the learned path second; open what/which/why questions use the learned one.

        The SQuAD-trained scorer is much better than the hand-set one on open "what" questions
        but transfers worse to news for typed ones (topic names such as "Ukraine" win), so each
        path leads where it is stronger; both abstain on their own calibrated thresholds.

        With `abstain=False` the reader always answers when it has any candidate: if neither
        path clears its threshold, the learned path's best answer is returned anyway (for
        comparison with always-answering baselines such as SQuAD's logistic regression).
        """
        qtype = classify(question)
        if is_yes_no(question):
            decided = yes_no(self, question, qtype)
            if decided is not None or abstain:
                return AnswerSet(
                    question,
                    QuestionType("yes_no", qtype.focus, qtype.keywords, qtype.names),
                    (decided,) if decided else (),
                )
        name = who_is_name(question)
        if name is not None:
            described = describe(self, name)
            if described:
                return AnswerSet(question, qtype, tuple(described))
        if self.kind == "neural":
            return AnswerSet(question, qtype, tuple(self._ask_neural(question, qtype, abstain)))
        return self.ask_rules(question, qtype, abstain=abstain)

    def _ask_neural(self, question: str, qtype: QuestionType, abstain: bool) -> list[Answer]:
        """The neural reader's answers; for a figure or date question whose best reading is not
        a figure or date of the kind asked for, the rules reader's typed path is asked too
        (its number/unit grammar is precise where the span model guesses): "Mach 11" over
        "hypersonic speed" for "How fast was it?"."""
        answers = self.neural.answers(question, qtype, abstain=abstain)
        if not (qtype.numeric or qtype.answer_type in ("date", "year")):
            return answers
        if answers and type_fit(answers[0].text, qtype) == 1.0:
            return answers
        typed = self._typed(self.candidates(question, qtype), qtype)
        return typed or answers

    @property
    def neural(self) -> NeuralReader:
        if self._neural is None:
            self._neural = NeuralReader(self)
        return self._neural

    def ask_rules(self, question: str, qtype: QuestionType, *, abstain: bool = True) -> AnswerSet:
        """The model-free reader (`--reader rules`)."""
        candidates = self.candidates(question, qtype)
        if qtype.answer_type in OPEN_TYPES:
            paths = [self._group]
        elif qtype.answer_type in LEARNED_FIRST:
            paths = [self._group, self._typed]
        else:
            paths = [self._typed, self._group]
        for path in paths:
            answers = path(candidates, qtype)
            if answers:
                return AnswerSet(question, qtype, tuple(answers))
        if not abstain:
            forced = self._forced(candidates, qtype)
            if forced is not None:
                return AnswerSet(question, qtype, (forced,))
        return AnswerSet(question, qtype, ())

    def _forced(self, candidates: list[Candidate], qtype: QuestionType) -> Answer | None:
        """The learned path's best answer whatever its probability (`ask(abstain=False)`)."""
        scored = self.scored_groups(candidates, qtype)
        if not scored:
            return None
        probability, members = scored[0]
        cited = _best_per_source(members)
        citations = tuple(self._citation(c) for c in cited)
        return Answer(cited[0].display, qtype.answer_type, probability, citations)

    def candidates(self, question: str, qtype: QuestionType | None = None) -> list[Candidate]:
        """Every scored candidate span in the sentences worth reading (used by training too)."""
        qtype = qtype or classify(question)
        qword, focus = question_word(question), question_focus(question, qtype)
        context = QuestionContext(
            qtype,
            qword,
            focus,
            self.question_stems(qtype),
            frozenset(stem(w) for w in qtype.keywords),
            question_bigrams(question),
            question_form(question, qword, focus),
        )
        out: list[Candidate] = []
        for rank, ranked in enumerate(self.pool(self.rank(question, qtype), qtype)):
            out.extend(self._candidates(ranked, rank, context))
        rows = [c.features for c in out]
        add_relative_features(rows)
        scores = self.scorer.scores(rows)
        return [dataclasses.replace(c, score=s) for c, s in zip(out, scores, strict=True)]

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
            for row in self.postings.get(name_stem, []):
                info = self.info(row)
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
        """(row, score) of candidate sentences, best first; score in [0, 1]."""
        return [(r.row, r.score) for r in self.rank(question, qtype)]

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

    # -- candidates --------------------------------------------------------------------------

    def _candidates(self, ranked: Ranked, rank: int, q: QuestionContext) -> list[Candidate]:
        sentence = self.index.sentences[ranked.row]
        info = self.info(ranked.row)
        text = sentence.text
        spans = rule_spans(text, info, q.qtype, self.commonness)
        spans = merge_spans(spans + parsed_spans(text, info, q.qtype))
        context = SentenceContext(
            rank,
            ranked.score,
            ranked.lexical,
            ranked.dense,
            ranked.context,
            self._subject_coverage(sentence.source, q.qtype),
        )
        shared = sentence_features(context, info, q)
        out: list[Candidate] = []
        for span in spans:
            features = candidate_features(span, info, q, shared)
            out.append(
                Candidate(
                    sentence,
                    sentence.start + span.start,
                    sentence.start + span.end,
                    span.key,
                    span.display,
                    0.0,  # scored for all sentences at once in `candidates`
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
            cached = frozenset(
                w for row in self.source_rows.get(source, []) for w in self._stems_of(row)
            )
            self._article_cache[source] = cached
        return cached

    # -- grouping ----------------------------------------------------------------------------

    def _group(self, candidates: list[Candidate], qtype: QuestionType) -> list[Answer]:
        scored = self.scored_groups(candidates, qtype)
        if not scored or scored[0][0] < self.threshold:
            return []
        floor = max(self.threshold, scored[0][0] - RELATIVE_MARGIN)
        answers = []
        for probability, members in scored:
            if probability < floor:
                break
            cited = _best_per_source(members)
            citations = tuple(self._citation(c) for c in cited)
            answers.append(Answer(cited[0].display, qtype.answer_type, probability, citations))
        return answers[:MAX_ANSWERS]

    def _typed(self, candidates: list[Candidate], qtype: QuestionType) -> list[Answer]:
        """The hand-scored path over rule spans of the expected type (see `kit.ranker`)."""
        typed = [
            dataclasses.replace(c, score=hand_score(c.features))
            for c in candidates
            if c.features.get("type", 0.0) > 0
        ]
        groups: dict[AnswerKey, list[Candidate]] = {}
        for candidate in sorted(typed, key=lambda c: -c.score):
            groups.setdefault(merged_key(candidate.key, groups, ("name",)), []).append(candidate)
        scored = []
        for key, members in groups.items():
            cited = _best_per_source(members)
            raw = cited[0].score
            if qtype.numeric:
                raw += HAND_CORROBORATION * (_agreeing_sources(key, groups) - 1)
            else:
                raw += 0.05 * sum(1 for c in cited[1:] if c.score >= 0.9 * cited[0].score)
            scored.append((raw, cited))
        scored.sort(key=lambda item: -item[0])
        if not scored or scored[0][0] < HAND_MIN_SCORE:
            return []
        floor = max(HAND_MIN_SCORE, scored[0][0] - HAND_MARGIN)
        return [
            Answer(
                cited[0].display,
                qtype.answer_type,
                _hand_probability(raw),
                tuple(self._citation(c) for c in cited),
            )
            for raw, cited in scored
            if raw >= floor
        ][:MAX_ANSWERS]

    def scored_groups(
        self, candidates: list[Candidate], qtype: QuestionType
    ) -> list[tuple[float, list[Candidate]]]:
        """(probability right, members) of each distinct answer value, best first."""
        scored = [
            (self.confidence.probability(features), members)
            for features, members in answer_groups(candidates, qtype.answer_type)
        ]
        # answer_groups already orders by expected F1 (support); keep that order
        return scored

    def _citation(self, candidate: Candidate) -> Citation:
        text = self.index.corpus[candidate.sentence.source].text
        source = candidate.sentence.source
        return Citation(
            Span.of(source, text, candidate.start, candidate.end),
            Span.of(source, text, candidate.sentence.start, candidate.sentence.end),
            calibrated(candidate.score),
        )


def answer_groups(
    candidates: list[Candidate], answer_type: str
) -> list[tuple[dict[str, float], list[Candidate]]]:
    """(confidence features, members) of each distinct answer value, by logit, best first."""
    if not candidates:
        return []
    groups: dict[AnswerKey, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: -c.score):
        groups.setdefault(merged_key(candidate.key, groups, ("name",)), []).append(candidate)
    logits = {key: _group_logit(key, members, groups) for key, members in groups.items()}
    top = max(c.score for c in candidates)
    total = top + math.log(sum(math.exp(c.score - top) for c in candidates))
    order = sorted(logits, key=lambda k: -logits[k])
    support = _support(order[:SUPPORT_CANDIDATES], logits, groups)
    order = (
        sorted(order[:SUPPORT_CANDIDATES], key=lambda k: -support[k]) + order[SUPPORT_CANDIDATES:]
    )
    out = []
    by_logit = sorted(logits.values(), reverse=True)
    for key in order:
        rival = None if len(by_logit) < 2 else by_logit[1 if logits[key] == by_logit[0] else 0]
        features = confidence_features(
            logits[key], rival, total, groups[key][0].features, answer_type
        )
        features["support"] = support.get(key, 0.0)
        out.append((features, groups[key]))
    return out


SUPPORT_CANDIDATES = 20
SUPPORT_TEMPERATURE = 0.5  # tuned out of fold on SQuAD training articles (1.0 and 2.0 were worse)


def _support(
    keys: list[AnswerKey], logits: dict[AnswerKey, float], groups: dict[AnswerKey, list[Candidate]]
) -> dict[AnswerKey, float]:
    """Each answer's expected word-overlap F1 with the others, weighted by their probability
    (minimum-Bayes-risk decoding): of "the overuse of antibiotics", "overuse" and "antibiotics
    and penicillin", the reading most of the probability mass agrees with wins, not merely
    the single most probable cut."""
    if not keys:
        return {}
    top = logits[keys[0]]
    weights = [math.exp((logits[k] - top) / SUPPORT_TEMPERATURE) for k in keys]
    total = sum(weights)
    bags = [word_bag(groups[k][0].display) for k in keys]
    out = {}
    for i, key in enumerate(keys):
        expected = 0.0
        for j, weight in enumerate(weights):
            expected += weight * bag_f1(bags[i], bags[j])
        out[key] = expected / total
    return out


def _hand_probability(raw: float) -> float:
    """The typed path's raw score on (0, 1); its threshold `HAND_MIN_SCORE` maps to 0.5."""
    return 1.0 / (1.0 + math.exp(-8.0 * (raw - HAND_MIN_SCORE)))


def _agreeing_sources(key: AnswerKey, groups: dict[AnswerKey, list[Candidate]]) -> int:
    """How many distinct statements (sentences, across sources) give this figure or a near one
    (`AnswerKey.near`): "76" in two articles and "around 80" in a third sentence are three
    statements of nearly the same count. At most `MAX_CORROBORATION` + 1."""
    statements = {(c.sentence.source, c.sentence.start) for c in groups[key]}
    for other, members in groups.items():
        if key.near(other):
            statements |= {(c.sentence.source, c.sentence.start) for c in members}
    return min(len(statements), MAX_CORROBORATION + 1)


def calibrated(raw: float) -> float:
    """Map a candidate logit to (0, 1)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, raw))))


def _best_per_source(members: list[Candidate]) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for c in members:
        best.setdefault(c.sentence.source, c)
    return sorted(best.values(), key=lambda c: -c.score)


def _group_logit(
    key: AnswerKey, members: list[Candidate], groups: dict[AnswerKey, list[Candidate]]
) -> float:
    """The best member's logit, raised for each other source stating (nearly) the same value."""
    cited = _best_per_source(members)
    best = cited[0].score
    sources = {c.sentence.source for c in cited if c.score >= best - 1.0}
    for other, others in groups.items():
        if other != key and key.near(other):
            sources |= {c.sentence.source for c in others if c.score >= best - 1.0}
    return best + CORROBORATION_LOGIT * (len(sources) - 1)
