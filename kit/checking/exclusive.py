"""Words that exclude each other in one slot: a medal's colour, a place in a ranking, how often
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
_PER_YEAR = re.compile(r"(?i)\b(annual(?:ly)?|yearly|biennial(?:ly)?|biannual(?:ly)?)\b")
_PER_YEAR_VALUE = {"annual": "1 year", "yearly": "1 year", "biennial": "2 year"}


@dataclass(frozen=True)
class Reading:
    kind: str  # medal | rank | frequency
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
