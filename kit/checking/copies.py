"""Copied and derived articles: near-duplicate or paraphrased passages between articles.

Two sentences of different articles match when their MiniLM vectors are close and their words
overlap (rapidfuzz `token_set_ratio`): a paraphrase keeps the meaning and much of the wording.
Sentences are matched one-to-one, best first. Between two articles the matches then tell:

- **derived**: B restates A in A's order, as a block (a summary or rewrite of A). The
  monotone run of matches is long and B's matched sentences sit together while A's are
  spread out; a page line such as "Read the original article here" or a later date breaks ties.
- **shared**: many matched passages but no order, as when two reports use the same wire copy;
  or, between short articles, sentences copied word for word (two of them, or one that is a
  third of the shorter article).

Articles joined by either relation are not independent sources: `independent_groups` puts
them in one group, and the claim checker counts groups, not articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from rapidfuzz import fuzz

from kit.index.retrieval import Index
from kit.ingest.passages import is_heading
from kit.spans import Span

MIN_COSINE = 0.65  # MiniLM cosine of a paraphrase pair (same-topic pairs sit around 0.5)
MIN_WORDS = 0.45  # token_set_ratio / 100: shared wording, not only shared topic
MIN_SENTENCE_WORDS = 6  # shorter sentences ("International Reactions") match anything
DERIVED_RUN = 4  # matches in the same order needed to call B a rewrite of A
SHARED_PAIRS = 5  # unordered matches needed to say two articles share reporting
VERBATIM_RATIO = 95  # rapidfuzz ratio of two sentences copied word for word
VERBATIM_WORDS = 8  # a verbatim sentence this long is not a stock phrase
VERBATIM_PAIRS = 2  # copied sentences that make two articles one source
VERBATIM_SHARE = 1 / 3  # or one copied sentence this share of the shorter article
_ORIGINAL_CUE = re.compile(r"(?i)\b(original (article|story|report)|originally published)\b")

T = TypeVar("T")


def cached_for(index: Index, name: str, build: Callable[[], T]) -> T:
    """A value computed once per index (copy report, sentence facts): warm calls stay fast.
    It is kept by the index itself (`Index.derived`), so it goes when the index goes."""
    return index.derived(name, build)


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Two sentences of different articles that say the same thing in similar words."""

    a: Span
    b: Span
    cosine: float
    words: float
    a_number: int = -1  # the sentences' numbers in their articles (order of the text)
    b_number: int = -1

    @property
    def score(self) -> float:
        return round(0.6 * self.cosine + 0.4 * self.words, 4)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "score": self.score}


@dataclass(frozen=True)
class Relation:
    """`source` derives from (kind "derived") or shares reporting with ("shared") `origin`."""

    kind: str
    source: str
    origin: str
    pairs: tuple[SentencePair, ...]
    in_order: int

    def describe(self) -> str:
        if self.kind == "derived":
            return f"{self.source} derives from {self.origin} ({len(self.pairs)} passages)"
        return f"{self.source} and {self.origin} share reporting ({len(self.pairs)} passages)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "origin": self.origin,
            "passages": len(self.pairs),
            "in_order": self.in_order,
            "pairs": [p.to_dict() for p in self.pairs],
        }


@dataclass
class CopyReport:
    """Every matched sentence pair and the article relations they imply."""

    sources: list[str]
    pairs: list[SentencePair]
    relations: list[Relation]
    _group: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        parent = {s: s for s in self.sources}

        def find(s: str) -> str:
            while parent[s] != s:
                s = parent[s]
            return s

        for rel in self.relations:
            parent[find(rel.source)] = find(rel.origin)
        roots = {s: find(s) for s in self.sources}
        numbers = {r: n for n, r in enumerate(dict.fromkeys(roots.values()))}
        self._group = {s: numbers[r] for s, r in roots.items()}

    def group(self, source: str) -> int:
        """The independence group of a source: articles that copy each other share one."""
        return self._group.get(source, -1 - abs(hash(source)) % 10**9)

    def independent_groups(self, sources: list[str]) -> list[list[str]]:
        """`sources` grouped so that each group is one independent source."""
        groups: dict[int, list[str]] = {}
        for s in dict.fromkeys(sources):
            groups.setdefault(self.group(s), []).append(s)
        return list(groups.values())

    def independent_count(self, sources: list[str]) -> int:
        return len(self.independent_groups(sources))

    def derived_from(self, source: str) -> list[str]:
        return [r.origin for r in self.relations if r.kind == "derived" and r.source == source]

    def to_dict(self) -> dict[str, Any]:
        return {"relations": [r.to_dict() for r in self.relations]}


def copy_report(index: Index) -> CopyReport:
    """The copy report of an index, computed once and cached."""
    return cached_for(index, "copies", lambda: find_copies(index))


def find_copies(index: Index) -> CopyReport:
    """Match sentences across articles, then read article relations off the matches."""
    rows = _usable_rows(index)
    pairs = _match_pairs(index, rows)
    by_articles: dict[tuple[str, str], list[SentencePair]] = {}
    for pair in pairs:
        by_articles.setdefault((pair.a.source, pair.b.source), []).append(pair)
    relations = []
    for (a, b), found in sorted(by_articles.items()):
        relation = _relation(index, a, b, found)
        if relation is not None:
            relations.append(relation)
    return CopyReport(index.corpus.sources, pairs, relations)


def _usable_rows(index: Index) -> list[int]:
    """Sentences long enough to be evidence of copying (no headings, no short lines)."""
    out = []
    for row, s in enumerate(index.sentences):
        text = index.corpus[s.source].text
        if len(s.text.split()) >= MIN_SENTENCE_WORDS and not is_heading(s, text):
            out.append(row)
    return out


def _match_pairs(index: Index, rows: list[int]) -> list[SentencePair]:
    """Cross-article sentence pairs above both thresholds, matched one-to-one, best first."""
    vectors = index.sentence_vectors[rows]
    sources = np.array([index.sentences[r].source for r in rows])
    candidates: list[tuple[float, float, int, int]] = []
    for i, row in enumerate(rows):
        sims = vectors[i + 1 :] @ vectors[i]
        for j in np.nonzero(sims >= MIN_COSINE)[0]:
            other = rows[i + 1 + int(j)]
            if sources[i + 1 + int(j)] == sources[i]:
                continue
            words = _word_overlap(index.sentences[row].text, index.sentences[other].text)
            if words >= MIN_WORDS:
                candidates.append((float(sims[j]), words, row, other))
    candidates.sort(key=lambda c: -(0.6 * c[0] + 0.4 * c[1]))
    used: set[tuple[int, str]] = set()
    pairs = []
    for cosine, words, r1, r2 in candidates:
        s1, s2 = index.sentences[r1], index.sentences[r2]
        if (r1, s2.source) in used or (r2, s1.source) in used:
            continue
        used |= {(r1, s2.source), (r2, s1.source)}
        a, b = (s1, s2) if s1.source < s2.source else (s2, s1)
        pairs.append(
            SentencePair(
                Span(a.source, a.start, a.end, a.text),
                Span(b.source, b.start, b.end, b.text),
                round(cosine, 4),
                round(words, 4),
                a.index,
                b.index,
            )
        )
    return pairs


def _word_overlap(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(a.lower(), b.lower())) / 100.0


def _relation(index: Index, a: str, b: str, pairs: list[SentencePair]) -> Relation | None:
    """Derived (ordered block) or shared (many unordered matches) between articles a < b."""
    order_a = [p.a_number for p in pairs]
    order_b = [p.b_number for p in pairs]
    in_order = _longest_monotone(order_a, order_b)
    ordered = tuple(sorted(pairs, key=lambda p: p.a.start))
    if in_order >= DERIVED_RUN and in_order >= 0.75 * len(pairs):
        source, origin = _direction(index, a, b, order_a, order_b)
        return Relation("derived", source, origin, ordered, in_order)
    if len(pairs) >= SHARED_PAIRS or _copied_verbatim(index, a, b, pairs):
        return Relation("shared", b, a, ordered, in_order)
    return None


def _copied_verbatim(index: Index, a: str, b: str, pairs: list[SentencePair]) -> bool:
    """Short articles copy too few sentences for the counts above: two sentences copied word
    for word, or one that makes up a third of the shorter article's usable sentences, make
    them one source whatever their length."""
    verbatim = [p for p in pairs if _is_verbatim(p.a.quote, p.b.quote)]
    if len(verbatim) >= VERBATIM_PAIRS:
        return True
    if not verbatim:
        return False
    shorter = min(_usable_count(index, a), _usable_count(index, b))
    return len(verbatim) >= VERBATIM_SHARE * shorter


def _is_verbatim(a: str, b: str) -> bool:
    """The same sentence (case, spacing and punctuation aside), long enough to be copied."""
    x, y = _plain(a), _plain(b)
    return len(x.split()) >= VERBATIM_WORDS and fuzz.ratio(x, y) >= VERBATIM_RATIO


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _usable_count(index: Index, source: str) -> int:
    text = index.corpus[source].text
    return sum(
        1
        for s in index.sentences
        if s.source == source
        and len(s.text.split()) >= MIN_SENTENCE_WORDS
        and not is_heading(s, text)
    )


def _longest_monotone(xs: list[int], ys: list[int]) -> int:
    """Length of the longest chain of pairs increasing in both articles."""
    pts = sorted(zip(xs, ys, strict=True))
    best = [1] * len(pts)
    for i in range(len(pts)):
        for j in range(i):
            if pts[j][0] < pts[i][0] and pts[j][1] < pts[i][1]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def _direction(
    index: Index, a: str, b: str, order_a: list[int], order_b: list[int]
) -> tuple[str, str]:
    """(derived, original): a cue line or a later date first, else the side whose matches
    form the tighter block (a summary restates the original in a few adjacent sentences)."""
    art_a, art_b = index.corpus[a], index.corpus[b]
    cue_a, cue_b = bool(_ORIGINAL_CUE.search(art_a.text)), bool(_ORIGINAL_CUE.search(art_b.text))
    if cue_a != cue_b:
        return (a, b) if cue_a else (b, a)
    if art_a.date and art_b.date and art_a.date != art_b.date:
        return (a, b) if art_a.date > art_b.date else (b, a)
    return (a, b) if _longest_run(order_a) > _longest_run(order_b) else (b, a)


def _longest_run(numbers: list[int]) -> int:
    """The longest run of consecutive sentence numbers among the matched ones."""
    present = set(numbers)
    return max((_run_from(n, present) for n in present if n - 1 not in present), default=0)


def _run_from(n: int, present: set[int]) -> int:
    length = 0
    while n + length in present:
        length += 1
    return length


def copy_pairs_between(report: CopyReport, a: str, b: str) -> list[SentencePair]:
    """The matched passages of two articles (either order)."""
    return [p for p in report.pairs if {p.a.source, p.b.source} == {a, b}]
