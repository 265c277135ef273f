"""What a figure measures, read from its sentence's dependency parse, the same way everywhere.

`kit.figures.table` labels a figure with regular expressions around the number; this module reads
the same sentence's spaCy parse (the pipeline `kit.index.annotate` loads) to find, in any article:

- the counted noun the number modifies ("12 people"), with its modifiers ("emergency
  shelters") and the verb or participle it belongs to ("were killed", "missing", "affected");
- for a number with no noun ("the toll has risen to 15", "kill 15"), the subject it measures
  or the event verb's usual object ("people");
- for an amount with a unit ("50 million euros in emergency aid", "peaked at 6.2 metres"),
  what the amount is of, or the subject whose level it is;
- the place stated with the figure ("over Kyiv", "in Marlow"): a proper noun governed by a
  place preposition of the figure's noun or verb (the parse decides, not the entity label:
  spaCy calls Kyiv a person in one demo sentence);
- whose the counted things are ("one MP of the People's Party", "NATO's 32 members");
- whether a "from" starts a change ("raised the toll from 14 to 31", `changed_from`);
- the dictionary form of a word (`lemma`: "drones" -> "drone", "were killed" -> "kill"), so
  that `kit.figures.measure_keys` keys a figure the same whatever the tense, voice or number;
- the figure's status: `superseded` ("officials had earlier put the toll at 12", "up from
  12"), `updated` ("has risen to 15") or `unconfirmed` ("a rumour ... was not confirmed").

The cues are grammatical (dependency labels, tense, negation) plus a handful of general
English words (light verbs such as "stay", "spend"; change verbs such as "rise to"); nothing
names a particular event. Without spaCy every function returns None and the regex labels
stand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kit.index.annotate import spacy_nlp
from kit.language.attribution import REPORT_VERBS
from kit.language.lemmas import lemma

__all__ = ["Reading", "figure_status", "parse", "prefetch", "read_figure"]
__all__ += ["changed_from", "number_token", "only_compounds", "subject_of"]

# Verbs (lemmas) that carry no event of their own: "1,800 people spent the night in shelters".
_LIGHT = frozenset("be stay spend remain live sleep shelter house have take".split())
# Verbs (lemmas) whose object is a level or total, not a thing acted on: "the toll reached 14".
_LEVEL = frozenset("reach hit peak top stand total exceed rise climb increase grow jump".split())
_LEVEL |= frozenset("put estimate fall drop decrease decline".split())
_LEVEL |= frozenset(["surpass"])
_CHANGE = frozenset("rise climb increase jump grow".split())
_MOVES = _CHANGE | frozenset("fall drop decrease decline".split())
# Hedges the parser may take for prepositions: "infected over 4,200" (over = more than).
_HEDGE_PREPS = frozenset("over under about around nearly almost above below".split())
_TALLY = frozenset("number total count tally figure".split())
_PLACE_PREPS = frozenset("in over above near around across at outside inside".split())
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
# Prepositions that set a proper noun as a place whatever its entity label ("over Kyiv");
# "in" and "at" also take organisations and events, so there the label must say place.
_SPATIAL = frozenset("over above near around across outside inside".split())
_WORLD = frozenset(["worldwide", "globally"])
_EARLIER = frozenset("earlier previously initially originally first before".split())
_DOUBT_NOUNS = frozenset("rumour rumor rumours rumors speculation hearsay".split())
_CONFIRM = frozenset("confirmed verified corroborated substantiated".split())
_UNCONFIRMED = frozenset("unconfirmed unverified uncorroborated unsubstantiated".split())


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says a figure measures. `thing` is the counted noun (lower case, as
    written) or the measured subject; `event` the verb or participle it belongs to."""

    thing: str | None
    modifiers: str | None
    event: str | None
    event_word: str | None  # the event as written, for the canonical lexicon in figures
    place: str | None
    tally: bool = False  # read through "the number of ..." / "the toll": a total, not a noun
    weak: bool = False  # the event is an active verb whose object the noun is ("carried six")
    participle: str | None = None  # "the 36 people infected included ...": the noun's own verb
    object_of_event: bool = False  # the noun is the event verb's object ("house 6,000 lions")
    owner: str | None = None  # whose the counted things are: "one MP of the People's Party"
    change: str | None = None  # an amount something moved by: "the river rose 4 metres" (rise)


_DOCS: dict[str, Any] = {}
MAX_CACHED = 20_000  # parsed sentences kept in memory (a few KB each)


def parse(sentence: str) -> Any:
    """The spaCy Doc of a sentence (cached), or None without spaCy."""
    doc = _DOCS.get(sentence)
    if doc is None:
        prefetch([sentence])
        doc = _DOCS.get(sentence)
    return doc


def prefetch(sentences: list[str]) -> None:
    """Parse the sentences not cached yet in one `nlp.pipe` batch (several times faster than
    one call per sentence)."""
    missing = list(dict.fromkeys(s for s in sentences if s not in _DOCS))
    nlp = spacy_nlp() if missing else None
    if nlp is None:
        return
    if len(_DOCS) + len(missing) > MAX_CACHED:
        _DOCS.clear()
    _DOCS.update(zip(missing, nlp.pipe(missing, batch_size=64), strict=True))


def only_compounds(phrase: str) -> bool:
    """Whether every word before a noun phrase's last is a noun modifying it ("measles
    cases", "emergency shelters"), not an adjective ("new cases", "confirmed cases")."""
    doc = parse(phrase)
    if doc is None or len(doc) < 2:
        return False
    return all(t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") for t in doc[:-1])


def _lemma_of(token: Any) -> str:
    return lemma(token.text, "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_)


def number_token(doc: Any, start: int, end: int) -> Any:
    """The top token of the number at sentence offsets [start, end): "50 million" -> million,
    "one hundred and ninety" -> hundred (its "ninety" a conjunct of the hundred)."""
    inside = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    if not inside:
        return None
    token = inside[-1]
    if token.idx + len(token) > end + 1 or token.idx < start - 1:  # "drones—188" is one token
        return None
    while token.dep_ in ("compound", "quantmod", "nummod", "conj") and token.head.tag_ == "CD":
        token = token.head
    return token


def _participle(token: Any) -> str:
    """ "kill" -> "killed", "promises" -> "promised": news labels read as participles."""
    word = token.text.lower()
    if token.tag_ in ("VBN", "VBD", "JJ") or not token.tag_.startswith("VB"):
        return word
    if word.endswith("ing"):
        word = word[:-3]
    elif word.endswith("es") and token.tag_ == "VBZ" and word[-3] in "sxz":
        word = word[:-2]
    elif word.endswith("s") and token.tag_ == "VBZ":
        word = word[:-1]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def _lost_lives(verb: Any) -> bool:
    """ "81 had lost their lives": an idiom for died."""
    lives = any(c.dep_ == "dobj" and c.text.lower() in ("lives", "life") for c in verb.children)
    return lives and verb.text.lower() in ("lost", "lose", "loses", "losing")


def _verb_text(verb: Any) -> str:
    if _lost_lives(verb):
        return "died"
    particle = next((c.text.lower() for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.text.lower()} {particle}" if particle else verb.text.lower()


def _event_label(verb: Any) -> str:
    if _lost_lives(verb):
        return "died"
    particle = next((c.text.lower() for c in verb.children if c.dep_ == "prt"), None)
    word = _participle(verb)
    return f"{word} {particle}" if particle else word


def _compounds(noun: Any, without: Any = None) -> str:
    """The noun with its lower-case compounds and adjectives: "emergency shelters"."""
    words = [
        c.text.lower()
        for c in noun.lefts
        if c.dep_ in ("compound", "amod")
        and c != without
        and c.tag_ not in ("VBN", "VBG")
        and (c.text.islower() or (c.is_sent_start and c.tag_ in ("NN", "NNS")))
    ]
    return " ".join([*words, noun.text.lower()])


def _place(*tokens: Any) -> str | None:
    """A named place governed by a place preposition of one of `tokens` ("over Kyiv"), or
    the whole world ("the number of infections worldwide")."""
    for token in tokens:
        if token is None:
            continue
        if any(c.dep_ == "advmod" and c.text.lower() in _WORLD for c in token.children):
            return "worldwide"
        for prep in token.children:
            if prep.dep_ != "prep" or prep.text.lower() not in _PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":  # "in the next country, Spain"
                    obj = next((c for c in obj.children if c.dep_ == "appos"), obj)
                if obj.dep_ not in ("pobj", "appos") or obj.tag_ != "NNP":
                    continue
                if obj.ent_type_ in _PLACE_LABELS:
                    name = " ".join(t.text for t in obj.subtree if t.ent_type_ in _PLACE_LABELS)
                    return f"{prep.text.lower()} {name}"
                if prep.text.lower() in _SPATIAL:
                    return f"{prep.text.lower()} {_proper_name(obj)}"
    return None


def _owner(noun: Any) -> str | None:
    """The named body the counted things belong to: "one MP of the People's Party", "NATO's
    32 members" (a proper noun, by "of" or a possessive; a place is `_place`'s)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ == "NNP" and child.ent_type_ not in _PLACE_LABELS:
            return _proper_name(child)
        if child.dep_ == "prep" and child.text.lower() == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ == "NNP" and obj.ent_type_ not in _PLACE_LABELS:
                words = [t for t in obj.subtree if t.dep_ != "det" or t.i > obj.i]
                return obj.doc[words[0].i : words[-1].i + 1].text
    return None


def _proper_name(token: Any) -> str:
    """A proper noun with its proper-noun compounds: "Great Abaco Island"."""
    words = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ == "NNP"]
    return " ".join(t.text for t in [*words, token])


def _scene(verb: Any) -> str | None:
    """The place a figure's clause is about when the sentence sets it in its main clause:
    "Russia attempted to target Kyiv ..., noting that air defences shot down more than ten
    drones" (Kyiv). Only for a clause with a subject of its own, below the main verb; a
    clause that shares the main subject ("Russia attacked Ukraine, launching 188 drones")
    continues the main clause and gets no place from it."""
    if verb is None or verb.dep_ == "ROOT":
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    root = next((t for t in verb.ancestors if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    for head in (root, *(c for c in root.children if c.dep_ == "xcomp")):
        for obj in head.children:  # a proper-noun object, whatever NER calls it
            if obj.dep_ == "dobj" and obj.tag_ == "NNP":
                return f"in {_proper_name(obj)}"
    return None


def _noun_event(noun: Any) -> tuple[str | None, str | None, Any]:
    """The event a counted noun belongs to: (label, word as written, verb token)."""
    for child in noun.children:  # "22 missing people", "3,000 affected homes"
        participle = child.tag_ in ("VBN", "VBG") or child.text.endswith("ed")
        if child.dep_ == "amod" and (participle or child.text == "missing"):
            return child.text.lower(), child.text.lower(), child
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ in ("VERB", "AUX"):
        if _lemma_of(head) in _LIGHT:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.text.lower() in ("in", "at", "into"):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and obj.pos_ == "NOUN":
                        where = f"{prep.text.lower()} {_compounds(obj)}"
                        return where, where, head
            return None, None, head
        return _event_label(head), _verb_text(head), head
    for child in noun.children:  # "188 drones launched by Russia", "people killed in ..."
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return _event_label(child), _verb_text(child), child
    return None, None, None


def subject_of(verb: Any) -> Any:
    """The subject (active or passive) of a verb token, or None."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


_subject = subject_of


def _thing(token: Any) -> Reading | None:
    """What a noun phrase measures: "the number of people killed" -> people killed."""
    if token.text.lower() in _TALLY:
        of = next((c for c in token.children if c.dep_ == "prep" and c.text == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            event, word, verb = _noun_event(obj)
            place = _place(obj, verb, token)
            return Reading(obj.text.lower(), None, event, word, place, tally=True)
    return Reading(_compounds(token), None, None, None, _place(token), tally=True)


def read_figure(sentence: str, start: int, end: int, *, with_unit: bool) -> Reading | None:
    """What the number at sentence offsets [start, end) counts or measures, or None."""
    doc = parse(sentence)
    if doc is None:
        return None
    number = number_token(doc, start, end)
    if number is None:
        return None
    head = number.head
    if head.dep_ == "nmod" and head.head.tag_ == "NNS" and not with_unit:
        head = head.head  # "53 measles related deaths": the deaths are counted
    if number.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.tag_ != "CD":
        if with_unit:
            return _measured(head)
        if head.text.lower() in ("others", "other"):
            return None
        return _counted(head, _tally_of(head) or head)
    if with_unit:  # a fraction word is its own unit: "a two-thirds majority", "half of"
        return _measured(number) if number.pos_ == "NOUN" else None
    whole = _partitive(number) if number.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if whole is not None:  # "hundreds of fighters escaped", "four of the six delegates"
        return _counted(whole, number)
    if number.dep_ in ("nsubj", "nsubjpass"):
        return _bare_subject(number)
    return _bare(number)


def _partitive(number: Any) -> Any:
    """The noun a number counts through "of": "hundreds of ISIS fighters" -> fighters."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    obj = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
    return obj if obj is not None and obj.pos_ == "NOUN" else None


def _tally_of(noun: Any) -> Any:
    """The tally a counted noun is given through: "a total of 1,991 delegates are needed"
    (the total is what the clause is about: its verb is the noun's event)."""
    of = noun.head if noun.dep_ == "pobj" else None
    if of is None or of.text.lower() != "of" or of.head.text.lower() not in _TALLY:
        return None
    return of.head


def _counted(noun: Any, role: Any) -> Reading:
    """A counted noun's reading; `role` is the token that takes its place in the clause: the
    noun itself ("12 people died"), or the number of a partitive ("four of the delegates")."""
    event, word, verb = _noun_event(role)
    governs = verb is not None and verb.i == role.head.i  # not an amod / acl of the noun
    active = role.dep_ in ("nsubj", "dobj") and governs and verb.tag_ != "VBN"
    weak = active and word is not None and not word.startswith(("in ", "at ", "into "))
    own = next((c for c in role.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"), None)
    return Reading(
        noun.text.lower(),
        _compounds(noun),
        event,
        word,
        _place(role, verb if verb is not None else _copula(role)) or _scene(verb),
        weak=weak,
        participle=own.text.lower() if own is not None else None,
        object_of_event=weak and role.dep_ == "dobj",
        owner=_owner(noun),
    )


def _copula(role: Any) -> Any:
    """The "be" of "there were 118,381 cases worldwide": where and when it says are the count's."""
    return role.head if role.dep_ == "attr" and _lemma_of(role.head) == "be" else None


def _bare(number: Any) -> Reading | None:
    """A count with no noun: "the toll has risen to 15", "put the toll at 12", "kill 15",
    "reduced the number of stations from 180 to 5", "the death toll is 14", with the place
    the number itself is given for ("surpassed one million in the United States")."""
    verb, role = _value_of(number)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    reading = _bare_reading(number, verb, role)
    if reading is None or reading.place is not None:
        return reading
    return replace(reading, place=_place(number, verb))


def _bare_reading(number: Any, verb: Any, role: str) -> Reading | None:
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i != number.i), None)
    if role == "value" and obj is not None and obj.pos_ == "NOUN":
        return _thing(obj)  # the figure is a value the object is set to, or comes from
    if _lemma_of(verb) in _LEVEL:
        measured = obj if obj is not None else _subject(verb)
        if measured is None and verb.dep_ == "acl":  # "infections ..., totaling 250,000"
            measured = verb.head
        return _thing(measured) if measured is not None and measured.pos_ == "NOUN" else None
    if role == "attr" and _lemma_of(verb) == "be":  # "the death toll is 14"
        subject = _subject(verb)
        return _thing(subject) if subject is not None and subject.pos_ == "NOUN" else None
    if role == "dobj":  # "Floods kill 15", "Sanders secured four": the event
        event = _event_label(verb)
        place = _place(verb) or _holder(verb)
        return Reading(None, None, event, _verb_text(verb), place, object_of_event=True)
    return None


def _value_of(number: Any) -> tuple[Any, str]:
    """The verb a bare number is the object ("dobj"), complement ("attr") or value ("value":
    "rose to 15", "from 180 to 5") of. A hedge parsed as a preposition ("infected over
    4,200") leaves the number the verb's object."""
    if number.dep_ in ("dobj", "attr"):
        return number.head, str(number.dep_)
    prep = number.head
    if number.dep_ != "pobj" or prep.dep_ != "prep":
        return None, ""
    word = prep.text.lower()
    if word in _HEDGE_PREPS and prep.i == number.i - 1 and prep.head.pos_ == "VERB":
        return prep.head, "dobj"
    if word not in ("to", "at", "from"):
        return None, ""
    head = prep.head  # "from 180 to 5": "to" may hang from 180 or from "from"
    if head.tag_ == "CD" and head.dep_ == "pobj" and head.head.text.lower() == "from":
        head = head.head
    if head.dep_ == "prep" and head.text.lower() == "from":
        head = head.head
    return head, "value"


def _holder(verb: Any) -> str | None:
    """A named place that has or records the figure: "Italy ... had around 27,000"."""
    if verb.text.lower() not in ("has", "had", "have", "recorded", "records", "reported"):
        return None
    subject = _subject(verb)
    if subject is not None and subject.ent_type_ in _PLACE_LABELS and subject.tag_ == "NNP":
        return f"in {_proper_name(subject)}"
    return None


def _bare_subject(number: Any) -> Reading | None:
    """A count that is the subject of its event: "four of whom were injured", "Twelve died"."""
    verb = number.head
    if verb.pos_ != "VERB" or _lemma_of(verb) in _LIGHT or verb.text.lower() in REPORT_VERBS:
        return None
    return Reading(None, None, _event_label(verb), _verb_text(verb), _place(verb))


def _measured(unit: Any) -> Reading | None:
    """What an amount with a unit is: "50 million euros in emergency aid" (aid pledged),
    "damage is estimated at 120 million euros" (damage), "river peaked at 6.2 m" (river)."""
    verb = unit.head.head if unit.dep_ == "pobj" else unit.head
    if unit.dep_ in ("compound", "amod") and unit.head.pos_ == "NOUN":  # "a 95% immunization rate"
        return Reading(_compounds(unit.head, unit), None, None, None, _place(unit.head))
    for prep in unit.children:
        if prep.dep_ == "prep" and prep.text.lower() in ("in", "of", "for"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                event = _event_label(verb) if verb.pos_ == "VERB" and unit.dep_ == "dobj" else None
                word = _verb_text(verb) if event else None
                return Reading(_compounds(obj), None, event, word, _place(verb))
    moved = _moved_by(unit, verb)
    if moved is not None:
        return moved
    if verb.pos_ in ("VERB", "AUX") and unit.dep_ in ("dobj", "pobj", "attr"):
        subject = _subject(verb)
        if subject is not None and _common(subject):
            level = _lemma_of(verb) in _LEVEL
            return Reading(_compounds(subject), None, None, None, _place(verb), tally=level)
    return None


def _moved_by(unit: Any, verb: Any) -> Reading | None:
    """How far something rose or fell ("the river rose 4 metres", "prices fell by 5%"): a
    change, another quantity than the level it reached ("rose to 6.2 metres")."""
    by = unit.dep_ == "pobj" and unit.head.text.lower() == "by"
    if unit.dep_ == "npadvmod" and verb.dep_ in ("prep", "advmod"):  # "rose 4 m above it"
        verb = verb.head
    if not (by or unit.dep_ in ("dobj", "npadvmod")) or verb.pos_ != "VERB":
        return None
    move = _lemma_of(verb)
    subject = _subject(verb)
    if move not in _MOVES or subject is None or not _common(subject):
        return None
    return Reading(_compounds(subject), None, None, None, _place(verb), change=move)


def _common(token: Any) -> bool:
    """A common noun, also when a sentence opens with it ("Coverage had risen to 55%")."""
    opening = token.is_sent_start and token.pos_ == "PROPN" and not token.ent_type_
    return token.pos_ == "NOUN" or (opening and token.text.istitle())


def changed_from(sentence: str, start: int, end: int) -> bool:
    """Whether the number is where a change starts ("increasing the death toll from 14 to
    31", "reduced the number of stations from 180 to 5"), not the low end of a range ("ranges
    from 45% to 60%"): "from" hangs from a verb that has an object, or from a level verb."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None or number.dep_ != "pobj" or number.head.text.lower() != "from":
        return False
    verb = number.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object or _lemma_of(verb) in _LEVEL


def figure_status(sentence: str, start: int, end: int) -> str | None:
    """ "superseded", "updated" or "unconfirmed" when the sentence says so, else None."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None:
        return None
    chain = [number, *number.ancestors]
    for token in chain:
        kids = list(token.children)
        words = {c.text.lower() for c in kids}
        if token.text.lower() in _UNCONFIRMED or words & _UNCONFIRMED:
            return "unconfirmed"
        negated = any(c.dep_ == "neg" for c in kids)
        if negated and token.text.lower() in _CONFIRM:
            return "unconfirmed"
        if token.text.lower() in _DOUBT_NOUNS:  # "a rumour that 200 people had drowned"
            return "unconfirmed"
    if number.head.text.lower() == "from" and number.head.head.text.lower() in ("up", "down"):
        return "superseded"  # "rose to 15, up from 12"
    for token in chain:
        if token.pos_ in ("VERB", "AUX"):
            kids = list(token.children)
            perfect = any(c.dep_ == "aux" and c.text.lower() == "had" for c in kids)
            earlier = any(c.dep_ == "advmod" and c.text.lower() in _EARLIER for c in kids)
            if perfect and earlier:
                return "superseded"
            if _lemma_of(token) in _CHANGE and any(c.text.lower() == "to" for c in kids):
                return "updated"
            break
    return None
