"""Numbers, units, hedges and dates in news text, with exact offsets into the original text.

One grammar shared by the answer reader, the claim checker and the figures table, so that
"almost 235 square kilometers", "nearly a quarter of a million" and "drones—188—against" are
read the same way everywhere. Pure functions; every regex is compiled once, at import.

Word numbers use our own small grammar, not `text2num`: `alpha2digit` rewrites the text (we
need offsets into the original), reads "a quarter of a million" as "a quarter of a 1000000" and
rejects "a hundred". Ours reads zero..ninety-nine, hundred..trillion, "a dozen", fractions of a
scale ("half a million") and vague plurals ("dozens", "tens of thousands").

Qualifiers (the words that set one are kept in `Quantity.hedge`):
at_most: "almost", "nearly", "just under", "close to" (a bit under), "fewer than", "less than",
"under", "below" (anything under); at_least: "more than", "over", "at least", "above", "N+",
"N or more"; up_to: "up to", "as many as", "a maximum of"; approximate: "about", "around",
"approximately", "roughly", "some", "an estimated", "~", "N or so", and a bare "a dozen".

Kinds: "quantity" (a number with a unit, or a bare count: unit "count"), "ordinal" ("first",
"33rd"; unit "ordinal") and "vague" ("dozens" = 24, "hundreds" = 200, "tens of thousands" =
20,000, qualifier at_least; `compatible` reads them as [v, 5v)). Years, days of month and times
are never quantities: dates belong to `find_dates`, times are skipped. A 4-digit 1800-2099 is a
year unless a unit follows or a hedge or currency sign precedes it ("some 2000 troops").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal

__all__ = ["DateMention", "Quantity", "compatible", "find_dates", "find_quantities"]
__all__ += ["convert", "parse_number", "same_value"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A numeric mention: `text[start:end]` is the whole mention, `number_*` the number alone."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    unit: str
    qualifier: str
    noun: str | None
    kind: str
    hedge: str | None = None  # the words that set the qualifier, lower-cased: "almost", "~"
    noun_span: tuple[int, int] | None = None  # where `noun` was read (may be after `end`)


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


def _words(s: str) -> list[str]:
    return s.split()


_UNIT_WORDS = _words("zero one two three four five six seven eight nine")
_TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS_WORDS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_SMALL: dict[str, int] = {w: i for i, w in enumerate(_UNIT_WORDS)}
_SMALL |= {w: i + 10 for i, w in enumerate(_TEEN_WORDS.split())}
_SMALL |= {w: (i + 2) * 10 for i, w in enumerate(_TENS_WORDS)}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_COMPACT = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_ORD_UNITS = _words("first second third fourth fifth sixth seventh eighth ninth")
_ORD_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth"
_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORD_UNITS)}
_ORDINALS |= {w: i + 10 for i, w in enumerate(_words(_ORD_TEENS + " eighteenth nineteenth"))}
_ORDINALS |= {w[:-1] + "ieth": (i + 2) * 10 for i, w in enumerate(_TENS_WORDS)}
_ORDINALS |= {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}
_TIMES = {"hundred": 100, "dozen": 12} | {w: v for w, v in _ORDINALS.items() if v >= 100}
_PLUS = _SMALL | {w: v for w, v in _ORDINALS.items() if v < 100}
_FRACTION_OF = frozenset(["hundred", "dozen", *_SCALES])
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_VAGUE = {"dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1e3}
_VAGUE |= {"millions": 1e6, "billions": 1e9}


def _alt(words: list[str] | str) -> str:
    items = words.split() if isinstance(words, str) else words
    return "|".join(sorted(items, key=len, reverse=True))


_U1 = _alt(_UNIT_WORDS[1:])
_SMALL_RE = rf"(?:(?:{_alt(_TENS_WORDS)})(?:[-\s](?:{_U1}))?|{_alt(_TEEN_WORDS)}|zero|{_U1})"
_HUND_RE = rf"(?:(?:a|{_U1})\s+hundred(?:\s+(?:and\s+)?{_SMALL_RE})?)"
_BELOW_K = rf"(?:{_HUND_RE}|{_SMALL_RE})"
_SCALE_RE = "thousand|million|billion|trillion"
_LARGE_RE = (
    rf"(?:(?:{_BELOW_K}|a)\s+(?:{_SCALE_RE})(?:\s+(?:and\s+)?{_BELOW_K}\s+(?:{_SCALE_RE}))*"
    rf"(?:\s+(?:and\s+)?{_BELOW_K})?)"
)
_FRAC_RE = (
    r"(?:(?:(?:a|one)[-\s]+(?:half|quarter|third)|(?:two|three)[-\s]+(?:quarters|thirds)|half)"
    rf"\s+(?:of\s+)?(?:a|an|one)\s+(?:{_SCALE_RE}|hundred|dozen)"
    rf"|(?:a\s+)?(?:half|quarter)[-\s](?:{_SCALE_RE}))"
)
_DOZEN_RE = rf"(?:(?:a|half\s+a|{_U1}|{_alt(_TEEN_WORDS)})\s+dozen)"
_VAGUE_RE = (
    r"(?:(?:dozens|tens|scores|hundreds|thousands|millions|billions)\s+of\s+"
    r"(?:thousands|millions|billions)(?!\w)|(?:dozens|hundreds|thousands)(?=\s+of\b|\s+[a-z])"
    r"|(?:tens|scores|millions|billions)(?=\s+of\b))"
)
_ORD_RE = rf"(?:(?:{_alt(_TENS_WORDS)})[-\s](?:{_alt(_ORD_UNITS)})|{_alt(list(_ORDINALS))})"
_WORDNUM_RE = (
    rf"(?:{_FRAC_RE}|{_VAGUE_RE}|{_DOZEN_RE}|{_LARGE_RE}|{_HUND_RE}|{_ORD_RE}|{_SMALL_RE})"
)
_DIGITS_RE = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMBER = re.compile(
    rf"(?P<d>(?<![\w.,/:@#]){_DIGITS_RE}(?:[ \u00a0](?:hundred|{_SCALE_RE})(?!\w))?)"
    rf"|(?P<w>(?<![\w'’-]){_WORDNUM_RE}(?![\w'’]))",
    re.IGNORECASE,
)
_WORDNUM_FULL = re.compile(_WORDNUM_RE, re.IGNORECASE)
_VAGUE_FULL = re.compile(rf"({'|'.join(_VAGUE)})(?:\s+of\s+(thousands|millions|billions))?")
_CURRENCY_SIGN = re.compile(r"^(?:us\$|[a-z]?\$|[€£₴₽¥])\s?")
_DIGIT_FULL = re.compile(
    rf"({_DIGITS_RE})(?:\s*(st|nd|rd|th)|\s+(hundred|{_SCALE_RE})|\s*(bn|mn|tn)|(k|m))?"
)


def parse_number(s: str) -> float | None:
    """Read one number as written ("4.2 million", "thirty-three", "a quarter of a million"):
    currency signs and a trailing % are ignored; anything else that is not a number -> None."""
    t = " ".join(s.strip().lower().replace("\u00a0", " ").split())
    t = _CURRENCY_SIGN.sub("", t).removesuffix("%").rstrip()
    if m := _DIGIT_FULL.fullmatch(t):
        value = Decimal(m.group(1).replace(",", ""))
        if m.group(2) and "." in m.group(1):
            return None
        if scale := m.group(3) or m.group(4) or m.group(5):
            value *= Decimal(100 if scale == "hundred" else _SCALES.get(scale) or _COMPACT[scale])
        return float(value)
    if m := _VAGUE_FULL.fullmatch(t):
        return 2 * _VAGUE[m.group(1)] * (_VAGUE[m.group(2)] if m.group(2) else 1)
    if not _WORDNUM_FULL.fullmatch(t):
        return None
    return _words_value(t.replace("-", " ").split())


def _words_value(tokens: list[str]) -> float | None:
    """Evaluate tokens already checked by the grammar, e.g. ["two", "hundred", "and", "five"]."""
    frac = next((_FRACTIONS[t] for t in tokens if t in _FRACTIONS), None)
    if frac and tokens[-1] in _FRACTION_OF:
        head = _SMALL.get(tokens[0], 1)
        return head * frac * (100 if tokens[-1] == "hundred" else _SCALES.get(tokens[-1], 12))
    total, current = 0.0, 0.0
    for tok in tokens:
        if tok in _SCALES:
            total, current = total + (current or 1) * _SCALES[tok], 0.0
        elif tok in _TIMES:  # "hundred", "dozen", "hundredth"
            current = (current or 1) * _TIMES[tok]
        elif tok in _PLUS:  # "six", "thirty", "first"
            current += _PLUS[tok]
        elif tok in ("a", "an"):
            current = current or 1
        elif tok != "and":
            return None
    return total + current


# Normalised unit -> pattern, most specific first ("km/h" before "km", "mph" before "m").
_UNIT_SPECS: list[tuple[str, str]] = [
    ("km²", r"square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²"),
    ("mi²", r"square\s+miles?|sq\.?\s*mi(?:les?)?|mi2|mi²"),
    ("m²", r"square\s+met(?:er|re)s?|sq\.?\s*m|m2|m²"), ("ha", r"hectares?|(?-i:ha)"),
    ("acres", r"acres?"), ("km/h", r"kilomet(?:er|re)s?\s+(?:per|an)\s+hour|km/h|kmh|kph"),
    ("m/s", r"met(?:er|re)s?\s+per\s+second|m/s"), ("mph", r"miles\s+(?:per|an)\s+hour|mph"),
    ("knots", r"knots?"), ("nmi", r"nautical\s+miles?"),
    ("km", r"kilomet(?:er|re)s?|kms?"), ("mi", r"miles?|mi"), ("cm", r"centimet(?:er|re)s?|cm"),
    ("mm", r"millimet(?:er|re)s?|mm"), ("m", r"met(?:er|re)s?|(?-i:m)"), ("ft", r"feet|foot|ft"),
    ("in", r"inch(?:es)?"), ("s", r"seconds?|secs?"), ("minutes", r"minutes?|mins?"),
    ("hours", r"hours?|hrs?"), ("days", r"days?"), ("weeks", r"weeks?"), ("months", r"months?"),
    ("ly", r"light[-\s]years?"), ("years", r"years?|yrs?"), ("decades", r"decades?"),
    ("centuries", r"centur(?:y|ies)"), ("pp", r"percentage\s+points?"),
    ("%", r"%|percent|per\s+cent"), ("kg", r"kilo(?:gram)?s?|kg"), ("t", r"tonnes?|tons?|(?-i:t)"),
    ("GBP", r"pounds\s+sterling|(?-i:GBP)"), ("lb", r"pounds?|lbs?"),
    ("USD", r"(?:US\s+)?dollars?|(?-i:USD)"), ("EUR", r"euros?|(?-i:EUR)"),
    ("RUB", r"r(?:o)?ubles?|(?-i:RUB)"), ("UAH", r"hryvnias?|(?-i:UAH)"),
    ("MW", r"megawatts?|(?-i:MW)"), ("GW", r"gigawatts?|(?-i:GW)"),
    ("°C", r"°\s?C|degrees\s+(?:Celsius|centigrade)"), ("°F", r"°\s?F|degrees\s+Fahrenheit"),
]  # fmt: skip
_UNIT = re.compile(
    r"(?:[ \u00a0]|-)?(?:"
    + "|".join(f"(?P<u{i}>{pat})" for i, (_, pat) in enumerate(_UNIT_SPECS))
    + r")(?:-(?:long|old))?(?![\w²/])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:(?P<c>US\$|[A-Z]\$|\$|€|£|₴|₽|¥)|(?P<i>USD|EUR|GBP) )$")
_CURRENCY_UNITS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_CURRENCY_UNITS |= {"¥": "JPY", "C$": "CAD", "A$": "AUD"}
_MACH_BEFORE = re.compile(r"(?<!\w)[Mm]ach[ \u00a0]?$")
_ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?!\w)", re.IGNORECASE)
_COMPACT_SUFFIX = re.compile(r"(?:bn|mn|tn|k|m)(?!\w)", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)(?![\w-])")
_NOT_COUNTS = {"half", "third", "thirds", "quarter", "quarters", "fifths", "off", "sided"}
_NOT_COUNTS |= {"way", "time", "on", "stop", "liner", "party", "eyed", "handed", "man"}

# Base units per dimension: same_value / compatible convert before comparing.
_DIMENSIONS: dict[str, tuple[str, float]] = {
    "km²": ("area", 1.0), "mi²": ("area", 2.589988), "m²": ("area", 1e-6), "ha": ("area", 0.01),
    "acres": ("area", 0.004046856), "km": ("length", 1.0), "mi": ("length", 1.609344),
    "nmi": ("length", 1.852), "m": ("length", 1e-3), "cm": ("length", 1e-5),
    "mm": ("length", 1e-6), "ft": ("length", 0.0003048), "in": ("length", 2.54e-5),
    "ly": ("length", 9.4607e12), "m/s": ("speed", 3.6),
    "km/h": ("speed", 1.0), "mph": ("speed", 1.609344), "knots": ("speed", 1.852),
    "s": ("time", 1.0), "minutes": ("time", 60.0), "hours": ("time", 3600.0),
    "days": ("time", 86400.0), "weeks": ("time", 604800.0), "months": ("calendar", 1.0),
    "years": ("calendar", 12.0), "decades": ("calendar", 120.0), "centuries": ("calendar", 1200.0),
    "kg": ("mass", 1.0), "t": ("mass", 1000.0), "lb": ("mass", 0.45359237),
    "MW": ("power", 1.0), "GW": ("power", 1000.0),
}  # fmt: skip

_HEDGES: dict[str, list[str]] = {
    "near": ["just under", "just shy of", "slightly less than", "slightly under", "almost",
             "nearly", "close to", "not quite", "a little under", "a little less than"],
    "at_most": ["fewer than", "less than", "no more than", "not more than", "at most", "under",
                "below"],
    "at_least": ["more than", "at least", "no fewer than", "no less than", "not less than", "over",
                 "a minimum of", "in excess of", "upwards of", "upward of", "just over", "above",
                 "well over", "greater than", "exceeding"],
    "up_to": ["up to", "as many as", "as much as", "as high as", "as long as", "a maximum of"],
    "approximate": ["about", "around", "approximately", "roughly", "some", "an estimated",
                    "estimated", "approx.", "approx", "circa", "ca.", "~"],
}  # fmt: skip
_NEAR_HEDGES = frozenset(_HEDGES["near"])
_HEDGE_BEFORE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(f"(?P<{k}>{'|'.join(map(re.escape, v))})" for k, v in _HEDGES.items()).replace(
        r"\ ", r"\s+"
    )
    + r")\s*$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(r"(?P<at_least>\+(?![\d\w])|-plus\b|\s+or\s+(?:more|above)\b)"
                          r"|(?P<approximate>\s+or\s+so\b)", re.I)  # fmt: skip

_STOP_TEXT = """and or but nor of in on at to from by for with without into than then that which who
    were was are is be been have has had will would can could may might must should do does did
    not no also as if when while where because after before since until though so this these
    those it its they them their there here he she his her we our you your i me my most less out
    up down off per each every all both another same only just even still yet very too again
    once always perhaps towards across plus thus us ago near about around over under against
    among between within via like including"""
_STOP = frozenset(_words(_STOP_TEXT))
_SKIP = frozenset(_words("other more additional further new separate different extra single"))
_IRREGULAR_TEXT = """people children men women police personnel staff troops aircraft cattle
    livestock crew feet teeth mice geese data media dead wounded injured missing others"""
_IRREGULAR = frozenset(_words(_IRREGULAR_TEXT))
_ADJ_END = re.compile(r"(?:al|ic|ian|ive|ous|ful|less|ed|ing|ary|ern|ese|ish)$")
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF_DET = re.compile(r"\s+of\s+(?:the|those|these|them|its|their|our|his|her|all)(?=\s)", re.I)
_OF = re.compile(r"\s+of(?:\s+the)?(?=\s)", re.IGNORECASE)
_DASH_NOUN = re.compile(r"([A-Za-z]+)[ \u00a0]?[—–(][ \u00a0]?$")
_OUT_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:[\w'’-]+\s+){0,5}", re.IGNORECASE)


def _is_plural(word: str) -> bool:
    plural = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return plural or word in _IRREGULAR


def _noun_after(text: str, pos: int, value: float, vague: bool) -> re.Match[str] | None:
    """The counted noun: the first plural within four words, skipping adjectives ("Russian")."""
    if m := _OF_DET.match(text, pos) or (_OF.match(text, pos) if vague else None):
        pos = m.end()
    for _ in range(4):
        m = _NEXT_WORD.match(text, pos)
        if not m:
            return None
        word, pos = m.group(1), m.end()
        low = word.lower().rstrip("'’")
        if "'" in low or "’" in low:  # a possessive ("the state's") modifies the noun
            continue
        if low in _STOP:
            return None
        if low in _SKIP:
            continue
        if value == 1 and not vague:
            if word[0].islower() and not _ADJ_END.search(low):
                return m
        elif _is_plural(low):
            return m
    return None


_ONE_BEFORE = re.compile(r"(?<!\w)(?:no|any|every|the|this|that|which|each|at|other)\s+$", re.I)
_ONE_AFTER = re.compile(r"\s*(?:of|another|that|who|which|['’]s|by\s+one|day|hand|can|could|would"
                        r"|should|must|might|may)\b", re.I)  # fmt: skip
_TITLE_BEFORE = re.compile(r"(?<![.!?])\b[A-Z][\w'’]* $")
_TIME_AFTER = re.compile(r"[:.,][0-9]|\s*(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)


def _rejected(text: str, ns: int, ne: int, is_digit: bool) -> bool:
    """Ids, versions, model names ("F-16", "o701z"), times, long digit strings; the pronoun
    "one" ("one of", "no one", "one another") and names ("Formula One")."""
    if not is_digit:
        one = text[ns:ne].lower() == "one"
        if one and (_ONE_BEFORE.search(text, max(0, ns - 8), ns) or _ONE_AFTER.match(text, ne)):
            return True
        return text[ns].isupper() and bool(_TITLE_BEFORE.search(text, max(0, ns - 30), ns))
    core = text[ns:ne].split()[0]
    model = ns >= 2 and text[ns - 1] == "-" and text[ns - 2].isalpha()  # "F-16", "COVID-19"
    id_like = (len(core) >= 8 and core.isdigit()) or (core[:1] == "0" and core[1:2].isdigit())
    return model or id_like or bool(_TIME_AFTER.match(text, ne))


def _read(text: str, m: re.Match[str], last_end: int) -> Quantity | None:
    """Build one Quantity around a number match, or None when it is not a quantity."""
    ns, ne = m.span()
    is_digit = m.group("d") is not None
    if _rejected(text, ns, ne, is_digit):
        return None
    hy = _HYPHEN_WORD.match(text, ne)
    if hy and hy.group(1).lower() in _NOT_COUNTS:
        return None
    start, end, kind, unit, hedge = ns, ne, "quantity", "count", None
    cur = _CURRENCY_BEFORE.search(text, max(0, ns - 4), ns)
    if is_digit and ne < len(text) and (text[ne].isalnum() or text[ne] == "_"):
        if (om := _ORD_SUFFIX.match(text, ne)) and text[ns:ne].isdigit():
            ne = end = om.end()
        elif (cm := _COMPACT_SUFFIX.match(text, ne)) and (cur or len(cm.group()) > 1):
            ne = end = cm.end()
        elif not _UNIT.match(text, ne):
            return None
    value = parse_number(text[ns:ne])
    if value is None:
        return None
    low = text[ns:ne].lower()
    last = low.split()[-1].split("-")[-1]
    if (last[:-2].isdigit() and last[-2:] in ("st", "nd", "rd", "th")) or last in _ORDINALS:
        kind, unit = "ordinal", "ordinal"
    elif _VAGUE_FULL.fullmatch(" ".join(low.split())):
        kind = "vague"
    if kind != "ordinal":
        if cur:
            unit = _CURRENCY_UNITS.get(cur.group("c") or "", cur.group("i") or "USD")
            start = cur.start()
        elif mach := _MACH_BEFORE.search(text, max(0, ns - 6), ns):
            unit, start = "Mach", mach.start()
        elif um := _UNIT.match(text, ne):
            unit = next(u for i, (u, _) in enumerate(_UNIT_SPECS) if um.group(f"u{i}"))
            end = um.end()
    qualifier = "at_least" if kind == "vague" else "approximate" if "dozen" in low else "exact"
    if sm := _HEDGE_AFTER.match(text, end):
        qualifier, hedge, end = sm.lastgroup or "", sm.group().strip().lower(), sm.end()
    if pm := _HEDGE_BEFORE.search(text, max(last_end, start - 30), start):
        group = pm.lastgroup or ""
        qualifier = "at_most" if group == "near" else group
        hedge, start = " ".join(pm.group(group).lower().split()), pm.start()
    nm = None
    if unit == "count" and kind != "ordinal":
        if hy and not _UNIT.match(text, ne):
            nm, end = hy, hy.end()
        else:
            nm = _noun_after(text, end, value, kind == "vague")
    noun, span = (nm.group(1).lower().rstrip("'’"), nm.span(1)) if nm else (None, None)
    return Quantity(start, end, ns, ne, value, unit, qualifier, noun, kind, hedge, span)


# Scanning is driven by word tokens: trying the big alternations only where a token could
# start a number or a date keeps a 20k-character article to a few milliseconds.
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")
_NUM_START = frozenset([*_SMALL, *_ORDINALS, "half", *_VAGUE])
_A_NEXT = re.compile(rf"\s+(?:hundred|dozen|quarter|half|third|{_SCALE_RE})\b", re.IGNORECASE)
_URLISH = re.compile(r"(?:[a-z]+://|www\.|[@#])|\S*\.(?:com|org|net|gov|edu|io|co|ua|ru|uk|ly)(?:/|$)"
                     r"|\S+@\S+\.", re.I)  # fmt: skip
_CHUNK_LEFT, _CHUNK_RIGHT = re.compile(r"\S*$"), re.compile(r"\S{0,80}")
_PHONE = re.compile(
    r"(?<!\w)\+[0-9][0-9\s().-]{6,}[0-9]"
    r"|(?<![\w-])\(?[0-9]{3}\)?[-.\s][0-9]{3}[-.][0-9]{4}(?![0-9])"
)


def _is_noise(text: str, s: int, e: int) -> bool:
    """URLs, handles, e-mail addresses and phone numbers are never quantities."""
    left = _CHUNK_LEFT.search(text, max(0, s - 80), s)
    right = _CHUNK_RIGHT.match(text, e)
    if _URLISH.match(text[left.start() if left else s : right.end() if right else e]):
        return True
    if text[s].isdigit():
        for m in _PHONE.finditer(text, max(0, s - 16), min(len(text), e + 16)):
            if m.start() < e and s < m.end():
                return True
    return False


def find_quantities(text: str) -> list[Quantity]:
    """Every numeric mention in `text`, in order and non-overlapping; dates and times excluded."""
    num_starts, date_starts = _starts(text)
    mask = bytearray(len(text))  # stated dates and years: their numbers are not quantities
    for d in _dates_at(text, date_starts):
        if d.kind != "relative" and any(c.isdigit() for c in text[d.start : d.end]):
            mask[d.start : d.end] = b"\x01" * (d.end - d.start)
    found: list[Quantity] = []
    last_end = skip = 0
    for pos in num_starts:
        if pos < skip or not (m := _NUMBER.match(text, pos)):
            continue
        skip = m.end()
        if mask.find(1, m.start(), m.end()) != -1 or _is_noise(text, m.start(), m.end()):
            continue
        q = _read(text, m, last_end)
        if q is not None and mask.find(1, q.start, q.end) == -1:
            found.append(q)
            last_end = skip = q.end
    return _borrow_nouns(text, found)


def _borrow_nouns(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "76 out of 188 drones" and "drones—188—" give their counts the noun nearby."""
    out = list(found)
    for i, q in enumerate(out):
        if q.unit != "count" or q.kind != "quantity" or q.noun is not None:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt and nxt.noun and nxt.unit == "count" and _OUT_OF.fullmatch(text, q.end, nxt.start):
            out[i] = replace(q, noun=nxt.noun, noun_span=nxt.noun_span)
        elif text[q.end : q.end + 1] in ("—", "–", ")"):
            dm = _DASH_NOUN.search(text, max(0, q.start - 40), q.start)
            if dm and _is_plural(dm.group(1).lower()):
                out[i] = replace(q, noun=dm.group(1).lower(), noun_span=dm.span(1))
    return out


_MONTHS = "January February March April May June July August September October November December"
_MONTH_NUM = {m[:3].lower(): i + 1 for i, m in enumerate(_MONTHS.split())}
_MONTH_RE = rf"(?:{_alt(_MONTHS)}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY_RE = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\w:])"
_YEAR_RE = r"(?:1[89][0-9][0-9]|20[0-9][0-9])(?!\w|[.,][0-9])"
_SEP_RE = r"(?:\s*[-–—]\s*|\s+(?:to|through|and|&)\s+)"
_REL_UNITS = r"(?:days?|weeks?|months?|years?)"
_DATE = re.compile(
    r"(?P<iso>(?<![\w.-])(?P<iso_y>[0-9]{4})-(?P<iso_m>0[1-9]|1[0-2])"
    r"-(?P<iso_d>0[1-9]|[12][0-9]|3[01])(?![\w-]))"
    rf"|(?P<mdy>(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<mdy_m>{_MONTH_RE})\s+(?P<mdy_d>{_DAY_RE})"
    rf"(?:{_SEP_RE}(?P<mdy_d2>{_DAY_RE}))?(?:,?\s+(?P<mdy_y>{_YEAR_RE}))?)"
    rf"|(?P<dmy>(?:(?:{_WEEKDAY_RE}),?\s+)?(?<![\w.,])(?P<dmy_d>{_DAY_RE})"
    rf"(?:{_SEP_RE}(?P<dmy_d2>{_DAY_RE}))?\s+(?:of\s+)?(?P<dmy_m>{_MONTH_RE})(?!\w)"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR_RE}))?)"
    rf"|(?P<my>(?P<my_m>{_MONTH_RE}),?\s+(?P<my_y>{_YEAR_RE}))"
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
)
_AMBIGUOUS_MONTHS = frozenset(_words("March May April June August"))
_MONTH_CONTEXT = re.compile(r"(?<!\w)(?:in|since|until|till|by|from|through|during|before|after"
                            r"|early|late|mid|last|next|this|of|between|and|or|to|on)[\s-]+$",
                            re.I)  # fmt: skip


def _int(s: str | None) -> int | None:
    return int(s.rstrip("stndrh")) if s else None


def _month(s: str | None) -> int | None:
    return _MONTH_NUM[s[:3].lower()] if s else None


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
    if kind in ("wd", "rel"):
        return DateMention(s, e, "weekday" if kind == "wd" else "relative", None, None, None)
    if kind == "mon":
        if g("mon") in _AMBIGUOUS_MONTHS and not _MONTH_CONTEXT.search(text, max(0, s - 12), s):
            return None
        return DateMention(s, e, "month", None, _month(g("mon")), None)
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


def _base(q: Quantity) -> tuple[str, float]:
    dim, factor = _DIMENSIONS.get(q.unit, (q.unit, 1.0))
    return dim, q.value * factor


def convert(value: float, unit: str, to: str) -> float | None:
    """`value` in `unit` expressed in unit `to` (3 years -> 36 months), or None when the two
    units measure different things."""
    (da, fa), (db, fb) = _DIMENSIONS.get(unit, (unit, 1.0)), _DIMENSIONS.get(to, (to, 1.0))
    return value * fa / fb if da == db else None


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal after unit conversion (600 square kilometers == 600 km² ~= 231.7 square miles);
    exact in one unit, within 1% across units since reporters round converted figures."""
    (da, va), (db, vb) = _base(a), _base(b)
    if da != db or (a.kind == "ordinal") != (b.kind == "ordinal"):
        return False
    return math.isclose(va, vb, rel_tol=1e-9 if a.unit == b.unit else 0.01)


def _interval(q: Quantity, v: float) -> tuple[float, float]:
    """The values a hedged figure allows: "around 80" -> [72, 88], "more than 90" -> [90, inf)."""
    if q.kind == "vague":
        return v, 5 * v
    if q.qualifier == "approximate":
        return v * 0.9, v * 1.1
    if q.qualifier == "at_least":
        return v, math.inf
    if q.qualifier == "at_most":
        return (v * 0.9 if q.hedge in _NEAR_HEDGES else -math.inf), v
    if q.qualifier == "up_to":
        return -math.inf, v
    return v, v


def compatible(a: Quantity, b: Quantity) -> bool:
    """Could both statements be true? Each hedge widens a figure into an interval: approximate
    = ±10%, "almost/nearly" = up to 10% under, at_least/at_most/up_to one-sided; they must meet."""
    (da, va), (db, vb) = _base(a), _base(b)
    if da != db or (a.kind == "ordinal") != (b.kind == "ordinal"):
        return False
    (lo_a, hi_a), (lo_b, hi_b) = _interval(a, va), _interval(b, vb)
    tol = 1e-9 if a.unit == b.unit else 0.01
    return lo_a <= hi_b + abs(hi_b) * tol and lo_b <= hi_a + abs(hi_a) * tol
