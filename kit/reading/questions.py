"""Question analysis: the expected answer type and the question's focus, from a small table.

"How fast was the Oreshnik?" expects a speed; "How many drones did Russia launch?" a count of
drones; "Which village did Russian forces take?" a name whose head noun is "village". The
table is data, not code: each row is a pattern over the lower-cased question and the type it
implies, tried in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kit.language.text import STOPWORDS, WORD, content_words

# What a question asks for, and the type of an answer (`Answer.type`): the table's types, plus
# "yes_no" (a yes/no question, `kit.reading.yesno`) and "description" (what the who-is reader
# answers "Who is X?" with).
AnswerType = Literal[
    "speed",
    "distance",
    "area",
    "duration",
    "money",
    "percent",
    "weight",
    "count",
    "number",
    "age",
    "year",
    "date",
    "person",
    "place",
    "organisation",
    "entity",
    "expansion",
    "reason",
    "yes_no",
    "description",
]

# Units accepted for each numeric answer type (as normalised by kit.language.quantities).
UNITS: dict[AnswerType, frozenset[str]] = {
    "speed": frozenset({"Mach", "km/h", "mph", "m/s", "km/s", "mi/s", "knots"}),
    "distance": frozenset({"km", "m", "mi", "cm", "ft"}),
    "area": frozenset({"km²", "mi²", "m²", "ha", "acres"}),
    "duration": frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"}),
    "money": frozenset({"USD", "EUR", "GBP", "RUB", "UAH"}),
    "percent": frozenset({"%"}),
    "weight": frozenset({"kg", "t", "lb"}),
}
# Words that signal a sentence talks about the answer type ("speeds of Mach 11" for "how fast").
CUES: dict[AnswerType, tuple[str, ...]] = {
    "speed": ("speed", "fast", "mach", "velocity", "hypersonic"),
    "distance": ("distance", "far", "range", "kilometers", "kilometres", "miles"),
    "area": ("territory", "area", "square", "land", "seized", "captured"),
    "duration": ("long", "minutes", "hours", "days", "weeks", "months", "years"),
    "money": ("cost", "price", "worth", "dollars", "million", "billion", "budget"),
    "percent": ("percent", "percentage", "share"),
    "date": ("on", "date"),
}
NUMERIC_TYPES: frozenset[AnswerType] = frozenset({*UNITS, "count", "number", "age"})
NAME_TYPES: frozenset[AnswerType] = frozenset({"person", "place", "organisation", "entity"})

# (pattern, answer type) in priority order. `(?P<focus>...)` captures the focus noun phrase.
_TABLE: list[tuple[str, AnswerType]] = [
    (r"\bwhat (does|did|do) (?P<focus>[\w.\-]+) (stand for|mean)\b|\bshort for\b", "expansion"),
    (
        r"\bdeath toll\b|\bhow many (people )?(died|were killed|were injured|were wounded)\b",
        "count",
    ),
    (r"\bhow (fast|quick|quickly)\b|\b(what|which|at what|top|maximum) speeds?\b", "speed"),
    (r"\bhow (far|high|deep|tall|wide|long a distance)\b|\bwhat (distance|range)\b", "distance"),
    (r"\b(range|distance|length|altitude|height) of\b", "distance"),
    (r"\b(population|number|toll|tally) of\b", "number"),
    (r"\b(cost|price|budget|value) of\b", "money"),
    (r"\bhow (much|many square)\s+(?P<focus>territory|land|ground|area|square \w+)", "area"),
    (r"\bhow (large|big) (an|a) (area|territory)\b|\bwhat area\b", "area"),
    (
        r"\bhow much (money|(did|does|do|is|was|were|are) [\w\s'’-]{1,60}?"
        r"\b(cost|worth|pay|paid|spend|spent|raise|raised|charge|charged|fined|earn|earned))\b"
        r"|\bcost\b",
        "money",
    ),
    (r"\bwhat (percentage|percent|share|proportion)\b|\bhow much of\b", "percent"),
    (r"\bhow old\b|\bwhat age\b", "age"),
    (r"\bhow long\b|\bfor how (long|many (minutes|hours|days|weeks|months|years))\b", "duration"),
    (r"\bhow many (times|more|fewer)\b", "number"),
    (
        r"\bhow many (?P<focus>[\w\- ]+?)(?= (did|do|does|were|was|are|is|have|has|had|will|would"
        r"|could|can)\b|\?|$)",
        "count",
    ),
    (r"\bhow much\b", "number"),
    (r"\bwhat (was|is) the (number|total|count) of (?P<focus>[\w\- ]+)", "count"),
    (r"\b(what|which) year\b|\bin what year\b", "year"),
    (r"\bwhen\b|\b(what|which) (date|day|month|time)\b|\bon what date\b", "date"),
    (
        r"\bwho\b|\bwhom\b|\bwhose\b|\b(what|which) (person|man|woman|official|leader|minister"
        r"|president|spokes\w+)\b",
        "person",
    ),
    (
        r"\bwhere\b|\b(what|which|in what|in which) (city|town|village|country|region|place|area"
        r"|location|district|province|state|base|airbase|range|site)\b",
        "place",
    ),
    (
        r"\b(what|which) (organi[sz]ation|group|agency|company|outlet|alliance|body|institute"
        r"|ministry|party)\b",
        "organisation",
    ),
    (r"\bwhy\b|\bhow (did|does|do|was|were|is|are|can|could|will|would)\b", "reason"),
    (r"\b(what|which) (?P<focus>[\w\-]+)\b", "entity"),
]
_COMPILED = [(re.compile(p), t) for p, t in _TABLE]

# Nouns that, as the head of "which X", say what kind of name answers the question.
_PLACE_HEADS = frozenset(
    "city town village country region place area location district province state base "
    "airbase range site settlement capital oblast border".split()
)
_ORG_HEADS = frozenset(
    "organisation organization group agency company outlet alliance body institute ministry "
    "party council army force directorate committee".split()
)


@dataclass(frozen=True, slots=True)
class QuestionType:
    """What a question asks for: an answer type, a focus noun phrase and its content words."""

    answer_type: AnswerType
    focus: str | None
    keywords: tuple[str, ...]
    names: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.answer_type in NUMERIC_TYPES

    @property
    def units(self) -> frozenset[str]:
        return UNITS.get(self.answer_type, frozenset())


def classify(question: str) -> QuestionType:
    """The expected answer type, from the first table row that matches."""
    text = " ".join(question.strip().split())
    lowered = text.lower()
    keywords = tuple(content_words(text))
    for pattern, answer_type in _COMPILED:
        match = pattern.search(lowered)
        if match is None:
            continue
        focus = _focus(match)
        if focus in _VAGUE_HEADS:
            focus = _head_after_of(lowered) or focus
        if answer_type == "entity" and focus:
            answer_type = _entity_kind(focus)
        if answer_type == "place" and focus is None:
            focus = _head_after_which(lowered)
        return QuestionType(answer_type, focus, keywords, _proper_names(text))
    return QuestionType("entity", None, keywords, _proper_names(text))


def _proper_names(text: str) -> tuple[str, ...]:
    """Capitalised words after the first: the question's named subjects ("Oreshnik")."""
    words = WORD.findall(text)[1:]
    return tuple(w.lower() for w in words if w[:1].isupper() and w.lower() not in STOPWORDS)


def _focus(match: re.Match[str]) -> str | None:
    value = match.groupdict().get("focus")
    if not value:
        return None
    words = [w for w in value.split() if w not in STOPWORDS]
    return " ".join(words) or None


_VAGUE_HEADS = frozenset("type kind sort form name part piece group".split())


def _head_after_of(lowered: str) -> str | None:
    """The real head of "what type of statue": the noun after "of"."""
    match = re.search(r"\b(?:what|which) \w+ of (?:the |a |an )?([\w\-]+)", lowered)
    return match.group(1) if match and match.group(1) not in STOPWORDS else None


def _head_after_which(lowered: str) -> str | None:
    match = re.search(r"\b(?:what|which) (\w+)", lowered)
    return match.group(1) if match else None


def _entity_kind(head: str) -> AnswerType:
    if head in _PLACE_HEADS:
        return "place"
    if head in _ORG_HEADS:
        return "organisation"
    if head in {"person", "man", "woman", "official", "leader", "minister", "president"}:
        return "person"
    return "entity"
