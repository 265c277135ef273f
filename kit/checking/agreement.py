"""Agreement across sources: who states a value, who states a different one, and how many of
them are independent; and the statements only one source makes.

Independence comes from `kit.checking.copies`: an article derived from another, or sharing its
reporting, is not a second witness. A figure's agreement reuses the claim checker: the
figure's sentence, narrowed to that figure, is checked against every other sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from kit.checking.claims import Evidence, corpus_facts, gather_evidence
from kit.checking.copies import CopyReport, copy_report
from kit.checking.stance import Facts, analyse
from kit.errors import KitError
from kit.index.retrieval import Index
from kit.ingest.passages import is_heading
from kit.language.attribution import Attribution, attribute
from kit.language.quantities import Quantity
from kit.spans import Span

if TYPE_CHECKING:
    from kit.reading.answers import AnswerSet

CORROBORATION_COSINE = 0.6  # another article says much the same ...
MIN_STATEMENT_WORDS = 8  # ... and only sentences with this many words are statements
RARE_SHARE = 0.05  # keys in at most 5% of sentences are a statement's specific content
FIGURE_WORDS = 6  # a figure's own words: this many either side of it
FIGURE_NAME_WORDS = 4  # and the names right next to it ("NATO's 32 member countries")
FIGURE_FLOOR = 0.25  # other sources need share only a quarter of a figure's nearby words


@dataclass(frozen=True)
class Statement:
    """One source stating a value: the value's span, its sentence and who it is from."""

    value: Span
    sentence: Span
    attribution: Attribution | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {**self.value.to_dict(), "sentence": self.sentence.quote}
        if self.attribution is not None:
            out.update(self.attribution.to_dict())
        return out


@dataclass(frozen=True)
class Agreement:
    """A value, the statements of it, the statements of other values, and independence."""

    value: str
    stating: tuple[Statement, ...]
    differing: tuple[Statement, ...]
    independent: int
    groups: tuple[tuple[str, ...], ...]

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(s.value.source for s in self.stating))

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "sources": self.sources,
            "independent_sources": self.independent,
            "groups": [list(g) for g in self.groups],
            "stating": [s.to_dict() for s in self.stating],
            "differing": [s.to_dict() for s in self.differing],
        }

    def describe(self) -> str:
        n, others = len(self.sources), len({s.value.source for s in self.differing})
        line = f"{self.value}: {n} source{'s' if n != 1 else ''} ({self.independent} independent)"
        if self.differing:
            values = ", ".join(dict.fromkeys(s.value.quote for s in self.differing))
            line += f"; {others} state{'s' if others == 1 else ''} otherwise ({values})"
        return line


def answer_agreement(index: Index, answers: AnswerSet) -> list[Agreement]:
    """For each answer of a question asked over `index`: its sources, the sources of the other
    answers, and how many of its sources are independent."""
    copies = copy_report(index)
    out = []
    for answer in answers.answers:
        stating = tuple(_statement(index, c.span, c.sentence) for c in answer.citations)
        differing = tuple(
            _statement(index, c.span, c.sentence)
            for other in answers.answers
            if other is not answer
            for c in other.citations
        )
        out.append(_agreement(answer.text, stating, differing, copies))
    return out


def figure_agreement(index: Index, source: str, start: int, end: int) -> Agreement:
    """Which sources state the figure at `source[start:end]`, which state another value."""
    article = index.corpus[source]
    sentence = next(
        (s for s in index.sentences if s.source == source and s.start <= start and end <= s.end),
        None,
    )
    if sentence is None:
        raise KitError(
            f"No sentence of `{source}` contains characters {start}-{end}: pass the offsets "
            "of a figure (see `kit figures`)."
        )
    facts = analyse(sentence.text)
    local = (start - sentence.start, end - sentence.start)
    figure = [q for q in facts.quantities if q.start < local[1] and local[0] < q.end]
    if not figure:
        raise KitError(
            f"`{article.text[start:end]}` in `{source}` is not a figure: pass the offsets of a "
            "number with its unit (see `kit figures`)."
        )
    narrowed = _around(facts, figure[0])
    own = Span.of(
        source, article.text, sentence.start + figure[0].start, sentence.start + figure[0].end
    )
    found = gather_evidence(index, narrowed, floor=FIGURE_FLOOR)
    evidence = [e for e in found if e.reason == "quantity"]
    stating = [_from_evidence(index, e) for e in evidence if e.stance == "supports"]
    if not any(s.value.contains(own) or own.contains(s.value) for s in stating):
        whole = Span.of(source, article.text, sentence.start, sentence.end)
        stating.insert(0, _statement(index, own, whole))
    differing = tuple(_from_evidence(index, e) for e in evidence if e.stance == "refutes")
    return _agreement(own.quote, tuple(stating), differing, copy_report(index))


def _around(facts: Facts, figure: Quantity) -> Facts:
    """The sentence's facts narrowed to one figure: its words and names nearby only, so other
    sources need not repeat the rest of the sentence."""
    near = [w for w in facts.words if abs(_word_gap(facts, w.start, figure)) <= FIGURE_WORDS]
    names = tuple(
        n for n in facts.names if abs(_word_gap(facts, n.start, figure)) <= FIGURE_NAME_WORDS
    )
    keys = frozenset(w.key for w in near) & facts.keys
    return replace(
        facts, quantities=(figure,), dates=(), names=names, keys=keys, negated=frozenset()
    )


def _word_gap(facts: Facts, offset: int, figure: Quantity) -> int:
    """Words between `offset` and the figure (negative before it)."""
    if offset < figure.start:
        return -sum(1 for w in facts.words if offset <= w.start < figure.start)
    return sum(1 for w in facts.words if figure.end <= w.start <= offset)


def _from_evidence(index: Index, e: Evidence) -> Statement:
    return _statement(index, e.highlight or e.sentence, e.sentence)


def _statement(index: Index, value: Span, sentence: Span) -> Statement:
    who = attribute(index.corpus[value.source], value.start, value.end)
    return Statement(value, sentence, who)


def _agreement(
    value: str,
    stating: tuple[Statement, ...],
    differing: tuple[Statement, ...],
    copies: CopyReport,
) -> Agreement:
    sources = [s.value.source for s in stating]
    groups = tuple(tuple(g) for g in copies.independent_groups(sources))
    own = set(sources)
    differing = tuple(s for s in differing if s.value.source not in own)
    return Agreement(value, stating, differing, len(groups), groups)


@dataclass(frozen=True)
class SingleSourceStatement:
    """A statement only one independent source makes, with who it is attributed to."""

    sentence: Span
    attribution: Attribution

    def to_dict(self) -> dict[str, Any]:
        return {**self.sentence.to_dict(), **self.attribution.to_dict()}

    def describe(self) -> str:
        return f"[{self.sentence.source}] {self.sentence.quote} ({self.attribution.describe()})"


def single_source_statements(
    index: Index, *, source: str | None = None
) -> list[SingleSourceStatement]:
    """Statements no independent source repeats: no sentence of an article outside the
    statement's copy group is close in meaning *and* shares its specific names or figures.
    Useful in workshops: "who does 000 say called the strike a grave escalation?"."""
    copies = copy_report(index)
    cf = corpus_facts(index)
    rare_limit = max(1, int(RARE_SHARE * len(index.sentences)))
    groups = np.array([copies.group(s.source) for s in index.sentences])
    out = []
    for row, s in enumerate(index.sentences):
        article = index.corpus[s.source]
        if source is not None and s.source != source:
            continue
        if len(s.text.split()) < MIN_STATEMENT_WORDS or is_heading(s, article.text):
            continue
        rare = {k for k in cf.of(row).keys if cf.frequency.get(k, 0) <= rare_limit}
        if not rare or _corroborated(index.sentence_vectors, groups, row, rare, cf):
            continue
        span = Span.of(s.source, article.text, s.start, s.end)
        out.append(SingleSourceStatement(span, attribute(article, s.start, s.end)))
    return out


def _corroborated(
    vectors: np.ndarray, groups: np.ndarray, row: int, rare: set[str], cf: Any
) -> bool:
    sims = vectors @ vectors[row]
    for other in np.nonzero((sims >= CORROBORATION_COSINE) & (groups != groups[row]))[0]:
        if rare & cf.of(int(other)).keys:
            return True
    return False
