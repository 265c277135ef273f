"""Roles a figure plays in its sentence, read from the spaCy parse: whether it is inside what
a named speaker says (`said_by_speaker`), a threshold said to be passed ("surpassed one million":
`passed_bound`), or a person's age ("Hagan ... was 66": `is_age`). Split from
`kit.language.measures`, whose parse and number token these use."""

from __future__ import annotations

from typing import Any

from kit.language.measures import number_token, parse
from kit.language.measures import subject_of as _subject

__all__ = ["COPULAS", "is_age", "passed_bound", "said_by_speaker"]

_SPEECH_PATH = frozenset(["ccomp", "xcomp", "dobj", "conj", "parataxis", "csubj"])


def said_by_speaker(sentence: str, figure: tuple[int, int], speaker: tuple[int, int]) -> bool:
    """Whether the figure is inside what the speaker at sentence offsets `speaker` says or
    reports, not the writer's own narration around it ("NATO and Ukraine announced talks
    after ..., marking an escalation in the 33-month-long war")."""
    doc = parse(sentence)
    if doc is None:
        return True
    number = number_token(doc, *figure)
    who = [t for t in doc if speaker[0] <= t.idx < speaker[1]]
    if number is None or not who:
        return True
    if any(t.text.lower() == "according" for w in who for t in w.ancestors):
        return True
    verb = next((v for v in map(_governor, who) if v is not None), None)
    if verb is None:
        return True
    path = [number, *number.ancestors]
    if verb in path:  # the figure is below the speaker's verb: through what it says?
        below = path[path.index(verb) - 1]
        if below.dep_ == "advcl":  # "..., highlighting X" yes; "after Russia launched X" no
            return not any(c.dep_ in ("nsubj", "nsubjpass") for c in below.children)
        return below.dep_ in _SPEECH_PATH or below in who
    return any(t in path for t in verb.ancestors) or verb.head in path


def _governor(token: Any) -> Any:
    """The verb a speaker's token is the subject or agent of ("NATO and Ukraine announced")."""
    while token.dep_ in ("appos", "conj", "compound", "amod", "poss") and token.head != token:
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":  # "as reported by X"
        return token.head.head
    return None


# Verbs whose object is a threshold passed: "surpassed one million" is at least a million
# ("passed" is not one: "the House passed two articles").
_PASS = frozenset(
    "surpass surpassed surpasses surpassing exceed exceeded exceeds exceeding".split()
)
_PASS |= frozenset("top topped tops topping outnumber outnumbered outnumbers".split())
_PERSON_PRONOUNS = frozenset("he she i we they".split())
COPULAS = frozenset("be is was are were been".split())


def passed_bound(sentence: str, start: int, end: int) -> bool:
    """Whether the number is a threshold the sentence says was passed ("the number of cases
    surpassed one million", "deaths have exceeded 100,000"): a lower bound, not a value."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if number is None:
        return False
    token = number.head if number.dep_ == "nummod" and number.head.pos_ == "NOUN" else number
    return token.dep_ == "dobj" and token.head.text.lower() in _PASS


def is_age(sentence: str, start: int, end: int) -> bool:
    """Whether a bare whole number is what a person's age is said to be: "Hagan, North
    Carolina's first female Democratic Senator, was 66", "He would have been 80 on ..."."""
    doc = parse(sentence)
    number = None if doc is None else number_token(doc, start, end)
    if (
        number is None
        or number.dep_ not in ("attr", "acomp")
        or number.head.text.lower() not in COPULAS
    ):
        return False
    if any(c.dep_ in ("prep", "compound", "nmod") for c in number.children):
        return False  # "was 66 percent", "was 12 of the 40"
    subject = _subject(number.head)
    if subject is None:
        return False
    if subject.text.lower() in _PERSON_PRONOUNS or subject.ent_type_ == "PERSON":
        return True  # a proper-noun subject whatever NER calls it ("Hagan" is a GPE to it)
    return subject.tag_ == "NNP" and subject.ent_type_ not in ("ORG", "NORP", "DATE")
