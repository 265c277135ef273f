"""Whether two figures count or measure the same thing, for a claim check (`kit.checking.stance`).

A figure supports or refutes a claim only about the same quantity: drones shot down, lost
or launched; deaths, people in shelters or missing; a world record or a personal best; the
duration of a flight or of a war. What is counted is read from the figure's noun, its verb
(`kit.language.measures`), the tally it totals ("the death toll has risen to 15") and the claim's
words close by. A refutation needs more than a match: the evidence must be shown to count
the same thing (`same_for_refuting`), and a figure another source gave is not the claim's
source's (`other_source`). An age is one figure however written (`age_of`: "a 28-year-old",
"aged 28"), and a count a named subject "has" is the one a sentence gives as "their" count
(`possessed`).
"""

from __future__ import annotations

import re

from kit.checking.modifiers import dated_for_another_verb, dated_in_another_order
from kit.language.facts import PEOPLE, Facts, Finding, is_content, key_of, name_keys
from kit.language.facts import WORD as _WORD
from kit.language.measures import parse, read_figure
from kit.language.quantities import DateMention, Quantity
from kit.language.text import stem
from kit.reading.questions import UNITS

UNIT_GROUP = {unit: group for group, units in UNITS.items() for unit in units} | {"s": "duration"}
FRAME_REACH = 10  # words either side of a figure that say what it counts


def dimension(q: Quantity) -> tuple[str, bool]:
    return UNIT_GROUP.get(q.unit, q.unit), q.kind == "ordinal"


def _phrase_keys(facts: Facts, q: Quantity) -> set[str]:
    """The words of what is counted: "member countries" -> {member, countri}."""
    if q.noun_span is None:
        return set()
    lo, hi = min(q.end, q.noun_span[0]), q.noun_span[1]
    if facts.text[lo:hi].endswith(("ing", "ed")):  # "eight missing people": the noun follows
        after = _WORD.match(facts.text, hi + 1)
        hi = after.end() if after and facts.text[hi : hi + 1] == " " else hi
    keys = {key_of(w) for w in _WORD.findall(facts.text[lo:hi])}
    return {k for k in keys if is_content(k)}


def numbered_name(facts: Facts, q: Quantity) -> bool:
    """A number that follows the noun it numbers names one thing, it counts nothing:
    "freedom 3", "Flight 370", "Article 5", "Apollo 11" (not "rose to 15", "3 goals")."""
    doc = parse(facts.text)
    for token in doc if doc is not None else ():
        if token.idx == q.number_start and token.like_num:
            head = token.head
            return token.dep_ == "nummod" and head.i == token.i - 1 and head.pos_ in _NOUNS
    return False


_NOUNS = frozenset({"NOUN", "PROPN"})


def named_figures(claim: Facts, sentence: Facts, cq: Quantity) -> set[int]:
    """Where the sentence's figures of `cq`'s kind start that a list gives to one of the
    claim's names, the verb left out: in "Norway has been ranked highest twelve times, Canada
    eight times" the claim "Canada ... twelve times" has its figure in "eight times" (and
    "George Washington only vetoed two bills, James Monroe one"). Empty when the claim states
    more than one figure (each may have its own name)."""
    if len(claim.quantities) != 1:
        return set()
    names = {key_of(w) for n in claim.names for w in _WORD.findall(n.text)}
    out: set[int] = set()
    for eq in sentence.quantities:
        listed = _LISTED.search(sentence.text[max(0, eq.start - 80) : eq.start])
        if dimension(eq) != dimension(cq) or listed is None:
            continue
        if {key_of(w) for w in _WORD.findall(listed.group("name"))} & names:
            out.add(eq.start)
    return out


def subject_of_another_kind(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Both figures' verbs have a subject with the same head noun, qualified by different
    words: "LED lamps use 20%" is not "where compact fluorescent lamps use 20%"."""
    mine, theirs = _subject_of(claim.text, cq), _subject_of(sentence.text, eq)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    return bool(mine[1]) and bool(theirs[1]) and not mine[1] & theirs[1]


def _subject_of(text: str, q: Quantity) -> tuple[str, frozenset[str]] | None:
    """The head word of the subject of the verb a figure belongs to, with the keys of the
    words that qualify it ("lamps", {"led"}), read from the parse."""
    doc = parse(text)
    number = next((t for t in doc if t.idx == q.number_start), None) if doc is not None else None
    verb = number
    for _ in range(4):
        if verb is None or verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    qualifiers = frozenset(key_of(c.text) for c in subject.children if c.dep_ in _QUALIFY)
    return key_of(subject.text), qualifiers


_QUALIFY = frozenset({"amod", "compound"})


def date_of_another_thing(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """ "Wednesday's scrub" dates the scrub: it says nothing of a claim about a launch; nor
    does a date of another of its series ("the last election in September 2014")."""
    m = _POSSESSIVE_NOUN.match(sentence.text, f.evidence_end)
    if m is not None and key_of(m.group(1)) not in claim.keys:
        return True
    return (
        _dates_a_name(claim, sentence, f)
        or dated_in_another_order(claim, sentence, f)
        or dated_for_another_verb(claim, sentence, f)
        or _dates_anothers_act(claim, sentence, f)
    )


def _dates_anothers_act(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """A differing date of a verb whose subject is a name the claim never uses: "... as
    Thomas Hobbes had put it in 1651" dates Hobbes's words, not the claim's conference."""
    doc = parse(sentence.text) if f.outcome == "mismatch" else None
    if doc is None:
        return False
    token = next((t for t in doc if t.idx <= f.evidence_start < t.idx + len(t.text)), None)
    if token is None or token.head.dep_ != "prep":
        return False
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "ROOT" or verb.i > token.i:
        return False  # "On June 12, minutes before the committee voted, Trump claimed ..."
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.pos_ == "PROPN" and key_of(c.text) not in claim.keys for c in subjects)


_POSSESSIVE_NOUN = re.compile(r"['’]s\s+([^\W\d_]+)")


def _dates_a_name(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """A differing year that begins a name on both sides ("the 2010 Human Development Report"
    against "The 2011 Human Development Report was released ..."): the years tell two of a
    kind apart, so the sentence speaks of the other one. Only when that name is what the claim
    is about (its first words): "Al-Quaety was a 2018 Rory Peck Awards finalist" is refuted by
    his 2016 nomination. The claim's year of the name may be another than the one compared
    ("A 2011 Pew survey counted ... in 2010" against "A 2012 Pew survey ...")."""
    if f.outcome != "mismatch":
        return False
    theirs = _NAME_AFTER.match(sentence.text, f.evidence_end)
    if theirs is None:
        return False
    for d in claim.dates:  # the claim's own year of that name: "A 2011 Pew survey ... in 2010"
        mine = _NAME_AFTER.match(claim.text, d.end)
        opens = _OPENING.fullmatch(claim.text[: d.start]) is not None
        if opens and mine is not None and theirs[1] == mine[1]:
            return True
    return False


_NAME_AFTER = re.compile(r"\s+([A-Z][\w'’-]*)")
_OPENING = re.compile(r"(?i)\s*(?:the|a|an)?\s*")

# ", Canada eight times", "; and James Monroe one": a name and its figure, the verb left out
_LISTED = re.compile(r"[,;]\s+(?:and\s+)?(?P<name>(?:[A-Z][\w.'’-]*\s+){1,4})$")


def same_thing(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Do two counts count the same thing? Same noun words, or both count people; a number
    that names ("freedom 3") is no count of things ("three freedoms"); when a list gives the
    claim's name a figure, only that figure is the claim's (`named_figures`); nor do the
    figures of subjects of two kinds (`subject_of_another_kind`)."""
    if cq.noun is not None and numbered_name(sentence, eq) and not numbered_name(claim, cq):
        return False
    named = named_figures(claim, sentence, cq)
    if (named and eq.start not in named) or subject_of_another_kind(claim, cq, sentence, eq):
        return False
    if cq.unit != "count":
        if _measures_of_different_things(claim, cq, sentence, eq):
            return False
        if UNIT_GROUP.get(cq.unit) == "duration" and _durations_differ(claim, cq, sentence, eq):
            return False  # "the war had lasted 33 months" vs "flew for 15 minutes"
        return not _amounts_of_different_things(claim, cq, sentence, eq)
    if _events_differ(claim, cq, sentence, eq) or _others_of_another_verb(claim, sentence, eq):
        return False  # "shot down 100" vs "90 were lost"; "15 died" vs "3,000 in shelters"
    mine, theirs = _phrase_keys(claim, cq), _phrase_keys(sentence, eq)
    if not mine:
        return not theirs
    if _heads_differ(cq, eq, mine, theirs):
        return False  # "126 jackal skins" against "two live jackals": skins are no jackals
    if mine & theirs or (mine & PEOPLE and theirs & PEOPLE):
        return True
    if eq.noun is None:  # "killing four", "90 were lost": no noun, the verb must be the claim's
        before = [w.key for w in sentence.words if w.end <= eq.start][-3:]
        after = [w.key for w in sentence.words if w.start >= eq.end][:2]
        if set(before + after) & claim.keys:
            return True
        return _tally_of(sentence, eq, claim)
    return False


def _others_of_another_verb(claim: Facts, sentence: Facts, eq: Quantity) -> bool:
    """ "two died, and three others were injured": "others" are not the ones counted before,
    so the count is the claim's only with the claim's own verb after it."""
    if (eq.noun or "").lower() not in ("other", "others"):
        return False
    after = [w.key for w in sentence.words if w.start >= eq.end][:4]
    return not set(after) & claim.keys


def _head(q: Quantity) -> str | None:
    words = _WORD.findall(q.noun or "")
    if not words or words[-1].endswith(("ing", "ed")):
        return None  # "eight missing people": the noun read is a participle, not the head
    return key_of(words[-1])


def _heads_differ(cq: Quantity, eq: Quantity, mine: set[str], theirs: set[str]) -> bool:
    """Two counts whose shared word is only a modifier on one side count different things:
    "126 jackal skins" and "two live jackals", "five school buses" and "three schools"."""
    mine_head, their_head = _head(cq), _head(eq)
    if mine_head is None or their_head is None or mine_head == their_head:
        return False
    return (their_head in mine) != (mine_head in theirs)


_AMOUNT_GROUPS = frozenset({"money", "percent", "weight"})
_MEASURE_HEAD = re.compile(r"((?:[^\W\d_]+[\s-]+){1,3})(?:of|stands at|stood at|is|was)\s+$")


def _measure_head(facts: Facts, q: Quantity) -> set[str]:
    """What a measure is the value of, named right before it: "a world record of 46.78
    seconds" -> {world, record}; "a personal best time of 46.92 seconds" -> {person, best, time}."""
    m = _MEASURE_HEAD.search(facts.text[max(0, q.start - 60) : q.start])
    if m is None:
        return set()
    keys = {key_of(w) for w in _WORD.findall(m.group(1))}
    return {k for k in keys if is_content(k)}


def _measures_of_different_things(
    claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity
) -> bool:
    """Both measures name what they are the value of, and the names share no word: Warholm's
    "personal best time of 46.92 seconds" is not "the world record of 46.78 seconds"."""
    mine, theirs = _measure_head(claim, cq), _measure_head(sentence, eq)
    return bool(mine and theirs) and not mine & theirs


def _amounts_of_different_things(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """An amount is of something ("120 million euros" of flood damage, "50 million euros in
    emergency aid"): read from the parse, neither thing shares a word with the other side."""
    if UNIT_GROUP.get(cq.unit) not in _AMOUNT_GROUPS:
        return False  # an area's or a speed's "thing" is a place or a vehicle, not what it is
    mine = read_figure(claim.text, cq.number_start, cq.number_end, with_unit=True)
    theirs = read_figure(sentence.text, eq.number_start, eq.number_end, with_unit=True)
    if mine is None or theirs is None or not mine.thing or not theirs.thing:
        return False
    mine_keys, their_keys = event_keys(mine.thing), event_keys(theirs.thing)
    return bool(mine_keys and their_keys) and not (
        mine_keys & sentence.keys or their_keys & claim.keys
    )


def _durations_differ(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Each duration read with what lasts it (the subject of its verb, or the noun the figure
    describes: "the 33-month-long war") and the verb: two durations of different things when
    neither what lasts nor a verb of its own ("flew", not "takes") is shared."""
    (mine, my_verb), (theirs, their_verb) = _lasting(claim.text, cq), _lasting(sentence.text, eq)
    if (my_verb - _LIGHT) & (their_verb - _LIGHT):
        return False
    if mine and theirs:
        return not mine & theirs
    mine, theirs = mine | my_verb, theirs | their_verb
    return bool(mine and theirs) and not mine & theirs


def _same_lasting(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Shown to be the same duration: the same thing lasts, or the same verb of its own."""
    (mine, my_verb), (theirs, their_verb) = _lasting(claim.text, cq), _lasting(sentence.text, eq)
    return bool(mine & theirs or (my_verb - _LIGHT) & (their_verb - _LIGHT))


def _lasting(text: str, q: Quantity) -> tuple[set[str], set[str]]:
    doc = parse(text)
    token = None if doc is None else next((t for t in doc if q.start <= t.idx < q.end), None)
    while token is not None and token.head != token:
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            kids = [c.text for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return event_keys(" ".join(kids)), event_keys(head.text)
        if head.pos_ in ("NOUN", "PROPN") and head.idx >= q.end:
            return event_keys(head.text), set()  # "33-month-long war", "40-minute crossing"
        token = head
    return set(), set()


def _tally_of(sentence: Facts, eq: Quantity, claim: Facts) -> bool:
    """A total with no noun of its own ("the death toll has risen to 15", "the number of
    people killed reached 14"): what it totals, read from the parse, is what the claim counts."""
    reading = read_figure(sentence.text, eq.number_start, eq.number_end, with_unit=False)
    if reading is None or not reading.tally or not reading.thing:
        named = _NUMBER_OF.search(sentence.text[: eq.start])  # "The number of people still
        if named is None:  # missing has fallen to 28"
            return False
        words = named.group(1)
    else:
        words = f"{reading.thing} {reading.event or ''}"
    keys = {key_of(w) for w in _WORD.findall(words)}
    if "toll" in keys and not claim.keys & (_TOLL_OF | {"toll"}):
        return False  # a toll counts the dead (or hurt): "toll rises to nine" vs "employs 400"
    keys = {k for k in keys if is_content(k) and k not in _TALLY_WORDS}
    return bool(keys) and keys <= claim.keys | PEOPLE and bool(keys & claim.keys)


_NUMBER_OF = re.compile(
    r"(?i)\b(?:number|total|count|tally) of ((?:[^\W\d_]+ ){1,5}?)(?:has |have |had )?"
    r"(?:risen|rose|fallen|fell|dropped|climbed|grown|reached|increased|decreased)(?: to)? $"
)
_TOLL_OF = frozenset({"death", "injury"})
_TALLY_WORDS = frozenset(key_of(w) for w in "toll number total count tally figure".split())


_RESTATED = re.compile(
    r"(?i)\b(?:put|puts|putting|placed|places|placing|estimated|estimates|set|sets|gave|gives)"
    r"\s+(?:the|its|their|that)\s+(?:number|figure|total|count|tally|toll)\s+(?:at|as)\s+$"
)


def restated(
    claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity, around: frozenset[str]
) -> bool:
    """A count that refers back to one just given ("The workers' union put the number at 19"
    after "the company said 14 workers were in the hall"): another count of the claim's thing
    when the paragraph names what the claim counts."""
    if cq.unit != "count" or eq.unit != "count" or eq.noun is not None:
        return False
    if not _RESTATED.search(sentence.text[: eq.start]):
        return False
    mine = _phrase_keys(claim, cq)
    return bool(mine) and mine <= around


EVENT_SYNONYMS = {
    stem(w): c
    for c, words in {
        "launch": "launch launched launches launching fire fired fires firing",
        "down": "down downed downing",
        "seize": "seize seized captured capture took taken occupied",
        "strike": "strike strikes struck striking",
        "meet": "meet meets met meeting convene convened convenes gathered",
        "aboard": "aboard board onboard carry carried carrying carries",
    }.items()
    for w in words.split()
}


def event_keys(event: str) -> set[str]:
    keys = {key_of(w) for w in _WORD.findall(event)}
    return {EVENT_SYNONYMS.get(k, k) for k in keys if is_content(k) or k == "down"}


def _events_differ(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """Both figures' events read from the parse (`kit.language.measures`) and they share no word or
    concept: the figures count different things, whatever the noun. A participle both sides
    count with ("two injured workers died", "Two of the injured workers died") describes what
    is counted, not what happened to it."""
    mine, theirs = _figure_event(claim.text, cq), _figure_event(sentence.text, eq)
    if not mine or not theirs:
        return False
    described = _phrase_keys(claim, cq) & _phrase_keys(sentence, eq)
    mine_keys, their_keys = event_keys(mine) - described, event_keys(theirs) - described
    return bool(mine_keys and their_keys) and not mine_keys & their_keys  # "were": no event


def _figure_event(text: str, q: Quantity) -> str | None:
    """The verb or participle a figure belongs to; for a bare number that is itself the
    subject or object ("more than 90 were lost"), the verb that governs it."""
    reading = read_figure(text, q.number_start, q.number_end, with_unit=False)
    if reading is not None:
        return _left_as(text, q) or reading.event
    doc = parse(text)
    if doc is None:
        return None
    number = next((t for t in doc if q.number_start <= t.idx < q.number_end), None)
    if number is None or number.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    verb = number.head
    particles = [c.text for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.text, *particles])


_LEFT = re.compile(r"(?i)\b(?:left|leaves?|leaving)\s+$")
_LEFT_AS = re.compile(r"\s+(?P<state>dead|injured|wounded|hurt|homeless|missing|stranded)\b")


def _left_as(text: str, q: Quantity) -> str | None:
    """What a figure was left as: "which left at least 42 people dead" counts the dead."""
    if not _LEFT.search(text[: q.start]):
        return None
    end = q.noun_span[1] if q.noun_span else q.end
    state = _LEFT_AS.match(text, end)
    return state["state"] if state else None


def frame_distance(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> int:
    """How many words from the evidence figure to the nearest of the claim's other words:
    a count is about the claim's event only with one of them close by ("launched 188")."""
    frame = claim.keys - _phrase_keys(claim, cq) - claim.figure_keys
    if not frame or cq.unit != "count":
        return 0
    events = {EVENT_SYNONYMS.get(k, k) for k in frame}  # "on board" ~ "carrying"
    at = sum(1 for w in sentence.words if w.end <= eq.start)
    words = enumerate(sentence.words)
    distances = [abs(i - at) for i, w in words if EVENT_SYNONYMS.get(w.key, w.key) in events]
    return min(distances, default=FRAME_REACH + 1)


def same_for_refuting(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """A figure that disagrees refutes only when it is shown to count the same thing: the same
    noun ("70 schools" against "40 schools", not just "people"), a tally of what the claim
    counts, or the claim's own event next to it ("employs about 400 people" is not refuted by
    "nine people died", nor "611 aftershocks" by "magnitude 6.4")."""
    if UNIT_GROUP.get(cq.unit) == "duration":
        return _same_lasting(claim, cq, sentence, eq)
    if cq.unit != "count":
        return True
    mine, theirs = _phrase_keys(claim, cq), _phrase_keys(sentence, eq)
    if theirs and theirs < mine and (mine - theirs - PEOPLE) - sentence.keys:
        return False  # "two of the injured workers" is not "three workers were killed"
    if _part_and_whole(mine - sentence.keys, theirs - claim.keys):
        return False  # "at least 20 were killed" counts more than the "fourteen civilians"
    if (mine & theirs) - PEOPLE:
        return True
    if _tally_of(sentence, eq, claim):
        return True
    return _same_event(claim, cq, sentence, eq)


_EVERYONE = frozenset(stem(w) for w in "people persons individuals victims".split())
# groups a toll is split into ("passengers and crew" together are everyone on board)
_GROUPS = frozenset(
    stem(w)
    for w in "civilians residents soldiers troops personnel officers workers children pupils"
    " students".split()
)


def _part_and_whole(mine: set[str], theirs: set[str]) -> bool:
    """One count names a group of people the other side never names (`mine` and `theirs` are
    each count's words the other text lacks): "fourteen civilians" against "at least 20 were
    killed", or "20 people" against "fourteen civilians", is a part and a whole, or two groups,
    never shown to count the same people, so neither refutes the other."""
    return bool((mine | theirs) & _GROUPS)


# verbs that say nothing of what lasts ("takes an hour"); "take" is read as "seize" there
_LIGHT = frozenset(event_keys("take takes took taken last lasted lasts be is was have had"))
EVENT_REACH = 4  # words either side of the evidence figure where the claim's event must be


def _same_event(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """The claim's event (its figure's verb, or a known event word by it: "on board") is
    the evidence figure's or stands next to it; or one word before both names the measure
    ("magnitude 5.9" against "magnitude 5.8")."""
    mine = event_keys(_figure_event(claim.text, cq) or "")
    mine |= {EVENT_SYNONYMS[k] for k in _near(claim, cq) if k in EVENT_SYNONYMS}
    theirs = event_keys(_figure_event(sentence.text, eq) or "") | {
        EVENT_SYNONYMS.get(k, k) for k in _near(sentence, eq)
    }
    if mine & theirs:
        return True
    before = _word_before(claim, cq)
    if before is not None and before == _word_before(sentence, eq):
        return True
    return bool(_measure_named(claim, cq) & _measure_named(sentence, eq))


# what a lone figure with a fraction before a noun measures: "a 6.4 quake" is its magnitude
_MEASURE_OF = {key_of(w): "magnitud" for w in "quake earthquake tremor temblor aftershock".split()}


def _measure_named(facts: Facts, q: Quantity) -> set[str]:
    """The measure a figure gives, named before it ("a magnitude of 6.4", "magnitude 6.4") or
    by the one thing it measures after it ("a 6.4 quake", "a 6.4-magnitude earthquake")."""
    before = [w.key for w in facts.words if w.end <= q.start and q.start - w.end <= 5]
    before = [k for k in before if k != "of"][-1:]
    after = [w.key for w in facts.words if 0 <= w.start - q.end <= 1][:1] if q.value % 1 else []
    named = {_MEASURE_OF.get(k, k) for k in before + after}
    return {k for k in named if k == "magnitud"}


def _near(facts: Facts, q: Quantity) -> set[str]:
    """Content keys of the words within EVENT_REACH of a figure."""
    at = sum(1 for w in facts.words if w.end <= q.start)
    near = facts.words[max(0, at - EVENT_REACH) : at + EVENT_REACH]
    return {w.key for w in near if is_content(w.key)}


def _word_before(facts: Facts, q: Quantity) -> str | None:
    last = [w for w in facts.words if w.end <= q.start and q.start - w.end <= 1]
    return last[-1].key if last and is_content(last[-1].key) else None


_SOURCE = re.compile(r"\b(?:by|according to)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s*)+)")
_CLAUSE = re.compile(r"[,;:]\s+")


def other_source(claim: Facts, sentence: Facts, eq: Quantity) -> bool:
    """The figure is credited to a source the claim does not name, in a sentence that credits
    the claim's source with something else: "Magnitude 6.3 according to Phivolcs, it was
    recorded as magnitude 6.4 by the US Geological Survey" does not say Phivolcs gave 6.4."""
    starts = [0, *(m.end() for m in _CLAUSE.finditer(sentence.text))]
    lo = max(s for s in starts if s <= eq.start)
    hi = min((m.start() for m in _CLAUSE.finditer(sentence.text, eq.end)), default=None)
    clause = sentence.text[lo:hi]
    found = _SOURCE.search(clause)
    if found is None:
        return False
    source = {key_of(w) for w in _WORD.findall(found.group(1))}
    named = [name_keys(n) for n in claim.names]
    if any(keys & source for keys in named):
        return False
    elsewhere = sentence.text[:lo] + " " + sentence.text[lo + len(clause) :]
    outside = {key_of(w) for w in _WORD.findall(elsewhere)}
    return any(keys & outside for keys in named)


def same_date_event(claim: Facts, cd: DateMention, sentence: Facts, f: Finding) -> bool:
    """The verb each date belongs to (and that verb's subject) share a word or concept:
    "the strike ... was carried out on a Monday" and "struck ... on Thursday" date one event;
    "formed the council in 2023" and "the council convened on November 26, 2024" do not."""
    mine = date_event(claim.text, cd.start, cd.end)
    theirs = date_event(sentence.text, f.evidence_start, f.evidence_end)
    return bool(mine & theirs)


def date_event(text: str, start: int, end: int) -> set[str]:
    doc = parse(text)
    if doc is None:
        return set()
    token = next((t for t in doc if start <= t.idx < end), None)
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return set()
    words = [token.text] + [c.text for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return event_keys(" ".join(words))


def another_date_of_its_event(claim: Facts, cd: DateMention, sentence: Facts, f: Finding) -> bool:
    """A matching date of another verb, while the claim's own verb has another date: "reporting
    in 2004 ... who had purchased it in 2001" does not date a purchase to 2004."""
    if f.outcome != "match" or same_date_event(claim, cd, sentence, f):
        return False
    mine = date_event(claim.text, cd.start, cd.end)
    return any(
        e.start != f.evidence_start
        and e.kind == cd.kind
        and (e.year, e.month, e.day) != (cd.year, cd.month, cd.day)
        and mine & date_event(sentence.text, e.start, e.end)
        for e in sentence.dates
    )


_HAS = re.compile(r"(?i)\b(?:has|have|had)\s+$")
_OWNER = re.compile(r"(?i)\b(?:their|his|her|its)\s+$")


def possessed(claim: Facts, cq: Quantity, sentence: Facts, eq: Quantity) -> bool:
    """A claim that its named subject has a count ("X and Y have eleven children") and a
    sentence naming the subject that gives the count as theirs ("... of their thirteen
    children"): the same count, however far the name is from it."""
    if not claim.names or not _HAS.search(claim.text[: cq.start]):
        return False
    if not _OWNER.search(sentence.text[: eq.start]):
        return False
    return all(name_keys(n) & sentence.keys for n in claim.names)


_AGE_AFTER = re.compile(r"(?:-| )years?(?:-| )old\b")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age of|at age)\s+$")


def age_of(text: str, q: Quantity) -> float | None:
    """A figure that is someone's age, however written ("a 28-year-old", "aged 28", "28 years
    old"), as its value; None for any other figure. Ages are only matched, never refuted: a
    sentence may give several people's."""
    if _AGE_AFTER.match(text, q.number_end) or _AGE_BEFORE.search(
        text[max(0, q.start - 12) : q.start]
    ):
        return q.value
    return None
