"""The period a figure covers, when its sentence states one ("overnight", "past week", "in
November", "per day", "in the last 24 hours"), and whether that period makes it a different
quantity (`key_period`): only when the sentence's parse says the date phrase belongs to the
figure's own clause (`dates_figure`: "killed 6,000 people in 2013", "In the 2016 election,
Sanders lost ..., securing 34%", "198 recorded in the last 24 hours"), not to another
clause or to when the figure was said (`speech_date`: "15, police said on Thursday")."""

from __future__ import annotations

import re
from typing import Any

from kit.ingest.passages import Sentence
from kit.language.attribution import REPORT_VERBS
from kit.language.measures import number_token, parse
from kit.language.quantities import Quantity, find_dates

__all__ = ["dates_figure", "key_period", "speech_date", "time_frame"]

_TIME_FRAME = re.compile(
    r"\b(?:overnight|per day|a day|daily|each day|per week|a week|per month|a month"
    r"|per year|a year|annually)\b",
    re.IGNORECASE,
)
_TF_CANON = {"last night": "overnight", "tonight": "overnight", "last week": "past week"}
_TF_CANON |= {"previous week": "past week", "last month": "past month"}
_TF_CANON |= {"previous month": "past month", "last year": "past year"}
_LAST_SPAN = re.compile(
    r"\b(?:in|over|during|within)\s+(the\s+(?:last|past|previous)\s+(?:[\w-]+\s+){0,2}"
    r"(?:hours?|days?|weeks?|months?|years?))\b",
    re.IGNORECASE,
)
_SPAN_PREPS = frozenset("in during throughout over for".split())
_FOR = re.compile(r"\bfor\s+$", re.I)
_TF_PREP = re.compile(
    r"(?:in|since|during|by|until|through|from|on|throughout|before|after)\s+(?:the\s+)?$", re.I
)


def time_frame(text: str, sentence: Sentence, q: Quantity) -> str | None:
    """The period a figure covers, when its sentence states one: "overnight", "past week"."""
    found: list[tuple[int, str]] = []
    body = text[sentence.start : sentence.end]
    for d in find_dates(body):
        phrase = _date_phrase(body, d.start, d.end, d.kind)
        if phrase and not speech_date(body, d.start, d.end):
            found.append((sentence.start + d.start, phrase))
    for m in _TIME_FRAME.finditer(body):
        found.append((sentence.start + m.start(), m.group().lower()))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - q.number_start))[1]


def key_period(text: str, sentence: Sentence, q: Quantity) -> str | None:
    """The period a figure covers when its own clause states one ("in 2013", "in November",
    "past week", "per day"): figures for different periods are different quantities. A
    point in time ("on Monday", "yesterday", "as of Sunday", "earlier this week") only dates
    a running tally, which stays one quantity."""
    body = text[sentence.start : sentence.end]
    figure = (q.number_start - sentence.start, q.number_end - sentence.start)
    found: list[tuple[int, str]] = []
    for d in find_dates(body):
        phrase = _date_phrase(body, d.start, d.end, d.kind)
        if phrase and _is_span(phrase, d.kind) and dates_figure(body, figure, (d.start, d.end)):
            found.append((d.start, phrase))
    for m in _LAST_SPAN.finditer(body):  # "in the last 24 hours": the figure's window
        if dates_figure(body, figure, (m.start(1), m.end())):
            words = m.group(1).lower().split()[2:]
            found.append((m.start(), " ".join(["past", *words])))  # "last" = "past"
    for m in _TIME_FRAME.finditer(body):
        rate = m.group().lower()
        if rate == "overnight" or (rate.startswith("a ") and _FOR.search(body, 0, m.start())):
            continue  # "overnight" is when; "for a week" is how long, not a rate
        if dates_figure(body, figure, (m.start(), m.end())):
            found.append((m.start(), rate))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - figure[0]))[1]


def _is_span(phrase: str, kind: str) -> bool:
    """ "in 2013", "in November", "past week" cover a period; "on Monday", "since October",
    "by November 22", "yesterday", "earlier this week" date a moment."""
    words = phrase.lower().split()
    if kind in ("year", "month"):
        return words[0] in _SPAN_PREPS and not any(w.isdigit() and len(w) <= 2 for w in words)
    return kind == "relative" and words[0] in ("past", "this", "last", "next", "previous")


def _date_phrase(body: str, start: int, end: int, kind: str) -> str | None:
    phrase = " ".join(body[start:end].split())
    low = phrase.lower()
    if kind == "relative":
        return _TF_CANON.get(low, low)
    prep = _TF_PREP.search(body, max(0, start - 20), start)
    if kind == "year" and prep is None:
        return None
    if prep is None:
        return f"on {phrase}" if kind in ("weekday", "date", "range") else phrase
    return f"{prep.group().split()[0].lower()} {phrase}"


def dates_figure(sentence: str, figure: tuple[int, int], date: tuple[int, int]) -> bool:
    """Whether the date phrase at sentence offsets `date` belongs to the figure's own clause:
    it hangs from the figure's number, its noun or the first verb above them ("Haiyan, which
    killed over 6,000 people in 2013"), not from another clause ("rates dropped in 2018 after
    two children died", "Earlier this week, an account announced: ... 3,728 cases")."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, *figure)
    tokens = [] if doc is None else [t for t in doc if date[0] <= t.idx < date[1]]
    if number is None or not tokens:
        return doc is None
    head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])
    while head.dep_ in ("nummod", "compound") and head.head.pos_ == "NOUN":
        head = head.head  # "in the 2016 election": the election is the date phrase's head
    governor = head.head.head if head.dep_ == "pobj" else head.head
    own = number.head if number.dep_ == "nummod" else number  # "198 recorded in ...":
    chain = [number, *(c for c in own.children if c.dep_ == "acl")]  # its own participle
    for token in number.ancestors:
        chain.append(token)
        if token.pos_ in ("VERB", "AUX") and not _continues(token):
            break
    return governor in chain or head in chain


def _continues(verb: Any) -> bool:
    """A participle clause with no subject of its own carries on the clause above it:
    "In the 2016 election, Sanders lost ..., securing about 34% of votes"."""
    free = verb.dep_ in ("advcl", "xcomp") and verb.tag_ in ("VBG", "VBN")
    return free and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def speech_date(sentence: str, start: int, end: int) -> bool:
    """Whether the date at sentence offsets [start, end) dates the report, not the figure:
    "15, police said on Thursday"."""
    doc = parse(sentence)
    if doc is None:
        return False
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return False
    head = tokens[0]
    while head.dep_ in ("compound", "nummod", "amod", "det") and head.head != head:
        head = head.head
    governor = head.head.head if head.dep_ == "pobj" else head.head
    return head.dep_ in ("pobj", "npadvmod") and governor.text.lower() in REPORT_VERBS
