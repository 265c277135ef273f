"""Who does the claim's act, and what the claim says someone is, read from the parse.

A sentence can share every word of a claim and still give its act to someone else, or call its
subject something else: "In 1783, Antoine Lavoisier gave the element the name hydrogen when he
reproduced Cavendish's finding" names Cavendish but does not say he named it; "From 1912 until
1918 he was the chairman of the board" does not make Bell the board's honorary president; and
"X are called A, and Y are called B" does not call Y A. Such a sentence confirms nothing the
claim says (these rules block support; they never refute). Nor does a sentence that states
the act without the reason the claim gives for it ("folded because of the league's Platinum
Equity deal" / "announced that the team was folding").
"""

from __future__ import annotations

import re
from typing import Any

from kit.checking.names import acronym, misspelt
from kit.index.encoder import MiniLMEncoder
from kit.language.entities import Name
from kit.language.facts import WORD, Facts, is_content, key_of, word_keys
from kit.language.lemmas import lemma
from kit.language.measures import parse

__all__ = ["across_clauses", "another_complement", "another_filler", "another_subject"]
__all__ += ["told_otherwise", "unsaid_reason"]

_REASON = re.compile(
    r"(?i)\b(?:because(?: of)?|due to|owing to|as a result of|on account of|in order to)\s+"
    r"([^,.;:]+)"
)


def told_otherwise(claim: Facts, sentence: Facts) -> bool:
    """Whether the sentence, though it shares the claim's words, tells its act otherwise:
    another doer, another complement or filler of the verb's slots, the claim's subject and
    complement in two clauses, or the act without the claim's reason (the functions below)."""
    return (
        another_subject(claim, sentence)
        or another_complement(claim, sentence)
        or across_clauses(claim, sentence)
        or unsaid_reason(claim, sentence)
        or another_filler(claim, sentence)
    )


def unsaid_reason(claim: Facts, sentence: Facts) -> bool:
    """Whether the claim gives a reason ("because of the deal", "in order to win farmers")
    of which the sentence says fewer than half the content words: it may state the act, but
    not why."""
    m = _REASON.search(claim.text)
    words = {key_of(w) for w in WORD.findall(m.group(1))} if m else set()
    words = {w for w in words if is_content(w)}
    return bool(words) and len(words & word_keys(sentence.text)) * 2 < len(words)


def another_subject(claim: Facts, sentence: Facts) -> bool:
    """Whether the sentence gives the claim's act (its main verb) to another named subject:
    "In 1783, Antoine Lavoisier gave the element the name hydrogen when he reproduced
    Cavendish's finding" does not say that Henry Cavendish named it, though it names him.
    Read from the parse; a subject that shares a name word, an acronym or a misspelt surname
    is the claim's own."""
    cdoc = parse(claim.text)
    root = next((t for t in cdoc or () if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    mine = _named_subject(root) if root is not None else None
    if root is None or mine is None:
        return False
    sdoc = parse(sentence.text)
    for verb in sdoc or ():
        if verb.pos_ != "VERB" or _verb(verb) != _verb(root):
            continue
        theirs = _named_subject(verb)
        if theirs is None and _named_in_phrase(verb, _head(root)):
            return True  # "the parliament rejected a proposal from President Snegur"
        if theirs is None or theirs[0] & mine[0]:
            continue
        a, b = Name(0, 0, mine[1], "entity"), Name(0, 0, theirs[1], "entity")
        if acronym(b) in (mine[1], acronym(a) or "") or acronym(a) == theirs[1]:
            continue  # "The United States Geological Survey" / "the USGS"
        if misspelt(a, b):
            continue
        return True
    return False


def _named_subject(verb: Any) -> tuple[set[str], str] | None:
    """The keys and text of the proper nouns of a verb's active subject, or of a passive
    one's doer, with the names joined to it or set beside it (`_name_of`: "Lavoisier and
    Cavendish" keeps both), or None when the subject is no name."""
    subject = _subject(verb) or _agent(verb)  # "he was appointed by Shermarke": Shermarke
    if subject is None and verb.dep_ == "conj":
        subject = _subject(verb.head)  # "Brill arrived in 1921 and founded the works": Brill
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head  # "Robert Pearce, who introduced the bill": Pearce introduced it
    if subject is None or subject.pos_ != "PROPN":
        return None
    outside = verb.dep_ == "relcl" and subject.head.dep_ != "agent"  # the relative's antecedent
    inside = {t.i for t in verb.subtree} if outside else set()
    words = [t for t in _name_of(subject) if t.pos_ == "PROPN" and t.i not in inside]
    return {key_of(t.text) for t in words}, " ".join(t.text for t in words)


_NAME_PARTS = frozenset("compound flat conj cc poss case det amod appos".split())


def _name_of(head: Any) -> list[Any]:
    """A subject's head with the words of its name, of the names joined to it ("Lavoisier
    and Cavendish") and of one set beside it ("Secretary General, Boris Ruge,"), in order,
    leaving out clauses hung on it ("Frank Burnet, inspired by a suggestion made by Niels
    Jerne,": Burnet's name only)."""
    out, todo = [], [head]
    while todo:
        token = todo.pop()
        out.append(token)
        todo.extend(c for c in token.children if c.dep_ in _NAME_PARTS)
    return sorted(out, key=lambda t: t.i)


_RELATIVE = frozenset({"who", "which", "that"})
_SOURCE_PREPOSITIONS = frozenset({"from", "to", "with", "against"})


def _subject(verb: Any) -> Any:
    """The word that heads a verb's active subject ("Snegur" of "Moldovan President Mircea
    Snegur"), or None."""
    return next((t for t in verb.children if t.dep_ == "nsubj"), None)


def _agent(verb: Any) -> Any:
    """The word that heads a passive verb's doer ("by Shermarke"), or None."""
    by = next((t for t in verb.children if t.dep_ == "agent"), None)
    return None if by is None else next((t for t in by.children if t.dep_ == "pobj"), None)


def _head(verb: Any) -> str:
    subject = _subject(verb)
    return "" if subject is None else key_of(subject.text)


def _named_in_phrase(verb: Any, head: str) -> bool:
    """Whether the head of the claim's named subject stands in a phrase of the verb's other
    side ("from President Mircea Snegur") while the verb has a subject of its own (no
    passive's "by")."""
    subject = _subject(verb)
    if not head or subject is None or head in {key_of(t.text) for t in subject.subtree}:
        return False
    for t in verb.subtree:
        if t.dep_ != "pobj" or t.head.lower_ not in _SOURCE_PREPOSITIONS:
            continue
        if head in {key_of(x.text) for x in t.subtree if x.pos_ == "PROPN"}:
            return True
    return False


def another_complement(claim: Facts, sentence: Facts) -> bool:
    """Whether the claim says what someone was ("Bell was the honorary president of the
    board", "Cornett serves as City Manager") and the sentence gives the same kind of phrase
    another noun ("he was the chairman of the board", "Cornett serves as Mayor") while it never
    says the claim's noun."""
    cdoc, sdoc = parse(claim.text), parse(sentence.text)
    mine = _roles(cdoc)
    if not mine or sdoc is None:
        return False
    said = word_keys(sentence.text)
    if all(key_of(t.text) in said for t in mine):
        return False
    claim_keys = word_keys(claim.text)
    theirs = [t for t in _roles(sdoc) if t.lower_ not in _REFERRING]
    return any(key_of(t.text) not in claim_keys for t in theirs)


# nouns that refer to an office without naming it ("is the incumbent for 2015-16")
_REFERRING = frozenset("incumbent holder occupant officeholder successor predecessor one".split())


_COPULAS = frozenset({"be", "become", "remain"})
_SERVES = frozenset({"serve", "act", "work", "remain", "continue"})


def _roles(doc: Any) -> list[Any]:
    """The nouns that say what someone is: after a copula ("was the chairman") or after "as"
    with a verb of serving ("serves as Mayor")."""
    out = []
    for t in doc or ():
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        copula = t.dep_ == "attr" and _verb(t.head) in _COPULAS
        serves = t.dep_ == "pobj" and t.head.lower_ == "as" and _verb(t.head.head) in _SERVES
        if copula or serves:
            out.append(t)
    return out


def _verb(token: Any) -> str:
    return lemma(token.text, "VERB")


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENTS = frozenset({"dobj", "attr", "oprd", "acomp", "xcomp", "dative"})


def across_clauses(claim: Facts, sentence: Facts) -> bool:
    """Whether the sentence says the claim's verb in two or more clauses, one with the claim's
    subject and another with its complement, but none with both: "aspirated consonants are called
    voiceless aspirated, and breathy-voiced consonants are called voiced aspirated" does not say
    that breathy-voiced consonants are called voiceless aspirated."""
    cdoc, sdoc = parse(claim.text), parse(sentence.text)
    root = next((t for t in cdoc or () if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    if root is None or sdoc is None:
        return False
    mine = _core(root)
    verbs = [t for t in sdoc if t.pos_ == "VERB" and _verb(t) == _verb(root)]
    if len(verbs) < 2 or not all(mine):
        return False
    cores = [_core(v) for v in verbs]
    subject = {i for i, core in enumerate(cores) if mine[0] <= core[0]}
    complement = {i for i, core in enumerate(cores) if mine[1] <= core[1]}
    return bool(subject and complement) and not subject & complement


def _core(verb: Any) -> tuple[set[str], set[str]]:
    """The content keys of a verb's subject and of its object or complement (their subtrees)."""
    out: tuple[set[str], set[str]] = (set(), set())
    for child in verb.children:
        part = 0 if child.dep_ in _SUBJECTS else 1 if child.dep_ in _COMPLEMENTS else None
        if part is not None:
            out[part].update(k for t in child.subtree if is_content(k := key_of(t.text)))
    if not out[0]:  # a subject the parse missed: the words between the last comma and the verb
        before = [t for t in verb.doc[: verb.i]]
        cut = max((t.i for t in before if t.is_punct and t.text != "-"), default=-1)
        out[0].update(
            k for t in before[cut + 1 :] if t.pos_ != "AUX" and is_content(k := key_of(t.text))
        )
    return out


_FILLERS = frozenset({"dobj", "pobj"})
_CLIMB = frozenset({"pobj", "agent", "dobj", "prep"})
_WHEN = frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL", "MONEY", "PERCENT"})
SAME_FILLER = 0.6  # cosine at which two nouns in one slot are taken for one thing


def another_filler(claim: Facts, sentence: Facts) -> bool:
    """Whether the sentence fills a slot of the claim's verb with another noun: the claim's
    object ("using electron microscopy") or the noun after one of its prepositions ("carved
    from oak") is not in the sentence, and the sentence's same verb has another noun there
    ("using X-ray crystallography", "carved ... from conifer trunks"). Only the claim's own
    words count (a figure's agreement narrows a sentence's facts to the words around it)."""
    cdoc, sdoc = parse(claim.text), parse(sentence.text)
    if cdoc is None or sdoc is None:
        return False
    mine = {_bare(k) for k in word_keys(claim.text)}
    said = {_bare(k) for k in word_keys(sentence.text)}
    theirs: dict[str, list[str]] = {}
    for t in sdoc:
        slot, key = _slot(t) if _filler(t) else ("", "")
        if slot and _bare(key) not in mine:
            theirs.setdefault(slot, []).append(t.text)
    for t in cdoc:
        if not _filler(t):
            continue
        slot, key = _slot(t)
        unsaid = slot in theirs and key in claim.keys and _bare(key) not in said
        if unsaid and not _alike(t.text, theirs[slot]):
            return True
    return False


def _bare(key: str) -> str:
    return "".join(c for c in key if c.isalnum())  # "e-book" / "eBook"


def _alike(word: str, others: list[str]) -> bool:
    """Whether the sentence encoder reads a noun like one of `others` ("explosion" /
    "blast" 0.71; "oak" / "trunks" 0.40): the same thing in other words."""
    vectors = MiniLMEncoder.shared().encode([word, *others])
    return bool((vectors[1:] @ vectors[0] >= SAME_FILLER).any())


def _filler(token: Any) -> bool:
    """A common noun in an object's or a preposition's slot, not a figure's unit ("for 15
    minutes") or a date's ("in March"); names are compared by `kit.checking.names`."""
    if token.pos_ != "NOUN" or token.dep_ not in _FILLERS:
        return False
    return not any(t.like_num or t.ent_type_ in _WHEN for t in token.subtree)


def _slot(noun: Any) -> tuple[str, str]:
    """The verb and the link a noun fills ("carve from", "use -"), and the noun's key; an
    empty slot for a noun that fills no verb's slot."""
    link, verb = ("-", noun.head) if noun.dep_ == "dobj" else (noun.head.lower_, noun.head.head)
    if noun.dep_ == "pobj" and noun.head.dep_ != "prep":
        return "", key_of(noun.text)
    for _ in range(3):  # "carved by people from conifer trunks": the parse hangs "from" on people
        if verb.pos_ == "VERB" or verb.dep_ not in _CLIMB:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return "", key_of(noun.text)
    return f"{_verb(verb)} {link}", key_of(noun.text)
