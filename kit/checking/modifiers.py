"""A noun both sides name, qualified by different words: the sentence speaks of another one.

"contestants had to mill away the shell of a hard-boiled egg" is not confirmed by "... the
shell of a raw egg", nor "Italy's foreign minister, Stefano Patuanelli" by "Italian economic
development minister Stefano Patuanelli", nor "the Western District of Texas" by "the Northern
District of Texas": each pair shares its head noun and every other word, so word overlap and
matching figures or dates would call the claim supported. Such a sentence may still refute
the claim; it never supports it.
"""

from __future__ import annotations

from kit.language.facts import Facts, is_content, key_of, word_keys
from kit.language.measures import parse

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve first second third last".split()
)
_MODIFIES = frozenset({"amod", "compound"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def modified_otherwise(claim: Facts, sentence: Facts) -> bool:
    """Whether a noun of the claim has, right before it, a word the sentence never uses,
    while the sentence has the same noun right after a word the claim never uses."""
    mine, theirs = _modifiers(claim), _modifiers(sentence)
    claim_keys, sentence_keys = word_keys(claim.text), word_keys(sentence.text)
    for head, before in mine.items():
        other = theirs.get(head)
        if other and not before & sentence_keys and not other & claim_keys:
            return True
    return False


def _modifiers(facts: Facts) -> dict[str, set[str]]:
    """Each noun's key -> keys of the lower-case adjectives and nouns written right before it
    that modify it ("raw egg", "foreign minister"; not "forces seized" or "people died")."""
    doc = parse(facts.text)
    figures = [(q.start, q.noun_span[1] if q.noun_span else q.end) for q in facts.quantities]
    out: dict[str, set[str]] = {}
    for token in doc if doc is not None else ():
        head = token.head
        if token.dep_ not in _MODIFIES or head.i != token.i + 1 or head.pos_ not in _NOUNS:
            continue
        if any(start <= token.idx < end for start, end in figures):
            continue  # "a 40-minute crossing": the figure's unit, compared as a figure
        said = token.text
        if not said.isalpha() or not said.islower() or said in _NUMBER_WORDS:
            continue  # names, possessives and counts are compared by their own rules
        left, right = key_of(said), key_of(head.text)
        if is_content(left) and is_content(right):
            out.setdefault(right, set()).add(left)
    return out
