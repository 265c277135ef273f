"""Quantities in news text (number, unit, hedge, counted noun), with exact offsets into the
original text.

One grammar shared by the answer reader, the claim checker and the figures table, so that
"almost 235 square kilometers", "nearly a quarter of a million" and "drones—188—against" are
read the same way everywhere. Pure functions; every regex is compiled once, at import.

Kinds: "quantity" (a number with a unit, or a bare count: unit "count"), "ordinal" ("first",
"33rd"; unit "ordinal") and "vague" ("dozens" = 24, "hundreds" = 200, "tens of thousands" =
20,000, qualifier at_least; `compatible` reads them as [v, 5v)). Years, days of month and times
are never quantities: dates belong to `kit.language.dates.find_dates`, times are skipped. A 4-digit
1800-2099 is a year unless a unit follows or a hedge or currency sign precedes it ("some 2000
troops"); an earlier one only after a word that dates it ("In 1618 the Synod") or a day and
month ("10 July 1584"). The number grammar, units and hedges are in `kit.language.numbers`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Literal, get_args

from kit.language.dates import DateMention, _dates_at, _starts, find_dates
from kit.language.numbers import (
    _COMPACT_SUFFIX,
    _CURRENCY_BEFORE,
    _CURRENCY_UNITS,
    _DIMENSIONS,
    _HEDGE_AFTER,
    _HEDGE_BEFORE,
    _HYPHEN_WORD,
    _MACH_BEFORE,
    _NEAR_HEDGES,
    _NOT_COUNTS,
    _NUMBER,
    _ORD_SUFFIX,
    _ORDINALS,
    _UNIT,
    _UNIT_SPECS,
    _VAGUE_FULL,
    _words,
    parse_number,
)

__all__ = ["DateMention", "Quantity", "compatible", "find_dates", "find_quantities"]
__all__ += ["EXACT", "ROUNDED", "convert", "parse_number", "same_number", "same_value"]
__all__ += ["KINDS", "QUALIFIERS", "Kind", "Qualifier", "kind_named", "qualifier_named"]

EXACT = 1e-9  # one unit: equal but for float rounding
ROUNDED = 0.01  # across units: reporters round the converted figure ("231.7 square miles")

# How a figure is hedged: "about 12" approximate, "more than 12" at_least, "fewer than 12"
# and "almost 12" at_most, "up to 12" up_to (a ceiling said as a possibility), else exact.
Qualifier = Literal["exact", "approximate", "at_least", "at_most", "up_to"]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
# What a mention is: a number (with a unit, or a bare count), an ordinal, a vague plural.
Kind = Literal["quantity", "ordinal", "vague"]
KINDS: tuple[Kind, ...] = get_args(Kind)


def qualifier_named(name: str) -> Qualifier:
    """The qualifier a hedge group or a stored value names ("near" hedges are at_most)."""
    name = "at_most" if name == "near" else name
    for qualifier in QUALIFIERS:
        if qualifier == name:
            return qualifier
    raise ValueError(f"not a qualifier: {name!r}")


def kind_named(name: str) -> Kind:
    """The kind a stored value names ("quantity", "ordinal", "vague")."""
    for kind in KINDS:
        if kind == name:
            return kind
    raise ValueError(f"not a kind of quantity: {name!r}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A numeric mention: `text[start:end]` is the whole mention, `number_*` the number alone."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    unit: str
    qualifier: Qualifier
    noun: str | None
    kind: Kind
    hedge: str | None = None  # the words that set the qualifier, lower-cased: "almost", "~"
    noun_span: tuple[int, int] | None = None  # where `noun` was read (may be after `end`)


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
    start, end, unit, hedge = ns, ne, "count", None
    kind: Kind = "quantity"
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
    qualifier: Qualifier = (
        "at_least" if kind == "vague" else "approximate" if "dozen" in low else "exact"
    )
    if sm := _HEDGE_AFTER.match(text, end):
        qualifier = qualifier_named(sm.lastgroup or "")
        hedge, end = sm.group().strip().lower(), sm.end()
    if pm := _HEDGE_BEFORE.search(text, max(last_end, start - 30), start):
        group = pm.lastgroup or ""
        qualifier = qualifier_named(group)
        hedge, start = " ".join(pm.group(group).lower().split()), pm.start()
    nm = None
    if unit == "count" and kind != "ordinal":
        if hy and not _UNIT.match(text, ne):
            nm, end = hy, hy.end()
        else:
            nm = _noun_after(text, end, value, kind == "vague")
    noun, span = (nm.group(1).lower().rstrip("'’"), nm.span(1)) if nm else (None, None)
    return Quantity(start, end, ns, ne, value, unit, qualifier, noun, kind, hedge, span)


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


# Fractions said in words: "two-thirds", "about a quarter", "half of the votes". A singular
# one ("a third", "half") counts only before "of" or after a hedge: "a third term", "the
# second half of the season" and "half-mast" are not figures.
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<num>two|three|four|five|seven|nine)[-\s](?P<pl>thirds|quarters|fifths|tenths)"
    r"|(?:(?P<art>a|one)[-\s])?(?P<sg>half|third|quarter|fifth|tenth))(?![\w-])",
    re.IGNORECASE,
)
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_NUMERATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "nine": 9}
_OF_NEXT = re.compile(r"\s+of\b(?!\s+(?:a|an)\s)", re.IGNORECASE)
_PART_BEFORE = re.compile(
    r"(?<!\w)(?:the|first|second|third|last|final|other|latter|former|next|each|every|per)\s+$",
    re.IGNORECASE,
)


def _fraction(text: str, m: re.Match[str], last_end: int) -> Quantity | None:
    """One fraction in words as a Quantity with unit "fraction" (value 2/3 for "two-thirds")."""
    ns, ne = m.span()
    if m.group("pl"):
        value = _NUMERATORS[m.group("num").lower()] / _PARTS[m.group("pl").lower()[:-1]]
    else:
        value = 1 / _PARTS[m.group("sg").lower()]
    hedge_m = _HEDGE_BEFORE.search(text, max(last_end, ns - 30), ns)
    of = _OF_NEXT.match(text, ne)
    if not m.group("pl") and _PART_BEFORE.search(text, max(0, ns - 8), ns):
        return None  # "the second half of the season"; "the two-thirds majority" is one
    if not m.group("pl") and not (m.group("art") or m.group("sg").lower() == "half"):
        return None
    if not m.group("pl") and not (of or hedge_m):
        return None
    start, hedge = ns, None
    qualifier: Qualifier = "exact"
    if hedge_m:
        group = hedge_m.lastgroup or ""
        qualifier = qualifier_named(group)
        hedge, start = " ".join(hedge_m.group(group).lower().split()), hedge_m.start()
    nm = _noun_after(text, ne, 2, True)
    noun, span = (nm.group(1).lower().rstrip("'’"), nm.span(1)) if nm else (None, None)
    return Quantity(start, ne, ns, ne, value, "fraction", qualifier, noun, "quantity", hedge, span)


def _add_fractions(text: str, found: list[Quantity], mask: bytearray) -> list[Quantity]:
    """Fractions where no date and no wider quantity is; "a third of" and "three quarters of"
    replace the ordinal "third" and the count "three" read inside them."""
    extra: list[Quantity] = []
    for m in _FRACTION.finditer(text):
        inside = [q for q in found if q.start < m.end() and m.start() < q.end]
        if mask.find(1, m.start(), m.end()) != -1 or any(
            q.kind != "ordinal" and not (m.start() <= q.number_start and q.end <= m.end())
            for q in inside
        ):
            continue
        before = [q.end for q in found if q.end <= m.start()]
        fraction = _fraction(text, m, max(before, default=0))
        if fraction is not None and mask.find(1, fraction.start, fraction.end) == -1:
            extra.append(fraction)
    if not extra:
        return found
    kept = [q for q in found if not any(q.start < f.end and f.start < q.end for f in extra)]
    return sorted([*kept, *extra], key=lambda q: q.start)


def find_quantities(text: str, *, fractions: bool = False) -> list[Quantity]:
    """Every numeric mention in `text`, in order and non-overlapping; dates and times excluded.
    With `fractions`, also fractions said in words ("two-thirds of", "about a quarter"; unit
    "fraction"): the figures table reads them; the reader and the claim checker do not yet."""
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
    return _borrow_nouns(text, _add_fractions(text, found, mask) if fractions else found)


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


def _base(q: Quantity) -> tuple[str, float]:
    dim, factor = _DIMENSIONS.get(q.unit, (q.unit, 1.0))
    return dim, q.value * factor


def convert(value: float, unit: str, to: str) -> float | None:
    """`value` in `unit` expressed in unit `to` (3 years -> 36 months), or None when the two
    units measure different things."""
    (da, fa), (db, fb) = _DIMENSIONS.get(unit, (unit, 1.0)), _DIMENSIONS.get(to, (to, 1.0))
    return value * fa / fb if da == db else None


def same_number(a: float, b: float, *, within: float = EXACT) -> bool:
    """The one "same value" test on two numbers: `a` and `b` differ by at most `within` of the
    larger (`math.isclose`). Each caller names its tolerance: `EXACT` (equal but for float
    rounding), `ROUNDED` (a figure converted to another unit), or a looser share, like the
    reader's for answers that corroborate each other (76 and "around 80": 10%)."""
    return math.isclose(a, b, rel_tol=within)


def _tolerance(a: Quantity, b: Quantity) -> float:
    return EXACT if a.unit == b.unit else ROUNDED


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal after unit conversion (600 square kilometers == 600 km² ~= 231.7 square miles);
    exact in one unit, within 1% across units since reporters round converted figures."""
    (da, va), (db, vb) = _base(a), _base(b)
    if da != db or (a.kind == "ordinal") != (b.kind == "ordinal"):
        return False
    return same_number(va, vb, within=_tolerance(a, b))


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
    tol = _tolerance(a, b)
    return lo_a <= hi_b + abs(hi_b) * tol and lo_b <= hi_a + abs(hi_a) * tol
