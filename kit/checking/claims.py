"""Claim checks: evidence sentences, a stance for each, and one verdict with its reason.

1. Find candidate sentences: the hybrid retriever's passages, the sentences nearest the claim
   by embedding, and the sentences that contain the claim's rarer words.
2. Rank them by how much of the claim they (and their paragraph) cover, plus similarity.
3. Compare the claim's facts with each sentence (`kit.checking.stance`): supports | refutes |
related.
4. Verdict: supported or refuted when the evidence agrees; conflicting when independent
   sources take both sides with similar strength; not_enough_info when no sentence confirms
   or contradicts anything the claim asserts. A source that states the claim's value somewhere
   does not also count as refuting it (articles mention other counts of other things).

Every evidence span is a whole sentence cut with `Span.of`, so `text[start:end] == quote`.
"""

from __future__ import annotations

import html
import statistics
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from kit.checking.claim_parts import ClaimParts, split_claim
from kit.checking.copies import CopyReport, cached_for, copy_report
from kit.checking.evidence import (
    Evidence,
    Stance,
    contrasted_mismatch,
    qualified,
    unsaid_numeral,
)
from kit.checking.modifiers import modified_otherwise
from kit.checking.names import unsaid_capital
from kit.checking.offices import office_titled
from kit.checking.places import order_unsaid, placed_elsewhere
from kit.checking.roles import told_otherwise
from kit.checking.stance import (
    Context,
    Facts,
    Finding,
    analyse,
    compare,
    coverage,
    idf_weights,
    name_keys,
    states_its_amounts,
    states_the_act,
    word_keys,
)
from kit.checking.verdicts import (
    VERDICTS,
    Verdict,
    discount_self_contradiction,
    explain,
    shown,
    superseded,
    verdict_of,
)
from kit.errors import KitError
from kit.index.encoder import MiniLMEncoder
from kit.index.retrieval import Index
from kit.language.word_index import Postings, word_index
from kit.reading.model import model_available
from kit.spans import Span, highlight

__all__ = [
    "VERDICTS",
    "ClaimCheck",
    "ClaimReport",
    "ClaimScore",
    "CorpusFacts",
    "Evidence",
    "check_claim",
    "corpus_facts",
    "evaluate_claims",
    "explain",
    "gather_evidence",
    "qualified",
]

if TYPE_CHECKING:
    import pandas as pd

    from kit.reading.answers import AnswerSet, Reader

CANDIDATES = 16  # sentences compared per claim
DENSE_NEIGHBOURS = 20  # sentences nearest the claim's vector
RARE_KEYS, KEY_ROWS = 3, 50  # plus the sentences holding the claim's three rarest words
PARAGRAPH_BEFORE = 4  # earlier sentences of the paragraph that give a sentence its subject
COMMON_SHARE = 0.15
MAX_QUESTIONS = 2  # reader questions asked per claim
READER_COVERAGE = 0.4  # of the claim's words a sentence the reader cited must share
DATED_COVERAGE = 0.6  # ... and one whose date alone would support it ("1830 Act ... spirits")
_RATING = {"supported": 5, "conflicting": 3, "refuted": 1}


@dataclass(frozen=True)
class ClaimCheck:
    """The result of checking one claim: verdict, evidence (deciding first), explanation."""

    claim: str
    verdict: Verdict
    evidence: tuple[Evidence, ...]
    explanation: str
    independent_sources: int
    sources: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "independent_sources": self.independent_sources,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per evidence sentence: stance, why it decides (or is set aside), citation."""
        import pandas as pd

        rows = [
            {
                "verdict": self.verdict,
                "stance": e.stance,
                "reason": e.reason,
                "note": e.note,
                **e.sentence.to_dict(),
                "states": e.states,
                "attributed_to": e.attribution.who if e.attribution else None,
            }
            for e in self.evidence
        ]
        columns = ["verdict", "stance", "reason", "note", "source", "start", "end", "quote"]
        return pd.DataFrame(rows, columns=[*columns, "states", "attributed_to"])

    def _repr_html_(self) -> str:
        return claim_check_html(self)

    def claim_review(self) -> dict[str, Any]:
        """schema.org ClaimReview JSON-LD; the verdict is the rating's `alternateName`."""
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": self.verdict}
        if self.verdict in _RATING:
            rating |= {"ratingValue": _RATING[self.verdict], "bestRating": 5, "worstRating": 1}
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": self.claim,
            "reviewRating": rating,
            "reviewBody": self.explanation,
            "author": {"@type": "Organization", "name": "factcheck-kit"},
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [self._appearance(e) for e in self.evidence if e.stance != "related"],
            },
        }

    def _appearance(self, e: Evidence) -> dict[str, Any]:
        meta = self.sources.get(e.sentence.source, {})
        work: dict[str, Any] = {"@type": "CreativeWork", "identifier": e.sentence.source}
        work |= {k: v for k, v in (("name", meta.get("title")), ("url", meta.get("url"))) if v}
        if meta.get("date"):
            work["datePublished"] = meta["date"]
        work["text"] = e.sentence.quote
        work["description"] = (
            f"{e.stance} the claim (characters {e.sentence.start}-{e.sentence.end})"
        )
        return work


_STANCE_MARKS = {"supports": "✔ supports", "refutes": "✘ refutes", "related": "· related"}


def claim_check_html(check: ClaimCheck) -> str:
    """A verdict and its evidence as plain HTML (notebooks; `kit.ui.cards` adds titles and the
    style sheet; `kit.present.render` writes the same for terminals)."""
    verdict = check.verdict.replace("_", " ").capitalize()
    items = "".join(
        "<li>{stance} <code>{src}</code> {body}</li>".format(
            stance=html.escape(_STANCE_MARKS.get(e.stance, e.stance)),
            src=html.escape(e.sentence.source),
            body=highlight(e.sentence, e.highlight, before="<mark>", after="</mark>", escape=True)
            if e.highlight is not None
            else html.escape(e.sentence.quote),
        )
        for e in check.evidence
    )
    return (
        f"<p><b>Claim:</b> {html.escape(check.claim)}</p>"
        f"<p><b>{html.escape(verdict)}</b>: {html.escape(check.explanation)}</p>"
        + (f"<ul>{items}</ul>" if items else "<p><i>No evidence in the articles.</i></p>")
    )


@dataclass
class CorpusFacts:
    """Per-index data the checker reuses: sentence facts, and (from the index's word index,
    shared with the reader) where keys occur, their frequencies and the names' aliases."""

    index: Index
    facts: dict[int, Facts] = field(default_factory=dict)
    starts: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def words(self) -> Postings:
        # Where each key occurs, from a cheap word pass: `of` (the full analysis) runs only on
        # the sentences a claim is compared with, so the first check stays fast on big corpora.
        return word_index(self.index).keys

    @property
    def rows_of(self) -> dict[str, list[int]]:
        return self.words.rows

    @property
    def frequency(self) -> dict[str, int]:
        return self.words.frequency

    def of(self, row: int) -> Facts:
        found = self.facts.get(row)
        if found is None:
            found = self.facts[row] = analyse(self.index.sentences[row].text)
        return found

    def before(self, row: int) -> frozenset[str]:
        """Keys of the paragraph around a sentence: up to four sentences before it and the
        one after (no line break between), where its subject is often named."""
        keys: set[str] = set()
        for other in self._paragraph(row):
            keys |= self.of(other).keys
        return frozenset(keys)

    def words_around(self, row: int) -> frozenset[str]:
        """Every content key of the paragraph around a sentence, the words inside its
        figures too ("less than two hours" -> hour)."""
        return frozenset().union(*(word_keys(self.of(o).text) for o in self._paragraph(row)))

    def _paragraph(self, row: int) -> list[int]:
        sentences = self.index.sentences
        me = sentences[row]
        text = self.index.corpus[me.source].text
        out = []
        for step, reach in ((-1, PARAGRAPH_BEFORE), (1, 1)):
            other, edge = row + step, me
            while 0 <= other < len(sentences) and abs(other - row) <= reach:
                near = sentences[other]
                gap = text[near.end : edge.start] if step < 0 else text[edge.end : near.start]
                if near.source != me.source or "\n" in gap:
                    break
                out.append(other)
                other, edge = other + step, near
        return out

    def row_at(self, source: str, offset: int) -> int | None:
        """The sentence row of `source` that holds character `offset`."""
        if not self.starts:
            for row, sentence in enumerate(self.index.sentences):
                self.starts.setdefault(sentence.source, []).append((sentence.start, row))
        rows = self.starts.get(source, [])
        at = bisect_right(rows, (offset, len(self.index.sentences))) - 1
        if at < 0:
            return None
        row = rows[at][1]
        return row if self.index.sentences[row].end >= offset else None

    def common(self) -> frozenset[str]:
        """Keys in more than 15% of sentences, and in three at least (in a short article every
        name is in 15% of them): names too common to pick out a subject."""
        limit = max(COMMON_SHARE * len(self.index.sentences), 2)
        return frozenset(k for k, n in self.frequency.items() if n > limit)

    def alias(self, key: str) -> frozenset[str]:
        """Common nouns that follow a name at least twice ("Oreshnik missile" -> missile)."""
        return frozenset(self.words.aliases(key))


def corpus_facts(index: Index) -> CorpusFacts:
    return cached_for(index, "claim-facts", lambda: CorpusFacts(index))


def check_claim(index: Index, claim: str, *, reader: Reader | None = None) -> ClaimCheck:
    """Check one claim against the corpus of `index`: verdict, evidence, explanation. With a
    `reader` (the trained one), its answers to the claim's questions are weighed too when the
    ranked sentences decide nothing."""
    if not isinstance(claim, str) or not claim.strip():
        raise KitError(
            'The claim is empty: pass a non-empty claim, e.g. "The Oreshnik flew at Mach 5."'
        )
    parts = split_claim(claim)
    facts = analyse(parts.statement)
    copies = copy_report(index)
    evidence = _weighed(index, parts, facts, copies, {})
    if all(e.stance == "related" for e in evidence):
        # Nothing decided among the sentences ranked by wording: ask the reader the claim's
        # questions and weigh the sentences its answers cite as well.
        read = reader_rows(index, reader, parts) if reader is not None else {}
        if read:
            evidence = _weighed(index, parts, facts, copies, read)
    verdict = verdict_of(evidence, copies)
    listed = shown(evidence, verdict)
    deciding = [e for e in listed if e.stance != "related"]
    independent = copies.independent_count([e.sentence.source for e in deciding])
    meta = {a.source: a.meta() for a in index.corpus}
    explanation = explain(facts, verdict, listed, copies, parts)
    return ClaimCheck(claim, verdict, tuple(listed), explanation, independent, meta)


def _weighed(
    index: Index,
    parts: ClaimParts,
    facts: Facts,
    copies: CopyReport,
    read: dict[int, ReaderHit],
) -> list[Evidence]:
    found = gather_evidence(index, facts, read=read)
    found = [qualified(index, e, parts, facts) for e in found]
    return superseded(discount_self_contradiction(found, copies))


def gather_evidence(
    index: Index,
    facts: Facts,
    *,
    floor: float | None = None,
    read: dict[int, ReaderHit] | None = None,
) -> list[Evidence]:
    """The candidate sentences for a claim, each with its stance (not yet discounted).
    `floor` overrides how much of the claim's wording a sentence must share; `read` adds the
    sentences the reader cited for the claim's questions (`reader_rows`)."""
    cf = corpus_facts(index)
    read = read or {}
    weights = idf_weights(facts.keys, cf.frequency, len(index.sentences))
    aliases = {k: cf.alias(k) for n in facts.names for k in name_keys(n)}
    common = cf.common()
    named = Context(frozenset(), aliases)
    ranked = _ranked_rows(index, cf, facts.text, weights, named, set(read))
    chosen = ranked[:CANDIDATES] + [rs for rs in ranked[CANDIDATES:] if rs[0] in read]
    evidence = []
    for row, relevance in chosen:
        context = Context(cf.before(row), aliases, common, floor)
        findings = compare(facts, cf.of(row), context, weights)
        hit = read.get(row)
        if not findings and hit is not None:
            findings = _reader_findings(facts, cf, row, hit, context, weights)
        if coverage(weights, context.named(cf.of(row).keys | context.before)) < DATED_COVERAGE:
            findings = [f for f in findings if f.kind != "date" or f.outcome != "match"]
        evidence.append(_evidence(index, row, relevance, findings, facts))
    return evidence


def _ranked_rows(
    index: Index,
    cf: CorpusFacts,
    claim: str,
    weights: dict[str, float],
    named: Context,
    extra: set[int] | None = None,
) -> list[tuple[int, float]]:
    """Candidate sentences with relevance in [0, 1], best first.

    Sentences, not passages, are what a stance is taken on, so candidates come straight from
    the sentence vectors (nearest to the claim) and from where the claim's rarer words occur;
    this skips the passage pipeline's per-run overhead (~20 ms) and keeps a check fast.
    """
    vector = MiniLMEncoder.shared().encode([claim])[0]
    dense = index.sentence_vectors @ vector
    k = min(DENSE_NEIGHBOURS, len(dense))
    rows = set(np.argpartition(-dense, k - 1)[:k].tolist())
    for key in sorted(weights, key=lambda key: (-weights[key], key))[:RARE_KEYS]:  # ties: by key
        rows |= set(cf.rows_of.get(key, [])[:KEY_ROWS])
    rows |= extra or set()
    scored = []
    for row in rows:
        own = named.named(cf.of(row).keys)
        around = named.named(own | cf.before(row))
        score = (
            0.45 * coverage(weights, own)
            + 0.2 * coverage(weights, around)
            + 0.35 * max(0.0, float(dense[row]))
        )
        scored.append((row, round(score, 4)))
    scored.sort(key=lambda rs: (-rs[1], rs[0]))
    return scored


def _partial(claim: Facts, findings: list[Finding]) -> bool:
    """Figures or dates the sentence confirms, but not all of the claim's: "of the 40
    passengers, 30 were Cuban" is not supported by a sentence that confirms only the 40."""
    figures = ("quantity", "ordinal")
    matched = {f.claim_text for f in findings if f.kind in figures and f.outcome == "match"}
    if len(matched) < len(claim.quantities):  # "the January 7 quake had a magnitude of 5.8"
        return True  # is not confirmed by "a 6.4 quake that hit on January 7"
    dated = {f.claim_text for f in findings if f.kind == "date" and f.outcome == "match"}
    if len(dated) < len({claim.text[d.start : d.end] for d in claim.dates}):  # each date a part
        return True  # "admitted in 1997, retired in 2001": the 1997 alone is not the claim
    return bool(claim.clock_times) and not dated  # "the Wednesday launch": the date is a part


def _evidence(
    index: Index, row: int, relevance: float, findings: list[Finding], claim: Facts | None = None
) -> Evidence:
    sentence = index.sentences[row]
    article = index.corpus[sentence.source]
    span = Span.of(sentence.source, article.text, sentence.start, sentence.end)
    findings = [f for f in findings if not contrasted_mismatch(claim, sentence.text, f)]
    mismatch = next((f for f in findings if f.outcome == "mismatch"), None)
    match = next((f for f in findings if f.outcome == "match" and f.kind != "ordinal"), None)
    match = match or next((f for f in findings if f.outcome == "match"), None)
    if mismatch is None and claim is not None and _partial(claim, findings):
        note = "states only some of the claim's figures and dates"
        return Evidence(span, "related", relevance, note=note)
    if mismatch is None and claim is not None and unsaid_numeral(claim, sentence.text):
        note = "does not state the claim's number"
        return Evidence(span, "related", relevance, note=note)
    decisive = mismatch or match
    if decisive is None:
        return Evidence(span, "related", relevance)
    stance: Stance = "refutes" if mismatch else "supports"
    mark = None
    if decisive.kind != "words":
        start = sentence.start + decisive.evidence_start
        mark = Span.of(sentence.source, article.text, start, sentence.start + decisive.evidence_end)
    return Evidence(span, stance, relevance, decisive.kind, mark, decisive.claim_text)


def _reader_findings(
    claim: Facts,
    cf: CorpusFacts,
    row: int,
    hit: ReaderHit,
    context: Context,
    weights: dict[str, float],
) -> list[Finding]:
    """The reader named the claim's subject for its "who" question in this sentence: a match
    when the sentence (with its paragraph) is about the rest of the claim and negates none of
    it. Figures are never matched here: they go through `compare`, whatever the reader says."""
    facts = cf.of(row)
    if hit.kind != "who" or claim.quantities or claim.dates or claim.negated:
        return []
    named = [n for n in claim.names if name_keys(n) & analyse(hit.answer).keys]
    around = context.named(facts.keys | context.before)
    in_names = {k for n in claim.names for k in analyse(n.text).keys}
    denied = facts.negated & (claim.keys - in_names)  # "did not chair"; not "not deter NATO"
    if not named or denied or coverage(weights, around) < READER_COVERAGE:
        return []
    if any(not name_keys(n) & around for n in claim.names if n not in named):
        return []  # "Kipchoge ran the marathon in Berlin": Berlin must be there too
    if not states_the_act(claim, facts) or office_titled(claim, facts) is False:
        return []
    if placed_elsewhere(claim, facts) or unsaid_capital(claim, context.named(facts.keys)):
        return []  # "Who resigned as Secretary of Justice?" read in "the Secretary of State"
    if (
        modified_otherwise(claim, facts)
        or order_unsaid(claim, facts)
        or told_otherwise(claim, facts)
    ):
        return []  # "the foreign minister" read in "economic development minister X"
    if not states_its_amounts(claim, facts, cf.words_around(row)):
        return []  # "about half" is not confirmed by "about a quarter"
    at = facts.text.find(hit.answer)
    if at < 0:
        return []
    return [Finding("name", "match", named[0].text, at, at + len(hit.answer))]


@dataclass(frozen=True)
class ReaderHit:
    """A sentence the reader cited for one of the claim's questions."""

    question: str
    kind: str  # "figure" | "who"
    answer: str
    score: float


def reader_rows(index: Index, reader: Reader, parts: ClaimParts) -> dict[int, ReaderHit]:
    """Ask the reader each of the claim's questions (`kit.checking.claim_parts`) and keep the
    sentences its answers cite. Only the trained reader is asked (the model-free one reads the same
    candidate sentences the checker already ranks); answers are cached per index."""
    if reader.kind != "neural" or not model_available():
        return {}
    cf = corpus_facts(index)
    out: dict[int, ReaderHit] = {}
    for question in parts.questions[:MAX_QUESTIONS]:
        kind = "who" if question.lower().startswith("who ") else "figure"
        for answer in _asked(index, reader, question).answers:
            for citation in answer.citations:
                row = cf.row_at(citation.span.source, citation.span.start)
                if row is not None and (row not in out or out[row].score < answer.score):
                    out[row] = ReaderHit(question, kind, citation.span.quote, answer.score)
    return out


def _asked(index: Index, reader: Reader, question: str) -> AnswerSet:
    answers: dict[str, AnswerSet] = cached_for(index, "claim-questions", dict)
    if question not in answers:
        if len(answers) > 4096:
            answers.clear()
        answers[question] = reader.ask(question, abstain=True)
    found: AnswerSet = answers[question]
    return found


# -- evaluation -------------------------------------------------------------------------------


@dataclass
class ClaimScore:
    id: str
    claim: str
    gold: str
    predicted: str
    evidence_valid: bool
    seconds: float
    explanation: str

    @property
    def correct(self) -> bool:
        return self.gold == self.predicted


@dataclass
class ClaimReport:
    """Label accuracy, evidence validity and latency over a gold file of claims."""

    scores: list[ClaimScore] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        if not self.scores:
            return {"questions": 0}
        ms = [s.seconds * 1000 for s in self.scores]
        return {
            "questions": len(self.scores),
            "correct": sum(s.correct for s in self.scores),
            "label_accuracy": round(statistics.fmean(s.correct for s in self.scores), 4),
            "evidence_validity": round(statistics.fmean(s.evidence_valid for s in self.scores), 4),
            "latency_ms_p50": round(float(np.percentile(ms, 50)), 2),
            "latency_ms_p95": round(float(np.percentile(ms, 95)), 2),
        }

    def by_type(self) -> dict[str, dict[str, float]]:
        """Accuracy per gold verdict."""
        out: dict[str, dict[str, float]] = {}
        for verdict in VERDICTS:
            group = [s for s in self.scores if s.gold == verdict]
            if group:
                accuracy = round(statistics.fmean(s.correct for s in group), 4)
                out[verdict] = {"n": len(group), "accuracy": accuracy}
        return out

    def details(self) -> list[str]:
        return [
            f"{'ok ' if s.correct else 'ERR'} {s.id:>8} {s.claim!r} -> {s.predicted} "
            f"(gold {s.gold}) {s.explanation}"
            for s in self.scores
        ]


class ClaimChecker(Protocol):
    """What `evaluate_claims` needs of a kit (`kit.api.FactKit` is one)."""

    def check(self, claim: str) -> ClaimCheck: ...

    def text(self, source: str) -> str: ...


def evaluate_claims(kit: ClaimChecker, records: list[dict[str, Any]]) -> ClaimReport:
    """Check every gold claim and compare the verdict; every evidence sentence and every
    highlight inside one is re-verified against the article (`text[start:end] == quote`)."""
    report = ClaimReport()
    for n, record in enumerate(records, start=1):
        claim, gold = record.get("claim"), record.get("verdict")
        if not isinstance(claim, str) or gold not in VERDICTS:
            raise KitError(
                f"Gold record {record.get('id', n)} needs a `claim` string and a `verdict` "
                f"in {', '.join(VERDICTS)}."
            )
        started = time.perf_counter()
        result = kit.check(claim)
        seconds = time.perf_counter() - started
        spans = [e.sentence for e in result.evidence]
        spans += [e.highlight for e in result.evidence if e.highlight is not None]
        valid = all(kit.text(s.source)[s.start : s.end] == s.quote for s in spans)
        report.scores.append(
            ClaimScore(
                str(record.get("id", n)),
                claim,
                str(gold),
                result.verdict,
                valid,
                seconds,
                result.explanation,
            )
        )
    return report
