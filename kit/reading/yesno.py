"""Yes/no questions: find the sentence that states the question's content, then read its polarity.

"Were there any fatalities?" is answered by the sentence that shares the question's content
words (with concepts: "fatalities" ~ "killed" ~ "deaths") and says "No" when that sentence
negates what the question asks about ("no fatalities were reported", "six nonnuclear
warheads", "has not been confirmed"), "Yes" when it states it plainly. A sentence that covers
too little of the question decides nothing: the answer is then "not stated", never a guess.
The citation is the words that decide it.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from kit.language.facts import Facts, analyse, key_of
from kit.reading.questions import QuestionType
from kit.reading.results import Answer, Citation
from kit.spans import Span

if TYPE_CHECKING:
    from kit.reading.ranking import SentenceRanker

AUXILIARIES = frozenset(
    "is are was were did does do has have had can could will would should may might".split()
)
MIN_COVERAGE = 0.75  # of the question's content (IDF-weighted) the deciding sentence must state
# and of what it asks apart from names (its lower-case words), stated in the sentence itself:
# "Did Putin travel to X?" is not decided by a sentence that names Putin and X only
MIN_PLAIN_COVERAGE = 0.5
SENTENCES = 5
_NON = re.compile(r"\b(?:non-?|un)([a-z]{3,})", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
# Two things compared in one sentence ("the original Flyboard, propelled by jets of water,
# unlike the Flyboard Air"): which words belong to which thing is beyond word matching.
_CONTRAST = re.compile(
    r"\b(?:unlike|whereas|as opposed to|in contrast to|rather than|instead of)\b", re.I
)
# Words that say a planned event did not take place ("cancel a scheduled session").
_CALLED_OFF = re.compile(
    r"\b(?:cancel(?:l?ed|l?ing|s)?|call(?:ed|ing|s)? off|postpon(?:e|ed|es|ing)|scrap(?:ped|s)?"
    r"|abandon(?:ed|s|ing)?|suspend(?:ed|s|ing)?)\b",
    re.I,
)
_HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|claim(?:s|ed)?|unconfirmed|may have|might)\b", re.I
)


def is_yes_no(question: str) -> bool:
    """Starts with an auxiliary verb and offers no alternatives ("... or ...?")."""
    words = question.strip().split()
    return bool(words) and words[0].lower() in AUXILIARIES and " or " not in question.lower()


def yes_no(ranking: SentenceRanker, question: str, qtype: QuestionType) -> Answer | None:
    """ "Yes" or "No" with the deciding evidence, or None when no sentence states the content."""
    asked = analyse(question)
    weights = {
        k: ranking.idf.get(k, math.log(1 + len(ranking.index.sentences)))
        for k in asked.keys
        if k not in {key_of(a) for a in AUXILIARIES}
    }
    total = sum(weights.values())
    if total == 0:
        return None
    plain = _plain_keys(question)
    plain_total = sum(w for k, w in weights.items() if k in plain)
    best: tuple[float, int, str, tuple[int, int]] | None = None
    asks_called_off = _CALLED_OFF.search(question) is not None
    for ranked in ranking.rank(question, qtype)[:SENTENCES]:
        sentence = ranking.index.sentences[ranked.row]
        facts = analyse(sentence.text)
        prefixed = {key_of(m.group(1)): m.span() for m in _NON.finditer(sentence.text)}
        # the place or subject may be named a sentence or two earlier ("... struck Dnipro.
        # While no fatalities were reported, ..."): only names are taken from there
        own = facts.keys | set(prefixed)
        keys = own | (_context_keys(ranking, ranked.row) - plain)
        covered = sum(w for k, w in weights.items() if k in keys) / total
        if covered < MIN_COVERAGE or (best is not None and covered <= best[0]):
            continue
        stated = sum(w for k, w in weights.items() if k in plain and k in own)
        if stated < MIN_PLAIN_COVERAGE * plain_total:
            continue
        if _HEDGES.search(sentence.text) or _CONTRAST.search(sentence.text):
            continue  # a rumour or a claim decides nothing, nor does a comparison of two things
        decided = _opposite(question, sentence.text, asked, facts) or _polarity(
            sentence.text, facts, prefixed, asked, weights, asks_called_off
        )
        best = (covered, ranked.row, *decided)
    if best is None:
        return None
    covered, row, verdict, (start, end) = best
    sentence = ranking.index.sentences[row]
    text = ranking.index.corpus[sentence.source].text
    probability = 0.5 + 0.45 * (covered - MIN_COVERAGE) / (1 - MIN_COVERAGE + 1e-9)
    citation = Citation(
        Span.of(sentence.source, text, sentence.start + start, sentence.start + end),
        Span.of(sentence.source, text, sentence.start, sentence.end),
        probability,
    )
    return Answer(verdict, "yes_no", probability, (citation,))


def _polarity(
    text: str,
    facts: Facts,
    prefixed: dict[str, tuple[int, int]],
    asked: Facts,
    weights: dict[str, float],
    asks_called_off: bool,
) -> tuple[str, tuple[int, int]]:
    """ "No" when the sentence and the question disagree on a word's polarity (the rarest such
    word decides): the sentence negates what the question asks ("no fatalities"), or the
    question negates what the sentence states ("without Washington's approval" against "after
    receiving Washington's approval"); also when the sentence calls off what the question asks
    about ("prompting parliament to cancel a scheduled session") and the question does not ask
    whether it was called off. Else "Yes"."""
    for key in sorted(weights, key=lambda k: (-weights[k], k)):  # rarest word first, fixed
        in_sentence = key in facts.negated or (key in prefixed and key not in facts.keys)
        if in_sentence == (key in asked.negated) or not (in_sentence or key in facts.keys):
            continue
        if key in facts.negated:
            return "No", _negation_span(facts.negation_spans, key)
        if in_sentence:
            return "No", prefixed[key]
        return "No", _matched_span(text, set(weights))  # the plain statement it denies
    where = _matched_span(text, set(weights))
    called_off = _CALLED_OFF.search(text)
    if called_off and not asks_called_off:
        return "No", called_off.span()
    return "Yes", where


# Words whose opposite, stated in the sentence, answers No ("the same as" against "entirely
# different from"); both directions.
_OPPOSITES = {
    key_of(a): key_of(b)
    for pair in (
        "same different",
        "survive die",
        "alive dead",
        "win lose",
        "increase decrease",
        "rise fall",
        "guilty innocent",
        "public private",
        "accept reject",
        "acquit convict",
    )
    for a, b in (pair.split(), pair.split()[::-1])
}


def _opposite(
    question: str, text: str, asked: Facts, facts: Facts
) -> tuple[str, tuple[int, int]] | None:
    """ "No" when the sentence states the opposite of a word the question asks about and not
    the word itself, neither of them negated: "Were the strains the same as ...?" against
    "were almost entirely different from ..." ("not different" is left to `_polarity`)."""
    if asked.negated or facts.negated:
        return None
    words = {key_of(m.group()) for m in _WORDS.finditer(question)}
    said = [(key_of(m.group()), m.span()) for m in _WORDS.finditer(text)]
    keys = {k for k, _ in said}
    for key in sorted(words):
        other = _OPPOSITES.get(key)
        if other is None or key in keys or other not in keys or other in words:
            continue
        return "No", next(span for k, span in said if k == other)
    return None


def _plain_keys(question: str) -> frozenset[str]:
    """Keys of the question's lower-case words (what it asks about, not whom)."""
    return frozenset(
        key_of(m.group()) for m in _WORDS.finditer(question) if not m.group()[:1].isupper()
    )


def _context_keys(ranking: SentenceRanker, row: int, span: int = 2) -> frozenset[str]:
    sentences = ranking.index.sentences
    source = sentences[row].source
    keys: set[str] = set()
    for r in range(max(0, row - span), row):
        if sentences[r].source == source:
            keys |= analyse(sentences[r].text).keys
    return frozenset(keys)


def _negation_span(spans: tuple[tuple[int, int, str], ...], key: str) -> tuple[int, int]:
    return next((s, e) for s, e, k in spans if k == key)


def _matched_span(text: str, keys: set[str]) -> tuple[int, int]:
    """From the first to the last word of the sentence that the question asks about."""
    hits = [m.span() for m in _WORDS.finditer(text) if key_of(m.group()) in keys]
    if not hits:
        return 0, len(text)
    return hits[0][0], hits[-1][1]
