"""What a claim asserts and what a sentence says, read into facts the stance rules compare.

A text is read into figures (`kit.language.quantities`), dates, names (`kit.language.entities`),
content words (stemmed, with a few concepts such as "killed" ~ "fatalities") and what it negates
("no fatalities"); `analyse` does this once per text (cached). `Context` says how a sentence sits
in its article, `coverage` how much of a claim's weighted words a set of keys holds.
`kit.checking.stance` compares two such readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from kit.language.dates import ClockTime, clock_times
from kit.language.entities import Name, find_names
from kit.language.quantities import DateMention, Quantity, find_dates, find_quantities
from kit.language.text import STOPWORDS, stem

NEGATIONS = frozenset("no not never without none zero nobody neither nor cannot denied".split())
DENIALS = frozenset("denied denies deny denying".split())  # negate their whole clause
NEGATIONS |= DENIALS
_LACKS = frozenset("lack lacks lacked lacking".split())  # "lack a digestive tract"; not "lack of"
_OF = re.compile(r"\s+of\b", re.I)
_FAILS = frozenset("fail fails failed failing".split())  # "failed to find": not found
_TO = re.compile(r"\s+to\b", re.I)
_NOT_A_DENIAL = re.compile(r"\s+(?:other|only)\b", re.I)  # "no other gas", "not only X but Y"
_QUOTES = frozenset("'\"‘’“”")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether a word stands between quotation marks ("a 'no' vote")."""
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


_CONCEPT_WORDS = {
    "death": "kill killed killing die died dead death deaths fatal fatality fatalities casualties "
    "casualty lives",
    "injury": "injure injured injuring injuries wounded wounding hurt",
    "damage": "damage damaged destroyed destruction",
}
CONCEPTS = {stem(w): c for c, words in _CONCEPT_WORDS.items() for w in words.split()}
PEOPLE = frozenset(
    stem(w)
    for w in "people persons civilians residents individuals victims passengers crew".split()
)
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")
NEG_REACH = 3  # a negation covers the next three words of its clause


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    key: str  # stem, or the concept it names ("fatalities" -> "death")


@dataclass(frozen=True)
class Facts:
    """Everything the rules compare, for one claim or one sentence (offsets into `text`)."""

    text: str
    words: tuple[Word, ...]
    keys: frozenset[str]  # content keys: stems and concepts, no stop words, no numbers
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    names: tuple[Name, ...]
    negated: frozenset[str]  # keys under a negation ("no fatalities" -> "death")
    negation_spans: tuple[tuple[int, int, str], ...]  # (start, end, key): "no fatalities"

    @cached_property
    def clock_times(self) -> tuple[ClockTime, ...]:
        """Times of day the text states ("at 6.15 pm", "shortly after 7 pm")."""
        return tuple(clock_times(self.text))

    @cached_property
    def figure_keys(self) -> frozenset[str]:
        """Keys of the words inside the figures and their counted nouns ("member countries")."""
        keys: set[str] = set()
        for q in self.quantities:
            end = q.noun_span[1] if q.noun_span else q.end
            keys |= {key_of(w) for w in WORD.findall(self.text[q.start : end])}
        return frozenset(keys)


@dataclass(frozen=True)
class Finding:
    """One compared fact: `kind` is quantity | date | polarity | name | words."""

    kind: str
    outcome: str  # match | mismatch
    claim_text: str
    evidence_start: int  # offsets into the sentence text
    evidence_end: int

    def evidence_text(self, sentence: str) -> str:
        return sentence[self.evidence_start : self.evidence_end]


@lru_cache(maxsize=4096)
def analyse(text: str) -> Facts:
    """Read a claim or a sentence into the facts the stance rules compare."""
    read = find_quantities(text)
    found = [q for q in read if not _is_soft(text, q) and not _is_label(text, q)]
    found = [q for q in found if not _is_clock(text, q)]
    found += _single_spans(text)
    quantities = tuple(sorted(found, key=lambda q: q.start))
    dates = tuple(d for d in find_dates(text) if d.kind != "relative")
    proper = (_proper(n) for n in find_names(text) if not _inside_figure(n, quantities))
    names = tuple(n for n in proper if n is not None)
    clocks = [(q.start, q.end) for q in read if _is_clock(text, q)]
    masked = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates] + clocks
    words = tuple(
        Word(m.start(), m.end(), key_of(m.group()))
        for m in WORD.finditer(text)
        if not any(s <= m.start() < e for s, e in masked)
    )
    keys = frozenset(w.key for w in words if is_content(w.key))
    negated, spans = _negations(text, words)
    return Facts(text, words, keys, quantities, dates, names, negated, spans)


_SINGLE_SPAN = re.compile(
    r"(?i)\b(?:for|takes?|took|taking|lasts?|lasted|lasting|within)[ \u00a0]+"
    r"(?P<fig>(?:(?P<hedge>about|around|nearly|almost|roughly|over|under|less than|more than|"
    r"up to)[ \u00a0]+)?(?P<art>an?)[ \u00a0]+"
    r"(?P<unit>second|minute|hour|day|week|fortnight|month|year))\b"
)


def _single_spans(text: str) -> list[Quantity]:
    """ "for an hour", "takes about an hour", "lasted nearly a week": a duration of one unit
    the figure grammar leaves out (it reads "one hour" but not "an hour", which elsewhere is
    a manner of speaking). Only after a verb of lasting, with its hedge if it has one."""
    out = []
    for m in _SINGLE_SPAN.finditer(text):
        hedge = m.group("hedge")
        said = f"{hedge} 1 {m.group('unit')}" if hedge else f"1 {m.group('unit')}"
        unit = find_quantities(said.lower())
        if unit:
            start, end = m.span("fig")
            art = m.span("art")
            q = replace(unit[0], start=start, end=end, number_start=art[0], number_end=art[1])
            out.append(replace(q, noun=None, noun_span=None))
    return out


def word_keys(text: str) -> frozenset[str]:
    """The content keys of a text without the full analysis (no figures or names read):
    cheap enough to index every sentence of a large corpus."""
    keys = (key_of(m.group()) for m in WORD.finditer(text))
    return frozenset(k for k in keys if is_content(k))


def key_of(word: str) -> str:
    s = stem(word)
    return CONCEPTS.get(s, s)


def is_content(key: str) -> bool:
    return key not in _STOP_KEYS and not key.isdigit() and len(key) > 1


_STOP_KEYS = frozenset(stem(w) for w in STOPWORDS | NEGATIONS) | NEGATIONS | STOPWORDS


def _is_soft(text: str, q: Quantity) -> bool:
    """ "in one night", "a day": a bare one is a manner of speaking, not a figure to check;
    "a one-hour shift", joined to its unit, measures (against "a two-hour shift")."""
    if text[q.number_end : q.number_end + 1] == "-" and q.unit != "count":
        return False
    return q.value == 1 and text[q.number_start : q.number_end].lower() in ("one", "a", "an")


_CLOCK_AFTER = re.compile(r"[ \u00a0]*(?:UTC|GMT|[A-Z]{1,2}[SD]T|hours\b|hrs\b|local time\b)")


def _is_clock(text: str, q: Quantity) -> bool:
    """ "(1430 UTC)", "0120 GMT", "1800 hours": four digits naming a time of day are a clock
    reading, never a count or an amount to compare with a claim's figure."""
    digits = text[q.number_start : q.number_end]
    if not (len(digits) == 4 and digits.isdigit()) or q.noun not in (None, "UTC", "GMT"):
        return False
    return int(digits[:2]) < 24 and int(digits[2:]) < 60 and bool(_CLOCK_AFTER.match(text, q.end))


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]*[ \u00a0]$")


def _is_label(text: str, q: Quantity) -> bool:
    """ "Flight 610", "Boeing 737 Max", "Route 66": a number in a name labels, it counts
    nothing. Only bare digits after a capitalised word that does not start the sentence, with
    no lower-case noun of their own ("NATO's 32 member countries" is a figure)."""
    digits = text[q.number_start : q.number_end]
    if q.unit != "count" or not digits.isdigit() or q.start != q.number_start:
        return False
    if q.noun and q.noun[:1].islower() and q.noun_span and q.noun_span[0] - q.end <= 1:
        return False
    if _LABEL_NOUN.search(text[: q.start]):  # "flight 1344", "route 66": an identifier
        return True
    return _NAME_BEFORE.search(text[: q.start]) is not None


_LABEL_NOUN = re.compile(
    r"(?i)\b(?:flight|route|highway|platform|gate|terminal|chapter|section|article|page|"
    r"room|channel|seat|resolution|bill|pier|no\.|number)[ \u00a0]$"
)


def _proper(name: Name) -> Name | None:
    """The name without the lower-case head nouns `find_names` may add ("Oreshnik has a
    range" -> "Oreshnik"): only the capitalised words identify it."""
    words = list(WORD.finditer(name.text))
    last = max((m.end() for m in words if m.group()[:1].isupper()), default=len(name.text))
    if name.text[:last].lower() in _STOP_KEYS:  # "Nobody", "No" at the start of a sentence
        return None
    return replace(name, end=name.start + last, text=name.text[:last])


def _inside_figure(name: Name, quantities: tuple[Quantity, ...]) -> bool:
    return any(q.start <= name.start < q.end for q in quantities)


def _negations(
    text: str, words: tuple[Word, ...]
) -> tuple[frozenset[str], tuple[tuple[int, int, str], ...]]:
    """What each negation covers: the next three words of its clause ("lacks" as a verb is
    one: "lack a digestive tract", and so is "failed to"; "no other" and "not only" deny
    nothing); for a denial, its whole
    clause but not the names in it ("denied that Halden Coal had ignored warnings" denies the
    ignoring, not Halden Coal); for "none of the X were Y", the predicate, not the X."""
    negated: set[str] = set()
    spans = []
    for w in words:
        said = text[w.start : w.end].lower()
        lacks = said in _LACKS and not _OF.match(text, w.end)
        lacks = lacks or (said in _FAILS and _TO.match(text, w.end) is not None)
        if said not in NEGATIONS and not said.endswith("n't") and not lacks:
            continue
        if _NOT_A_DENIAL.match(text, w.end) and said in ("no", "not", "none"):
            continue
        if _quoted(text, w.start, w.end):
            continue  # "a 54.5% 'no' vote": the word quoted, an answer given, not a denial
        denial = said in DENIALS
        origin = _quantified_predicate(text, w) if said in _QUANTIFIERS else w.end
        first = next((k for k, x in enumerate(words) if x.start >= origin), len(words))
        reach = len(words) if denial else NEG_REACH
        for nxt in words[first : first + reach]:
            if _CLAUSE_BREAK.search(text, origin, nxt.start):
                break
            if denial and text[nxt.start : nxt.start + 1].isupper():
                continue
            negated.add(nxt.key)
            spans.append((w.start, nxt.end, nxt.key))
        verb = _negated_verb(text, words, w)
        if verb is not None:
            negated.add(verb.key)
            spans.append((verb.start, w.end, verb.key))
    return frozenset(negated), tuple(spans)


_NOBODY = re.compile(r"(?i)(?:nobody|nothing|none|no[ \u00a0]+one)\b")
_REPORTING = frozenset("said reported stated claimed confirmed added told announced".split())


def _negated_verb(text: str, words: tuple[Word, ...], w: Word) -> Word | None:
    """The verb whose object is "no one", "nobody" or "nothing": "injured no one" denies the
    injuring as "nobody was injured" does; not a reporting verb ("said nobody died")."""
    if not _NOBODY.match(text, w.start):
        return None
    before = [x for x in words if x.end <= w.start][-1:]
    if not before or text[before[0].end : w.start].strip():
        return None
    verb = before[0]
    said = text[verb.start : verb.end].lower()
    if said in _REPORTING or not is_content(verb.key):
        return None
    return verb if said.endswith("ed") or verb.key in _CONCEPT_WORDS else None


_QUANTIFIERS = frozenset({"none", "neither"})


def denied_figure(facts: Facts, q: Quantity) -> bool:
    """Is the figure itself under a negation ("none of the dead were under 25", "not 40
    but 50")? Then it is not the figure the text asserts."""
    return figure_denial(facts, q) is not None


def figure_denial(facts: Facts, q: Quantity) -> int | None:
    """Where the negation of a denied figure starts ("None of the dead were under 25": 0)."""
    for w in facts.words:
        said = facts.text[w.start : w.end].lower()
        if w.end > q.start or (said not in NEGATIONS and not said.endswith("n't")):
            continue
        origin = _quantified_predicate(facts.text, w) if said in _QUANTIFIERS else w.end
        between = [x for x in facts.words if origin <= x.start and x.end <= q.start]
        gap = facts.text[origin : q.start]
        if origin <= q.start and len(between) <= 1 and not _CLAUSE_BREAK.search(gap):
            return None if any(is_content(x.key) for x in between) else w.start
    return None


def _quantified_predicate(text: str, w: Word) -> int:
    """Where what "none of the X" or "neither of the X" negates begins: at the verb it is the
    subject of (after it, for "were"), read from the parse; right after the word when there
    is no "of" or no parse."""
    if not re.match(r"\s+of\b", text[w.end : w.end + 5], re.I):
        return w.end
    from kit.language.measures import parse  # the parser is loaded only for these sentences

    doc = parse(text)
    token = None if doc is None else next((t for t in doc if t.idx == w.start), None)
    if token is None or token.dep_ not in ("nsubj", "nsubjpass") or token.head.idx < w.end:
        return w.end
    verb = token.head
    return int(verb.idx + len(verb.text) if verb.lemma_ == "be" else verb.idx)


def coverage(weights: dict[str, float], keys: frozenset[str] | set[str]) -> float:
    """The weighted share of the claim's keys found among `keys` (0..1)."""
    total = sum(weights.values())
    if total == 0:
        return 0.0
    return sum(w for k, w in weights.items() if k in keys) / total


@dataclass(frozen=True)
class Context:
    """How a sentence sits in its article: keys of the paragraph before it, aliases of names."""

    before: frozenset[str]  # keys of the neighbouring sentences of the same paragraph
    aliases: dict[str, frozenset[str]]  # name key -> nouns the corpus uses for it ("missile")
    common: frozenset[str] = frozenset()  # keys found in a large share of all sentences
    floor: float | None = None  # share of the claim's words a sentence must have (None: rule)

    def named(self, keys: frozenset[str]) -> frozenset[str]:
        """`keys` plus every name key whose alias is among them ("the missile" -> Oreshnik)."""
        return keys | {name for name, nouns in self.aliases.items() if nouns & keys}


def name_keys(name: Name) -> frozenset[str]:
    """The keys that identify a name: its last word ("Tusk"; the word before a regnal number:
    "Mary I"), or an acronym as a whole; a full name "of" a place is the person's ("Babatunde
    Osotimehin of Nigeria": Osotimehin; "Duke of Anjou" stays Anjou)."""
    text = name.text
    before, of, _ = text.partition(" of ")
    if of and name.kind == "person" and sum(w[:1].isupper() for w in before.split()) >= 2:
        text = before
    words = [p for p in WORD.findall(text) if p[:1].isupper()]
    if regnal(text) and len(words) >= 2:
        words = words[:-1]  # "Mary I" is Mary's; `kit.checking.names` tells Mary II apart
    parts = [key_of(p) for p in words]
    return frozenset(parts[-1:]) if parts else frozenset()


_REGNAL = re.compile(r"[IVX]{1,4}")


def regnal(name: str) -> str:
    """The regnal number a name of two words or more ends in ("VI" of "King George VI")."""
    words = name.split()
    return words[-1] if len(words) >= 2 and _REGNAL.fullmatch(words[-1]) else ""
