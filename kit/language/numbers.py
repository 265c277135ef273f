"""How numbers, units and hedges are written in news text: the grammar `kit.language.quantities` and
`kit.language.dates` read with.

Word numbers use our own small grammar, not `text2num`: `alpha2digit` rewrites the text (we
need offsets into the original), reads "a quarter of a million" as "a quarter of a 1000000" and
rejects "a hundred". Ours reads zero..ninety-nine, hundred..trillion, "a dozen", fractions of a
scale ("half a million") and vague plurals ("dozens", "tens of thousands").

Qualifiers (the words that set one are kept in `Quantity.hedge`):
at_most: "almost", "nearly", "just under", "close to" (a bit under), "fewer than", "less than",
"under", "below" (anything under); at_least: "more than", "over", "at least", "above", "N+",
"N or more"; up_to: "up to", "as many as", "a maximum of"; approximate: "about", "around",
"approximately", "roughly", "some", "an estimated", "~", "N or so", and a bare "a dozen".
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["parse_number"]


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
    rf"(?P<d>(?<![\w.,/:@#]){_DIGITS_RE}(?:[ \u00a0]{{1,2}}(?:hundred|{_SCALE_RE})(?!\w))?)"
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
    ("km/s", r"kilomet(?:er|re)s?\s+(?:per|a)\s+second|km/s"),
    ("mi/s", r"miles?\s+(?:per|a)\s+second|mi/s"),
    ("m/s", r"met(?:er|re)s?\s+per\s+second|m/s"), ("mph", r"miles\s+(?:per|an)\s+hour|mph"),
    ("knots", r"knots?"), ("nmi", r"nautical\s+miles?"),
    ("km", r"kilomet(?:er|re)s?|kms?"), ("mi", r"miles?|mi"), ("cm", r"centimet(?:er|re)s?|cm"),
    ("mm", r"millimet(?:er|re)s?|mm"), ("m", r"met(?:er|re)s?|(?-i:m)"), ("ft", r"feet|foot|ft"),
    ("in", r"inch(?:es)?"), ("s", r"seconds?|secs?"), ("minutes", r"minutes?|mins?"),
    ("hours", r"hours?|hrs?"), ("days", r"days?"), ("weeks", r"weeks?"), ("months", r"months?"),
    ("ly", r"light[-\s]years?"), ("pc", r"parsecs?"), ("au", r"astronomical\s+units?|(?-i:AU|au)"),
    ("years", r"years?|yrs?"), ("decades", r"decades?"),
    ("centuries", r"centur(?:y|ies)"), ("pp", r"percentage\s+points?"),
    ("%", r"%|percent|per\s+cent"), ("kg", r"kilo(?:gram)?s?|kg"), ("t", r"tonnes?|tons?|(?-i:t)"),
    ("GBP", r"pounds\s+sterling|(?-i:GBP)"), ("lb", r"pounds?|lbs?"),
    ("USD", r"(?:US\s+)?dollars?|(?-i:USD)"), ("EUR", r"euros?|(?-i:EUR)"),
    ("RUB", r"r(?:o)?ubles?|(?-i:RUB)"), ("UAH", r"hryvnias?|(?-i:UAH)"),
    ("NOK", r"Norwegian\s+kron(?:er|e)|(?-i:NOK)"), ("DKK", r"Danish\s+kron(?:er|e)|(?-i:DKK)"),
    ("SEK", r"Swedish\s+kron(?:or|a)|(?-i:SEK)"), ("kr", r"kron(?:er|or|e|a)"),
    ("MW", r"megawatts?|(?-i:MW)"), ("GW", r"gigawatts?|(?-i:GW)"),
    ("°C", r"°\s?C(?:elsius)?|degrees\s+(?:Celsius|centigrade)"),
    ("°F", r"°\s?F(?:ahrenheit)?|degrees\s+Fahrenheit"),
    ("M☉", r"solar\s+mass(?:es)?|M☉"),
]  # fmt: skip
_UNIT = re.compile(
    r"(?:[ \u00a0]|-)?(?:"
    + "|".join(f"(?P<u{i}>{pat})" for i, (_, pat) in enumerate(_UNIT_SPECS))
    + r")(?:-(?:long|old))?(?![\w²/])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?P<c>US\$|[A-Z]\$|\$|€|£|₴|₽|¥)|(?P<i>USD|EUR|GBP|NOK|SEK|DKK) )$"
)
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
    "ly": ("length", 9.4607e12), "pc": ("length", 3.0857e13), "au": ("length", 1.495979e8),
    "m/s": ("speed", 3.6), "km/s": ("speed", 3600.0), "mi/s": ("speed", 5793.638),
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
                    "estimated", "approx.", "approx", "circa", "ca.", "~",
                    # spoken: "like 30 astronomical units", "maybe ten years old"
                    "something like", "like", "maybe", "perhaps", "probably", "kind of",
                    "sort of", "closer to"],
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
_HEDGE_AFTER = re.compile(
    r"(?P<at_least>\+(?![\d\w])|-plus\b|\s+or\s+(?:more|above|older|higher)\b"
    r"|\s+and\s+(?:over|above|older)\b)"
    r"|(?P<at_most>\s+or\s+(?:less|fewer|younger|under|below)\b|\s+and\s+(?:under|younger)\b)"
    r"|(?P<approximate>\s+or\s+so\b)", re.I)  # fmt: skip
