"""Whose count a figure is, when the sentence says who has, wins or is given it.

"Bernie Sanders had the most delegates, with 60, followed by Biden, with 54", "Joe Biden had
54", "Biden secured 39 of South Carolina's 54 delegates ..., giving him a total of 54
delegates": each count belongs to the person named as its holder (the subject of a verb of
having or getting, the agent of "followed by", the one given a total), and two articles'
counts of delegates compare only when they are the same person's. A pronoun holder is the
nearest named subject above it in the sentence. The holder is keyed by the head word of
the name ("Bernie Sanders", "Senator Sanders" -> Sanders).

A count with no noun of its own that has a holder ("Joe Biden had 54", "with 60") counts
what the count just before it in the article counts, in the same sentence or the one before
(`borrow_nouns`): the noun said once and referred to after.

A verb joined to another shares its subject ("is expected to win ..., but only secured 39");
a share or a total someone comes with is theirs whatever the verb ("came in second with 24.4%
of the vote", "trailed him with a total of 815", "earning 15 delegates for a running total of
60"); "followed by X, with 6" is X's wherever the parse hangs the "with". A described
apposition ("Johnson, the former Governor of New Mexico") and a title ("Senator from Vermont
Bernie Sanders" read wrong) are not the holder's name. A surname the parse takes for a common
noun is a name when the article writes it only as one (`article_names`). "The state's 40
delegates" are the place's the sentence names last before it (`whole_owner`).

A share a verb sets an object at ("polls showed support at one percent of voters", "put
his approval rating at 40%", "held interest rates at 2 percent") measures that object: the
share is the object's level, whatever it is a share of (`set_level`).

The verbs are general English verbs of possession (have, win, secure, earn, receive ...),
read from the spaCy parse; nothing names an event.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from kit.language.entities import TITLES
from kit.language.figure_roles import COPULAS
from kit.language.lemmas import lemma
from kit.language.measures import number_token, parse, subject_of

__all__ = [
    "Held",
    "article_names",
    "borrow_nouns",
    "holder",
    "line_holder",
    "named_age",
    "set_level",
    "whole_owner",
]

# Verbs (lemmas) whose subject has or gets what they count: "Sanders won 12 delegates".
_HAVE = frozenset("have hold win secure earn receive get gain amass collect garner".split())
_HAVE |= frozenset(["obtain", "capture", "pick"])
# Verbs whose indirect object is given the count: "giving him a total of 54 delegates".
_GIVE = frozenset("give bring hand award".split())
_TALLY = frozenset("total tally count number".split())
_WHOLE = _TALLY | {"%", "percent"}
_PRONOUNS = frozenset("he she him her his hers they them their".split())
_PLACES = frozenset(["GPE", "LOC", "FAC"])
# A results or legend line: "Conservative Party - 365 seats", "Biden: 54 delegates".
_LINE_NAME = re.compile(r"^[\W_]*(?P<name>[A-Z][^\n:–—-]*?)\s*(?:\s-|[:–—])\s*$")
# A capitalised word after a lower-case word or a comma: written as a name mid-sentence.
_MID_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+\b")


@lru_cache(maxsize=64)
def article_names(text: str) -> frozenset[str]:
    """Words an article writes only as names: capitalised mid-sentence, never in lower case.
    spaCy's small model tags a surname that opens a sentence as a common noun ("Cummings ...
    was 68", "Sanders came in second"); the article's other mentions say it is a name."""
    capital = set(_MID_NAME.findall(text))
    lower = set(re.findall(r"\b[a-z]+\b", text))
    return frozenset(w for w in capital if w.lower() not in lower)


def _is_name(token: Any, names: frozenset[str]) -> bool:
    """A proper noun, or a word the article writes only as a name (`article_names`)."""
    return bool(token.pos_ == "PROPN" or token.text in names)


class Held(NamedTuple):
    """Whose a count is (`name`), the noun the clause names for it apart from the number
    (`noun`: "had the most delegates, with 60"), and the place whose whole it is a part of
    (`of_place`: "secured 39 of South Carolina's 54 delegates")."""

    name: str | None = None
    noun: str | None = None
    of_place: str | None = None


def holder(sentence: str, start: int, end: int, names: frozenset[str] = frozenset()) -> Held:
    """Who holds the count at sentence offsets [start, end) (see the module docstring);
    `names`: the article's words written only as names (`article_names`)."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None:
        return Held()
    slot = _slot(number)
    name = _holder_name(_holder_token(slot), names)
    if name is None:
        return Held()
    return Held(name, _held_noun(slot), _whole_place(number))


def set_level(sentence: str, start: int, end: int) -> str | None:
    """The object a verb sets at the share at sentence offsets [start, end) ("showed support
    at one percent": "support"; "put his approval rating at 40%": "approval rating"), with
    its compound nouns; None where the share hangs on no "at" of a verb with a noun object."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None:
        return None
    top = number if number.dep_ == "pobj" else number.head
    if top.dep_ != "pobj" or top.head.lower_ != "at" or top.head.head.pos_ not in ("VERB", "AUX"):
        return None
    objects = [t for t in top.head.head.children if t.dep_ == "dobj" and t.pos_ == "NOUN"]
    if len(objects) != 1:
        return None
    thing = objects[0]
    words = [t for t in thing.children if t.dep_ == "compound" and t.i < thing.i] + [thing]
    return " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))


def line_holder(
    sentence: str, start: int, end: int, names: frozenset[str] = frozenset()
) -> str | None:
    """The name a line opens with when the line is the name and its count, as in a table of
    results ("Conservative Party - 365 seats", "Green Party (E & W) - 1 seat"): the name is
    the holder. The count must name what it counts and nothing may follow it, and the name
    must be one (a proper noun in the parse, or a word the article writes only as a name):
    "Deaths: 15" is a label, not a holder."""
    m = _LINE_NAME.match(sentence[:start])
    doc = parse(sentence)
    if m is None or doc is None or "\n" in sentence.strip():
        return None
    after = [t for t in doc if t.idx >= end and not t.is_punct]
    if len(after) != 1 or after[0].pos_ != "NOUN":
        return None
    name = [t for t in doc if m.start("name") <= t.idx < m.end("name")]
    if not any(t.pos_ == "PROPN" or t.text in names for t in name):
        return None
    return m["name"].strip()


def named_age(sentence: str, start: int, end: int, names: frozenset[str]) -> bool:
    """Whether a bare number is what a named person is said to be ("Cummings, the ...
    chairman of ..., was 68"), where the parse takes the name for a common noun."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None or number.dep_ != "attr" or number.head.text.lower() not in COPULAS:
        return False
    if any(c.dep_ in ("prep", "compound", "nmod") for c in number.children):
        return False  # "was 66 percent", "was 12 of the 40"
    subject = subject_of(number.head)
    return subject is not None and subject.pos_ == "NOUN" and subject.text in names


def whole_owner(sentence: str, start: int, end: int) -> str | None:
    """The place whose count a whole is: "the state's 40 delegates" in "in Iowa, where he
    secured 39 of the state's 40 delegates" (Iowa's), "Nevada's 25 delegates"."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None or number.dep_ != "nummod" or number.head.pos_ != "NOUN":
        return None
    owner = next((c for c in number.head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.ent_type_ in _PLACES:
        return " ".join(t.text for t in owner.subtree if t.dep_ != "case")
    definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in owner.children)
    return _place_before(owner) if definite and owner.pos_ == "NOUN" else None


def _whole_place(number: Any) -> str | None:
    """The place or body that owns the whole of a partitive: "39 of South Carolina's 54
    delegates", "four of the territory's six delegates"; "the state's" is the place the
    sentence names last before it ("in Iowa, where he secured 39 of the state's 40")."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    whole = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
    owner = None if whole is None else next((c for c in whole.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.ent_type_ not in _PLACES:  # "four of the territory's six delegates"
        if owner.pos_ != "NOUN":
            return None
        definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in owner.children)
        named = _place_before(owner) if definite else None
        return named or str(owner.text.lower())
    return " ".join(t.text for t in owner.subtree if t.dep_ != "case")


def _place_before(token: Any) -> str | None:
    """The last named place before `token` in its sentence, whole ("New Hampshire")."""
    places = [e for e in token.doc.ents if e.label_ in _PLACES and e.end <= token.i]
    return str(places[-1].text) if places else None


def _holder_name(who: Any, names: frozenset[str] = frozenset()) -> str | None:
    if who is not None and who.text.lower() in _PRONOUNS:
        who = _named_above(who)
    appos = None if who is None else next((c for c in who.children if c.dep_ == "appos"), None)
    described = appos is not None and any(c.dep_ == "det" for c in appos.children)
    if appos is not None and appos.pos_ == "PROPN" and not described:
        who = appos  # "former Vice President ... Joe Biden", not "Johnson, the former Governor"
    if who is None or not _is_name(who, names) or who.ent_type_ in _PLACES:
        return None
    if who.text.lower() in TITLES:  # "Senator from Vermont Bernie Sanders", parsed wrong
        people = [t for t in who.subtree if t.ent_type_ == "PERSON" and t.i > who.i]
        return str(people[-1].text) if people else None  # a title alone is nobody's name
    return str(who.text)


def _held_noun(slot: Any) -> str | None:
    """The noun a "with 60" stands for: the object of the verb it hangs from ("had the most
    delegates, with 60"), or of the clause a "followed by Biden, with 54" follows."""
    if slot.dep_ != "pobj" or slot.head.text.lower() != "with":
        return None
    verb = slot.head.head
    for clause in (verb, verb.head if verb.dep_ == "advcl" else None):
        obj = (
            None if clause is None else next((c for c in clause.children if c.dep_ == "dobj"), None)
        )
        if obj is not None and obj.pos_ == "NOUN":
            return str(obj.text.lower())
    return None


def _slot(number: Any) -> Any:
    """The token that takes the count's place in its clause: the counted noun ("had 54
    delegates"), the tally it is given through ("a total of 54 delegates", "a total of
    60"), or the number itself ("had 54")."""
    slot = number
    if number.dep_ == "nummod" and number.head.pos_ == "NOUN":
        slot = number.head
    of = slot.head if slot.dep_ == "pobj" else None
    if of is not None and of.text.lower() == "of" and of.head.text.lower() in _TALLY:
        slot = of.head
    return slot


def _holder_token(slot: Any) -> Any:
    head = slot.head
    if slot.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        verb = lemma(head.text, "VERB")
        if verb in _GIVE:
            return next((c for c in head.children if c.dep_ == "dative"), None)
        if verb not in _HAVE:
            return None
        # "Steyer came in third, receiving roughly 11%": a participle's subject is its clause's
        return _subject(head) or (_named_above(head) if head.tag_ == "VBG" else None)
    possessor = next((c for c in slot.children if c.dep_ == "poss"), None)
    if slot.text.lower() in _TALLY and possessor is not None:  # "brings his total to 86"
        return possessor
    if slot.dep_ == "pobj" and head.text.lower() == "for" and slot.text.lower() in _TALLY:
        verb = head.head  # "earning 15 delegates for a running total of 60"
        if verb.pos_ == "VERB":
            return _subject(verb) or (_named_above(verb) if verb.tag_ == "VBG" else None)
    if slot.dep_ == "pobj" and head.text.lower() == "with" and head.head.pos_ == "VERB":
        verb = head.head  # "had the most delegates, with 60"; "followed by Biden, with 54"
        agent = _agent_before(head)
        if agent is not None:
            return agent
        # "came in second with 24.4%", "trailed him with a total of 815": a share or a total
        # is the subject's whatever the verb ("opened the game with two tries" is not)
        if lemma(verb.text, "VERB") in _HAVE or slot.text.lower() in _WHOLE:
            return _subject(verb)
    return None


def _subject(verb: Any) -> Any:
    """A verb's subject, or for a verb joined to another ("is expected to win ..., but only
    secured 39") the subject they share."""
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return subject


def _agent_before(with_: Any) -> Any:
    """The one named by the last "followed by X" before a "with N" in its clause, wherever the
    parse hangs the "with" ("earned 9 delegates, followed by Klobuchar, with 6")."""
    verb = with_.head
    agents = [
        t
        for t in verb.subtree
        if t.dep_ == "agent" and t.i < with_.i and t.head.text.lower() == "followed"
    ]
    by = agents[-1] if agents else next((c for c in verb.children if c.dep_ == "agent"), None)
    return None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)


def _named_above(pronoun: Any) -> Any:
    """The named subject a pronoun refers to: the nearest clause above it with one."""
    for verb in pronoun.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(verb)
        if subject is None or subject.i == pronoun.i:
            continue
        if subject.pos_ != "PROPN":  # "Trump's victory brings ...": the possessor
            subject = next((c for c in subject.children if c.dep_ == "poss"), subject)
        return subject
    return None


def borrow_nouns(rows: list[dict[str, Any]]) -> None:
    """A held count with no noun takes the noun of the article's count just before it, in the
    same sentence or the one before ("Sanders had the most pledged delegates, with 60. ...
    Joe Biden had 54."). `rows`: one article's, in reading order, with `_holder`."""
    for i, row in enumerate(rows):
        if row["unit"] != "count" or row["noun"] or not row.get("_holder"):
            continue
        earlier = (r for r in reversed(rows[:i]) if r["unit"] == "count")
        before = next(earlier, None)
        near = before is not None and row["sentence_index"] - before["sentence_index"] <= 1
        noun = None if before is None else before["noun"] or before.get("_borrowed")
        if near and noun and not row.get("_borrowed"):
            row["_borrowed"] = noun
