"""Names in a claim and in a sentence: a different name in the slot the claim's name fills
refutes ("<name> called", "from <name>"), unless it is the claim's name misspelt ("Pierluisi",
"Pierliusi") or its acronym; and a word the claim capitalises outside the names it compares
(an office's, a day's: "Secretary of Justice") must be said by the supporting sentence itself.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from kit.checking.places import name_present
from kit.language.entities import Name
from kit.language.facts import (
    Facts,
    Finding,
    Word,
    coverage,
    is_content,
    name_keys,
    regnal,
    word_keys,
)

__all__ = [
    "abbreviates",
    "acronym",
    "compare_names",
    "misspelt",
    "numbered_otherwise",
    "unsaid_capital",
]


_NUMBERED = re.compile(r"\b([A-Z][\w]*)[- ](\d{1,2})\b")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def numbered_otherwise(claim: Facts, sentence: Facts) -> bool:
    """A name that ends in a number ("BeiDou-2", "Apollo 11") is not the same name with
    another number ("BeiDou-1"): a sentence that names only the other one speaks of another
    thing. Figures ("Mach 5") and dates ("August 31") are compared as such; a regnal number
    ("George VI") names a person, whom the name rules compare (`regnal`)."""
    mine, theirs = _numbered(claim), _numbered(sentence)
    if not mine or mine & theirs:
        return False
    return any(base == b and n != number for base, number in mine for b, n in theirs)


def _numbered(facts: Facts) -> set[tuple[str, str]]:
    spans = [(q.start, q.end) for q in facts.quantities] + [(d.start, d.end) for d in facts.dates]
    return {
        (m.group(1).lower(), m.group(2))
        for m in _NUMBERED.finditer(facts.text)
        if m.group(1).lower() not in _MONTHS and not any(a <= m.start(2) < b for a, b in spans)
    }


def acronym(name: Name) -> str | None:
    """ "NATO-Ukraine Council" -> "NUC": the initials of its capitalised parts."""
    parts = [p for p in re.split(r"[\s\-]+", name.text) if p[:1].isupper()]
    return "".join(p[0] for p in parts) if len(parts) >= 2 else None


def abbreviates(short: Name, name: Name) -> bool:
    """Whether a name is another's acronym, its initials in any order ("KU" for the
    University of Kansas, "NUC" for the NATO-Ukraine Council)."""
    initials = acronym(name)
    return initials is not None and sorted(short.text) == sorted(initials)


def compare_names(claim: Facts, sentence: Facts, weights: dict[str, float]) -> list[Finding]:
    """A different name in the slot the claim's name fills ("<name> called", "from <name>")."""
    rest = {k: v for k, v in weights.items() if not any(k in name_keys(n) for n in claim.names)}
    if coverage(rest, sentence.keys) < 0.6:
        return []
    for name in claim.names:
        present = name_keys(name) & sentence.keys and name_present(name, sentence.keys) is not False
        if present and not _numbered_apart(name, sentence):
            continue  # not "the Hongwu Emperor" in "the Yongle Emperor", nor George VI in V
        slot = _slot(claim, name, apart=False)
        for other in sentence.names:
            if any(_same_name(other, n) for n in claim.names):
                continue
            if any(abbreviates(other, n) or misspelt(n, other) for n in claim.names):
                continue
            if any(a & b for a, b in zip(slot, _slot(sentence, other), strict=True)):
                return [Finding("name", "mismatch", name.text, other.start, other.end)]
    return []


def _same_name(a: Name, b: Name) -> bool:
    """Two names with one identifying word, unless a designator is all they share ("the
    Hongwu Emperor" / "the Yongle Emperor", "Rockland County" / "Westchester County") or
    their regnal numbers differ ("King George V" / "King George VI")."""
    if not name_keys(a) & name_keys(b) or "" != regnal(a.text) != regnal(b.text) != "":
        return False
    return name_present(a, word_keys(b.text)) is not False


def _numbered_apart(name: Name, sentence: Facts) -> bool:
    """The claim's name has a regnal number and the sentence gives that name only others
    ("King George VI" / "King George V"); the bare name ("Mary" for "Mary I") is the same."""
    number = regnal(name.text)
    same = [o for o in sentence.names if name_keys(o) & name_keys(name)]
    return bool(number and same) and all(regnal(o.text) not in ("", number) for o in same)


def _name_word(name: Name, w: Word) -> bool:
    """Whether a word is one of a name's, compared with the name (not a word before "of" in
    it: "Treasurer of Lowden" is not named by "Clerk of Lowden")."""
    if not (name.start <= w.start and w.end <= name.end):
        return False
    return " of " not in name.text[w.end - name.start :]


def misspelt(a: Name, b: Name) -> bool:
    """Two names whose last words differ by one letter or two swapped ones, five letters or
    more: one name misspelt or transliterated otherwise ("Pierluisi", "Pierliusi"; "Laden",
    "Ladin"), never a refutation."""
    x, y = a.text.split()[-1:], b.text.split()[-1:]
    if not x or not y or min(len(x[0]), len(y[0])) < 5 or x[0][0] != y[0][0]:
        return False
    return OSA.distance(x[0], y[0]) == 1


def _slot(facts: Facts, name: Name, *, apart: bool = True) -> tuple[set[str], set[str]]:
    """The word right before and right after a name, stop words included ("from", "called").
    With `apart` false (the claim's side), only a word nothing but a space parts from the name:
    in "Saint Helena, its nearest inhabited land, Tristan da Cunha is" the word "land" is not
    Tristan da Cunha's slot, while a sentence's "Serhiy Nadal, head of" still fills "heads"."""
    before = [w for w in facts.words if w.end <= name.start][-1:]
    after = [w for w in facts.words if w.start >= name.end][:1]
    if not apart:
        before = [w for w in before if not facts.text[w.end : name.start].strip()]
        after = [w for w in after if not _POSSESSIVE.sub("", facts.text[name.end : w.start])]
    return {w.key for w in before} - _NO_SLOT, {w.key for w in after} - _NO_SLOT


_POSSESSIVE = re.compile(r"^['’]s?|\s+")  # "Greece's foreign minister": "foreign" is its slot
_NO_SLOT = frozenset("the a an and or of to by with".split())


def unsaid_capital(claim: Facts, own: frozenset[str]) -> bool:
    """Whether a word the claim writes with a capital mid-sentence, outside the names it
    compares on their own (an office's, a day's: "Secretary of Justice", "on Thursday"), is
    not said by the sentence itself, nor a word of its stem (a demonym: "Ukrainian"): the
    sentence before may name another office."""
    for w in claim.words:
        raw = claim.text[w.start : w.end]
        if w.start == 0 or not raw[:1].isupper() or not is_content(w.key):
            continue
        if any(_name_word(n, w) for n in claim.names):
            continue
        if w.key not in own and not any(k[:5] == w.key[:5] for k in own if len(k) >= 5):
            return True  # "Ukraine's" is said by "Ukrainian"
    return False
