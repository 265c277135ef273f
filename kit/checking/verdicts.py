"""From weighed evidence to a verdict, the evidence shown, and one line of explanation.

Supported or refuted when the evidence agrees; conflicting when independent sources take
both sides with similar strength, or state incompatible values; not_enough_info when no
sentence confirms or contradicts anything the claim asserts. A source that states the claim's
value somewhere does not also count as refuting it (articles mention other counts of other
things), and a figure the text calls an update sets aside the earlier ones.
"""

from __future__ import annotations

from itertools import combinations
from typing import Literal

from kit.checking.claim_parts import ClaimParts
from kit.checking.copies import CopyReport
from kit.checking.evidence import Evidence, as_related
from kit.language.facts import Facts, analyse
from kit.language.quantities import Quantity, same_value

Verdict = Literal["supported", "refuted", "conflicting", "not_enough_info"]
VERDICTS: tuple[Verdict, ...] = ("supported", "refuted", "conflicting", "not_enough_info")
MAX_RELATED = 3
MIN_RELATED = 0.3  # relevance below which a sentence is not worth showing
CONFLICT_RATIO = 0.75  # the weaker side of a disagreement must be this strong to conflict
_VERB_FORMS = {
    "say": ("says", "say"),
    "agree": ("says", "say"),
    "disagree": ("disagrees", "disagree"),
    "state it": ("states it", "state it"),
}
_FACT_REASONS = frozenset({"quantity", "date", "polarity", "relation", "restated"})


def discount_self_contradiction(evidence: list[Evidence], copies: CopyReport) -> list[Evidence]:
    """An article (or one copied from it) that states the claim's value does not also refute
    it: its other figures are about other things ("downed 76" next to "launched 188").
    A count that restates the claim's one with another value ("put the number at 19") is
    kept: the article reports two counts of the same thing."""
    supporting = {copies.group(e.sentence.source) for e in evidence if e.stance == "supports"}
    return [
        as_related(e)
        if e.stance == "refutes"
        and e.reason != "restated"
        and copies.group(e.sentence.source) in supporting
        else e
        for e in evidence
    ]


def superseded(evidence: list[Evidence]) -> list[Evidence]:
    """A figure the text calls an update ("has risen to 15") replaces earlier figures of
    the same thing: when only one side has one, the other side's figures are set aside."""
    for side, other in (("supports", "refutes"), ("refutes", "supports")):
        updates = [e for e in evidence if e.stance == side and e.status == "updated"]
        if updates and not any(e.stance == other and e.status == "updated" for e in evidence):
            note = f"superseded by a later figure ({updates[0].states})"
            return [
                as_related(e, note) if e.stance == other and e.reason == "quantity" else e
                for e in evidence
            ]
    return evidence


def verdict_of(evidence: list[Evidence], copies: CopyReport) -> Verdict:
    sup = [e for e in evidence if e.stance == "supports"]
    ref = [e for e in evidence if e.stance == "refutes"]
    if not sup and not ref:
        return "not_enough_info"
    if not ref:
        return "conflicting" if disagreeing_figures(sup, copies) else "supported"
    if not sup:
        return "refuted"
    if any(e.reason == "restated" for e in sup + ref):
        return "conflicting"  # two counts of the same thing: "14 workers" and "put it at 19"
    facts_sup, facts_ref = _independent_facts(sup, copies), _independent_facts(ref, copies)
    if facts_sup - facts_ref and facts_ref - facts_sup:
        return "conflicting"  # independent sources state incompatible values
    best_sup, best_ref = max(e.strength for e in sup), max(e.strength for e in ref)
    groups_sup = {copies.group(e.sentence.source) for e in sup}
    groups_ref = {copies.group(e.sentence.source) for e in ref}
    balanced = min(best_sup, best_ref) >= CONFLICT_RATIO * max(best_sup, best_ref)
    if balanced and groups_sup != groups_ref:
        return "conflicting"
    # Supported only when no other source contradicts a stated fact; refuted likewise.
    if best_sup >= best_ref:
        return "conflicting" if facts_ref - groups_sup else "supported"
    return "conflicting" if facts_sup - groups_ref else "refuted"


def disagreeing_figures(sup: list[Evidence], copies: CopyReport) -> list[Evidence]:
    """Two independent sources that each fit the claim's figure but state different values
    ("225 passengers and crew", "about 240 people"): the sources disagree with each other.
    A rounded figure agrees with the exact ones that round to it ("around 80" and 76); bounds
    ("at least nine"), updates and claims that are bounds themselves are left out."""
    stated = []
    for e in sup:
        claimed = analyse(e.claim_says or "").quantities
        if e.reason != "quantity" or e.highlight is None or e.status == "updated":
            continue
        if not claimed or claimed[0].qualifier not in _POINT:
            continue
        figures = analyse(e.highlight.quote).quantities
        if figures and figures[0].qualifier in _POINT and figures[0].kind != "vague":
            stated.append((copies.group(e.sentence.source), figures[0], e))
    for (g1, q1, e1), (g2, q2, e2) in combinations(stated, 2):
        if g1 != g2 and _values_differ(q1, q2):
            return [e1, e2]
    return []


_POINT = ("exact", "approximate")


def _values_differ(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit or same_value(a, b):
        return False
    if a.qualifier == b.qualifier:
        return True
    rounded, exact = (a, b) if a.qualifier == "approximate" else (b, a)
    digits = str(int(rounded.value)) if rounded.value == int(rounded.value) else ""
    step = 10 ** (len(digits) - len(digits.rstrip("0"))) if digits else 1
    return round(exact.value / step) * step != rounded.value


def _independent_facts(side: list[Evidence], copies: CopyReport) -> set[int]:
    """The independence groups that take this side on a stated fact (a figure, a date, a
    negation), not only on wording."""
    return {copies.group(e.sentence.source) for e in side if e.reason in _FACT_REASONS}


def shown(evidence: list[Evidence], verdict: Verdict) -> list[Evidence]:
    """Deciding evidence first (strongest first), then a few related sentences for context."""
    deciding = [e for e in evidence if e.stance != "related"]
    if verdict == "supported":
        deciding = [as_related(e) if e.stance == "refutes" else e for e in deciding]
    elif verdict == "refuted":
        deciding = [as_related(e) if e.stance == "supports" else e for e in deciding]
    deciding.sort(key=lambda e: (e.stance == "related", -e.strength))
    related = [e for e in evidence if e.stance == "related" and e.relevance >= MIN_RELATED]
    related.sort(key=lambda e: e.note is None)  # set-aside sentences first: they explain
    return deciding + related[:MAX_RELATED]


def explain(
    facts: Facts,
    verdict: Verdict,
    evidence: list[Evidence],
    copies: CopyReport,
    parts: ClaimParts | None = None,
) -> str:
    """One line a reader can check: "claim says Mach 5; 2 sources say Mach 11 (2 independent)"."""
    line = _explain(facts, verdict, evidence, copies)
    speaker = parts.speaker if parts else None
    others = [e for e in evidence if e.note and e.note.startswith("not attributed to")]
    stating = [e for e in others if "(states " in (e.note or "")]
    if speaker and stating:
        named = (e.attribution.who for e in stating if e.attribution and e.attribution.who)
        who = list(dict.fromkeys(named))
        n = len({e.sentence.source for e in stating})
        line += f"; {n} {'source states' if n == 1 else 'sources state'} the claim's value"
        line += f" without attributing it to {speaker}"
        if who:
            line += f" (attributed to {', '.join(who[:3])})"
    related = [e for e in evidence if e.stance == "related"]
    set_aside = [e.note for e in related if e.note and not e.note.startswith("not attributed")]
    set_aside.sort(key=lambda note: note.startswith("about "))  # a rumour or update first
    if set_aside and verdict != "supported":
        line += f"; set aside: {set_aside[0]}"
    return line


def _explain(facts: Facts, verdict: Verdict, evidence: list[Evidence], copies: CopyReport) -> str:
    sup = [e for e in evidence if e.stance == "supports"]
    ref = [e for e in evidence if e.stance == "refutes"]
    if verdict == "not_enough_info":
        return _no_info(facts)
    if verdict == "conflicting" and not ref:
        one, other = disagreeing_figures(sup, copies)
        return f"sources disagree: {_side([one], copies, 'say')}; {_side([other], copies, 'say')}"
    if verdict == "conflicting" and any(e.reason == "restated" for e in sup + ref):
        return _two_counts(sup + ref)
    if verdict == "conflicting":
        return f"sources disagree: {_side(sup, copies, 'say')}; {_side(ref, copies, 'say')}"
    side = sup if verdict == "supported" else ref
    said = next((e.claim_says for e in side if e.claim_says and e.reason != "words"), None)
    if said is None:
        return f"{_side(side, copies, 'state it' if verdict == 'supported' else 'disagree')}"
    return f"claim says {said}; {_side(side, copies, 'say')}"


def _two_counts(deciding: list[Evidence]) -> str:
    """ "claim says 14 workers; 1 source gives two counts of it: 14 workers / 19"."""
    said = next((e.claim_says for e in deciding if e.claim_says), "its figure")
    counts = list(dict.fromkeys(e.states for e in deciding if e.states))
    n = len({e.sentence.source for e in deciding})
    gives = "1 source gives" if n == 1 else f"{n} sources give"
    return f"claim says {said}; {gives} different counts of it: {' / '.join(counts[:3])}"


def _side(side: list[Evidence], copies: CopyReport, verb: str) -> str:
    sources = list(dict.fromkeys(e.sentence.source for e in side))
    n, k = len(sources), copies.independent_count(sources)
    stated = list(dict.fromkeys(e.states for e in side if e.states))
    stated = [v for v in stated if not any(o != v and o.startswith(v + " ") for o in stated)]
    what = f" {' / '.join(stated[:3])}" if stated and verb in ("say", "agree", "disagree") else ""
    verb = _VERB_FORMS[verb][0 if n == 1 else 1]
    noun = "source" if n == 1 else "sources"
    return f"{n} {noun} {verb}{what} ({k} independent)"


def _no_info(facts: Facts) -> str:
    figures = [facts.text[q.start : q.end] for q in facts.quantities]
    figures += [facts.text[d.start : d.end] for d in facts.dates]
    if figures:
        return f"no source states or contradicts {', '.join(figures)}"
    return "no source states or contradicts the claim"
