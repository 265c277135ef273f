"""Every figure in the articles as a table: value, unit, what is counted, qualifier, who says so.

Numbers come from `kit.language.quantities`, the kit's own number/unit grammar, because a figure row
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
"past week", "in November") and the attribution (`kit.language.attribution`).

Where spaCy is installed, `kit.language.measures` reads the sentence's dependency parse first: the
counted noun with the verb or participle it belongs to ("people killed", "people missing",
"people in emergency shelters"), what an amount is of ("emergency aid pledged"), the named
place, and whether the sentence marks the figure superseded, updated or unconfirmed. Each row
also gets a `measure` key: what it measures in canonical words ("count|people|killed" for
"death toll", "12 people died" and "15 people were killed"), so that `kit.figures.compare` lines up
figures by meaning rather than by label. A speaker is kept only when the sentence names one
and the figure is inside what that speaker says.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

import pandas as pd

from kit.figures.aligned import align_keys
from kit.figures.holders import (
    Held,
    article_names,
    borrow_nouns,
    holder,
    line_holder,
    named_age,
    set_level,
    whole_owner,
)
from kit.figures.labels import (
    _LENGTH_UNITS,
    _MONEY_UNITS,
    _PEOPLE_VERBS,
    _SPEED_UNITS,
    _STOP,
    _TIME_UNITS,
    _VERB_FORMS,
    _VERBS,
    _canon,
    extent_label,
    quantity_label,
)
from kit.figures.measure_keys import back_references, fill_unsaid, measure_key
from kit.figures.restated import definite_references, restated_keys
from kit.ingest.corpus import Article, Corpus
from kit.ingest.passages import Sentence, split_sentences
from kit.language.attribution import REPORT_VERBS, Attribution, attribute
from kit.language.figure_roles import is_age, passed_bound, said_by_speaker
from kit.language.measures import Reading, changed_from, figure_status, prefetch, read_figure
from kit.language.quantities import (
    Qualifier,
    Quantity,
    convert,
    find_quantities,
    kind_named,
    qualifier_named,
    same_number,
)
from kit.language.time_frames import key_period, time_frame
from kit.spans import Span

SPEC_COLUMNS = ["source", "value", "unit", "quantity", "qualifier", "attributed_to"]
SPEC_COLUMNS += ["start", "end", "quote", "sentence"]
EXTRA_COLUMNS = ["time_frame", "hedge", "hedges", "attribution", "verb", "noun", "kind"]
EXTRA_COLUMNS += ["number_start", "number_end", "sentence_index", "outlet", "title"]
EXTRA_COLUMNS += ["place", "status", "measure"]
COLUMNS = SPEC_COLUMNS + EXTRA_COLUMNS

_CONVERTED = re.compile(r"\s*\((?:about|roughly|around|some|approximately|or)?\s*")
# "150 million km; 93 million miles", "60 km/s [about 37 miles per second]": the same figure
# in another unit of its dimension, its value converted
_RESTATED_IN = re.compile(
    r"\s*[;\[/]\s*(?:about|roughly|around|some|approximately|almost|nearly|or)?\s*"
)
_NUMBER_WORD = re.compile(r"\b(?:Number|No\.|Nos\.|#)\s*$")
_CLOCK = re.compile(r"\s*(?:UTC|GMT|BST|CET|CEST|EDT|EST|CDT|CST|PDT|PST|AST|hrs)\b")
_LIST_MARKER = re.compile(r"\d{1,2}\.\s")
# A bare number right after a capitalised word or a word that numbers things in a series
# names one of them: "Apollo 11", "Route 66", "round 3", "Flight 370". A rating on a scale
# ("Category 5", "Level 4", "magnitude 6.3") measures, so it stays a figure.
_NAME_BEFORE = re.compile(
    r"(?<![\w'’.])(?!(?i:category|level|force|grade|stage|magnitude|class|phase|tier)\b)"
    r"(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,}|(?i:round|route|flight|article|chapter|page"
    r"|section|game|match|episode|season))\]?[ \u00a0]$"
)  # also "HR 6819", "CentOS 8", "[CentOS] 7", "RHEL 7"
# "one thing", "one way or the other", "one particular aspect", "one by one": English idiom
_ONE_IDIOM = re.compile(
    r"(?:[-\s]+(?:[a-z]+\s+)?(?:thing|way|aspect|step|point|reason|question|issue|lesson"
    r"|challenge|possibility|example|another|versus|or\s+the\s+other|by[-\s]+one)\b)",
    re.I,
)
_PASSIVE = re.compile(
    r"[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:were|was|are|is|have[ \u00a0]been|has[ \u00a0]been"
    r"|had[ \u00a0]been)[ \u00a0]+(?:also[ \u00a0]+|later[ \u00a0]+)?([a-z]+(?:ed|en|t))\b"
)
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’]\d\d$|(?<!\d)(?:1[89]|20)\d\d[-–]\d\d$")
_STREET = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane"
    r"|Drive|Way|Place|Square)\b"
)
_APPOSED_AGE = re.compile(r"[A-Za-z)]+, $")
_AGE = re.compile(r"(?:\s+(?:old|of\s+age)\b)")
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
_HELD_UNITS = frozenset(["count", "%", "fraction"])  # what someone has: delegates, votes
_NO_PERIOD = _SPEED_UNITS | _LENGTH_UNITS | _TIME_UNITS | {"°C", "°F"}
_RANGE_JOIN = re.compile(r"\s*(to|-|–|and)\s*")
_BETWEEN = re.compile(r"\b(?:between|from)\b[^.;:]*$", re.I)
_CHANGED_FROM = re.compile(
    r"\b(?:rose|risen|rise|rises|fell|fallen|falls|increased|decreased|dropped|climbed|jumped"
    r"|grew|grown|up|down|raised|lowered|cut|revised)\s+from\s+$",
    re.I,
)
_COORDINATED = re.compile(r"(?:\s+[A-Za-z'’-]+){0,3}\s*(?:,|,?\s+and|,?\s+or)\s+")


def figures_frame(corpus: Corpus | Iterable[Article]) -> pd.DataFrame:
    """All figures of all articles, one row per mention, in reading order (see `COLUMNS`)."""
    rows = [row for article in corpus for row in article_figures(article)]
    fill_unsaid(rows)
    restated_keys(rows)
    align_keys(rows)
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})
    return frame.assign(value=whole_numbers(frame["value"]))


def row_span(row: Mapping[str, Any]) -> Span:
    """A figure row's quote as the one span type: its `source`, `start`, `end` and `quote`
    columns are a `Span` of the article's original text (cut by `Span.of` when the row is
    made), so `row_span(row).verify(text)` checks the citation."""
    return Span(str(row["source"]), int(row["start"]), int(row["end"]), str(row["quote"]))


def row_quantity(row: Mapping[str, Any]) -> Quantity:
    """The figure as the table states it, as a `Quantity`, so `same_value` / `compatible`
    compare rows: the grammar's reading with the table's unit, qualifier and noun (an age in
    years, a threshold passed, a range's shared unit), at the row's offsets."""
    span = row_span(row)
    hedge = row["hedge"] if isinstance(row["hedge"], str) else None
    return Quantity(
        span.start,
        span.end,
        int(row["number_start"]),
        int(row["number_end"]),
        float(row["value"]),
        str(row["unit"]),
        qualifier_named(str(row["qualifier"])),
        row["noun"] if isinstance(row["noun"], str) else None,
        kind_named(str(row["kind"])),
        hedge,
    )


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
    for q in find_quantities(text, fractions=True):
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
    borrow_nouns(rows)
    for row in rows:
        if row["unit"] == "count" and (quake := _magnitude(text, row)):
            row["unit"], row["quantity"] = "magnitude", quake  # "6.3 magnitude", "a 5.0 quake"
        row["measure"] = measure_key(row)
    back_references(rows)
    definite_references(rows)
    for row in rows:
        for key in ("_event", "_period", "_range", "_sentence_start", "_owner", "_holder"):
            row.pop(key, None)
        row.pop("_borrowed", None)
    for i, (a, b) in enumerate(pairwise(rows)):  # "nine km (about six miles)": one figure
        if _converted(text, a, b):
            if i in ranges and i + 1 in ranges and i + 2 in ranges.get(i + 1, ()):
                b["measure"] = rows[ranges[i][0]]["measure"]  # "18 to 23 ft (5.5 to 7 m)"
                rows[i + 2]["measure"] = a["measure"]
            else:
                b["measure"] = a["measure"]
    return rows


_QUAKE = re.compile(r"\s+(?:magnitude\s+)?(?:earthquake|quake|tremor|aftershock)s?\b", re.I)


def _magnitude(text: str, row: dict[str, Any]) -> str | None:
    """The label of a count that is a quake's magnitude, or None: labelled so ("the
    earthquake's magnitude was 5.5", "magnitude 6.3 reported": magnitude; "a 5.0 magnitude
    aftershock": magnitude aftershock), or a number with a decimal point said of a quake ("the
    5.0 earthquake", "a 5.0 magnitude aftershock")."""
    label = str(row["quantity"])
    words = label.split()
    if words[:1] == ["magnitude"]:
        return "magnitude" if len(words) == 1 or words[1] in _REPORTED else label
    written = text[int(row["number_start"]) : int(row["number_end"])]
    if "." not in written or not (quake := _QUAKE.match(text, int(row["end"]))):
        return None
    return "magnitude aftershock" if "aftershock" in quake.group(0).lower() else "magnitude"


_REPORTED = frozenset("reported recorded measured registered estimated".split())


def _converted(text: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether `b` gives figure `a` again in another unit: in brackets after it ("nine km
    (about six miles)"), or after a semicolon, slash or square bracket with its value
    converted ("150 million km; 93 million miles")."""
    if a["unit"] == b["unit"]:
        return False
    if _CONVERTED.fullmatch(text, a["end"], b["start"]):
        return True
    if not _RESTATED_IN.fullmatch(text, a["end"], b["start"]):
        return False
    value = convert(float(a["value"]), str(a["unit"]), str(b["unit"]))
    return value is not None and same_number(value, float(b["value"]), within=0.05)


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
        if _CHANGED_FROM.search(before) or _changed_from(a):
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


def _changed_from(row: dict[str, Any]) -> bool:
    """ "increasing the death toll from 14 to 31": the sentence's parse says a change."""
    at = int(row["_sentence_start"])
    return changed_from(str(row["sentence"]), row["number_start"] - at, row["number_end"] - at)


def _not_a_figure(text: str, q: Quantity) -> bool:
    """Numbers that name rather than count: a model ("Boeing 737-800", "CentOS 8"), a list
    marker at a line start ("1. Results"), a street number ("619 Waddell Avenue"), a year
    said short ("in '69", "2012–13") or hedged ("around 1970"), "one" of an idiom ("one
    thing", "one step closer")."""
    one = q.unit == "count" and text[q.number_start : q.number_end].lower() == "one"
    if one and _ONE_IDIOM.match(text, q.number_end):
        return True
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
    digits = q.start == q.number_start and text[q.number_start].isdigit()
    if digits and _NAME_BEFORE.search(text, max(0, q.number_start - 20), q.number_start):
        return True  # "Apollo 11", "Route 66", "round 3": part of a name
    if _SHORT_YEAR.search(text, max(0, q.number_start - 8), q.number_end):
        return True  # "in '69", "2012–13": a year
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
    label, state = extent_label(label, sentence.text, *local, q.unit)
    unit = q.unit
    if unit in ("%", "fraction") and (level := set_level(sentence.text, *local)):
        label = level  # "showed support at one percent of voters": the support's level
    if q.unit == "count" and q.noun is None and _said_age(text, sentence, q):
        label, verb, noun, unit = "age", None, None, "years"
    if q.unit == "years" and _AGE.match(text, q.end):
        label = "age"  # "82 years old", "103 years of age"
    who = attribute(article, q.number_start, q.number_end)
    speaker = _speaker(who, q, sentence)
    span = Span.of(article.source, text, q.start, q.end)
    return {
        "source": span.source,
        "value": q.value,
        "unit": unit,
        "quantity": label,
        "qualifier": _qualifier(sentence, q),
        "attributed_to": speaker,
        "start": span.start,
        "end": span.end,
        "quote": span.quote,
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
        "_sentence_start": sentence.start,
        "_owner": _owner(reading, sentence, q, local),
        **_held(sentence, q, local, article_names(text)),
        "_period": key_period(text, sentence, q) if unit not in _NO_PERIOD else None,
        "_passive": _passive_verb(text, q),
        "_extent": state,
    }


def _passive_verb(text: str, q: Quantity) -> str | None:
    """The verb a count undergoes, said in the passive right after it ("nine men were
    jailed": "jailed"): what befell the things counted, which tells two counts apart."""
    m = _PASSIVE.match(text, q.end)
    return m[1].lower() if m else None


def _held(
    sentence: Sentence, q: Quantity, local: tuple[int, int], names: frozenset[str]
) -> dict[str, str | None]:
    """Whose count it is and the noun the clause names for it (`kit.figures.holders`)."""
    held = holder(sentence.text, *local, names) if q.unit in _HELD_UNITS else Held()
    if held.name is None and q.unit in _HELD_UNITS:  # "Conservative Party - 365 seats"
        held = Held(line_holder(sentence.text, *local, names))
    name = f"{held.name}@{held.of_place}" if held.of_place else held.name
    return {"_holder": name, "_borrowed": held.noun if q.noun is None else None}


def _owner(
    reading: Reading | None, sentence: Sentence, q: Quantity, local: tuple[int, int]
) -> str | None:
    """Whose the counted things are: a named body ("one MP of the People's Party"), else a
    place that owns a count ("the state's 40 delegates")."""
    if reading is not None and reading.owner:
        return reading.owner
    return whole_owner(sentence.text, *local) if q.unit == "count" else None


def _qualifier(sentence: Sentence, q: Quantity) -> Qualifier:
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
    return is_age(sentence.text, *local) or named_age(sentence.text, *local, article_names(text))


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
    if reading.change:  # "the river rose 4 metres": river rise
        return f"{reading.thing} {reading.change}", verb, None
    if q.unit in _MONEY_UNITS:
        known = event if event in _VERB_FORMS else None
        return (f"{reading.thing} {known}" if known else reading.thing), verb, None
    if q.unit in _LENGTH_UNITS and reading.tally:
        return f"{reading.thing} level", verb, None
    if q.unit in ("%", "fraction") and not label.startswith("share of"):
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
