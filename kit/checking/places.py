"""Where a claim places its event, against where a sentence places it (`kit.checking.stance`).

"The second bomb went off inside the cathedral" is not confirmed by "The first bomb went off
within the Roman Catholic cathedral; the second in its car park": the sentence has every word
of the claim, but the clause about the second bomb places it elsewhere. A claim's place is a
locative phrase ("inside the cathedral", "outside a restaurant", "at the station") whose head is
a common noun. The sentence's clause about the claim's subject (the one holding the claim's
ordinal, "the second", when the sentence tells several apart) places it elsewhere when it states
a place of its own and not the claim's, while the claim's place is named elsewhere in the
sentence, or the clause's place follows the same preposition ("outside a restaurant" against
"outside a mosque"). A place stated otherwise blocks support; it never refutes on its own, since
places nest ("in a storage hall" of the plant is at the plant).

A name whose last word is a designator ("Rockland County") is named only with its other
capitalised words: "Westchester County" does not name it (`name_present`). And a sentence
whose words cover a claim must also hold its point before they support it
(`words_may_support`): a denial, the revised finding, a copular claim's noun.
"""

from __future__ import annotations

import re

from kit.language.entities import Name
from kit.language.facts import WORD, Facts, is_content, key_of, name_keys, word_keys
from kit.language.measures import parse

# Prepositions that place something; "in", "at" and "on" only with a place noun after them.
_SPATIAL = frozenset("inside outside within near beside behind".split())
_LOCATIVE = re.compile(
    r"(?i)\b(inside|outside|within|near|beside|behind|in|at|on)[ \u00a0]+"
    r"(?:(the|a|an|its|his|her|their|this|that)[ \u00a0]+)?"
    r"((?:[^\W\d_][\w'’-]*[ \u00a0]+){0,3}[^\W\d_][\w'’-]*)"
)
_PLACE_NOUNS = frozenset(
    key_of(w)
    for w in """cathedral church chapel mosque temple synagogue shrine restaurant cafe bar
    market shop store supermarket mall station hospital clinic airport park lot garage school
    university college campus building street road avenue square hotel house home apartment
    flat office prison jail courthouse forest village town city port harbour harbor bridge
    stadium arena hall headquarters base camp embassy palace museum library factory plant
    mine farm field beach river lake border checkpoint tunnel platform terminal
    parliament""".split()
)
_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth last".split()
)
_CLAUSES = re.compile(r";|\s[—–]\s|,\s+(?:while|whereas|but)\s")
_STOP_RUN = frozenset(
    "and or of when where which who that after before as with by for at in on to from".split()
)


def places(text: str) -> list[tuple[str, int, int]]:
    """The places a text names with a locative phrase: (head key, start, end)."""
    out = []
    for m in _LOCATIVE.finditer(text):
        prep, det = m.group(1).lower(), m.group(2)
        words = list(WORD.finditer(m.group(3)))
        cut = next((i for i, w in enumerate(words) if w.group().lower() in _STOP_RUN), len(words))
        if not cut or not words[cut - 1].group()[:1].islower():
            continue  # a name ("in Jolo", "at Waterloo Station") is the names' rule's
        run = [w for w in words[:cut] if w.group()[:1].islower()]
        heads = [w for w in run if key_of(w.group()) in _PLACE_NOUNS]
        if not heads and (prep not in _SPATIAL or det is None):
            continue
        head = (heads or run)[-1]
        start = m.start(3) + head.start()
        out.append((key_of(head.group()), m.start(), start + len(head.group())))
    return out


def placed_elsewhere(claim: Facts, sentence: Facts) -> bool:
    """The sentence's clause about the claim's subject places it somewhere the claim does not,
    and does not name the claim's place, or places a name by the compass otherwise ("the
    River Plym on its west side" / "to the east"): then that sentence cannot support it."""
    if _compass_conflict(claim, sentence) or _figure_placed_otherwise(claim, sentence):
        return True
    mine = places(claim.text)
    if not mine:
        return False
    clause = _claim_clause(claim, sentence.text, mine)
    if clause is None:
        return False
    said, everywhere = word_keys(clause), word_keys(sentence.text)
    theirs = places(clause)
    for key, start, _end in mine:
        if key in said or not theirs:
            continue
        if key in everywhere:  # named, but for another of the things the sentence tells apart
            return True
        prep = _preposition(claim.text, start)
        if any(_preposition(clause, at) == prep and other != key for other, at, _ in theirs):
            return True  # "left outside a restaurant" against "left outside a mosque"
    return False


_FIGURE_IN = re.compile(r"\s+(?:[a-z]+\s+)?in\s+(?:the\s+)?(\w+)")
_WITH_FIGURE = re.compile(r"\bwith\s+(?:the\s+)?(\w+)\s+(?:if|when|where)\s+[^,;]{0,30}$")


def _figure_placed_otherwise(claim: Facts, sentence: Facts) -> bool:
    """Figures listed each with its place ("eighty-five in the Eastern, fifty in the Western
    Church"): a claim that gives one of them the place the sentence gives another ("fifty
    decrees in the Eastern Church") is not confirmed by that list."""
    mine, theirs = _figure_places(claim), _figure_places(sentence)
    for value, place in mine.items():
        other = theirs.get(value)
        if other is not None and other != place and place in theirs.values():
            return True
    return False


def _figure_places(facts: Facts) -> dict[float, str]:
    """Each figure's value -> the word after the "in (the)" that follows it, one word of
    the counted noun allowed between ("fifty decrees in the Eastern Church"), or the word of
    the "with X if/when" condition just before it ("with chlorine if it is 5-95%")."""
    out: dict[float, str] = {}
    for q in facts.quantities:
        m = _FIGURE_IN.match(facts.text, q.noun_span[1] if q.noun_span else q.end)
        m = m or _WITH_FIGURE.search(facts.text, 0, q.start)
        if m is not None and q.value is not None and is_content(key_of(m.group(1))):
            out[q.value] = key_of(m.group(1))
    return out


def _preposition(text: str, start: int) -> str:
    return text[start:].split(maxsplit=1)[0].lower()


def _claim_clause(claim: Facts, text: str, mine: list[tuple[str, int, int]]) -> str | None:
    """The clause of `text` about the claim's subject: among the clauses holding every ordinal
    the claim uses, the one with most of the claim's words that are neither a name (names
    frame the whole sentence) nor in its place phrases."""
    clauses = _CLAUSES.split(text)
    ordinals = {w.group().lower() for w in WORD.finditer(claim.text)} & _ORDINALS
    if ordinals:
        clauses = [c for c in clauses if ordinals <= {w.lower() for w in WORD.findall(c)}]
    framing = {k for n in claim.names for k in word_keys(n.text)}
    framing |= {k for _, start, end in mine for k in word_keys(claim.text[start:end])}
    wanted = {k for k in claim.keys if is_content(k)} - framing
    scored = [(len(wanted & word_keys(c)), i) for i, c in enumerate(clauses)]
    if not scored:
        return None
    best = max(scored, key=lambda si: (si[0], -si[1]))
    return clauses[best[1]]


_DESIGNATORS = frozenset(
    key_of(w)
    for w in "county city state province district region river lake street road hall "
    "university college airport station school hospital island islands bay valley center centre "
    "institute museum park church cathedral square bridge tower building market company "
    "corporation society association end emperor empress king queen prince princess duke "
    "duchess pope tsar sultan khan".split()
)


def name_present(name: Name, around: frozenset[str]) -> bool | None:
    """None when the name's last word identifies it (`name_keys`); else whether every
    capitalised word of a name ending in a designator ("Rockland County") is `around`:
    "Westchester County" does not name Rockland County."""
    parts = [p for p in WORD.findall(name.text) if p[:1].isupper()]
    if len(parts) < 2 or key_of(parts[-1]) not in _DESIGNATORS:
        return None
    return all(key_of(p) in around for p in parts[:-1] if len(p) > 1)  # not "P." of a name


# What a sentence must also hold before its words alone support a claim: a claim that denies
# ("No one has been arrested") is not stated by a sentence that denies nothing; "Initial
# reports stated A; ... later stated B" states B only; "X is a resident of Y" needs "resident".
_REVISED = re.compile(
    r"(?i)\b(?:initial(?:ly)?|at first|originally|(?:earlier|first) reports?)\b.*?"
    r"\b(?:later|subsequently|since then|but now)\b"
)


_NON = re.compile(r"(?i)\b(non-?)?([a-z]{3,})")


_COMPASS = re.compile(r"(?i)\b(north|south|east|west)(?:ern|ward|wards)?\b")
_SEGMENT_END = re.compile(r"[,;:.]|\band\b")


def _compass_conflict(claim: Facts, sentence: Facts) -> bool:
    """Whether a name both sides place by a compass word right after it ("the River Plym on
    its west side" / "the River Plym to the east") is placed otherwise."""
    mine, theirs = _compass_of(claim), _compass_of(sentence)
    return any(theirs.get(k, d) != d for k, d in mine.items())


def _compass_of(facts: Facts) -> dict[str, str]:
    """Name key -> the compass word that follows the name in its phrase."""
    out: dict[str, str] = {}
    names = sorted(facts.names, key=lambda n: n.start)
    for i, n in enumerate(names):
        stop = names[i + 1].start if i + 1 < len(names) else len(facts.text)
        after = facts.text[n.end : min(stop, n.end + 30)]
        end = _SEGMENT_END.search(after)
        m = _COMPASS.search(after[: end.start() if end else len(after)])
        if m is not None:
            for k in name_keys(n):
                out.setdefault(k, m[1].lower())
    return out


def _non_conflict(claim: str, sentence: str) -> bool:
    """Whether one side denies with "non-" ("non-repetitive") a word the other says plainly
    and never so denies."""
    (c_plain, c_non), (s_plain, s_non) = _non_words(claim), _non_words(sentence)
    return bool((c_non - c_plain) & (s_plain - s_non) or (s_non - s_plain) & (c_plain - c_non))


def _non_words(text: str) -> tuple[set[str], set[str]]:
    """(words said plainly, words denied with "non-") of a text."""
    plain: set[str] = set()
    denied: set[str] = set()
    for m in _NON.finditer(text):
        (denied if m[1] else plain).add(key_of(m[2]))
    return plain, denied


def words_may_support(claim: Facts, sentence: Facts, weights: dict[str, float]) -> bool:
    """May a sentence whose words cover the claim's support it? (the comment above)"""
    if claim.negation_spans and not sentence.negation_spans:
        return False  # "No one has been arrested" vs "arrested a man"
    if _non_conflict(claim.text, sentence.text):
        return False  # "non-repetitive DNA" is not stated by "repetitive DNA"
    if not _in_revision(claim, sentence, weights):
        return False
    if order_unsaid(claim, sentence):
        return False  # "orchestrated Pictures before he wrote Boléro"
    return _predicate_stated(claim, sentence)


def order_unsaid(claim: Facts, sentence: Facts) -> bool:
    """The claim orders two things ("before", "after") and the sentence has no word of order
    at all: it may name both, but not which came first."""
    return bool(_ORDER.search(claim.text)) and not _ORDER_SAID.search(sentence.text)


# "before he wrote Boléro", "after Wales followed", "before the university had awarded any":
# an order of two acts, each with its subject
# ("after the attack", "after receiving" are times of one act, which the verbs' rules compare)
_ORDER = re.compile(
    r"\b(?:[Bb]efore|[Aa]fter)\s+(?:(?:he|she|they|it|we|[A-Z][\w'’.-]*)\s+[a-z]"
    r"|(?:the|a|an|its|his|her|their)\s+(?:\w+\s+){1,3}(?:had|has|have|was|were|is|are|did)\b)"
)
_ORDER_SAID = re.compile(
    r"(?i)\b(?:before|after|prior|earlier|later|until|since|then|first|preceded|followed|"
    r"subsequently|previously|afterwards?|thereafter|by the time)\b"
)


def _in_revision(claim: Facts, sentence: Facts, weights: dict[str, float]) -> bool:
    """In "Initial reports stated A; ... later stated B" the claim must be B's words."""
    m = _REVISED.search(sentence.text)
    if m is None or _REVISED.search(claim.text):
        return True
    later = {key_of(w) for w in WORD.findall(sentence.text[m.end() :])}
    total = sum(weights.values())
    held = sum(w for k, w in weights.items() if k in later)
    return total == 0 or held / total >= 0.7


def _predicate_stated(claim: Facts, sentence: Facts) -> bool:
    """ "X is a resident of Y": the sentence must hold "resident" (the copula's noun)."""
    doc = parse(claim.text)
    if doc is None:
        return True
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be":
        return True
    nouns = [c for c in root.children if c.dep_ in ("attr", "acomp") and c.pos_ == "NOUN"]
    said = {key_of(w) for w in WORD.findall(sentence.text)}
    return all(key_of(n.text) in said for n in nouns)
