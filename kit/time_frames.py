"""The period a figure covers, when its sentence states one ("overnight", "past week", "in
November", "per day"), and whether that period makes it a different quantity (`key_period`)."""

from __future__ import annotations

import re

from kit.measures import (
    dates_figure,
    speech_date,
)
from kit.passages import Sentence
from kit.quantities import Quantity, find_dates

__all__ = ["key_period", "time_frame"]

_TIME_FRAME = re.compile(
    r"\b(?:overnight|per day|a day|daily|each day|per week|a week|per month|a month"
    r"|per year|a year|annually)\b",
    re.IGNORECASE,
)
_TF_CANON = {"last night": "overnight", "tonight": "overnight", "last week": "past week"}
_TF_CANON |= {"previous week": "past week", "last month": "past month"}
_TF_CANON |= {"previous month": "past month", "last year": "past year"}
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
