"""What a figure counts or measures, as a short label: "drones launched", "territory seized",
"missile speed", "war duration", "share of votes".

General rules, never tables about particular articles: the counted noun, the verb that governs
the figure (mapped to a canonical participle by a small lexicon of news verbs), a measure noun
before it ("a population of ..."), or the dimension of its unit ("speed", "distance", "flight
time"). `kit.figures.table` prefers the dependency parse (`kit.language.measures`) and falls back on
these.
"""

from __future__ import annotations

import re
from typing import Any

from kit.ingest.passages import Sentence
from kit.language.lemmas import lemma
from kit.language.measures import number_token, parse
from kit.language.quantities import Quantity

__all__ = ["quantity_label"]

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
_AREA_VERBS = {"seized": "seized", "captured": "seized", "lost": "lost"}
_FLY = frozenset("flew flown fly flies flying flight flights".split())
_TRAVEL = frozenset("travelled traveled sailed drove driven marched walked covered".split())
_PHRASE_SYNONYMS = {"conflict": "war", "member states": "member countries"}
_PHRASE_SYNONYMS |= {"member nations": "member countries"}
_BACK_REFERENCE = re.compile(r"\b(?:all|the|these|those)\s+$", re.I)

_SPEED_UNITS = frozenset(["Mach", "km/h", "mph", "m/s", "km/s", "mi/s", "knots"])
_LENGTH_UNITS = frozenset(["km", "mi", "nmi", "m", "cm", "mm", "ft", "in"])
_AREA_UNITS = frozenset(["km²", "mi²", "m²", "ha", "acres"])
_TIME_UNITS = frozenset(["s", "minutes", "hours", "days", "weeks", "months", "years", "decades"])
_MONEY_UNITS = frozenset(["USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CAD", "AUD"])
_DIMENSION_NAMES = {"%": "percentage", "pp": "percentage points", "kg": "weight", "t": "weight"}
_DIMENSION_NAMES |= {"lb": "weight", "MW": "power", "GW": "power", "°C": "temperature"}
_DIMENSION_NAMES |= {"°F": "temperature", "ly": "distance", "centuries": "duration"}
_DIMENSION_NAMES |= {"pc": "distance", "au": "distance", "M☉": "mass"}

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
_ADV = r"(?:(?:reportedly|successfully|also|later|then|all|allegedly|each|still|now|currently"
_ADV += r"|officially)\s+)?"
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
_PARENTHESES = re.compile(r"\s*\([^()]{1,40}\)")
_SUBJECT = re.compile(r"\b(?i:the|its|their|this|a|an)\s+([a-z]+)(?:['’]s)?\b")
_SUBJECT_SKIP = frozenset("speed speeds top maximum record high distance range".split())
_SUBJECT_SKIP |= frozenset("time moment day night morning evening week next same other".split())
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")


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
            noun = i + 1 < len(tokens) and tokens[i + 1] in _DETERMINERS
            if noun and not tok.endswith(("ing", "ed")):
                continue  # "the fire has reached 80 homes": the noun; "the wounding of" stays
            return _VERBS[tok]
    return None


_DETERMINERS = frozenset("the a an this that its their his her our".split())


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


def _particle(sentence: Sentence, end: int) -> str:
    """The particle of a phrasal word written apart ("a two-day shut down"), joined to it as
    the one-word spelling has it ("shutdown"), or ""."""
    doc = parse(sentence.text)
    word = None if doc is None else next((t for t in doc if t.idx + len(t) == end), None)
    if word is None or word.i + 1 >= len(doc):
        return ""
    after = doc[word.i + 1]
    return after.text.lower() if after.tag_ == "RP" and after.head.i == word.i else ""


def _time_label(text: str, sentence: Sentence, q: Quantity, measure: str | None) -> str:
    """ "33-month-long war" -> "war duration"; "flew for 15 minutes" -> "flight time"."""
    if "-" in text[q.number_start : q.end].split()[-1]:  # "33-month-long war", "3-hour flight"
        for m in _NEXT_WORD.finditer(text, q.end, min(sentence.end, q.end + 40)):
            word = m.group(1).lower()
            if word not in _STOP and not _ADJ_SUFFIX.search(word):
                word += _particle(sentence, m.end(1) - sentence.start)
                return "flight time" if word in _FLY else _canon(f"{word} duration")
    if _flew_before(text, sentence.start, q.start):
        return "flight time"
    return measure or "duration"


_EXTENTS = {"distance": "length", "duration": "duration"}
_SIZES = {"wide": "width", "long": "length", "deep": "depth", "high": "height", "tall": "height"}
_SIZES |= {"below": "depth", "beneath": "depth", "down": "depth", "underground": "depth"}
_STATE_WORDS = frozenset("be have last take spend say".split())  # no state of their own


def extent_label(
    label: str, sentence: str, start: int, end: int, unit_name: str = ""
) -> tuple[str, bool]:
    """A length or a time the regex labels by its dimension alone, named from the parse: of
    a thing ("300 metres of track", "a 40-metre section", "four days of storms": track
    length, section length, storm duration), as a size ("400 metres wide": width; "600
    metres below the surface", "650 metres down": depth), or as
    how long a state held ("would stay closed for 14 days": closed duration), with whether
    it is only such a state, which says little; a share of a state reached ("10 percent
    contained": share contained) when `unit_name` is "%". Otherwise `label` itself."""
    extent = "state" if unit_name == "%" else _EXTENTS.get(label)
    doc = None if extent is None else parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    unit = None if number is None else number.head
    if unit is None or extent is None:
        return label, False
    if extent == "state":  # "10 percent contained", "60% full": a share of a state reached
        after = unit.doc[unit.i + 1] if unit.i + 1 < len(unit.doc) else None
        linked = after is not None and (after.head == unit or unit.head == after)
        if after is not None and linked and after.tag_ in ("VBN", "JJ"):
            return f"share {after.lower_}", False
        return label, False
    thing = _extent_of(unit)
    if thing is not None:
        return _canon(f"{lemma(thing.text)} {extent}"), False
    if unit.dep_ == "npadvmod" and unit.head.lower_ in _SIZES:
        return _SIZES[unit.head.lower_], False
    held = unit.head.head if unit.dep_ == "pobj" and unit.head.lower_ == "for" else None
    if (
        held is not None
        and held.pos_ in ("VERB", "ADJ")
        and lemma(held.text, "VERB") not in (_STATE_WORDS)
    ):
        return f"{held.lower_} {extent}", True
    return label, False


def _extent_of(unit: Any) -> Any:
    """The common noun a length or time is of: "300 metres of track", "a 40-metre section"."""
    if unit.dep_ in ("compound", "amod") and unit.head.pos_ == "NOUN":
        return unit.head if unit.head.lower_ not in _STOP else None
    of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    thing = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
    return thing if thing is not None and thing.pos_ == "NOUN" else None
