"""Scoring candidates: named features -> a logistic-regression logit, and answer confidence.

Two small linear models are shipped as plain named weights in `kit/data/reader_weights.json`
(trained by `scripts/train_reader.py` on SQuAD training articles; numpy/json only at run time):

- the candidate scorer maps a span's features to a logit ("is this the exact answer?");
- the confidence model maps the best answer's logit, its margin over the runner-up and its
  sentence's match to the probability that the answer is right. It was fitted on answerable
  questions AND on questions read against other articles, so its threshold is an honest
  abstention rule.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from kit.language.text import STOP_STEMS, STOPWORDS, sigmoid, stem
from kit.reading.candidates import SentenceInfo, Span, span_head, span_tokens, trim_edges
from kit.reading.questions import QuestionType

_QWORDS = re.compile(
    r"\b(how many|how much|how long|how old|how far|how|what|which|whom|whose|who|when|where"
    r"|why)\b"
)
_SKIP_HEAD = frozenset("type kind sort form name part number group of the a an".split())
_SKIP_BEFORE = frozenset({"the", "a", "an", "of", "about", "around", "some", "nearly", "almost"})
WEIGHTS_FILE = "reader_weights.json"


@dataclass(frozen=True)
class QuestionContext:
    """What every candidate of one question is compared with."""

    qtype: QuestionType
    qword: str
    focus: str | None  # stem of the question's head noun ("sculpture" in "what sculpture ...")
    weights: dict[str, float]  # question stems -> IDF weight
    asked: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    form: str = "other"  # the wh-phrase's role: "what_be", "what_do", "what_N", "what_V", ...


def question_word(question: str) -> str:
    match = _QWORDS.search(question.lower())
    return match.group(1).replace(" ", "_") if match else "other"


def question_focus(question: str, qtype: QuestionType) -> str | None:
    """The head noun the answer should be (or sit next to): "what sculpture", "which plant"."""
    if qtype.focus:
        return stem(qtype.focus.split()[-1])
    match = re.search(r"\b(?:what|which)\s+([\w\s\-]{1,60})", question.lower())
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0] in _SKIP_HEAD:
        words = words[1:]
    head = None
    for word in words[:3]:
        if word in STOPWORDS:
            break
        head = word
    return stem(head) if head else None


_BE = frozenset("is was are were 's be been".split())
_DO = frozenset("do does did can could would will should may might must".split())
_HAVE = frozenset("has have had".split())


def question_form(question: str, qword: str, focus: str | None) -> str:
    """What role the wh-phrase plays, from the word after it: "what is X" asks for an identity,
    "what did X do" for an object, "who won X" for a subject, "what sculpture" for a noun
    phrase headed by the focus (a verb after "what" is taken for a focus too: no tagger runs
    on questions). Crossed with the span's dependency role and shape."""
    words = re.findall(r"[\w’']+", question.lower())
    head = qword.split("_")[0]
    if head not in words:
        return f"{qword}_none"
    after = words[words.index(head) + 1 : words.index(head) + 2]
    nxt = after[0] if after else ""
    if nxt in _BE:
        return f"{qword}_be"
    if nxt in _DO:
        return f"{qword}_do"
    if nxt in _HAVE:
        return f"{qword}_have"
    if focus is not None and qword in ("what", "which"):
        return f"{qword}_N"
    return f"{qword}_V"


def question_bigrams(question: str) -> frozenset[tuple[str, str]]:
    stems = [stem(w) for w in re.findall(r"[\w’'\-]+", question.lower()) if w not in STOPWORDS]
    return frozenset(itertools.pairwise(stems))


@dataclass(frozen=True)
class SentenceContext:
    """One ranked sentence as seen by one question."""

    rank: int
    score: float
    lexical: float
    dense: float
    context: float
    subjects: float


def sentence_features(
    s: SentenceContext, info: SentenceInfo, q: QuestionContext
) -> dict[str, float]:
    """Features shared by every candidate of one sentence."""
    stems = [w for _, _, w in info.words]
    pairs = set(itertools.pairwise(stems))
    features = {
        "s:score": s.score,
        "s:lexical": s.lexical,
        "s:dense": s.dense,
        "s:context": s.context,
        "s:rank_inv": 1.0 / (1 + s.rank),
        "s:top": float(s.rank == 0),
        "s:subjects": s.subjects,
        "s:bigram": len(q.bigrams & pairs) / max(1, len(q.bigrams)),
    }
    ann = info.annotation
    if ann is not None:
        root = next((n for n, t in enumerate(ann.tokens) if t.head == n), None)
        features["p:root_q"] = float(root is not None and info.token_stems[root] in q.weights)
    return features


def candidate_features(
    span: Span, info: SentenceInfo, q: QuestionContext, shared: dict[str, float]
) -> dict[str, float]:
    """The named features of one span (see the module docstring of `kit.reading.candidates`)."""
    words = info.words
    inside = [n for n, (s, e, _) in enumerate(words) if span.start <= s and e <= span.end]
    span_stems = {words[n][2] for n in inside}
    content = span_stems - STOP_STEMS
    length = len(inside)
    at, qw = q.qtype.answer_type, q.qword
    f = dict(shared)
    f["type"] = span.type_score
    f["prox"] = _proximity(inside, q.weights, words)
    f["overlap"] = len(span_stems & q.asked) / max(1, len(span_stems))
    f["all_in_q"] = float(bool(content) and content <= q.asked)
    f[f"len:{_bucket(length)}"] = 1.0
    f["cap"] = float(span.display[:1].isupper())
    f["digit"] = float(any(c.isdigit() for c in span.display))
    f.update(_neighbours(inside, q, words))
    f.update(_hand_features(inside, span_stems, q, words))
    for source in span.sources:
        f["src:" + source] = 1.0
        f[f"x:{at}|{source}"] = 1.0
    label = span.label or "none"
    f[f"x:{qw}|ent:{label}"] = 1.0
    f[f"x:{at}|ent:{label}"] = 1.0
    if info.annotation is not None:
        f.update(_parse_features(span, info, q))
    f.update(cross_features(f, qw))
    return f


_RELATIVE = ("s:score", "s:lexical", "s:dense", "s:bigram", "prox")


def add_relative_features(rows: list[dict[str, float]]) -> None:
    """How far each candidate falls behind the question's best candidate on sentence match and
    proximity ("r:s:score" = best sentence score - this one's): absolute scores vary from
    question to question, the gap to the best sentence is what tells the right one."""
    best = {name: max((row.get(name, 0.0) for row in rows), default=0.0) for name in _RELATIVE}
    for row in rows:
        for name in _RELATIVE:
            row["r:" + name] = best[name] - row.get(name, 0.0)


_CROSSED = ("cap", "digit", "left_q", "right_q", "focus_head", "focus_near", "all_in_q")


def cross_features(f: dict[str, float], qw: str) -> dict[str, float]:
    """The question word crossed with the span's shape and neighbourhood ("who" wants a
    capitalised span, "how many" a digit), and with its length and proximity buckets."""
    out = {f"c:{qw}|{name}": f[name] for name in _CROSSED if f.get(name)}
    for name in f:
        if name.startswith("len:"):
            out[f"c:{qw}|{name}"] = 1.0
    prox = f.get("prox", 0.0)
    out[f"c:{qw}|prox"] = prox
    out[f"c:{qw}|overlap"] = f.get("overlap", 0.0)
    out[f"c:{qw}|dist_inv"] = f.get("p:dist_inv", 0.0)
    return out


def _bucket(length: int) -> str:
    return str(length) if length <= 4 else "5-7" if length <= 7 else "8+"


def _neighbours(
    inside: list[int], q: QuestionContext, words: list[tuple[int, int, str]]
) -> dict[str, float]:
    """Question words right next to the span, and the focus noun nearby."""
    if not inside:
        return {}
    lo, hi = inside[0], inside[-1]
    left = [w for _, _, w in words[max(0, lo - 3) : lo]]
    right = [w for _, _, w in words[hi + 1 : hi + 4]]
    before = [w for w in left if w not in _SKIP_BEFORE]
    out = {
        "left_q": float(bool(before) and before[-1] in q.asked),
        "right_q": float(bool(right) and right[0] in q.asked),
        "near_q": sum(w in q.asked for w in left + right) / 6.0,
        "governed": float(q.qtype.numeric and bool(before) and before[-1] in q.asked),
    }
    if q.focus:
        out["focus_head"] = float(words[hi][2] == q.focus)
        out["focus_near"] = float(q.focus in left or q.focus in right[:2])
    return out


def _hand_features(
    inside: list[int], span_stems: set[str], q: QuestionContext, words: list[tuple[int, int, str]]
) -> dict[str, float]:
    """The typed path's own overlap/governed features: question words minus the focus noun."""
    focus = {stem(w) for w in (q.qtype.focus or "").split()}
    core = q.asked - focus
    before = [w for _, _, w in words[: inside[0]]] if inside else []
    while before and before[-1] in _SKIP_BEFORE:
        before.pop()
    return {
        "h:overlap": len(span_stems & core) / max(1, len(span_stems)),
        "h:governed": float(q.qtype.numeric and bool(before) and before[-1] in core),
    }


# The hand-set scorer of the typed path (rule spans of a typed question): the reader's weights
# before training, tuned on the seed dev questions. Scores are raw; 0.8 is its threshold.
HAND_WEIGHTS = {
    "s:score": 0.5,
    "type": 0.3,
    "prox": 0.4,
    "h:overlap": -0.5,
    "h:governed": 0.15,
    "s:subjects": 0.3,
}
HAND_MIN_SCORE = 0.8


def hand_score(features: dict[str, float]) -> float:
    return sum(w * features.get(name, 0.0) for name, w in HAND_WEIGHTS.items())


def _proximity(
    inside: list[int], weights: dict[str, float], words: list[tuple[int, int, str]]
) -> float:
    """Each matched question word, by weight, counts 1 / (1 + distance / 4) (sliding window)."""
    if not inside:
        return 0.0
    lo, hi = inside[0], inside[-1]
    nearest: dict[str, int] = {}
    for n, (_, _, w) in enumerate(words):
        if w in weights and not lo <= n <= hi:
            d = lo - n if n < lo else n - hi
            nearest[w] = min(d, nearest.get(w, d))
    total = sum(weights.values()) or 1.0
    return sum(weights[w] / (1.0 + d / 4.0) for w, d in nearest.items()) / total


def _parse_features(span: Span, info: SentenceInfo, q: QuestionContext) -> dict[str, float]:
    """Head POS/dependency crossed with the question, verb match, tree distance and path."""
    ann = info.annotation
    assert ann is not None
    lo, hi = span_tokens(info, span.start, span.end)
    if hi <= lo:
        return {}
    head = span_head(info, lo, hi)
    token = ann.tokens[head]
    at, qw = q.qtype.answer_type, q.qword
    out = {f"p:x:{qw}|pos:{token.pos}": 1.0, f"p:x:{at}|dep:{token.dep}": 1.0}
    out.update(_shape_features(info, lo, hi, head, q.form))
    verb = next((a for a in info.ancestors[head] if ann.tokens[a].pos in ("VERB", "AUX")), None)
    out["p:verb_q"] = float(verb is not None and info.token_stems[verb] in q.weights)
    out["p:head_focus"] = float(q.focus is not None and info.token_stems[head] == q.focus)
    matched = [
        n
        for n, s in enumerate(info.token_stems)
        if s in q.weights and not lo <= n < hi and s not in STOP_STEMS
    ]
    best: tuple[int, str] | None = None
    for n in matched:
        dist, path = _tree_path(info, head, n)
        if best is None or dist < best[0]:
            best = (dist, path)
    if best is not None:
        out["p:dist_inv"] = 1.0 / best[0] if best[0] else 1.0
        out["p:path:" + best[1]] = 1.0
    return out


def _shape_features(info: SentenceInfo, lo: int, hi: int, head: int, form: str) -> dict[str, float]:
    """Where the span's edges fall: its first and last word class, the words just outside it,
    whether it is its head's whole subtree or a cut of it, and a verb or comma inside; the
    question's form crossed with the head's role."""
    ann = info.annotation
    assert ann is not None
    tokens = ann.tokens
    first, last = tokens[lo].pos, tokens[hi - 1].pos
    before = tokens[lo - 1].pos if lo > 0 else "START"
    after = tokens[hi].pos if hi < len(tokens) else "END"
    sub_lo, sub_hi = trim_edges(ann, info.edges[head][0], info.edges[head][1] + 1)
    inner = tokens[lo:hi]
    out = {
        f"p:first:{first}": 1.0,
        f"p:last:{last}": 1.0,
        f"p:before:{before}": 1.0,
        f"p:after:{after}": 1.0,
        "p:cut_left": float(lo > sub_lo),
        "p:cut_right": float(hi < sub_hi),
        "p:verb_inside": float(any(t.pos == "VERB" for t in inner)),
        "p:comma_inside": float(any(t.pos == "PUNCT" for t in inner)),
        f"p:f:{form}|dep:{tokens[head].dep}": 1.0,
        f"p:f:{form}|first:{first}": 1.0,
        f"p:f:{form}|last:{last}": 1.0,
    }
    if lo > sub_lo or hi < sub_hi:
        out[f"p:f:{form}|cut"] = 1.0
    return out


def _tree_path(info: SentenceInfo, a: int, b: int) -> tuple[int, str]:
    """Tree distance between tokens a and b, and the dependency labels on the way."""
    ann = info.annotation
    assert ann is not None
    up_a = (a, *info.ancestors[a])
    up_b = (b, *info.ancestors[b])
    position = {node: i for i, node in enumerate(up_a)}
    for j, node in enumerate(up_b):
        if node in position:
            i = position[node]
            if i + j > 3:
                return i + j, "long"
            ups = "^".join(ann.tokens[x].dep for x in up_a[:i])
            downs = "v".join(ann.tokens[x].dep for x in reversed(up_b[:j]))
            return i + j, f"{ups}|{downs}"
    return 99, "none"


@dataclass(frozen=True)
class LinearModel:
    """Named weights and an intercept: `logit = intercept + sum(weights[name] * value)`."""

    weights: dict[str, float]
    intercept: float

    def logit(self, features: dict[str, float]) -> float:
        w = self.weights
        return self.intercept + sum(w.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: dict[str, float]) -> float:
        return sigmoid(self.logit(features))

    def scores(self, rows: list[dict[str, float]]) -> list[float]:
        return [self.logit(row) for row in rows]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["intercept"]))


class TreeModel:
    """A boosted-tree ranker (LightGBM lambdarank, trained by `scripts/train_reader.py`) as
    flat numpy arrays: every tree's nodes in one table, leaves pointing at themselves, so all
    trees advance one level per step over all candidates at once (a few milliseconds for a
    thousand candidates; LightGBM itself is not needed at run time).

    Node n tests `row[feature[n]] <= threshold[n]` and goes to `left[n]` or `right[n]`; a
    leaf has feature 0, threshold +inf, both children itself and its score in `value`.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: list[str] = data["features"]
        self.column = {name: n for n, name in enumerate(self.names)}
        self.feature = np.asarray(data["feature"], dtype=np.int64)
        self.threshold = np.asarray(data["threshold"], dtype=np.float64)
        self.left = np.asarray(data["left"], dtype=np.int64)
        self.right = np.asarray(data["right"], dtype=np.int64)
        self.value = np.asarray(data["value"], dtype=np.float64)
        self.roots = np.asarray(data["roots"], dtype=np.int64)
        self.depth = int(data["depth"])
        self.children = np.stack([self.right, self.left], axis=1).ravel()  # [2n + went_left]
        # trees grouped by depth, so that each group takes only the steps it needs
        depths = [self._depth(int(root)) for root in self.roots]
        self.by_depth = [
            (d, self.roots[[t for t, dt in enumerate(depths) if dt == d]])
            for d in sorted(set(depths))
        ]

    def _depth(self, node: int) -> int:
        left, right = int(self.left[node]), int(self.right[node])
        if left == node:
            return 0
        return 1 + max(self._depth(left), self._depth(right))

    def matrix(self, rows: list[dict[str, float]]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.names)))
        column = self.column
        for r, row in enumerate(rows):
            for name, value in row.items():
                c = column.get(name)
                if c is not None:
                    x[r, c] = value
        return x

    def scores(self, rows: list[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        x = self.matrix(rows)
        flat = x.ravel()
        base = (np.arange(len(rows)) * x.shape[1])[:, None]
        total = np.zeros(len(rows))
        for depth, roots in self.by_depth:
            node = np.broadcast_to(roots, (len(rows), len(roots)))
            for _ in range(depth):
                go_left = flat.take(base + self.feature.take(node)) <= self.threshold.take(node)
                node = self.children.take(2 * node + go_left)
            total += self.value.take(node).sum(axis=1)
        return [float(v) for v in total]


Scorer = LinearModel | TreeModel


def scorer_from_dict(data: dict[str, Any]) -> Scorer:
    return TreeModel(data) if data.get("kind") == "trees" else LinearModel.from_dict(data)


@dataclass(frozen=True)
class ReaderModel:
    """The shipped models: a candidate scorer per index kind, and the confidence model."""

    parsed: Scorer  # for indexes annotated by spaCy
    rules: Scorer  # for indexes without annotations
    confidence: LinearModel
    threshold: float


@lru_cache(maxsize=1)
def reader_model() -> ReaderModel:
    """Load `kit/data/reader_weights.json` once (a few milliseconds)."""
    text = (resources.files("kit") / "data" / WEIGHTS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return ReaderModel(
        scorer_from_dict(data["parsed"]),
        scorer_from_dict(data["rules"]),
        LinearModel.from_dict(data["confidence"]),
        float(data["threshold"]),
    )


def confidence_features(
    logit: float, runner_up: float | None, total: float, best: dict[str, float], at: str
) -> dict[str, float]:
    """What the confidence model sees of an answer: its logit, margin and sentence match.

    `total` (the log-sum-exp over all candidates) is deliberately not used: it grows with the
    corpus, and in training it would tell a one-paragraph read from a three-paragraph one.
    """
    del total
    margin = logit - runner_up if runner_up is not None else 5.0
    return {
        "logit": logit,
        "margin": max(-5.0, min(5.0, margin)),
        "s:lexical": best.get("s:lexical", 0.0),
        "s:dense": best.get("s:dense", 0.0),
        "s:subjects": best.get("s:subjects", 0.0),
        "s:bigram": best.get("s:bigram", 0.0),
        "type:" + at: 1.0,
    }
