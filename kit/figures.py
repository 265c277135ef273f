"""Every figure in the articles as a table: value, unit, what is counted, qualifier, who says so.

Numbers come from `kit.quantities`, the kit's own number/unit grammar, because a figure row
must cite its exact span (`text[start:end] == quote`). Libraries were weighed: `text2num`'s
`alpha2digit` rewrites the text and loses offsets; `quantulum3` (installed, not a
dependency) keeps spans but its unit classifier does not load with scikit-learn 1.9 (a pickle
from 1.8), and without it on the seeds it reads "15 minutes" as minutes of arc, "a key" as
1000 exayears, splits "a quarter of a million" in two, drops "Mach", keeps years and dates,
ignores hedges, and takes 0.6 s for four articles. So no extra library is used.

What this module adds is the `quantity` label ("drones launched", "territory seized",
"missile speed"), built from general rules, never from tables about particular articles:
the counted noun, the verb that governs the figure (mapped to a canonical participle by a
small lexicon of news verbs), a measure noun before it ("a population of ..."), or the
dimension of its unit ("speed", "distance", "flight time"). Also the time frame ("overnight",
"past week", "in November") and the attribution (`kit.attribution`).

Where spaCy is installed, `kit.measures` reads the sentence's dependency parse first: the
counted noun with the verb or participle it belongs to ("people killed", "people missing",
"people in emergency shelters"), what an amount is of ("emergency aid pledged"), the named
place, and whether the sentence marks the figure superseded, updated or unconfirmed. Each row
also gets a `measure` key: what it measures in canonical words ("count|people|killed" for
"death toll", "12 people died" and "15 people were killed"), so that `kit.compare` lines up
figures by meaning rather than by label. A speaker is kept only when the sentence names one
and the figure is inside what that speaker says.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import pandas as pd

from kit.attribution import REPORT_VERBS, Attribution, attribute
from kit.corpus import Article, Corpus
from kit.measures import (
    Reading,
    dates_figure,
    figure_status,
    is_age,
    passed_bound,
    prefetch,
    read_figure,
    said_by_speaker,
    speech_date,
)
from kit.passages import Sentence, split_sentences
from kit.quantities import Quantity, find_dates, find_quantities

__all__ = ["COLUMNS", "SPEC_COLUMNS", "article_figures", "figures_frame", "quantity_label"]

SPEC_COLUMNS = ["source", "value", "unit", "quantity", "qualifier", "attributed_to"]
SPEC_COLUMNS += ["start", "end", "quote", "sentence"]
EXTRA_COLUMNS = ["time_frame", "hedge", "hedges", "attribution", "verb", "noun", "kind"]
EXTRA_COLUMNS += ["number_start", "number_end", "sentence_index", "outlet", "title"]
EXTRA_COLUMNS += ["place", "status", "measure"]
COLUMNS = SPEC_COLUMNS + EXTRA_COLUMNS

# Canonical participle -> the forms that mean it in news prose (a lexicon of verbs, not facts).
_VERB_FORMS = {
    "launched": "launch launched launches launching fire fired fires firing",
    "shot down": "shot downed downing downs intercepted intercepting intercepts",
    "lost": "lost losing loses",
    "killed": "kill killed killing kills died dead die dies drowned perished",
    "injured": "injured injuring injures wounded wounding wounds hurt",
    "seized": "seized seizing seizes took taken taking occupied occupying gained gaining",
    "captured": "captured capturing captures",
    "destroyed": "destroyed destroying destroys",
    "damaged": "damaged damaging damages",
    "arrested": "arrested arresting arrests detained detaining",
    "evacuated": "evacuated evacuating evacuates",
    "displaced": "displaced displacing",
    "rescued": "rescued rescuing",
    "released": "released releasing freed freeing",
    "deployed": "deployed deploying deploys",
    "delivered": "delivered delivering delivers supplied supplying provided providing",
    "hospitalized": "hospitalized hospitalised",
    "missing": "missing unaccounted",
    "pledged": "pledge pledged pledges pledging promise promised promises promising",
    "laid off": "laid",
}
_VERBS = {form: canon for canon, forms in _VERB_FORMS.items() for form in forms.split()}
_PHRASAL = {"shot down", "shoot down", "shoots down", "shooting down", "brought down"}
_PHRASAL |= {"bringing down", "took control", "taken control", "taking control", "laid off"}
_PEOPLE_VERBS = frozenset(["killed", "injured", "arrested", "evacuated", "displaced", "rescued"])
_PEOPLE_VERBS |= {"hospitalized", "captured", "released"}
_TOTAL_VERBS = frozenset(["launched", "deployed", "delivered"])
_AREA_VERBS = {"seized": "seized", "captured": "seized", "lost": "lost"}
_FLY = frozenset("flew flown fly flies flying flight flights".split())
_TRAVEL = frozenset("travelled traveled sailed drove driven marched walked covered".split())
_PHRASE_SYNONYMS = {"conflict": "war", "member states": "member countries"}
_PHRASE_SYNONYMS |= {"member nations": "member countries"}
# Tallies that name a count and its event in one word ("the death toll rose to 15").
_TALLY_MEANS = {"death toll": ("people", "killed"), "toll": ("people", "killed")}
_TALLY_MEANS |= {"deaths": ("people", "killed"), "dead": ("people", "killed")}
_TALLY_MEANS |= {"fatalities": ("people", "killed"), "number killed": ("people", "killed")}
# Counts that name one thing in two ways ("36 infections", "58 cases", "36 people infected").
_SAME_COUNT = {"count|infections": "count|cases", "count|people|infected": "count|cases"}
_SAME_COUNT |= {"count|cases|confirmed": "count|cases", "count|infections|confirmed": "count|cases"}
_CONVERTED = re.compile(r"\s*\((?:about|roughly|around|some|approximately|or)?\s*")
_NUMBER_WORD = re.compile(r"\b(?:Number|No\.|Nos\.|#)\s*$")
_CLOCK = re.compile(r"\s*(?:UTC|GMT|BST|CET|CEST|EDT|EST|CDT|CST|PDT|PST|AST|hrs)\b")
_LIST_MARKER = re.compile(r"\d{1,2}\.\s")
_STREET = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane"
    r"|Drive|Way|Place|Square)\b"
)
_APPOSED_AGE = re.compile(r"[A-Za-z)]+, $")
_AGE = re.compile(r"(?:\s+(?:old|of\s+age)\b)")
_BACK_REFERENCE = re.compile(r"\b(?:all|the|these|those)\s+$", re.I)
_AGED = re.compile(r"\b(?:aged|age of|ages of(?: \d{1,3} and| \d{1,3} to)?)\s+$", re.I)
_LIGHT_WORDS = frozenset("has have had is are was were get got include included includes".split())
_WHEN_SAID = re.compile(  # "officials on Thursday", "On Thursday the local health secretary"
    r"\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\W*$"
    r"|^(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+",
    re.I,
)
_PREPOSITIONS = frozenset("on in at with of from by for to into onto over under".split())
_NOT_SPEAKERS = re.compile(
    r"^(?:(?:though|although|but|and|while|whereas|as|because|since|if|when)\s+)?"
    r"(?:any|no|none|some|every|each|nobody|neither)\b",
    re.I,
)

_DATA_FROM = re.compile(r"^(?:data|figures|reports?|information) from (?:the )?", re.I)
_SPEED_UNITS = frozenset(["Mach", "km/h", "mph", "m/s", "knots"])
_LENGTH_UNITS = frozenset(["km", "mi", "nmi", "m", "cm", "mm", "ft", "in"])
_AREA_UNITS = frozenset(["km²", "mi²", "m²", "ha", "acres"])
_TIME_UNITS = frozenset(["s", "minutes", "hours", "days", "weeks", "months", "years", "decades"])
_NO_PERIOD = _SPEED_UNITS | _LENGTH_UNITS | _TIME_UNITS | {"°C", "°F"}
_MONEY_UNITS = frozenset(["USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CAD", "AUD"])
_DIMENSION_NAMES = {"%": "percentage", "pp": "percentage points", "kg": "weight", "t": "weight"}
_DIMENSION_NAMES |= {"lb": "weight", "MW": "power", "GW": "power", "°C": "temperature"}
_DIMENSION_NAMES |= {"°F": "temperature", "ly": "distance", "centuries": "duration"}

_STOP = frozenset(
    """a an the of and or but to in on at by for from with as that which who whom this these
    those its their his her our your my it they he she we is are was were be been being has
    have had will would can could may might than then also not no more most less some any all
    each every other such very only just about around over under nearly almost against""".split()
)
_NOT_MEASURE = frozenset("number total amount record high low share part rate".split())
_ADJ_SUFFIX = re.compile(r"(?:al|ic|ian|ive|ous|ful|less|ary|ern|ese|ish|ile)$")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[0-9][0-9.,]*|[,;:.!?—–()“”\"]")
_AUX = r"(?P<aux>(?:were|was|are|is|been|being|had\s+been|have\s+been|has\s+been)\s+)?"
_ADV = r"(?:(?:reportedly|successfully|also|later|then|all|allegedly|each)\s+)?"
_AFTER = re.compile(
    rf"[ \u00a0,]*{_AUX}{_ADV}(?P<word>[a-z]+)(?:\s+(?P<particle>down|control|up|off))?"
)
_PLACE_AFTER = re.compile(r"\s+((?:towards?|to|into|from)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)")
_MEASURE_BEFORE = re.compile(
    r"(?:(?<![\w'’])(?P<pre>[A-Za-z]+)\s+)?(?<![\w'’])(?P<noun>[A-Za-z]+)(?:['’]s)?\s+(?:of|at|was"
    r"|is|stood\s+at|stands\s+at|reached|totall?ed|topped|hit|(?:rose|risen|climbed|jumped"
    r"|increased|fell|dropped|grew|grown)\s+to)\s+$"
)
_OF_AFTER = re.compile(
    r"\s+(?:in|of|for|worth\s+of)\s+(?:the\s+|its\s+|their\s+)?([a-z]+(?:\s+[a-z]+)?)"
)
_BEARING = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:-by-(?:north|south|east|west)+)?"
_FROM_PLACE = re.compile(  # "nine kilometers east of Carrascal", "75 miles north of Bermuda"
    rf"\s+(?:{_BEARING}\s+of|away\s+from|from)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_RANGE_JOIN = re.compile(r"\s*(to|-|–|and)\s*")
_BETWEEN = re.compile(r"\b(?:between|from)\b[^.;:]*$", re.I)
_CHANGED_FROM = re.compile(
    r"\b(?:rose|risen|rise|rises|fell|fallen|falls|increased|decreased|dropped|climbed|jumped"
    r"|grew|grown|up|down|raised|lowered|cut|revised)\s+from\s+$",
    re.I,
)
_PARENTHESES = re.compile(r"\s*\([^()]{1,40}\)")
_SUBJECT = re.compile(r"\b(?i:the|its|their|this|a|an)\s+([a-z]+)(?:['’]s)?\b")
_SUBJECT_SKIP = frozenset("speed speeds top maximum record high distance range".split())
_SUBJECT_SKIP |= frozenset("time moment day night morning evening week next same other".split())
_COORDINATED = re.compile(r"(?:\s+[A-Za-z'’-]+){0,3}\s*(?:,|,?\s+and|,?\s+or)\s+")
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")

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


def figures_frame(corpus: Corpus | Iterable[Article]) -> pd.DataFrame:
    """All figures of all articles, one row per mention, in reading order (see `COLUMNS`)."""
    rows = [row for article in corpus for row in article_figures(article)]
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})
    return frame.assign(value=whole_numbers(frame["value"]))


def whole_numbers(values: pd.Series) -> pd.Series:
    """Whole numbers as int (33, not 33.0), others as float: tables show figures as stated.
    An all-whole column is int64; a mixed one is object dtype, still numeric per value."""
    floats = values.astype("float64")
    if floats.empty or floats.map(float.is_integer).all():
        return floats.astype("int64")
    return pd.Series(
        [int(v) if v.is_integer() else v for v in floats], index=values.index, dtype=object
    )


def article_figures(article: Article) -> list[dict[str, Any]]:
    """Figure rows of one article. Ordinals, dates, furniture and page chrome are left out."""
    text = article.text
    sentences = split_sentences(article)
    starts = [s.start for s in sentences]
    rows: list[dict[str, Any]] = []
    found: list[tuple[Quantity, Sentence]] = []
    for q in find_quantities(text):
        sentence = _sentence_of(sentences, starts, q)
        if q.kind == "ordinal" or sentence is None or article.is_furniture(q.start, q.end):
            continue
        if not _not_a_figure(text, q):
            found.append((q, sentence))
    prefetch([sentence.text for _, sentence in found])
    for q, sentence in found:
        rows.append(_row(article, sentence, q, rows))
    _share_verbs(text, rows)
    _share_labels(rows)
    ranges = _ranges(text, rows)
    for row in rows:
        if row["unit"] == "count" and row["quantity"] == "magnitude":
            row["unit"] = "magnitude"  # "the earthquake's magnitude was 5.5", "6.3 magnitude"
        row["measure"] = measure_key(row)
    for row in rows:
        for key in ("_event", "_period", "_range"):
            row.pop(key, None)
    for i, (a, b) in enumerate(pairwise(rows)):  # "nine km (about six miles)": one figure
        if _CONVERTED.fullmatch(text, a["end"], b["start"]) and a["unit"] != b["unit"]:
            if i in ranges and i + 1 in ranges and i + 2 in ranges.get(i + 1, ()):
                b["measure"] = rows[ranges[i][0]]["measure"]  # "18 to 23 ft (5.5 to 7 m)"
                rows[i + 2]["measure"] = a["measure"]
            else:
                b["measure"] = a["measure"]
    return rows


def _ranges(text: str, rows: list[dict[str, Any]]) -> dict[int, tuple[int, ...]]:
    """Mark the two ends of a stated range ("from 45% to 60%", "18 to 23 foot", "between 14
    and 18") as its low and high end: two figures, each in the other's unit where one has
    none. A change ("rose from 12 to 15") is not a range. Returns index -> partner index."""
    partners: dict[int, tuple[int, ...]] = {}
    for i, (a, b) in enumerate(pairwise(rows)):
        if a["sentence_index"] != b["sentence_index"] or i in partners:
            continue
        join = _RANGE_JOIN.fullmatch(text, a["end"], b["start"])
        if join is None or a["status"] or b["status"]:
            continue
        before = text[max(0, a["start"] - 30) : a["start"]]
        if join.group(1) == "and" and not _BETWEEN.search(before):
            continue
        if _CHANGED_FROM.search(before):
            continue
        unit_word = str(b["quote"]).split()[-1].lower()  # "18 to 23 foot": 18 is in feet
        named = a["noun"] is None or unit_word in (a["noun"], a["quantity"])
        bare = a["unit"] == "count" and b["unit"] != "count" and named
        if a["unit"] != b["unit"] and not bare:
            continue
        if bare:
            a["unit"], a["quantity"], a["verb"] = b["unit"], b["quantity"], b["verb"]
            a["noun"] = b["noun"]
        a["_range"], b["_range"] = "low", "high"
        partners[i], partners[i + 1] = (i + 1,), (i,)
    return partners


def _not_a_figure(text: str, q: Quantity) -> bool:
    """Numbers that name rather than count: a model ("Boeing 737-800"), a list marker at a
    line start ("1. Results"), a street number ("619 Waddell Avenue"), a hedged bare year
    ("around 1970")."""
    if q.unit != "count" or q.noun is not None:
        return False
    before, after = text[max(0, q.number_start - 1) : q.number_start], text[q.number_end :]
    if re.match(r"-\d", after) or (
        before == "-" and text[q.number_start - 2 : q.number_start - 1].isdigit()
    ):
        return True
    line_start = q.number_start == 0 or text[q.number_start - 1] == "\n"
    if line_start and _LIST_MARKER.match(text, q.number_start):
        return True
    if _STREET.match(after):
        return True
    if _NUMBER_WORD.search(text, max(0, q.number_start - 12), q.number_start):
        return True  # "Advisory Number 14", "No. 5": a name
    if _CLOCK.match(after) and len(text[q.number_start : q.number_end]) in (3, 4):
        return True  # "(1500 UTC)": a time of day
    year = (
        float(q.value).is_integer() and 1800 <= q.value <= 2099 and "," not in text[q.start : q.end]
    )
    return year and q.hedge is not None


def _share_labels(rows: list[dict[str, Any]]) -> None:
    """A bare number that the sentence leaves unnamed takes the label of the figure before it
    in the same sentence and unit: "the magnitude was 5.5; the USGS reported 5.8"."""
    for a, b in pairwise(rows):
        same = a["sentence_index"] == b["sentence_index"] and a["unit"] == b["unit"]
        if same and b["quantity"] == "count" and b["noun"] is None and a["quantity"] != "count":
            b["quantity"], b["noun"], b["verb"] = a["quantity"], a["noun"], a["verb"]
            b["_event"] = a.get("_event")


def measure_key(row: dict[str, Any]) -> str:
    """What a row measures, in canonical words: the key `kit.compare` groups figures by.
    "death toll", "15 people were killed" and "Twelve people died" are all
    "count|people|killed"; "2,400 homes were affected" and "3,000 affected homes" share
    "count|homes|affected". A named place is part of the key ("...@Kyiv", whatever the
    preposition), and so is a period the figure covers ("... [in 2013]", `key_period`): a
    count for another place or period is another quantity."""
    label, noun, verb, unit = str(row["quantity"]), row["noun"], row["verb"], str(row["unit"])
    if label in ("count", "duration", "distance") or label.endswith("(count)"):
        return f"{unit}|?{row['source']}:{row['start']}"  # nothing known: compares with nothing
    if unit == "count":
        if label in _TALLY_MEANS or label.endswith(" toll"):  # "Riverton flood toll"
            noun, verb = _TALLY_MEANS.get(label, _TALLY_MEANS["toll"])
        elif noun in _TALLY_MEANS:  # "53 measles related deaths"
            noun, verb = _TALLY_MEANS[noun]
        verb = verb or row.get("_event")  # "house 6,000 lions": not in the label, in the key
        key = f"count|{noun}|{verb}" if noun and verb else f"count|{label}"
        key = _SAME_COUNT.get(key, key)
    else:
        key = f"{_dimension(unit)}|{label}"
    if row.get("_range"):
        key += f"|{row['_range']}"  # the two ends of "from 45% to 60%" are two figures
    if row.get("place"):
        key += "@" + str(row["place"]).split(" ", 1)[-1]
    return f"{key} [{row['_period']}]" if row.get("_period") else key


def _dimension(unit: str) -> str:
    """Units that convert into each other share a dimension (km with mi, km² with ha)."""
    for name, units in (("speed", _SPEED_UNITS), ("length", _LENGTH_UNITS)):
        if unit in units:
            return name
    if unit in _AREA_UNITS:
        return "area"
    return "time" if unit in _TIME_UNITS else unit


def _share_verbs(text: str, rows: list[dict[str, Any]]) -> None:
    """Coordinated counts share their verb: "fired 90 missiles and 100 drones", "81 missiles
    and 80 drones were shot down"."""
    for a, b in pairwise(rows):
        counts = a["unit"] == b["unit"] == "count"
        if not counts or (a["verb"] is None) == (b["verb"] is None):
            continue
        if not _COORDINATED.fullmatch(text, a["end"], b["start"]):
            continue
        target, verb = (a, b["verb"]) if a["verb"] is None else (b, a["verb"])
        if target["noun"] and verb in _VERB_FORMS:  # a news verb, not "in emergency shelters"
            target["verb"], target["quantity"] = verb, _canon(f"{target['noun']} {verb}")


def _sentence_of(sentences: list[Sentence], starts: list[int], q: Quantity) -> Sentence | None:
    n = bisect_right(starts, q.number_start) - 1
    if n >= 0 and q.number_end <= sentences[n].end:
        return sentences[n]
    return None


def _row(
    article: Article, sentence: Sentence, q: Quantity, earlier: list[dict[str, Any]]
) -> dict[str, Any]:
    text = article.text
    label, verb, noun = quantity_label(text, sentence, q, earlier)
    local = (q.number_start - sentence.start, q.number_end - sentence.start)
    reading = read_figure(sentence.text, *local, with_unit=q.unit != "count")
    if reading is not None:
        label, verb, noun = _parsed_label(reading, q, (label, verb, noun))
    unit = q.unit
    if q.unit == "count" and q.noun is None and _said_age(text, sentence, q):
        label, verb, noun, unit = "age", None, None, "years"
    if q.unit == "years" and _AGE.match(text, q.end):
        label = "age"  # "82 years old", "103 years of age"
    who = attribute(article, q.number_start, q.number_end)
    speaker = _speaker(who, q, sentence)
    return {
        "source": article.source,
        "value": q.value,
        "unit": unit,
        "quantity": label,
        "qualifier": _qualifier(sentence, q),
        "attributed_to": speaker,
        "start": q.start,
        "end": q.end,
        "quote": text[q.start : q.end],
        "sentence": sentence.text,
        "time_frame": time_frame(text, sentence, q) if q.unit not in _NO_PERIOD else None,
        "hedge": q.hedge,
        "hedges": ", ".join(who.hedges),
        "attribution": who.kind if speaker or who.kind == "quote" else "unattributed",
        "verb": verb,
        "noun": noun,
        "kind": q.kind,
        "number_start": q.number_start,
        "number_end": q.number_end,
        "sentence_index": sentence.index,
        "outlet": article.outlet,
        "title": article.title or None,
        "place": reading.place if reading is not None else None,
        "status": figure_status(sentence.text, *local),
        "measure": None,
        "_event": _weak_event(reading),
        "_period": key_period(text, sentence, q) if q.unit not in _NO_PERIOD else None,
    }


def _qualifier(sentence: Sentence, q: Quantity) -> str:
    """The number's own hedge, or `at_least` for a threshold passed ("surpassed one million")."""
    if q.qualifier != "exact":
        return q.qualifier
    local = (q.number_start - sentence.start, q.number_end - sentence.start)
    return "at_least" if passed_bound(sentence.text, *local) else q.qualifier


def _said_age(text: str, sentence: Sentence, q: Quantity) -> bool:
    """A bare whole number given as someone's age: "Gutierrez of Marbel, 79, died", "died
    aged 91", "between the ages of 14 and 18", "Hagan ... was 66"."""
    if not float(q.value).is_integer() or not 0 < q.value < 130:
        return False
    before = text[max(0, q.start - 40) : q.start]
    if _APPOSED_AGE.search(before) and text.startswith(",", q.end):
        return True
    if _AGED.search(before):
        return True
    local = (q.number_start - sentence.start, q.number_end - sentence.start)
    return is_age(sentence.text, *local)


def _weak_event(reading: Reading | None) -> str | None:
    """The verb of "house 6,000 lions": too loose for a label, enough to tell counts apart."""
    if reading is None or not reading.object_of_event or not reading.event:
        return None
    word = str(reading.event_word or reading.event).split()[0]
    return None if word in REPORT_VERBS or word in _LIGHT_WORDS else reading.event


def _parsed_label(
    reading: Reading, q: Quantity, regex: tuple[str, str | None, str | None]
) -> tuple[str, str | None, str | None]:
    """The label from the parse where it names the counted thing, else the regex label."""
    label, verb, noun = regex
    event = _VERBS.get(reading.event_word or "", reading.event)
    if reading.event_word and reading.event_word.split()[0] in _VERBS:
        event = _VERBS[reading.event_word.split()[0]]
    if q.unit == "count":
        if reading.thing is None:  # "Floods kill 15": the event's usual object
            return (f"people {event}", event, "people") if event in _PEOPLE_VERBS else regex
        if reading.tally and reading.event is None:
            return reading.thing, verb, noun  # "the death toll", kept whole
        lexical = bool(reading.event_word) and str(reading.event_word).split()[0] in _VERBS
        if (reading.weak or verb is not None) and not lexical:
            event = None  # "carried six nonnuclear warheads": the regex reading stands
            if reading.weak and reading.participle and verb is None:  # "36 people infected"
                event = _VERBS.get(reading.participle, reading.participle)
        if event is None:
            return (label, verb, noun) if verb else (_canon(reading.modifiers or label), None, noun)
        return _canon(f"{reading.thing} {event}"), event, reading.thing
    if reading.thing is None or reading.thing in _STOP:
        return regex
    if q.unit in _MONEY_UNITS:
        known = event if event in _VERB_FORMS else None
        return (f"{reading.thing} {known}" if known else reading.thing), verb, None
    if q.unit in _LENGTH_UNITS and reading.tally:
        return f"{reading.thing} level", verb, None
    if q.unit == "%" and not label.startswith("share of"):
        return reading.thing, verb, None  # "coverage had risen to 55 percent"
    return regex


def _speaker(who: Attribution, q: Quantity, sentence: Sentence) -> str | None:
    """The attributed source, when the sentence names one ("any official" names nobody) and
    the figure is in what it says; never a "speaker" that contains the figure itself."""
    if who.who is None or (
        who.who_span and who.who_span.start <= q.number_start < who.who_span.end
    ):
        return None
    if _NOT_SPEAKERS.match(who.who):
        return None
    span = who.who_span
    if who.kind != "quote" and span and sentence.start <= span.start < sentence.end:
        figure = (q.number_start - sentence.start, q.number_end - sentence.start)
        if not said_by_speaker(
            sentence.text, figure, (span.start - sentence.start, span.end - sentence.start)
        ):
            return None
    name = _WHEN_SAID.sub("", _DATA_FROM.sub("", who.who)).removeprefix("and ").strip(" ,")
    words = name.split()
    if not words or words[0].lower() in _PREPOSITIONS or words[-1].lower() in _STOP:
        return None  # "on the lower deck", "the total number of": a phrase, not a source
    return name


def quantity_label(
    text: str, sentence: Sentence, q: Quantity, earlier: list[dict[str, Any]] | None = None
) -> tuple[str, str | None, str | None]:
    """What the figure counts or measures, as (label, canonical verb, counted noun)."""
    if q.unit == "count":
        return _count_label(text, sentence, q, earlier or [])
    verb = _verb_before(text, sentence.start, q.start)
    measure = _measure_noun(text, sentence.start, q.start)
    if q.unit in _SPEED_UNITS:
        subject = _subject(text, sentence.start, q.start)
        return _speed_label(subject, measure), verb, None
    if q.unit in _AREA_UNITS:
        seized = _AREA_VERBS.get(verb or "")
        return (f"territory {seized}" if seized else measure or "area"), verb, None
    if q.unit in _TIME_UNITS:
        return _time_label(text, sentence, q, measure), verb, None
    if q.unit in _LENGTH_UNITS:
        if (bearing := _FROM_PLACE.match(text, _after_conversion(text, q.end))) is not None:
            return f"distance from {bearing.group('place')}", verb, None
        return measure or _distance_label(text, sentence.start, q.start), verb, None
    what = _what_after(text, q.end, sentence.end)
    if q.unit in _MONEY_UNITS:
        return measure or what or "amount", verb, None
    if q.unit == "%" and what:
        return measure or f"share of {what}", verb, None
    return measure or _DIMENSION_NAMES.get(q.unit, q.unit), verb, None


def _speed_label(subject: str | None, measure: str | None) -> str:
    """One name for a speed however it is put: "its wind speeds reached" / "maximum sustained
    winds of" -> "wind speed"; "moving northeast at 3 mph" -> "northeast speed"."""
    if measure and not measure.endswith("speed"):
        subject = None  # "the storm had maximum sustained winds of": the winds' speed
    words: list[str] = []
    for word in " ".join(filter(None, [subject, measure])).split():
        if not words or words[-1] != word:
            words.append(word)
    if not words or words[-1] != "speed":
        words.append("speed")
    return _canon(" ".join(words))


def _distance_label(text: str, start: int, end: int) -> str:
    tokens = _clause_tokens(text, start, end, limit=12)
    if any(tok in _FLY for tok in tokens):
        return "flight distance"
    return "distance travelled" if any(tok in _TRAVEL for tok in tokens) else "distance"


def _after_conversion(text: str, pos: int) -> int:
    """Past a converted amount in parentheses: "785 miles (1260 kilometers) west of"."""
    m = _PARENTHESES.match(text, pos)
    return m.end() if m else pos


def _what_after(text: str, pos: int, limit: int) -> str | None:
    """ "$60 billion in military aid" -> "military aid"; "5% of its workforce" -> "workforce"."""
    m = _OF_AFTER.match(text, pos, limit)
    if m is None:
        return None
    words = [w for w in m.group(1).split() if w not in _STOP]
    return " ".join(words) or None


def _count_label(
    text: str, sentence: Sentence, q: Quantity, earlier: list[dict[str, Any]]
) -> tuple[str, str | None, str | None]:
    """ "drones launched", "civilians killed", "member countries", "population"."""
    noun, verb_word = q.noun, None
    if noun is not None and noun in _VERBS:  # "45 injured", "12 dead"
        verb_word, noun = _VERBS[noun], None
    after_from = q.noun_span[1] if _noun_follows(text, q) and q.noun_span else q.end
    after, passive = _verb_after(text, after_from, sentence.end)
    scan_to = min(q.start, q.noun_span[0]) if q.noun_span else q.start
    before = None if passive else _verb_before(text, sentence.start, scan_to)
    verb = verb_word or before or after
    if noun == "others":
        noun = _earlier_noun(earlier, sentence.index, same_sentence=True) or "people"
    if noun is None and (measure := _measure_noun(text, sentence.start, q.start)):
        return measure, verb, None
    if noun is None and verb in _PEOPLE_VERBS:
        noun = "people"
    if noun is None and _BACK_REFERENCE.search(text, max(0, q.start - 12), q.number_start):
        same = _same_count_before(earlier, sentence.index, q.value)  # "... all four are stable"
        if same is not None:
            return str(same["quantity"]), same["verb"], same["noun"]
    if noun is None:
        noun = _earlier_noun(earlier, sentence.index, same_sentence=False)
    if noun is None:
        return (f"{verb} (count)" if verb else "count"), verb, None
    phrase = _modifiers(text, q, noun) if verb is None else f"{noun} {verb}"
    return _canon(phrase), verb, noun


def _canon(phrase: str) -> str:
    """One name for phrasings that mean the same ("member states" = "member countries")."""
    for old, new in _PHRASE_SYNONYMS.items():
        phrase = re.sub(rf"\b{old}\b", new, phrase)
    return phrase


def _same_count_before(
    earlier: list[dict[str, Any]], index: int, value: float
) -> dict[str, Any] | None:
    """The nearest earlier count of this value in the sentences before: the group that "all
    four" or "the four" refers back to."""
    for row in reversed(earlier):
        if index - row["sentence_index"] > 2:
            return None
        if row["unit"] == "count" and row["value"] == value and row["noun"]:
            return row
    return None


def _earlier_noun(earlier: list[dict[str, Any]], index: int, *, same_sentence: bool) -> str | None:
    """The noun of the nearest earlier count in this sentence (or the two before it)."""
    reach = 0 if same_sentence else 2
    for row in reversed(earlier):
        if index - row["sentence_index"] > reach:
            return None
        if row["unit"] == "count" and row["noun"] and row["noun"] != "others":
            return str(row["noun"])
    return None


def _noun_follows(text: str, q: Quantity) -> bool:
    """The noun closely follows the number ("188 drones"), not borrowed from a later one."""
    if not q.noun_span or q.noun_span[0] < q.end:
        return False
    between = text[q.end : q.noun_span[0]]
    return not any(c.isdigit() for c in between) and len(between.split()) <= 4


def _modifiers(text: str, q: Quantity, noun: str) -> str:
    """The noun with the lower-case words between number and noun ("32 member countries")."""
    if not _noun_follows(text, q) or not q.noun_span:
        return noun
    words = text[q.end : q.noun_span[0]].split()
    kept = [w for w in words if w.isalpha() and w.islower() and w not in _STOP]
    return " ".join([*kept, noun])


def _verb_after(text: str, pos: int, limit: int) -> tuple[str | None, bool]:
    """A participle or passive right after the counted noun: "188 drones launched by",
    "80 drones were shot down", "five drones headed towards Belarus". A passive ("were ...")
    outranks a verb before the figure; a bare participle does not ("intercepted 30 rockets
    fired from Gaza" counts intercepted rockets)."""
    m = _AFTER.match(text, pos, limit)
    if m is None:
        return None, False
    word, particle, passive = m.group("word"), m.group("particle"), m.group("aux") is not None
    if particle and f"{word} {particle}" in _PHRASAL:
        return _VERBS.get(word, "shot down" if particle == "down" else "seized"), passive
    if word in _VERBS:
        return _VERBS[word], passive
    place = _PLACE_AFTER.match(text, m.end(), limit)
    if word.endswith("ed") and place:  # "five drones headed towards Belarus"
        return f"{word} {place.group(1)}", passive
    return None, False


def _clause_tokens(text: str, start: int, end: int, limit: int = 10) -> list[str]:
    """Lower-cased words before `end`, nearest first, stopping at punctuation or a number."""
    tokens = _TOKEN.findall(text, start, end)
    out: list[str] = []
    for tok in reversed(tokens):
        if not tok[0].isalpha() or len(out) >= limit:
            break
        out.append(tok.lower())
    return out


def _verb_before(text: str, start: int, end: int) -> str | None:
    """The nearest news verb before the figure in its clause: "downing 76", "captured 600"."""
    tokens = _clause_tokens(text, start, end)
    for i, tok in enumerate(tokens):
        if i + 1 < len(tokens) and f"{tokens[i + 1]} {tok}" in _PHRASAL:
            return _VERBS.get(tokens[i + 1], "shot down" if tok == "down" else "seized")
        if tok in _VERBS and tok != "shot":
            return _VERBS[tok]
    return None


def _flew_before(text: str, start: int, end: int) -> bool:
    return any(tok in _FLY for tok in _clause_tokens(text, start, end, limit=12))


def _measure_noun(text: str, start: int, end: int) -> str | None:
    """ "a population of N" -> "population", "speeds of Mach 11" -> "speed"."""
    m = _MEASURE_BEFORE.search(text, max(start, end - 60), end)
    if m is None:
        return None
    noun = m.group("noun").lower()
    if noun in _STOP or noun in _NOT_MEASURE or noun in _VERBS or noun.endswith("ly"):
        return None
    noun = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    pre = (m.group("pre") or "").lower()
    if pre and _nounlike(pre):
        return f"{pre} {noun}"
    return noun


def _nounlike(word: str) -> bool:
    """A word that can modify a measure noun ("death toll"), not a verb or an adjective."""
    verbal = word.endswith(("ed", "ing")) or word in _VERBS
    return not verbal and word not in _STOP and not _ADJ_SUFFIX.search(word)


def _subject(text: str, start: int, end: int) -> str | None:
    """What is moving, for a speed: the nearest "the missile" / "the missile's" before it."""
    found = [
        m.group(1)
        for m in _SUBJECT.finditer(text, start, end)
        if m.group(1) not in _SUBJECT_SKIP and m.group(1) not in _STOP
    ]
    return found[-1] if found else None


def _time_label(text: str, sentence: Sentence, q: Quantity, measure: str | None) -> str:
    """ "33-month-long war" -> "war duration"; "flew for 15 minutes" -> "flight time"."""
    if "-" in text[q.number_start : q.end].split()[-1]:  # "33-month-long war", "3-hour flight"
        for m in _NEXT_WORD.finditer(text, q.end, min(sentence.end, q.end + 40)):
            word = m.group(1).lower()
            if word not in _STOP and not _ADJ_SUFFIX.search(word):
                return "flight time" if word in _FLY else _canon(f"{word} duration")
    if _flew_before(text, sentence.start, q.start):
        return "flight time"
    return measure or "duration"


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
