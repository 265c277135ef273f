"""Words that exclude each other in one slot: a medal's colour, a place in a ranking (a
superlative's too: "the second-highest-grossing" is not "the highest-grossing"), how often
something recurs. "Rai Benjamin won the gold medal" is contradicted by "The silver medal was
won by Rai Benjamin"; "held every year" by "held every other year". Figures and names have
their own rules (`kit.checking.stance`); these are the closed word classes that neither rule reads.

Each reading is (class, value, noun key, start, end), offsets into the text it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.language.text import stem

_MEDALS = "gold silver bronze".split()
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_CLASSES = {word: ("medal", word) for word in _MEDALS} | {
    word: ("rank", str(n)) for n, word in enumerate(_ORDINALS, start=1)
}
_RANKED_NOUNS = frozenset(stem(w) for w in "place medal medallist medalist finish".split())
_CLASS_WORD = re.compile(r"(?i)\b(" + "|".join(_CLASSES) + r")\b(?:[\s-]+([^\W\d_]+))?")
_FINISHED = re.compile(r"(?i)\b(?:finish(?:ed|es)?|came|placed|ranked)\s+(?:in\s+)?$")
_COUNTS = {"other": 2, "second": 2, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_EVERY = re.compile(
    r"(?i)\bevery\s+(?:(other|second|two|three|four|five|ten|\d+)\s+)?"
    r"(day|week|month|year|decade|century)s?\b"
)
_SUPERLATIVE = re.compile(
    r"(?i)\b(?:(" + "|".join(_ORDINALS[1:]) + r")[\s-]+)?(highest|largest|biggest|greatest|most|"
    r"best|oldest|tallest|longest|lowest|smallest|busiest|richest|poorest|deepest|fastest)"
    r"\b(?:[\s-]+([^\W\d_]+))?"
)
_PER_YEAR = re.compile(r"(?i)\b(annual(?:ly)?|yearly|biennial(?:ly)?|biannual(?:ly)?)\b")
_PER_YEAR_VALUE = {"annual": "1 year", "yearly": "1 year", "biennial": "2 year"}


@dataclass(frozen=True)
class Reading:
    kind: str  # medal | rank | superlative | frequency
    value: str  # "gold", "3", "2 year"
    noun: str  # the key of the noun it qualifies ("medal", "place"); "" for a frequency
    start: int
    end: int


def readings(text: str) -> list[Reading]:
    """Every medal colour, ranking place and recurrence the text states."""
    out = []
    for m in _CLASS_WORD.finditer(text):
        kind, value = _CLASSES[m.group(1).lower()]
        noun = stem(m.group(2).lower()) if m.group(2) else ""
        if kind == "medal" and noun not in _RANKED_NOUNS:
            noun = "medal"  # "won the gold", "took silver in Doha"
        elif kind == "rank" and noun not in _RANKED_NOUNS:
            if not _FINISHED.search(text[: m.start()]):
                continue  # "the first time", "a second attack": not a place in a ranking
            noun = "place"  # "finished third"
        end = m.end() if m.group(2) and stem(m.group(2).lower()) == noun else m.end(1)
        if noun in ("medallist", "medalist"):
            noun = "medal"
        out.append(Reading(kind, value, noun, m.start(), end))
    for m in _SUPERLATIVE.finditer(text):  # "the second-highest-grossing" is not the highest
        rank = _ORDINALS.index(m.group(1).lower()) + 1 if m.group(1) else 1
        noun = " ".join(stem(w.lower()) for w in m.groups()[1:] if w)
        out.append(Reading("superlative", str(rank), noun, m.start(), m.end()))
    for m in _EVERY.finditer(text):
        count = m.group(1)
        n = _COUNTS.get(count.lower(), 0) if count and not count.isdigit() else int(count or 1)
        out.append(Reading("frequency", f"{n} {m.group(2).lower()}", "", m.start(), m.end()))
    for m in _PER_YEAR.finditer(text):
        word = m.group(1).lower().removesuffix("ly")
        per = _PER_YEAR_VALUE.get(word)
        if per is not None:  # "biannual" is ambiguous (twice a year or every two years)
            out.append(Reading("frequency", per, "", m.start(), m.end()))
    return out


_ORDER_WORD = re.compile(r"(?i)\b(before|after)\b")
_CLAUSE_END = re.compile(r"[,;:.()]")
_OPPOSITE = {"before": "after", "after": "before"}


def _ordered(text: str) -> list[tuple[str, frozenset[str], int, int]]:
    """Each "before" / "after" with the content words of the phrase it opens (up to five)."""
    out = []
    for m in _ORDER_WORD.finditer(text):
        rest = _CLAUSE_END.split(text[m.end() :], maxsplit=1)[0]
        words = [stem(w.lower()) for w in re.findall(r"[^\W\d_]{3,}", rest)][:5]
        keys = frozenset(w for w in words if w not in _FILLER)
        out.append((m.group(1).lower(), keys, m.start(), m.end()))
    return out


_FILLER = frozenset(
    stem(w) for w in "any the any all its his her their them him was were had".split()
)


def order_contradiction(claim: str, sentence: str) -> tuple[int, int, int, int] | None:
    """(claim start, end, sentence start, end) when the claim puts its act "before" what the
    sentence puts it "after", or the other way round, and the sentence never says the claim's
    own word of that phrase: "resigned before any allegations came to light" / "after sexual
    misconduct allegations came to light, Conyers resigned". Two words of the phrase shared,
    and most of the claim's other words (the act) said by the sentence."""
    theirs = _ordered(sentence)
    said = _keys(sentence)
    for word, keys, start, end in _ordered(claim):
        same = [t for t in theirs if len(t[1] & keys) >= 2]
        if not same or any(t[0] != _OPPOSITE[word] for t in same):
            continue
        act = _keys(claim) - keys  # the act ordered must be the sentence's too
        if act and len(act & said) >= 0.5 * len(act):
            return start, end, same[0][2], same[0][3]
    return None


def _keys(text: str) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[^\W\d_]{3,}", text)} - _FILLER


def contradiction(claim: str, sentence: str) -> tuple[Reading, Reading] | None:
    """(the claim's reading, the sentence's other value) when the sentence states another
    value of the same class for the same noun and never the claim's own: "won the gold
    medal" vs "the silver medal was won"; None when they agree or say nothing comparable."""
    theirs = readings(sentence)
    for mine in readings(claim):
        same = [r for r in theirs if r.kind == mine.kind and r.noun == mine.noun]
        if same and not any(r.value == mine.value for r in same):
            return mine, same[0]
    return None
