"""The model-free reader (`--reader rules`): ranked sentences -> candidate spans -> scored,
grouped, cited answers.

1. In the best sentences (`kit.reading.ranking`), collect candidate spans
   (`kit.reading.candidates`): quantities, dates and names by rule; entities, noun chunks and small
   parse subtrees when the index carries spaCy annotations.
2. Score each candidate with the models fitted on SQuAD training articles (`kit.reading.ranker`:
   boosted trees or a linear scorer), or, for typed questions, the hand-set typed scorer.
3. Group equal values across sources into one answer with several citations, choose among
   overlapping readings by minimum Bayes risk; each answer's score is the confidence model's
   probability that it is right, and the reader abstains below the calibrated threshold.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from kit.ingest.passages import Sentence
from kit.language.text import bag_f1, sigmoid, stem, word_bag
from kit.reading.candidates import merge_spans, parsed_spans, rule_spans
from kit.reading.questions import QuestionType, classify
from kit.reading.ranker import (
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
from kit.reading.ranking import Ranked, SentenceRanker
from kit.reading.results import Answer, Citation
from kit.reading.values import AnswerKey, best_per_source, merged_key
from kit.spans import Span

MAX_ANSWERS = 5
_SOURCE, _SCORE = attrgetter("sentence.source"), attrgetter("score")
RELATIVE_MARGIN = 0.3
# Typed answers listed beside the best one must score within this of it: real disagreements
# (76 vs "around 80") stay, weaker readings ("188" launched for "shot down") go.
HAND_MARGIN = 0.15
CORROBORATION_LOGIT = 0.3  # hand-set: each other source stating (nearly) the same value
HAND_CORROBORATION = 0.1  # typed path: each other statement of (nearly) the same figure
MAX_CORROBORATION = 3
OPEN_TYPES = frozenset({"entity", "reason"})
LEARNED_FIRST = frozenset({"person", "organisation"})
SMALL_CORPUS_SENTENCES = 4000


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


class RulesReader:
    """Candidates, scores and grouping over the shared sentence ranking."""

    def __init__(self, ranking: SentenceRanker) -> None:
        self.ranking = ranking
        self.index = ranking.index

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

    def answers(self, question: str, qtype: QuestionType, *, abstain: bool = True) -> list[Answer]:
        """Typed questions (numbers, dates, names, expansions) try the hand-scored typed path
        first and the learned path second; open what/which/why questions use the learned one.

        The SQuAD-trained scorer is much better than the hand-set one on open "what" questions
        but transfers worse to news for typed ones (topic names such as "Ukraine" win), so each
        path leads where it is stronger; both abstain on their own calibrated thresholds. With
        `abstain=False` the learned path's best answer is returned whatever its probability.
        """
        candidates = self.candidates(question, qtype)
        if qtype.answer_type in OPEN_TYPES:
            paths = [self._group]
        elif qtype.answer_type in LEARNED_FIRST:
            paths = [self._group, self.typed]
        else:
            paths = [self.typed, self._group]
        for path in paths:
            answers = path(candidates, qtype)
            if answers:
                return answers
        if not abstain:
            forced = self._forced(candidates, qtype)
            if forced is not None:
                return [forced]
        return []

    def _forced(self, candidates: list[Candidate], qtype: QuestionType) -> Answer | None:
        """The learned path's best answer whatever its probability (`ask(abstain=False)`)."""
        scored = self.scored_groups(candidates, qtype)
        if not scored:
            return None
        probability, members = scored[0]
        cited = best_per_source(members, _SOURCE, _SCORE)
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
            self.ranking.question_stems(qtype),
            frozenset(stem(w) for w in qtype.keywords),
            question_bigrams(question),
            question_form(question, qword, focus),
        )
        out: list[Candidate] = []
        for rank, ranked in enumerate(self.ranking.pool(self.ranking.rank(question, qtype), qtype)):
            out.extend(self._candidates(ranked, rank, context))
        rows = [c.features for c in out]
        add_relative_features(rows)
        scores = self.scorer.scores(rows)
        return [dataclasses.replace(c, score=s) for c, s in zip(out, scores, strict=True)]

    def _candidates(self, ranked: Ranked, rank: int, q: QuestionContext) -> list[Candidate]:
        sentence = self.index.sentences[ranked.row]
        info = self.ranking.info(ranked.row)
        text = sentence.text
        spans = rule_spans(text, info, q.qtype, self.ranking.commonness)
        spans = merge_spans(spans + parsed_spans(text, info, q.qtype))
        context = SentenceContext(
            rank,
            ranked.score,
            ranked.lexical,
            ranked.dense,
            ranked.context,
            self.ranking.subject_coverage(sentence.source, q.qtype),
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
            cited = best_per_source(members, _SOURCE, _SCORE)
            citations = tuple(self._citation(c) for c in cited)
            answers.append(Answer(cited[0].display, qtype.answer_type, probability, citations))
        return answers[:MAX_ANSWERS]

    def typed(self, candidates: list[Candidate], qtype: QuestionType) -> list[Answer]:
        """The hand-scored path over rule spans of the expected type (see `kit.reading.ranker`)."""
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
            cited = best_per_source(members, _SOURCE, _SCORE)
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
    return sigmoid(8.0 * (raw - HAND_MIN_SCORE))


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
    return sigmoid(raw)


def _group_logit(
    key: AnswerKey, members: list[Candidate], groups: dict[AnswerKey, list[Candidate]]
) -> float:
    """The best member's logit, raised for each other source stating (nearly) the same value."""
    cited = best_per_source(members, _SOURCE, _SCORE)
    best = cited[0].score
    sources = {c.sentence.source for c in cited if c.score >= best - 1.0}
    for other, others in groups.items():
        if other != key and key.near(other):
            sources |= {c.sentence.source for c in others if c.score >= best - 1.0}
    return best + CORROBORATION_LOGIT * (len(sources) - 1)
