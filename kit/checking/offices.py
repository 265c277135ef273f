"""Offices held by named people: "Jan Lipavský is Ukraine's foreign minister" against
"Czech Foreign Minister Jan Lipavský". A claim's office ("X is <whose> <role>") is compared
with the title the sentence gives the same person, before the name or after it: another
country or body refutes, and so does another qualifier (a deputy mayor is not the mayor).
"""

from __future__ import annotations

import re

from kit.language.entities import Name
from kit.language.facts import WORD as _WORD
from kit.language.facts import Facts, Finding, is_content, key_of, name_keys

_DEMONYMS = {
    "dutch": "netherlands",
    "british": "britain",
    "english": "england",
    "french": "france",
    "spanish": "spain",
    "polish": "poland",
    "danish": "denmark",
    "swiss": "switzerland",
    "welsh": "wales",
    "irish": "ireland",
    "finnish": "finland",
    "greek": "greece",
    "turkish": "turkey",
    "swedish": "sweden",
    "norwegian": "norway",
    "peruvian": "peru",
    "portuguese": "portugal",
}
_OFFICE_SKIP = frozenset("acting deputy former then current new interim".split())


def _place_word(word: str) -> str:
    w = word.lower().removesuffix("’s").removesuffix("'s")
    return _DEMONYMS.get(w, w)


def _same_place(a: str, b: str) -> bool | None:
    """Ukraine ~ Ukrainian, Czech ~ Czechia; None when unsure (a short shared prefix)."""
    a, b = _place_word(a), _place_word(b)
    pairs = enumerate(zip(a, b, strict=False))
    shared = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    if shared >= 4 or a == b:
        return True
    return False if shared <= 1 else None


def compare_role(claim: Facts, sentence: Facts) -> list[Finding]:
    """An office held by a named person, with the wrong country or body: "Jan Lipavský is
    Ukraine's foreign minister" against "Czech Foreign Minister Jan Lipavský"."""
    for name in claim.names:
        keys = name_keys(name)
        office = _claim_office(claim, name)
        if office is None or not keys:
            continue
        places, role = office
        for other in sentence.names:
            if not name_keys(other) & keys:
                continue
            found = _other_place(sentence, other, places, role)
            if found is not None:
                return [found]
    return []


def _other_place(sentence: Facts, other: Name, places: list[str], role: set[str]) -> Finding | None:
    """The title the sentence gives the person (before the name, "Norwegian Prime Minister
    Erna Solberg", or as an apposition, "Keith Holloway, an NTSB spokesman,") holds the
    claim's role with another country or body than the claim's."""
    titles = [(_title_before(sentence, other), 0, other.start, False)]
    appos = _APPOSITION.match(sentence.text, other.end)
    if appos is not None:
        titles.append((_WORD.findall(appos.group("what")), other.end, appos.end("what"), True))
    for title, lo, hi, after in titles:
        if not role <= {key_of(t) for t in title}:
            continue
        stated = [t for t in title if t[:1].isupper() and key_of(t) not in role]
        stated = [t for t in stated if t.lower() not in _OFFICE_SKIP | _ROLE_WORDS]
        stated = [t for t in stated if t not in places]  # "Civil Aviation": the office's own
        for place in places:
            verdicts = [_same_place(place, t) for t in stated]
            if True in verdicts or False not in verdicts:
                continue
            at = sentence.text.find(stated[verdicts.index(False)], lo, hi)
            start, end = (
                (other.start, at + len(stated[verdicts.index(False)])) if after else (at, other.end)
            )
            return Finding("name", "mismatch", place, start, end)
    return None


def office_places(claim: Facts) -> frozenset[str]:
    """The keys of the countries or bodies a claim's offices name ("Sweden" in "Erna Solberg
    is the Prime Minister of Sweden"): names a sentence may lack and still be compared."""
    out: set[str] = set()
    for name in claim.names:
        office = _claim_office(claim, name)
        if office is not None:
            out |= {key_of(_place_word(p)) for p in office[0]} | {key_of(p) for p in office[0]}
    return frozenset(out)


_COPULA = re.compile(r"(?i)\s*(?:is|was|has been|had been|became|remains)\s+(?:the\s+|a\s+|an\s+)?")


def _claim_office(claim: Facts, name: Name) -> tuple[list[str], set[str]] | None:
    """ "X is Ukraine's foreign minister" -> (["Ukraine's"], {foreign, minist}); the office's
    capitalised words are places or bodies, its other words the role."""
    m = _COPULA.match(claim.text, name.end)
    if m is None:
        return None
    words = _WORD.findall(claim.text[m.end() :].split(",")[0].rstrip(". "))
    if not words or not any(w.lower() in _ROLE_WORDS for w in words):
        return None
    roles = {w for w in words if w.lower() in _ROLE_WORDS or w.lower() in _OFFICE_SKIP}
    places = [w for w in words if w[:1].isupper() and w not in roles]
    role = {key_of(w) for w in words if w in roles or not w[:1].isupper()}
    role = {k for k in role if is_content(k) and k not in _OFFICE_SKIP}
    return (places, role) if places and role else None


def _title_before(sentence: Facts, name: Name) -> list[str]:
    """The capitalised words right before a name ("Czech Foreign Minister"), or the phrase
    before ", Name," ("NATO's acting Deputy Secretary General, Boris Ruge,")."""
    head = sentence.text[: name.start]
    if head.rstrip().endswith(","):
        head = head.rstrip()[:-1]
    words = _WORD.findall(head.split(".")[-1])[-6:]
    out: list[str] = []
    for w in reversed(words):
        if not (w[:1].isupper() or w.lower() in _OFFICE_SKIP or w.lower() in _ROLE_WORDS):
            break
        out.insert(0, w)
    return out


_ROLE_WORDS = frozenset(
    """minister president prime chancellor secretary general mayor governor ambassador
    spokesman spokeswoman spokesperson chief head commander director chair chairman leader
    foreign defence defense interior finance justice judge envoy premier king queen""".split()
)


QUALIFIERS = frozenset("acting deputy vice former ex assistant associate interim".split())
_PAST = re.compile(r"(?i)\s*(?:was|had been)\b")
_APPOSITION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?P<what>[^,;.:()\"“”]{3,80}?)\s*(?=[,;.:(]|$|\s(?:said|says|told)\b)"
)


def compare_qualifiers(claim: Facts, sentence: Facts) -> list[Finding]:
    """The claim's office with another qualifier in the title the sentence gives the same
    person: a deputy mayor is not the mayor, NATO's acting Deputy Secretary General not its
    Secretary General, a former minister not the minister (unless the claim says "was")."""
    for name in claim.names:
        m = _COPULA.match(claim.text, name.end)
        if m is None or not name_keys(name):
            continue
        said = claim.text[m.end() :].split(",")[0].rstrip(". ")
        office = _WORD.findall(said)
        role = {key_of(w) for w in office if w.lower() in _ROLE_WORDS}
        role = (role - _RANKS) or role  # "Chief Justice": a justice, of the chief rank
        if not role:
            continue
        past = _PAST.match(claim.text, name.end) is not None
        mine = _qualifiers(office, past, role)
        for other in sentence.names:
            if not name_keys(other) & name_keys(name):
                continue
            for start, end in _titles(sentence, other):
                words = _WORD.findall(sentence.text[start:end])
                if role <= {key_of(w) for w in words} and _qualifiers(words, past, role) != mine:
                    return [Finding("name", "mismatch", said, start, end)]
    return []


def office_titled(claim: Facts, sentence: Facts) -> bool | None:
    """For a claim that a named person holds an office ("X was Chief Justice"): does the
    sentence give that person a title with the office's role words (True), or not (False)?
    None when the claim states no office. Words found elsewhere in the sentence ("Chief
    Justice John G. Roberts ... Justice John Paul Stevens") do not give X the title."""
    for name in claim.names:
        m = _COPULA.match(claim.text, name.end)
        if m is None or not name_keys(name):
            continue
        office = _WORD.findall(claim.text[m.end() :].split(",")[0])
        role = {key_of(w) for w in office if w.lower() in _ROLE_WORDS}
        if not role:
            continue
        for other in sentence.names:
            if name_keys(other) & name_keys(name):
                for start, end in _titles(sentence, other):
                    if role <= {key_of(w) for w in _WORD.findall(sentence.text[start:end])}:
                        return True
        return False
    return None


_RANKS = frozenset({"chief", "senior", "principal"})


def _qualifiers(words: list[str], past: bool, role: set[str]) -> frozenset[str]:
    found = frozenset(w.lower() for w in words) & (QUALIFIERS | _RANKS)
    found = frozenset(w for w in found if key_of(w) not in role)
    return found - {"former", "ex"} if past else found


def _titles(sentence: Facts, name: Name) -> list[tuple[int, int]]:
    """(start, end) of the title right before a name ("Former mines minister Karel Hus",
    "NATO's acting Deputy Secretary General, Boris Ruge") and of the apposition after it
    ("Tomas Lindqvist, the deputy mayor of Varn, said")."""
    out = []
    head = sentence.text[: name.start].rstrip()
    head = head[:-1].rstrip() if head.endswith(",") else head
    run = [w for w in _WORD.finditer(head) if w.end() > len(head) - 80]
    kept: list[re.Match[str]] = []
    for w in reversed(run[-6:]):
        gap = head[w.end() : kept[-1].start() if kept else len(head)]
        if gap.strip(" -") or not is_content(key_of(w.group())):
            break
        kept.append(w)
    if kept and kept[0].group().lower() in _ROLE_WORDS:
        out.append((kept[-1].start(), kept[0].end()))
    appos = _APPOSITION.match(sentence.text, name.end)
    if appos and any(w.lower() in _ROLE_WORDS for w in _WORD.findall(appos.group("what"))):
        out.append((appos.start("what"), appos.end("what")))
    ahead = _TITLE_AHEAD.search(sentence.text[: name.start])
    if ahead and any(w.lower() in _ROLE_WORDS for w in _WORD.findall(ahead.group("what"))):
        out.append((ahead.start("what"), ahead.end("what")))
    return out


# the phrase a name stands in apposition to: "The mayor of London, Sadiq Khan, said"
_TITLE_AHEAD = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?P<what>[^,;.:()\"“”]{3,80}?),\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?$"
)
