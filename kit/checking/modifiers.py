"""A noun both sides name, qualified by different words: the sentence speaks of another one.

"contestants had to mill away the shell of a hard-boiled egg" is not confirmed by "... the
shell of a raw egg", nor "Italy's foreign minister, Stefano Patuanelli" by "Italian economic
development minister Stefano Patuanelli", nor "the Western District of Texas" by "the Northern
District of Texas": each pair shares its head noun and every other word, so word overlap and
matching figures or dates would call the claim supported. Such a sentence may still refute
the claim; it never supports it. In the same way a denial of another one's act ("urged Trump
not to commute Blagojevich's sentence") refutes nothing the claim says ("four commutations").
"""

from __future__ import annotations

import re
from typing import Any

from kit.language.facts import WORD, Facts, is_content, key_of, word_keys
from kit.language.measures import parse

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve first second third last".split()
)
_MODIFIES = frozenset({"amod", "compound"})
_COMPASS = frozenset(
    "north south east west northern southern eastern western central upper lower".split()
)
_NOUNS = frozenset({"NOUN", "PROPN"})


def modified_otherwise(claim: Facts, sentence: Facts) -> bool:
    """Whether a noun of the claim has a qualifier the sentence never uses, while the sentence
    gives the same noun a qualifier the claim never uses ("academic department of neurosurgery"
    / "academic department of operative surgery")."""
    mine = _modifiers(claim)
    if not mine:
        return False  # most claims qualify no noun: the sentence need not be read
    theirs = _modifiers(sentence)
    claim_keys, sentence_keys = word_keys(claim.text), word_keys(sentence.text)
    for head, before in mine.items():
        other = theirs.get(head)
        if other and before - sentence_keys and other - claim_keys:
            return True
    return False


def _modifiers(facts: Facts) -> dict[str, set[str]]:
    """Each noun's key -> keys of the words that qualify it: a lower-case adjective or noun
    written right before it (or a compass word in a name: "Western District", not "Western
    missiles"), and the lower-case noun of its "of" phrase ("department of neurosurgery");
    not "forces seized" or "people died"."""
    doc = parse(facts.text)
    figures = [(q.start, q.noun_span[1] if q.noun_span else q.end) for q in facts.quantities]
    out: dict[str, set[str]] = {}
    for token in doc if doc is not None else ():
        head = _qualified(token)
        if head is None or head.pos_ not in _NOUNS:
            continue
        if any(start <= t.idx < end for t in (token, head) for start, end in figures):
            continue  # "a 40-minute crossing": the figure's unit, compared as a figure
        said = token.text
        if not said.isalpha() or said in _NUMBER_WORDS:
            continue
        if not said.islower() and (said.lower() not in _COMPASS or head.text.islower()):
            continue  # names and possessives are compared by their own rules
        left, right = key_of(said), key_of(head.text)
        if is_content(left) and is_content(right):
            out.setdefault(right, set()).add(left)
    return out


def _qualified(token: Any) -> Any:
    """The noun `token` qualifies: the next word it modifies, or the noun whose "of" phrase
    it ends ("department of | neurosurgery"); else None."""
    if token.dep_ in _MODIFIES and token.head.i == token.i + 1:
        return token.head
    prep = token.head
    if token.dep_ == "pobj" and token.pos_ == "NOUN" and prep.lower_ == "of":
        return prep.head
    return None


_AIMED = re.compile(r"(?i)\bto\s+$")  # "to vote": an infinitive states no act
_OPINION = frozenset(key_of(w) for w in "think believe expect suppose imagine feel".split())
_NEXT_WORDS = re.compile(r"\W*(\w[\w’'-]*)")


def not_this_denial(
    claim: Facts, sentence: Facts, key: str, span: tuple[int, int], *, claim_denies: bool
) -> bool:
    """Whether a polarity difference on `key` (the sentence's words at `span`) is no
    contradiction: the sentence denies another one's act (`denied_of_another`), or the claim
    denies what the sentence states only as an aim ("cannot vote" against "sued to be allowed
    to vote")."""
    if claim_denies:
        return _AIMED.search(sentence.text[max(0, span[0] - 40) : span[0]]) is not None
    return denied_of_another(claim, sentence, key, span[1])


def denied_of_another(claim: Facts, sentence: Facts, key: str, end: int, reach: int = 3) -> bool:
    """Whether a sentence's denial of `key` (ending at `end`) denies something other than
    what the claim affirms: a name the claim never uses follows it ("not to commute
    Blagojevich's sentence" against "four commutations"), the sentence qualifies a noun of
    the claim otherwise ("not yet restored for the forked repositories" against "restored
    the youtube-dl repository"), or the denied word is a verb of opinion, whose denial
    denies the clause it takes ("I don't think they should sell cars with non-free software"
    says nothing against "he thinks all software should be free")."""
    if key in _OPINION or modified_otherwise(claim, sentence):
        return True
    said = {key_of(m.group()) for m in WORD.finditer(claim.text)}
    for _ in range(reach):
        m = _NEXT_WORDS.match(sentence.text, end)
        if m is None:
            return False
        word, end = m.group(1), m.end()
        if word[:1].isupper() and key_of(word) not in said:
            return True
    return False
