"""Where and when: a date against a date (day, month, year or weekday), and what the figure
grammar leaves out: the compass direction from one place to another ("220 kilometres east of
Poland") and the clock time of an event ("at 6.15 pm", "shortly after 7 pm"). A claim that
names either is only supported by a sentence that states the same, and refuted by one that
states another: the distance may match while the direction does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.language.dates import clock_times
from kit.language.facts import WORD, Facts, Finding, key_of
from kit.language.quantities import DateMention

_COMPASS = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_DIRECTION = re.compile(
    rf"(?i)\b(?P<dir>{_COMPASS})(?:ern)?\s+of\s+(?P<the>the\s+)?(?P<anchor>[^\s,.;:()]+(?:\s+[^\s,.;:()]+){{0,2}})"
)
EXACT_SPAN = 30  # a time this wide or narrower is stated closely enough to confirm a claim


@dataclass(frozen=True)
class Direction:
    start: int
    end: int
    compass: frozenset[str]  # "north-east" -> {north, east}
    anchor: frozenset[str]  # keys of the capitalised words of the place it is measured from


def directions(text: str) -> list[Direction]:
    out = []
    for m in _DIRECTION.finditer(text):
        compass = frozenset(re.findall(r"(?i)north|south|east|west", m.group("dir").lower()))
        words = WORD.findall(m.group("anchor"))
        anchor = frozenset(key_of(w) for w in words if w[:1].isupper())
        if not anchor and m.group("the") and words and words[0][:1].islower():
            anchor = frozenset({key_of(words[0])})  # "to the south of the airport"
        if anchor:
            out.append(Direction(m.start(), m.end("dir"), compass, anchor))
    return out


def compare_direction(claim: Facts, sentence: Facts) -> list[Finding]:
    """The same place to measure from, another compass direction: "220 kilometres west of
    Poland" against "around 220 kilometers east of NATO-member Poland". North against
    north-east says nothing; north against south-east refutes."""
    found = []
    for mine in directions(claim.text):
        said = claim.text[mine.start : mine.end]
        for theirs in directions(sentence.text):
            if not mine.anchor & theirs.anchor:
                continue
            if mine.compass == theirs.compass:
                found.append(Finding("relation", "match", said, theirs.start, theirs.end))
            elif not mine.compass & theirs.compass:
                return [Finding("relation", "mismatch", said, theirs.start, theirs.end)]
    return found[:1]


def compare_times(claim: Facts, sentence: Facts) -> list[Finding]:
    """A clock time the sentence states against the claim's: a match when they overlap and
    the sentence's is stated closely (within half an hour), a mismatch when they cannot meet
    ("at 6.15 pm" against "shortly after 7 pm")."""
    out: list[Finding] = []
    for mine in clock_times(claim.text):
        said = claim.text[mine.start : mine.end]
        for theirs in clock_times(sentence.text):
            if theirs.low > mine.high or mine.low > theirs.high:
                return [Finding("date", "mismatch", said, theirs.start, theirs.end)]
            if theirs.high - theirs.low <= EXACT_SPAN and not out:
                out.append(Finding("date", "match", said, theirs.start, theirs.end))
    return out


def compare_date(claim: Facts, cd: DateMention, sentence: Facts) -> list[Finding]:
    said = claim.text[cd.start : cd.end]
    mismatch: Finding | None = None
    for ed in sentence.dates:
        verdict = _date_agreement(claim.text, cd, sentence.text, ed)
        if verdict == "match":
            return [Finding("date", "match", said, ed.start, ed.end)]
        if verdict == "mismatch" and mismatch is None:
            mismatch = Finding("date", "mismatch", said, ed.start, ed.end)
    return [mismatch] if mismatch else []


def _date_agreement(ctext: str, cd: DateMention, etext: str, ed: DateMention) -> str | None:
    """match / mismatch on the fields both dates state; None when they share none."""
    if cd.kind == "weekday" or ed.kind == "weekday":
        if cd.kind != ed.kind:
            return None
        same = _weekday(ctext[cd.start : cd.end]) == _weekday(etext[ed.start : ed.end])
        return "match" if same else "mismatch"
    pairs = [(cd.year, ed.year), (cd.month, ed.month), (cd.day, ed.day)]
    if any(a is not None and b is None for a, b in pairs):
        return None  # the evidence is less precise than the claim ("in 2023" vs a full date)
    shared = [(a, b) for a, b in pairs if a is not None]
    if not shared:
        return None
    return "match" if all(a == b for a, b in shared) else "mismatch"


def _weekday(text: str) -> str:
    days = "monday tuesday wednesday thursday friday saturday sunday".split()
    return next((d for d in days if d in text.lower()), text.lower())
