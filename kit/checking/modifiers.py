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

from kit.language.facts import DENIALS, WORD, Facts, Finding, is_content, key_of, word_keys
from kit.language.lemmas import lemma
from kit.language.measures import parse

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve first second third last".split()
)
_MODIFIES = frozenset({"amod", "compound"})
_COMPASS = frozenset(
    "north south east west northern southern eastern western central upper lower".split()
)
_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_INSIDE = frozenset({"amod", "compound", "det", "nummod"})
_OBJECTS = frozenset({"dobj", "attr"})
_COPULAS = frozenset({"be"})


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
    missiles"; or a nationality before a full name: "the Swiss Rodolphe Töpffer"), and the
    lower-case noun of its "of" phrase ("department of neurosurgery"); not "forces seized" or
    "people died"."""
    doc = parse(facts.text)
    figures = [(q.start, q.noun_span[1] if q.noun_span else q.end) for q in facts.quantities]
    out: dict[str, set[str]] = {}
    for token in doc if doc is not None else ():
        head = _qualified(token)
        if head is None or (head.pos_ not in _NOUNS and not _manner(token)):
            continue
        if any(start <= t.idx < end for t in (token, head) for start, end in figures):
            continue  # "a 40-minute crossing": the figure's unit, compared as a figure
        said = token.text
        if not said.isalpha() or said in _NUMBER_WORDS:
            continue
        nationality = _nationality(token)  # "the Swiss Rodolphe Töpffer"
        if (
            not said.islower()
            and not nationality
            and (said.lower() not in _COMPASS or head.text.islower())
        ):
            continue  # names and possessives are compared by their own rules
        left, right = key_of(said), key_of(head.text)
        if is_content(left) and is_content(right):
            out.setdefault(right, set()).add(left)
    return out


def _nationality(token: Any) -> bool:
    return bool(token.ent_type_ == "NORP" and token.dep_ in _MODIFIES and token.head.i > token.i)


def _manner(token: Any) -> bool:
    """An adverb in -ly right before the word it qualifies: "closely related" is not
    "distantly related"."""
    return bool(
        token.dep_ == "advmod"
        and token.lower_.endswith("ly")
        and token.text.islower()
        and token.head.i == token.i + 1
    )


def _qualified(token: Any) -> Any:
    """The noun `token` qualifies: the next word it modifies, or the noun whose "of" phrase
    it ends ("department of | neurosurgery"); else None."""
    if _nationality(token):  # a nationality before a full name: "Swiss | Rodolphe Töpffer"
        head = token.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if head.i == token.i + 1 and head.pos_ == "NOUN":
            return head  # "Italian assistance" is not "Russian assistance"
        return head if 0 < head.i - token.i <= 3 and head.ent_type_ else None
    if (token.dep_ in _MODIFIES or _manner(token)) and token.head.i == token.i + 1:
        return token.head
    prep = token.head
    if token.dep_ == "pobj" and token.pos_ == "NOUN" and prep.lower_ == "of":
        return prep.head
    return None


# "to vote": an infinitive states no act; "was to compete" (be + to) states a planned one
_AIMED = re.compile(r"(?i)(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )\bto\s+$")
_OPINION = frozenset(key_of(w) for w in "think believe expect suppose imagine feel".split())
_NEXT_WORDS = re.compile(r"\W*(\w[\w’'-]*)")


_ELIDED = re.compile(r"(?i)\b(?:is|are|was|were|does|do|did|has|have|can|will)\s+not\W*$")


def elided_denial(text: str) -> bool:
    """A claim that affirms a word and then denies it of another by ellipsis ("mass is
    conserved ..., but matter is not"): a denial of that word does not contradict it."""
    return _ELIDED.search(text) is not None


def not_this_denial(
    claim: Facts, sentence: Facts, key: str, span: tuple[int, int], *, claim_denies: bool
) -> bool:
    """Whether a polarity difference on `key` (the sentence's words at `span`) is no
    contradiction: the sentence denies another one's act (`denied_of_another`), or the claim
    denies what the sentence states only as an aim ("cannot vote" against "sued to be allowed
    to vote")."""
    if claim_denies:
        if _AIMED.search(sentence.text[max(0, span[0] - 40) : span[0]]) is not None:
            return True
        return not _states_the_denied_act(claim, sentence, key)
    return denied_of_another(claim, sentence, key, span[1])


def _verb_of_object(text: str, key: str) -> Any:
    """The verb whose object holds the word of `key` ("had" for "national" in "had no
    national identity document"), or None (a subject, a verb, or no verb)."""
    doc = parse(text)
    token = next((t for t in doc if key_of(t.text) == key), None) if doc is not None else None
    if token is None or token.pos_ in _VERBS:
        return None  # the denied word is the verb itself ("nobody was hurt")
    for _ in range(4):
        if token is None or token.pos_ in _VERBS:
            return token
        if token.dep_ in _INSIDE or token.dep_ == "prep":
            token = token.head  # up the noun phrase, or from "of" to what it hangs on
        elif token.dep_ in _OBJECTS:
            token = token.head if token.head.pos_ in _VERBS else None
        elif token.dep_ == "pobj":
            token = token.head
        else:
            return None
    return None


def _states_the_denied_act(claim: Facts, sentence: Facts, key: str) -> bool:
    """A claim that denies a thing as the object of its verb ("had no national identity
    document") is contradicted by a sentence that states that verb of it ("they had identity
    cards"), not by one that only names the thing ("National identity is important", "should
    get a national identity") or denies the verb itself ("they didn't have it"). True when the
    denied word is no verb's object, or its verb is a copula ("there were no fatalities")."""
    verb = _verb_of_object(claim.text, key)
    if verb is None or lemma(verb.text, "VERB") in _COPULAS or verb.lower_ in DENIALS:
        return True  # "denied any damage": the denial is the verb, the act is the noun's
    act = lemma(verb.text, "VERB")
    said = [m.group() for m in WORD.finditer(sentence.text) if lemma(m.group(), "VERB") == act]
    return bool(said) and not any(key_of(word) in sentence.negated for word in said)


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


_ORDER = r"(?:first|last|latest|next|previous|second|third|final|initial|inaugural)"
_ORDERED = re.compile(rf"(?i)\b({_ORDER})\s+([a-z]+)")


def dated_in_another_order(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """A date the sentence gives to another one of the claim's series: "the first election
    ... in September 2014" is not stated by "The first election was held on 21 September
    2008 with the last election in September 2014", whose matching date is the last's."""
    if f.outcome != "match":
        return False
    mine = {key_of(noun): order.lower() for order, noun in _ORDERED.findall(claim.text)}
    before = sentence.text[max(0, f.evidence_start - 60) : f.evidence_start]
    said = _ORDERED.findall(before)
    if not said:
        return False
    order, noun = said[-1]
    return key_of(noun) in mine and mine[key_of(noun)] != order.lower()


def dated_for_another_verb(claim: Facts, sentence: Facts, f: Finding) -> bool:
    """A matching date the sentence gives to another verb, while it dates the claim's verb
    otherwise: "granted guild status in 1446 and in 1514 the guild became the Worshipful
    Company" does not say it became so in 1446."""
    at = claim.text.find(f.claim_text)
    if f.outcome != "match" or at < 0:
        return False
    mine, theirs = parse(claim.text), parse(sentence.text)
    if mine is None or theirs is None:
        return False
    verb = _dating_verb(mine, at)
    dated = _dating_verb(theirs, f.evidence_start)
    if verb is None or dated is None or _lemma(verb) == _lemma(dated):
        return False
    own = [t for t in theirs if t.pos_ in ("VERB", "AUX") and _lemma(t) == _lemma(verb)]
    return any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and g.like_num for g in c.children)
        for t in own
        for c in t.children
    )


def _dating_verb(doc: Any, offset: int) -> Any:
    """The verb a date at `offset` hangs on through its preposition ("became ... in 1446")."""
    token = next((t for t in doc if t.idx <= offset < t.idx + len(t.text)), None)
    if token is None or token.head.dep_ != "prep" or token.head.head.pos_ not in ("VERB", "AUX"):
        return None
    return token.head.head


def _lemma(token: Any) -> str:
    return lemma(token.text.lower(), "VERB")
