"""Dates in news text ("November 21", "21-22 November 2024", "last week", a bare year), with
exact offsets; their numbers are never quantities (`kit.language.quantities` masks them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.language.numbers import (
    _HEDGE_BEFORE,
    _ORDINALS,
    _SCALE_RE,
    _SMALL,
    _UNIT,
    _VAGUE,
    _alt,
    _words,
)

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression as stated; fields not stated in the text stay None."""

    start: int
    end: int
    kind: str  # "date" | "range" | "month" | "year" | "weekday" | "relative"
    year: int | None
    month: int | None
    day: int | None
    end_day: int | None = None  # last day of a "range" ("December 3-4", "November 23 and 25")


# Scanning is driven by word tokens: trying the big alternations only where a token could
# start a number or a date keeps a 20k-character article to a few milliseconds.
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")
_NUM_START = frozenset([*_SMALL, *_ORDINALS, "half", *_VAGUE])
_A_NEXT = re.compile(rf"\s+(?:hundred|dozen|quarter|half|third|{_SCALE_RE})\b", re.IGNORECASE)

_MONTHS = "January February March April May June July August September October November December"
_MONTH_NUM = {m[:3].lower(): i + 1 for i, m in enumerate(_MONTHS.split())}
_MONTH_RE = rf"(?:{_alt(_MONTHS)}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY_RE = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\w:])"
_YEAR_RE = r"(?:1[89][0-9][0-9]|20[0-9][0-9])(?!\w|[.,][0-9])"
# after a day and month, or a month, any year of the last millennium ("10 July 1584")
_DATED_YEAR_RE = r"(?:1[0-9][0-9][0-9]|20[0-9][0-9])(?!\w|[.,][0-9])"
_SEP_RE = r"(?:\s*[-–—]\s*|\s+(?:to|through|and|&)\s+)"
_REL_UNITS = r"(?:days?|weeks?|months?|years?)"
_DATE = re.compile(
    r"(?P<iso>(?<![\w.-])(?P<iso_y>[0-9]{4})-(?P<iso_m>0[1-9]|1[0-2])"
    r"-(?P<iso_d>0[1-9]|[12][0-9]|3[01])(?![\w-]))"
    rf"|(?P<mdy>(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<mdy_m>{_MONTH_RE})\s+(?P<mdy_d>{_DAY_RE})"
    rf"(?:{_SEP_RE}(?P<mdy_d2>{_DAY_RE}))?(?:,?\s+(?P<mdy_y>{_DATED_YEAR_RE}))?)"
    rf"|(?P<dmy>(?:(?:{_WEEKDAY_RE}),?\s+)?(?<![\w.,])(?P<dmy_d>{_DAY_RE})"
    rf"(?:{_SEP_RE}(?P<dmy_d2>{_DAY_RE}))?\s+(?:of\s+)?(?P<dmy_m>{_MONTH_RE})(?!\w)"
    rf"(?:,?\s+(?P<dmy_y>{_DATED_YEAR_RE}))?)"
    rf"|(?P<my>(?P<my_m>{_MONTH_RE}),?\s+(?P<my_y>{_DATED_YEAR_RE}))"
    rf"|(?P<wd>(?:\b(?i:last|next|this|past|coming|early|late)\s+)?(?P<wd_name>{_WEEKDAY_RE})"
    r"(?:\s+(?i:morning|afternoon|evening|night))?)(?!\w)"
    r"|(?P<rel>\b(?i:(?:last|next|this|past|previous|coming|following|recent)\s+"
    r"(?:few\s+|several\s+|couple\s+of\s+)?(?:days?|weeks?|months?|years?|weekend|night|morning"
    r"|evening|decade|summer|winter|spring|autumn)|yesterday|today|tomorrow|tonight"
    r"|(?:earlier|later)\s+(?:this|that|last)\s+(?:week|month|year)"
    rf"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|[0-9]+)\s+{_REL_UNITS}"
    r"\s+ago)\b)"
    rf"|(?P<mon>{_alt(_MONTHS)})(?!\w)"
    rf"|(?P<yr>(?:\b(?i:mid|early|late|pre|post)-)?(?<![\w.,/:@#$€£]){_YEAR_RE})"
    r"|(?P<old>(?<![\w.,/:@#$€£])1[0-7][0-9][0-9](?!\w|[.,][0-9]))"
)
# An earlier bare year needs a word that dates it ("In 1618 the Synod", "until 1795"; not "of",
# "by" or "from", which count: "a force of 1700 men", "rose by 1200") and no plural after it
# ("in 1500 villages" counts)
_OLD_YEAR_BEFORE = re.compile(
    r"(?<!\w)(?:in|since|until|till|during|before|after|circa|c\.)\s+"
    r"(?:1[0-9]{3},?\s+(?:and\s+)?)*$",  # and a list of them: "in 1659, 1660, and 1661"
    re.I,
)
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")
_AMBIGUOUS_MONTHS = frozenset(_words("March May April June August"))
_MONTH_CONTEXT = re.compile(r"(?<!\w)(?:in|since|until|till|by|from|through|during|before|after"
                            r"|early|late|mid|last|next|this|of|between|and|or|to|on)[\s-]+$",
                            re.I)  # fmt: skip


def _int(s: str | None) -> int | None:
    return int(s.rstrip("stndrh")) if s else None


def _month(s: str | None) -> int | None:
    return _MONTH_NUM[s[:3].lower()] if s else None


_IN_NAME_BEFORE = re.compile(r"\b[Tt]he\s+$")
_CAPITAL = re.compile(r"\s+[A-Z][a-z]")


def _date_of(text: str, m: re.Match[str]) -> DateMention | None:
    """Turn one date-regex match into a mention, or None when the context says it is not one."""
    g, (s, e) = m.group, m.span()
    kind = m.lastgroup
    if kind == "iso":
        return DateMention(s, e, "date", _int(g("iso_y")), _int(g("iso_m")), _int(g("iso_d")))
    if kind in ("mdy", "dmy"):
        end_day, month = _int(g(f"{kind}_d2")), _month(g(f"{kind}_m"))
        day, year, kind = _int(g(f"{kind}_d")), _int(g(f"{kind}_y")), "range" if end_day else "date"
        return DateMention(s, e, kind, year, month, day, end_day)
    if kind == "my":
        return DateMention(s, e, "month", _int(g("my_y")), _month(g("my_m")), None)
    if kind == "wd" and _IN_NAME_BEFORE.search(text, max(0, s - 4), s) and _CAPITAL.match(text, e):
        return None  # "The Sunday Times", "the Saturday Evening Post": a name, not a date
    if kind in ("wd", "rel"):
        return DateMention(s, e, "weekday" if kind == "wd" else "relative", None, None, None)
    if kind == "mon":
        if g("mon") in _AMBIGUOUS_MONTHS and not _MONTH_CONTEXT.search(text, max(0, s - 12), s):
            return None
        return DateMention(s, e, "month", None, _month(g("mon")), None)
    if kind == "old" and (
        not _OLD_YEAR_BEFORE.search(text, max(0, s - 40), s) or _PLURAL_AFTER.match(text, e)
    ):
        return None
    return _year_of(text, s, e)


def _year_of(text: str, s: int, e: int) -> DateMention | None:
    """A bare 4-digit year, unless it reads as an amount ("some 2000 troops", "2000 km")."""
    ds = e - 4
    if ds == s and s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
        return None
    if _UNIT.match(text, e) or _HEDGE_BEFORE.search(text, max(0, s - 30), s):
        return None
    return DateMention(s, e, "year", int(text[ds:e]), None, None)


_MONTH_ABBR = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
_DATE_WORDS = frozenset([*_words(_MONTHS), *_WEEKDAY_RE.split("|"), *_words(_MONTH_ABBR)])
_REL_WORDS_TEXT = """last next this past previous coming following recent yesterday today
    tomorrow tonight earlier later mid early late pre post"""
_REL_WORDS = frozenset(_words(_REL_WORDS_TEXT))
_AGO_WORDS = frozenset(_words("a one two three four five six seven eight nine ten several"))


def _starts(text: str) -> tuple[list[int], list[int]]:
    """Offsets where a number may start (digits, number words, "a" before a scale word) and
    where a date may (digits, month and weekday names, "last", "a ... ago"): one token pass."""
    nums: list[int] = []
    dates: list[int] = []
    for t in _TOKEN.finditer(text):
        w = t[0]
        if w[0] <= "9":
            nums.append(t.start())
            dates.append(t.start())
            continue
        if w in _DATE_WORDS:
            dates.append(t.start())
            continue
        low = w.lower()
        if low in _NUM_START or (low in ("a", "an") and _A_NEXT.match(text, t.end())):
            nums.append(t.start())
        if low in _REL_WORDS or (low in _AGO_WORDS and "ago" in text[t.end() : t.end() + 25]):
            dates.append(t.start())
    return nums, dates


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order: dates, ranges, months, years, weekdays, "last
    week". Spans cover the expression only ("November" in "in November")."""
    return _dates_at(text, _starts(text)[1])


def _dates_at(text: str, starts: list[int]) -> list[DateMention]:
    found: list[DateMention] = []
    skip = 0
    for pos in starts:
        if pos < skip or not (m := _DATE.match(text, pos)):
            continue
        skip = m.end()
        if (d := _date_of(text, m)) is not None:
            found.append(d)
    return found


_CLOCK = re.compile(
    r"(?i)(?:\b(?P<hedge>(?:shortly |just |soon )?(?:after|before)|about|around|approximately|"
    r"roughly|at)\s+)?\b(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b"
)
_HEDGE_SPAN = {  # minutes before and after the stated time that a hedge allows
    "about": (15, 15),
    "around": (15, 15),
    "approximately": (15, 15),
    "roughly": (15, 15),
    "shortly after": (0, 30),
    "just after": (0, 30),
    "soon after": (0, 30),
    "shortly before": (30, 0),
    "just before": (30, 0),
    "after": (0, 180),
    "before": (180, 0),
}


@dataclass(frozen=True)
class ClockTime:
    """A time of day a text states, as the minutes after midnight it allows (a hedge widens
    it: "shortly after 7 pm" is 19:00-19:30)."""

    start: int
    end: int
    low: int  # minutes after midnight
    high: int


def clock_times(text: str) -> list[ClockTime]:
    """Times of day in `text` ("at 6.15 pm", "shortly after 7 pm"), with their hedges."""
    out = []
    for m in _CLOCK.finditer(text):
        hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0)
        if int(m.group("h")) > 12:
            continue
        at = hour * 60 + int(m.group("m") or 0)
        hedge = (m.group("hedge") or "").lower()
        before, after = _HEDGE_SPAN.get(hedge, (0, 0))
        start = m.start("hedge") if hedge and hedge != "at" else m.start("h")
        out.append(ClockTime(start, m.end(), at - before, at + after))
    return out
