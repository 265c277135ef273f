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

The verbs are general English verbs of possession (have, win, secure, earn, receive ...),
read from the spaCy parse; nothing names an event.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from kit.language.lemmas import lemma
from kit.language.measures import number_token, parse, subject_of

__all__ = ["Held", "borrow_nouns", "holder"]

# Verbs (lemmas) whose subject has or gets what they count: "Sanders won 12 delegates".
_HAVE = frozenset("have hold win secure earn receive get gain amass collect garner".split())
_HAVE |= frozenset(["obtain", "capture", "pick"])
# Verbs whose indirect object is given the count: "giving him a total of 54 delegates".
_GIVE = frozenset("give bring hand award".split())
_TALLY = frozenset("total tally count number".split())
_PRONOUNS = frozenset("he she him her his hers they them their".split())
_PLACES = frozenset(["GPE", "LOC", "FAC"])


class Held(NamedTuple):
    """Whose a count is (`name`), the noun the clause names for it apart from the number
    (`noun`: "had the most delegates, with 60"), and the place whose whole it is a part of
    (`of_place`: "secured 39 of South Carolina's 54 delegates")."""

    name: str | None = None
    noun: str | None = None
    of_place: str | None = None


def holder(sentence: str, start: int, end: int) -> Held:
    """Who holds the count at sentence offsets [start, end) (see the module docstring)."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None:
        return Held()
    slot = _slot(number)
    name = _holder_name(_holder_token(slot))
    if name is None:
        return Held()
    return Held(name, _held_noun(slot), _whole_place(number))


def _whole_place(number: Any) -> str | None:
    """The place or body that owns the whole of a partitive: "39 of South Carolina's 54
    delegates", "four of the territory's six delegates"."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    whole = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
    owner = None if whole is None else next((c for c in whole.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.ent_type_ not in _PLACES:  # "four of the territory's six delegates"
        return str(owner.text.lower()) if owner.pos_ == "NOUN" else None
    return " ".join(t.text for t in owner.subtree if t.dep_ != "case")


def _holder_name(who: Any) -> str | None:
    if who is not None and who.text.lower() in _PRONOUNS:
        who = _named_above(who)
    appos = None if who is None else next((c for c in who.children if c.dep_ == "appos"), None)
    if appos is not None and appos.pos_ == "PROPN":  # "former Vice President ... Joe Biden"
        who = appos
    if who is None or who.pos_ != "PROPN" or who.ent_type_ in _PLACES:
        return None
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
        return subject_of(head) or (_named_above(head) if head.tag_ == "VBG" else None)
    possessor = next((c for c in slot.children if c.dep_ == "poss"), None)
    if slot.text.lower() in _TALLY and possessor is not None:  # "brings his total to 86"
        return possessor
    if slot.dep_ == "pobj" and head.text.lower() == "with" and head.head.pos_ == "VERB":
        verb = head.head  # "had the most delegates, with 60"; "followed by Biden, with 54"
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
        if by is not None:
            return by
        if lemma(verb.text, "VERB") in _HAVE:
            return subject_of(verb)
    return None


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
