"""Candidate answer spans in one sentence, and the named features that score them.

Spans come from two kinds of source. Rule-based ones always work: quantities and dates
(`kit.language.quantities`), capitalised names (`kit.language.entities`), an acronym's expansion,
the whole sentence for why/how. When the index was built with spaCy (`kit.index.annotate`),
entities, noun chunks and small dependency subtrees are added: SQuAD's answers are mostly such
phrases.

Features follow the SQuAD logistic-regression baseline (Rajpurkar et al. 2016): sentence match
(IDF overlap, bigrams, embedding similarity, rank), span length, span label crossed with the
question's type and wh-word, root/verb match, dependency distance and path to the question's
words, and the question's focus noun next to the span. Parse-based feature names start with
`p:` so that a rules-only index can use a model trained without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kit.index.annotate import Annotation
from kit.language.entities import Name
from kit.language.quantities import DateMention, Quantity
from kit.language.text import stem
from kit.reading.questions import NAME_TYPES, QuestionType
from kit.reading.values import AnswerKey

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
DATE_LABELS = frozenset({"DATE", "TIME"})
SUBTREE_DEPS = frozenset(
    """pobj dobj nsubj nsubjpass attr appos conj npadvmod pcomp advcl xcomp ccomp acomp oprd
    dative agent relcl acl nmod compound""".split()
)
MAX_SUBTREE_TOKENS = 10


@dataclass
class SentenceInfo:
    """What the reader extracts from a sentence once, reused by every question."""

    words: list[tuple[int, int, str]]
    stems: frozenset[str]
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    annotation: Annotation | None = None
    token_stems: list[str] = field(default_factory=list)
    ancestors: list[tuple[int, ...]] = field(default_factory=list)  # token -> path to the root
    edges: list[tuple[int, int]] = field(default_factory=list)  # token -> its subtree's range
    cuts: list[tuple[int, int]] | None = None  # `phrase_cuts`, computed on first use


def parse_tables(annotation: Annotation) -> tuple[list[tuple[int, ...]], list[tuple[int, int]]]:
    """Each token's ancestors (nearest first) and the token range of its subtree."""
    heads = [t.head for t in annotation.tokens]
    ancestors: list[tuple[int, ...]] = []
    edges = [[n, n] for n in range(len(heads))]
    for n in range(len(heads)):
        chain: list[int] = []
        node = n
        while heads[node] != node and len(chain) < 40:
            node = heads[node]
            chain.append(node)
            edges[node][0] = min(edges[node][0], n)
            edges[node][1] = max(edges[node][1], n)
        ancestors.append(tuple(chain))
    return ancestors, [(a, b) for a, b in edges]


@dataclass
class Span:
    """A candidate span of one sentence (offsets relative to the sentence) and its sources."""

    start: int
    end: int
    key: AnswerKey
    display: str
    type_score: float = 0.0
    sources: set[str] = field(default_factory=set)
    label: str = ""


def normal_key(text: str) -> AnswerKey:
    """The value two free spans must share to be one answer: no case, punctuation or article."""
    return AnswerKey.of("words", text)


def parsed_spans(text: str, info: SentenceInfo, qtype: QuestionType) -> list[Span]:
    """Entity, noun-chunk and subtree spans from the sentence's spaCy annotation."""
    ann = info.annotation
    if ann is None:
        return []
    tokens = ann.tokens
    out: list[Span] = []
    kind = qtype.answer_type

    def add(lo: int, hi: int, source: str, label: str = "") -> None:
        lo, hi = trim_edges(ann, lo, hi)
        if hi > lo:
            s, e = tokens[lo].start, tokens[hi - 1].end
            out.append(Span(s, e, normal_key(text[s:e]), text[s:e], 0.0, {source}, label))

    for lo, hi, label in ann.entities:
        if qtype.numeric and label not in NUMERIC_LABELS:
            continue
        if kind in ("date", "year") and label not in DATE_LABELS:
            continue
        add(lo, hi, "ent", label)
    if qtype.numeric or kind in ("date", "year"):
        return out
    for lo, hi in ann.chunks:
        add(lo, hi, "chunk")
    if kind in NAME_TYPES or kind == "reason":
        for n, token in enumerate(tokens):
            lo, hi = info.edges[n]
            if token.dep in SUBTREE_DEPS and hi - lo < MAX_SUBTREE_TOKENS:
                add(lo, hi + 1, "tree:" + token.dep)
        if info.cuts is None:
            info.cuts = phrase_cuts(info)
        for lo, hi in info.cuts:
            add(lo, hi, "cut")
    return out


_NOT_HEADS = frozenset({"PUNCT", "SPACE", "CCONJ", "DET", "ADP", "AUX", "PART", "SCONJ"})


def phrase_cuts(info: SentenceInfo) -> list[tuple[int, int]]:
    """Every phrase a head word can make with a contiguous run of its own dependents: from the
    start of any left dependent (or the head itself) to the end of any right one. These are the
    constituents a parser would offer ("the overuse of antibiotics" without ", like penicillin",
    "humid subtropical" without "climate"); the span-shape features tell the ranker which cut
    SQuAD-style answers prefer. At most `MAX_CUT_TOKENS` tokens."""
    ann = info.annotation
    assert ann is not None
    tokens = ann.tokens
    children: list[list[int]] = [[] for _ in tokens]
    for n, token in enumerate(tokens):
        if token.head != n:
            children[token.head].append(n)
    out: list[tuple[int, int]] = []
    for n, token in enumerate(tokens):
        if token.pos in _NOT_HEADS:
            continue
        starts = [info.edges[c][0] for c in children[n] if c < n] + [n]
        ends = [n + 1] + [info.edges[c][1] + 1 for c in children[n] if c > n]
        out.extend((s, e) for s in starts for e in ends if e - s <= MAX_CUT_TOKENS)
    return out


MAX_CUT_TOKENS = 20


_EDGE_SKIP = frozenset({"PUNCT", "SPACE", "CCONJ"})


def trim_edges(annotation: Annotation, lo: int, hi: int) -> tuple[int, int]:
    """The token range without punctuation, spaces or a conjunction at either end."""
    tokens = annotation.tokens
    while lo < hi and tokens[lo].pos in _EDGE_SKIP:
        lo += 1
    while hi > lo and tokens[hi - 1].pos in _EDGE_SKIP:
        hi -= 1
    return lo, hi


def merge_spans(spans: list[Span]) -> list[Span]:
    """One span per (start, end): sources and labels are pooled, the best type score kept."""
    merged: dict[tuple[int, int], Span] = {}
    for span in spans:
        seen = merged.get((span.start, span.end))
        if seen is None:
            merged[(span.start, span.end)] = span
            continue
        seen.sources |= span.sources
        seen.label = seen.label or span.label
        if span.type_score > seen.type_score or (not seen.key.typed and span.key.typed):
            seen.type_score = max(seen.type_score, span.type_score)
            if span.key.typed:
                seen.key, seen.display = span.key, span.display
    return list(merged.values())


def span_tokens(info: SentenceInfo, start: int, end: int) -> tuple[int, int]:
    """The spaCy token range [lo, hi) covering `start:end`, or (0, 0) without a parse."""
    ann = info.annotation
    if ann is None:
        return (0, 0)
    inside = [n for n, t in enumerate(ann.tokens) if t.start >= start and t.end <= end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def span_head(info: SentenceInfo, lo: int, hi: int) -> int:
    """The token of `[lo, hi)` whose head lies outside the span (the span's syntactic head)."""
    ann = info.annotation
    assert ann is not None
    for n in range(lo, hi):
        head = ann.tokens[n].head
        if head == n or not lo <= head < hi:
            return n
    return lo


def rule_spans(
    text: str, info: SentenceInfo, qtype: QuestionType, commonness: Callable[[str], float]
) -> list[Span]:
    """Spans of the expected type found by the kit's own rules (always available)."""
    kind = qtype.answer_type
    raw: list[tuple[int, int, AnswerKey, str, float]] = []
    source: str = kind
    if qtype.numeric:
        raw = [_quantity_span(text, q, qtype) for q in info.quantities]
        source = "quantity"
    elif kind in ("date", "year"):
        raw = [_date_span(text, d, kind) for d in info.dates]
        source = "date"
    elif kind in NAME_TYPES:
        raw = [_name_span(text, n, qtype, commonness(stem(n.text.split()[-1]))) for n in info.names]
        source = "name"
    elif kind == "expansion":
        raw = _expansions(text, qtype.focus)
    elif kind == "reason":
        raw = [(0, len(text), AnswerKey.of("sentence", text), text, 0.6)]
        source = "sentence"
    spans = [Span(s, e, key, display, score, {source}) for s, e, key, display, score in raw]
    return [s for s in spans if s.type_score > 0]


_QUALIFIER_WORDS = {
    "exact": "",
    "approximate": "around",
    "at_least": "more than",
    "at_most": "almost",
    "up_to": "up to",
}


def _quantity_span(
    text: str, q: Quantity, qtype: QuestionType
) -> tuple[int, int, AnswerKey, str, float]:
    kind = qtype.answer_type
    if q.kind not in ("quantity", "percent"):
        return (q.start, q.end, AnswerKey.of("words", ""), "", 0.0)
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
    return (start, end, AnswerKey.figure(q), text[start:end], type_score)


def _date_span(text: str, d: DateMention, kind: str) -> tuple[int, int, AnswerKey, str, float]:
    specific = 1.0 if d.day is not None else 0.8 if d.month is not None else 0.6
    if kind == "year":
        specific = 1.0 if d.year is not None else 0.3
    if d.kind in ("weekday", "relative"):
        specific = min(specific, 0.5)
    display = text[d.start : d.end]
    return (d.start, d.end, AnswerKey.of("date", display), display, specific)


_KIND_MATCH = {
    "person": {"person": 1.0, "entity": 0.55, "organisation": 0.35, "place": 0.1},
    "place": {"place": 1.0, "entity": 0.6, "organisation": 0.3, "person": 0.05},
    "organisation": {"organisation": 1.0, "entity": 0.6, "place": 0.2, "person": 0.1},
    "entity": {"entity": 0.9, "place": 0.8, "organisation": 0.8, "person": 0.7},
}
_LOCATIVE = re.compile(r"\b(in|at|from|near|to|into|inside|outside|of)\s+(\w+[’']s\s+)?$", re.I)


def _name_span(
    text: str, name: Name, qtype: QuestionType, commonness: float
) -> tuple[int, int, AnswerKey, str, float]:
    score = _KIND_MATCH[qtype.answer_type].get(name.kind, 0.3)
    if name.possessive:
        score *= 0.5  # "Russia’s" modifies the name that follows, which is the better answer
    if qtype.answer_type == "place" and _LOCATIVE.search(
        text[max(0, name.start - 30) : name.start]
    ):
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
    return (name.start, name.end, AnswerKey.of("name", name.text), name.text, score)


_ACRONYM_PAREN = re.compile(r"\b(?P<acr>[A-Z][A-Za-z]{1,9})\s*\((?P<exp>[A-Z][^()]{3,80})\)")
_PAREN_ACRONYM = re.compile(
    r"(?P<exp>(?:[A-Z][\w\-]*\s+){1,8}[A-Z][\w\-]*)\s*\((?P<acr>[A-Z]{2,10})\)"
)


def _expansions(text: str, focus: str | None) -> list[tuple[int, int, AnswerKey, str, float]]:
    """ "ATACMS (Army Tactical Missile Systems)" or "Army Tactical Missile Systems (ATACMS)"."""
    out = []
    for pattern in (_ACRONYM_PAREN, _PAREN_ACRONYM):
        for m in pattern.finditer(text):
            if focus and m.group("acr").lower() != focus.lower():
                continue
            s, e = m.span("exp")
            out.append((s, e, AnswerKey.of("expansion", m.group("exp")), m.group("exp"), 1.0))
    return out
