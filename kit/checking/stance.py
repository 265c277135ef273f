"""Whether a sentence supports or refutes a claim, fact by fact (the facts: `kit.language.facts`).

A claim is read into facts: figures (`kit.language.quantities`), dates, names
(`kit.language.entities`), content words (stemmed, with a few concepts such as "killed" ~
"fatalities") and what it negates ("no fatalities"). A sentence is read the same way, once per
index. The stance of a sentence is decided by rules a reader can follow:

- a figure of the same dimension (and, for counts, the same counted thing, said with one of the
  claim's words nearby; for durations, of the same thing lasting) that is `compatible` with the
  claim's supports it; one that is not refutes it ("Mach 5" vs "Mach 11"); a hedged figure
  far from the claim's says nothing;
- a date with a different stated day, month, year or weekday refutes;
- the same concept with the opposite polarity refutes ("killed dozens" vs "no fatalities");
- a different name in the claim name's slot ("X called the attack ...") refutes;
- a person titled with another country's or body's office, or with another qualifier
  (deputy, acting, former), refutes (`kit.checking.offices`);
- another compass direction from the same place, or a clock time that cannot meet the
  claim's, refutes (`kit.language.relations`);
- a sentence whose clause about the claim's subject places it elsewhere ("the second in its
  car park" against "inside the cathedral") supports nothing (`kit.checking.places`);
- with no figure or date to check, a sentence that covers the claim's words and names supports.

Only sentences about the claim's subject (its names and most of its words, in the sentence or
earlier in its paragraph) take a stance; the rest are "related".
"""

from __future__ import annotations

import math
import re

from kit.checking.counted import (
    EVENT_SYNONYMS,
    FRAME_REACH,
    UNIT_GROUP,
    age_of,
    another_date_of_its_event,
    date_of_another_thing,
    dimension,
    frame_distance,
    other_source,
    possessed,
    restated,
    same_date_event,
    same_for_refuting,
    same_thing,
)
from kit.checking.exclusive import contradiction, order_contradiction
from kit.checking.modifiers import elided_denial, modified_otherwise, not_this_denial
from kit.checking.names import acronym, compare_names, numbered_otherwise, unsaid_capital
from kit.checking.occasions import counts_another_occasion, counts_nothing_of_it
from kit.checking.offices import compare_qualifiers, compare_role, office_places, office_titled
from kit.checking.places import name_present, order_unsaid, placed_elsewhere, words_may_support
from kit.checking.prefixes import compare_prefix
from kit.checking.roles import told_otherwise
from kit.ingest.passages import Sentence
from kit.language.entities import Name
from kit.language.facts import (
    CONCEPTS,
    DENIALS,
    Context,
    Facts,
    Finding,
    Word,
    analyse,
    coverage,
    denied_figure,
    figure_denial,
    key_of,
    name_keys,
    word_keys,
)
from kit.language.facts import WORD as _WORD
from kit.language.facts import is_content as _is_content
from kit.language.measures import parse
from kit.language.quantities import Quantity, compatible
from kit.language.relations import compare_date, compare_direction, compare_times
from kit.language.time_frames import time_frame

__all__ = [
    "Context",
    "Facts",
    "Finding",
    "Word",
    "analyse",
    "compare",
    "coverage",
    "idf_weights",
    "key_of",
    "name_keys",
    "states_its_amounts",
    "states_the_act",
    "word_keys",
]

DATE_TOPIC = 0.5  # share of the claim's other words a sentence must hold to contradict a date
NEAR_GAP = 0.25  # a hedged figure this far from the claim's neither supports nor refutes


def compare(
    claim: Facts, sentence: Facts, context: Context, weights: dict[str, float]
) -> list[Finding]:
    """Every fact of the claim that the sentence confirms or contradicts."""
    own = _with_synonyms(context.named(sentence.keys), claim.keys)
    around = _with_synonyms(context.named(sentence.keys | context.before), claim.keys)
    topic = {k: w for k, w in weights.items() if k not in claim.figure_keys}
    missing = [n for n in claim.names if not _named(n, around)]
    missing = [n for n in missing if (a := acronym(n)) is None or key_of(a) not in around]
    missing = [n for n in missing if not name_keys(n) <= context.common]
    floor = _topic_floor(claim) if context.floor is None else context.floor
    if numbered_otherwise(claim, sentence):
        return []  # "BeiDou-1 consists of three satellites" says nothing of BeiDou-2
    if missing and all(name_keys(n) <= office_places(claim) for n in missing):
        return compare_role(claim, sentence)  # "Prime Minister of Sweden": Sweden is compared
    if len(missing) > 1 or coverage(topic, around) < floor:
        return []
    if missing:  # one name not there: only a different name in its slot can say something
        return compare_names(claim, sentence, weights)
    findings: list[Finding] = list(compare_prefix(claim, sentence))
    findings.extend(compare_role(claim, sentence))
    findings.extend(compare_qualifiers(claim, sentence))
    findings.extend(compare_direction(claim, sentence))
    for q in claim.quantities:
        findings.extend(_compare_quantity(claim, q, sentence, around))
    when = _compare_when(claim, sentence, coverage(topic, own) >= DATE_TOPIC)
    if counts_another_occasion(claim, sentence, findings):
        when = [f for f in when if f.outcome != "mismatch"]
    findings.extend(when)
    findings.extend(_compare_polarity(claim, sentence))
    findings.extend(compare_names(claim, sentence, weights))
    findings.extend(_compare_exclusive(claim, sentence))
    if not findings and not claim.quantities and not claim.dates and not claim.clock_times:
        findings.extend(_compare_words(claim, sentence, weights, own, around))
    ordinals = _compare_ordinals(claim, sentence)
    if ordinals and (
        any(f.outcome == "match" for f in findings)
        or _compare_words(claim, sentence, weights, own, around)
    ):
        findings.extend(ordinals)  # "the second" names which one: it confirms nothing alone
    # "the second in its car park": not the cathedral; "a raw egg": not the hard-boiled one
    if any(f.outcome == "match" for f in findings) and (
        placed_elsewhere(claim, sentence)
        or modified_otherwise(claim, sentence)
        or told_otherwise(claim, sentence)  # Lavoisier named it, not Cavendish
        or not states_its_amounts(claim, sentence, shares=True)  # "half": not "a third"
    ):
        findings = [f for f in findings if f.outcome != "match"]
    return findings


def _named(name: Name, around: frozenset[str]) -> bool:
    present = name_present(name, around)  # "Rockland County" is not "Westchester County"
    return bool(name_keys(name) & around) if present is None else present


def _with_synonyms(keys: frozenset[str], claim_keys: frozenset[str]) -> frozenset[str]:
    """`keys` plus the claim's words whose event the keys name another way ("carrying" for
    "on board", "fired" for "launched")."""
    events = {EVENT_SYNONYMS[k] for k in keys if k in EVENT_SYNONYMS}
    return keys | {k for k in claim_keys if EVENT_SYNONYMS.get(k) in events}


def _compare_when(claim: Facts, sentence: Facts, own_topic: bool) -> list[Finding]:
    """Dates and clock times. A date differs only in a sentence about the same event itself;
    a date or time alone does not say what happened, so a match needs the claim's verb."""
    acts = states_the_act(claim, sentence) and states_its_amounts(claim, sentence)
    acts = acts and not order_unsaid(claim, sentence)  # "founded in 1891, before the ... had"
    unrelated = counts_nothing_of_it(claim, sentence)  # "opened in 1997" / "handled in 2013"
    findings: list[Finding] = []
    each = [(d, compare_date(claim, d, sentence)) for d in claim.dates]
    dated = {_span(f) for _, fs in each for f in fs if f.outcome == "match"}
    if len(dated) < len(sentence.dates):
        dated = set()  # the sentence has another date of its own to differ
    for d, found in each:  # a date the claim itself gives to something else is no mismatch
        found = [f for f in found if f.outcome == "match" or _span(f) not in dated]
        found = [f for f in found if not date_of_another_thing(claim, sentence, f)]
        found = [f for f in found if f.outcome == "match" or not _in_range(claim, sentence, f)]
        found = [
            f
            for f in found
            if _tally_dated(claim.text, d.start) == _tally_dated(sentence.text, f.evidence_start)
        ]
        found = [f for f in found if not another_date_of_its_event(claim, d, sentence, f)]
        same_event = any(same_date_event(claim, d, sentence, f) for f in found)
        findings.extend(
            f
            for f in found
            if (f.outcome == "match" and acts)
            or (f.outcome == "mismatch" and (own_topic or same_event) and not unrelated)
        )
    if claim.clock_times:
        found = compare_times(claim, sentence)
        findings.extend(f for f in found if f.outcome == "mismatch" or acts)
    return findings


def _span(f: Finding) -> tuple[int, int]:
    return f.evidence_start, f.evidence_end


def _compare_exclusive(claim: Facts, sentence: Facts) -> list[Finding]:
    """Another medal, ranking place or recurrence (`kit.checking.exclusive`) in a sentence that
    names everyone the claim names itself: "the silver medal was won by Rai Benjamin" refutes "Rai
    Benjamin won the gold"; "held every other year" refutes "held every year"."""
    order = order_contradiction(claim.text, sentence.text)
    if order is not None:  # "before the allegations" / "after the allegations"
        start, end, at, to = order
        return [Finding("polarity", "mismatch", claim.text[start:end], at, to)]
    if any(not name_keys(n) & sentence.keys for n in claim.names):
        return []
    found = contradiction(claim.text, sentence.text)
    if found is None:
        return []
    mine, theirs = found
    return [
        Finding("polarity", "mismatch", claim.text[mine.start : mine.end], theirs.start, theirs.end)
    ]


_AS_OF = re.compile(r"(?i)\bas[ \u00a0]+(?:of|at)[ \u00a0]+$")


def _tally_dated(text: str, start: int) -> bool:
    """ "as of Wednesday, 1885 aftershocks had occurred": the date is the tally's, not the
    event's, so it is compared only with another tally's date."""
    return _AS_OF.search(text[max(0, start - 12) : start]) is not None


_RANGE_OPEN = re.compile(r"(?i)\b(?:from|between)\s+$")
_RANGE_JOIN = re.compile(r"(?i)^\s*(?:to|and|until|through|-|\u2013)\s*$")


def _in_range(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """ "from 2013 to 2019" holds "March 2018": a date inside the claim's range differs from
    neither end of it."""
    evidence = next((d for d in sentence.dates if d.start == f.evidence_start), None)
    if evidence is None or evidence.year is None:
        return False
    for first, last in zip(claim.dates, claim.dates[1:], strict=False):
        opened = _RANGE_OPEN.search(claim.text[max(0, first.start - 10) : first.start])
        joined = _RANGE_JOIN.match(claim.text[first.end : last.start])
        if not (opened and joined and first.year is not None and last.year is not None):
            continue
        if first.year <= evidence.year <= last.year:
            return True
    return False


def _topic_floor(claim: Facts) -> float:
    """How much of the claim's other words a sentence must share to be about the same thing:
    less when named subjects already pin it down ("Russia ... drones")."""
    return 0.3 if claim.names else 0.5


def _compare_quantity(
    claim: Facts, cq: Quantity, sentence: Facts, around: frozenset[str]
) -> list[Finding]:
    """A match when one aligned figure agrees, else a mismatch when one disagrees; a count
    that restates an earlier one ("put the number at 19") is its own kind of finding."""
    if cq.kind == "ordinal":
        return []  # "the second bomb" says which one, not how many (`_compare_ordinals`)
    said = claim.text[cq.start : _phrase_end(cq)]
    denied = denied_figure(claim, cq)
    mismatches: list[tuple[int, Finding]] = []
    age = age_of(claim.text, cq)
    for eq in sentence.quantities:
        if eq.kind == "ordinal":
            continue
        if age is not None and not denied and age_of(sentence.text, eq) == age:
            return [
                Finding("quantity", "match", said, eq.start, eq.end)
            ]  # "28-year-old", "aged 28"
        if not denied and restated(claim, cq, sentence, eq, around):
            outcome = "match" if compatible(cq, eq) and _informative(cq, eq) else "mismatch"
            return [Finding("restated", outcome, said, eq.start, eq.end)]
        if dimension(eq) != dimension(cq) or not same_thing(claim, cq, sentence, eq):
            continue
        distance = frame_distance(claim, cq, sentence, eq)
        if distance > FRAME_REACH and possessed(claim, cq, sentence, eq):
            distance = 0  # "the Turpins have eleven children": "... of their thirteen children"
        if distance > FRAME_REACH or _periods_differ(claim, cq, sentence, eq):
            continue
        if other_source(claim, sentence, eq):
            continue  # "6.4 by the USGS" against "Phivolcs recorded ... 6.4"
        if denied_figure(sentence, eq) != denied:  # "none were under 25" vs "under 25"
            if compatible(cq, eq) and cq.value == eq.value:  # the same figure, denied
                at = figure_denial(sentence, eq)
                start = eq.start if at is None else at
                mismatch = Finding("quantity", "mismatch", said, start, _phrase_end(eq))
                mismatches.append((distance, mismatch))
            continue
        if compatible(cq, eq):
            if _informative(cq, eq):
                return [Finding("quantity", "match", said, eq.start, _phrase_end(eq))]
        elif not denied and same_for_refuting(claim, cq, sentence, eq):
            mismatch = Finding("quantity", "mismatch", said, eq.start, _phrase_end(eq))
            mismatches.append((distance, mismatch))
    return [min(mismatches, key=lambda dm: dm[0])[1]] if mismatches else []


def _compare_ordinals(claim: Facts, sentence: Facts) -> list[Finding]:
    """The claim's ordinals the sentence states too ("the first known exoplanet"): they say
    which thing is meant, so they are parts of the claim to confirm, never a count to compare
    (another ordinal, "the second-fastest time", says nothing against "finished third")."""
    out = []
    for cq in claim.quantities:
        if cq.kind != "ordinal":
            continue
        said = claim.text[cq.start : cq.end]
        same = [e for e in sentence.quantities if e.kind == "ordinal" and e.value == cq.value]
        out += [Finding("ordinal", "match", said, e.start, e.end) for e in same[:1]]
    return out


_PERIOD_SKIP = frozenset("in the a an one past last per each this over during for of".split())
_PERIOD_WORDS = {"overnight": "night", "tonight": "night", "daily": "day", "weekly": "week"}
_PERIOD_WORDS |= {"monthly": "month", "annually": "year", "yearly": "year"}


def _periods_differ(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Both figures state the period they cover and the periods differ ("in November" vs
    "over the past week"): a month's total and a week's are different quantities."""
    if UNIT_GROUP.get(cq.unit) == "duration":
        return False
    mine, theirs = _period(claim.text, cq), _period(sentence.text, eq)
    if mine is None or theirs is None or mine == theirs:
        return False
    # the sentence states the claim's period too ("from March noted ... 126 skins ... from 2013
    # to 2019"): the nearer frame may be another clause's, so no other period is shown
    frame = time_frame(claim.text, Sentence("", 0, 0, len(claim.text), claim.text), cq)
    return frame is None or frame.lower() not in sentence.text.lower()


def _period(text: str, q: Quantity) -> str | None:
    frame = time_frame(text, Sentence("", 0, 0, len(text), text), q)
    if frame is None:
        return None
    words = [w.lower() for w in _WORD.findall(frame) if w.lower() not in _PERIOD_SKIP]
    return " ".join(_PERIOD_WORDS.get(w, w.removesuffix("s")) for w in words) or None


def _phrase_end(q: Quantity) -> int:
    """Where the figure's phrase ends: after its noun when the noun follows closely."""
    if q.noun_span and 0 <= q.noun_span[0] - q.end <= 16:
        return q.noun_span[1]
    return q.end


def _informative(cq: Quantity, eq: Quantity) -> bool:
    """ "more than ten" is compatible with 150 but says nothing about it."""
    if cq.value == eq.value or cq.kind == "vague" or eq.kind == "vague":
        return True
    big = max(abs(cq.value), abs(eq.value))
    return big == 0 or abs(cq.value - eq.value) / big <= NEAR_GAP


def _compare_polarity(claim: Facts, sentence: Facts) -> list[Finding]:
    """The same concept or verb, affirmed on one side and negated on the other, in a
    sentence about the claim's occasion."""
    if _dated_otherwise(claim, sentence):
        return []  # "nobody was hurt in the 2011 fire" vs "two injured workers died on Tuesday"
    direct = _directly_negated(claim) | _directly_negated(sentence)
    named = _capitalised(claim) | _capitalised(sentence)
    for key in sorted(claim.keys & sentence.keys - named):  # "without Costa Sur": no denial
        if key not in CONCEPTS.values() and not _is_verbish(claim, key) and key not in direct:
            continue
        reported = _denied(claim, key) or (_denied(sentence, key) and _REPORTS.search(claim.text))
        if reported and not _same_speaker(claim, sentence):
            continue  # "X denied that S" says what X said: only X's own words can settle it
        negated = key in claim.negated
        if negated != (key in sentence.negated):
            if not _one_form(claim, sentence, key) or elided_denial(claim.text):
                continue  # "without the constitutionally required ..." denies no constitution
            span = _polarity_span(sentence, key)
            if not_this_denial(claim, sentence, key, span, claim_denies=negated):
                continue  # "pressed Trump not to commute Blagojevich's sentence"
            return [Finding("polarity", "mismatch", _claim_phrase(claim, key), *span)]
        if negated and not _titled_denial(claim, key):  # both deny it: "nobody died" and
            span = _polarity_span(sentence, key)  # "no fatalities were reported"
            return [Finding("polarity", "match", _claim_phrase(claim, key), *span)]
    return []


_NO_WORD = re.compile(r"(?i)(?:no|not|never|none|nobody|nothing)\b")
_TITLE_BEFORE = re.compile(r"\S\s+[A-Z][a-z]*\s+$")  # a capitalised word mid-sentence


def _titled_denial(claim: Facts, key: str) -> bool:
    """A denial inside a title the claim capitalises ("the charity Have no fear"): a name,
    which denies nothing."""
    for s, _e, k in claim.negation_spans:
        if k != key or not _NO_WORD.match(claim.text, s):
            continue  # "Viktor Sand denied ...": a denial verb after a name is a denial
        if _TITLE_BEFORE.search(claim.text[:s]):
            return True
    return False


def _one_form(claim: Facts, sentence: Facts, key: str) -> bool:
    """Whether the sentence writes the claim's stem as the claim does, not only as an adverb
    of it ("constitutionally" for "constitution")."""
    mine = {claim.text[w.start : w.end].lower() for w in claim.words if w.key == key}
    theirs = {sentence.text[w.start : w.end].lower() for w in sentence.words if w.key == key}
    if not mine or not theirs:
        return True
    return not all(_adverb_of(b, a) for b in theirs for a in mine)


def _adverb_of(word: str, other: str) -> bool:
    """ "constitutionally" of "constitution": longer by an adverb's ending, not an inflection
    ("apply" / "applied" are one verb)."""
    return word.endswith("ly") and len(word) >= len(other) + 3


def _capitalised(facts: Facts) -> set[str]:
    """Keys of the words written as names (capitalised, not first in the text)."""
    return {
        w.key for w in facts.words if w.start > 0 and facts.text[w.start : w.start + 1].isupper()
    }


def _dated_otherwise(claim: Facts, sentence: Facts) -> bool:
    """Both date what they say and no date of the sentence is one of the claim's: the
    sentence tells of another occasion, whatever it affirms or denies."""
    if not claim.dates or not sentence.dates:
        return False
    found = (f for d in claim.dates for f in compare_date(claim, d, sentence))
    return not any(f.outcome == "match" for f in found)


def _denied(facts: Facts, key: str) -> bool:
    """Is the key negated by a denial ("denied that the company had ignored warnings")?"""
    return any(
        k == key and facts.text[s:e].split(None, 1)[0].lower() in DENIALS
        for s, e, k in facts.negation_spans
    )


_REPORTS = re.compile(
    r"(?i)\b(?:said|says|told|admit(?:s|ted)|acknowledg(?:es|ed)|confirm(?:s|ed)|"
    r"den(?:ied|ies|y)|insist(?:s|ed)|claim(?:s|ed)|stat(?:es|ed))\b"
)


def _speakers(facts: Facts) -> set[str]:
    """Who reports or denies: the content words before the first reporting verb ("Halden
    Coal's chief executive, Viktor Sand, denied" -> halden, coal, chief, ..., sand)."""
    verb = _REPORTS.search(facts.text)
    if verb is None:
        return set()
    return {w.key for w in facts.words if w.end <= verb.start() and _is_content(w.key)}


def _same_speaker(claim: Facts, sentence: Facts) -> bool:
    return bool(_speakers(claim) & _speakers(sentence))


def _directly_negated(facts: Facts) -> set[str]:
    """The first content word after each negation: "not airworthy", "does not offer"; the
    words further on ("would not deter NATO") are not what is denied."""
    first: dict[int, str] = {}
    for start, _end, key in facts.negation_spans:
        if _is_content(key) and key not in _DETERMINERS and start not in first:
            first[start] = key
    return set(first.values())


_DETERMINERS = frozenset(key_of(w) for w in "any all some every each".split())


def _is_verbish(claim: Facts, key: str) -> bool:
    return any(
        w.key == key and claim.text[w.start : w.end].lower().endswith(("ed", "ing"))
        for w in claim.words
    )


def _polarity_span(sentence: Facts, key: str) -> tuple[int, int]:
    for s, e, k in sentence.negation_spans:
        if k == key:
            return s, e
    w = next(w for w in sentence.words if w.key == key)
    return w.start, w.end


def _claim_phrase(claim: Facts, key: str) -> str:
    """The claim's words for a concept, with its figure: "killed dozens of people"."""
    w = next((w for w in claim.words if w.key == key), None)
    if w is None:
        return key
    end = w.end
    for q in claim.quantities:
        if 0 <= q.start - w.end <= 2:
            end = q.noun_span[1] if q.noun_span else q.end
    for s, _e, k in claim.negation_spans:
        if k == key:
            return claim.text[s:end]
    return claim.text[w.start : end]


def _compare_words(
    claim: Facts,
    sentence: Facts,
    weights: dict[str, float],
    own: frozenset[str],
    around: frozenset[str],
) -> list[Finding]:
    """No figure or date to check: the sentence must say nearly all of the claim itself,
    with the claim's own verb, and not as something called off or only planned."""
    if coverage(weights, own) < 0.7 or coverage(weights, around) < 0.8:
        return []
    if not states_its_amounts(claim, sentence):
        return []  # "a month before the blast" is not said by "a week before the blast"
    if (_directly_negated(claim) ^ _directly_negated(sentence)) & claim.keys & sentence.keys:
        return []  # a word denied on one side only: "denied any damage" vs "confirmed damage"
    if not states_the_act(claim, sentence) or office_titled(claim, sentence) is False:
        return []  # an office claim needs the person titled so, not the words anywhere
    if not words_may_support(claim, sentence, weights):
        return []  # a denial, a revised finding, a predicate noun (`kit.checking.places`)
    if unsaid_capital(claim, own):
        return []  # "Secretary of Justice" is not stated by "the Secretary of State"
    if _named_elsewhere(claim, sentence, own):
        return []  # "Tufts University": named before a sentence about Boston Medical Center
    return [Finding("words", "match", claim.text, 0, len(sentence.text))]


_REFERS_BACK = re.compile(r"(?i)^(?:it|its|he|his|she|her|they|their|this|these|that|those|the)\b")


def _named_elsewhere(claim: Facts, sentence: Facts, own: frozenset[str]) -> bool:
    """A claim name found only in the sentences before, while the sentence opens with a name
    of its own instead of referring back ("it", "the company"): it speaks of that one."""
    if _REFERS_BACK.match(sentence.text.lstrip()) or not sentence.names:
        return False
    first = word_keys(sentence.names[0].text)
    if sentence.names[0].start > 2 or any(first <= word_keys(n.text) for n in claim.names):
        return False  # it opens with one of the claim's names ("Ruge" of "Boris Ruge")
    return any(not word_keys(n.text) <= own for n in claim.names)


# words that state an amount without a figure the grammar reads: a span of time, a share,
# a multiple; a sentence with other such words says another amount
_MEASURE_WORDS = frozenset(
    key_of(w)
    for w in "second minute hour day week fortnight month year decade century half quarter "
    "third thirds fifth tenth twice double triple dozen dozens hundreds thousands millions "
    "majority minority".split()
)
_SHARE_WORDS = frozenset(key_of(w) for w in "half quarter third thirds twice double triple".split())


def states_its_amounts(
    claim: Facts, sentence: Facts, around: frozenset[str] = frozenset(), shares: bool = False
) -> bool:
    """Every amount word of the claim the figure grammar does not read ("a month", "about
    half") is in the sentence too (or `around` it, for a sentence read with its paragraph);
    with `shares`, only its shares and multiples ("half", "twice")."""
    said = word_keys(sentence.text) | around  # with the words inside figures: "two hours"
    wanted = _SHARE_WORDS if shares else _MEASURE_WORDS
    return not {w.key for w in claim.words if w.key in wanted} - said


def states_the_act(claim: Facts, sentence: Facts) -> bool:
    """The sentence has the claim's main verb (or its synonym), and not as something called
    off or only planned: "cancelled an address he was to have given" gave no address."""
    if _UNREAL.search(sentence.text) and not _UNREAL.search(claim.text):
        return False
    verb = _main_verb(claim.text)
    return verb is None or verb in {EVENT_SYNONYMS.get(k, k) for k in sentence.keys}


_UNREAL = re.compile(
    r"(?i)\b(?:cancel(?:l?ed|s)?|called off|postpon\w*|(?:was|were) to have|would have|"
    r"plan(?:s|ned)? to|fail(?:ed|s)? to|refus(?:ed|es) to|intend(?:ed|s)? to|hop(?:ed|es) to)\b"
)


def _main_verb(text: str) -> str | None:
    """The key of a claim's main verb ("chaired" -> "chair"), None for "is"/"has" or no parse."""
    doc = parse(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    if root is None or root.pos_ != "VERB":
        return None
    key = key_of(root.text)
    return None if not _is_content(key) else EVENT_SYNONYMS.get(key, key)


def idf_weights(
    keys: frozenset[str], document_frequency: dict[str, int], n: int
) -> dict[str, float]:
    """IDF per claim key: rare words ("Oreshnik", "fatalities") decide, common ones do not."""
    return {k: math.log(1 + n / (1 + document_frequency.get(k, 0))) for k in keys}
