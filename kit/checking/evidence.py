"""What a sentence is worth as evidence for a claim: its stance, and what qualifies it.

`Evidence` is one sentence with its stance on the claim. `qualified` turns a sentence whose
facts match the claim into evidence, or sets it aside as context: who it is attributed to
(the speaker the claim names must be the one), hedges and rumours ("may have", "unconfirmed"),
a figure's status ("has risen to", "earlier"), and whether it is about the claim's own
person and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from kit.checking.claim_parts import ClaimParts, same_speaker
from kit.checking.offices import office_titled
from kit.index.retrieval import Index
from kit.language.attribution import Attribution, attribute
from kit.language.entities import Name
from kit.language.facts import WORD, Facts, Finding, analyse, is_content, key_of, name_keys
from kit.language.measures import figure_status
from kit.language.quantities import same_value
from kit.spans import Span

_STRENGTH = {"quantity": 1.0, "date": 1.0, "polarity": 1.0, "relation": 1.0, "restated": 1.0}
_STRENGTH |= {"words": 0.8, "name": 0.7}


Stance = Literal["supports", "refutes", "related"]  # what one sentence says of a claim


@dataclass(frozen=True)
class Evidence:
    """A sentence with its stance on the claim and, when a fact decided it, that fact."""

    sentence: Span
    stance: Stance
    relevance: float
    reason: str | None = None  # the kind of fact that decided the stance
    highlight: Span | None = None
    claim_says: str | None = None
    attribution: Attribution | None = None
    note: str | None = None  # why a sentence about the claim decides nothing, or how it decides
    status: str | None = None  # "updated" when the text says its figure replaces an earlier one

    @property
    def strength(self) -> float:
        return self.relevance * _STRENGTH.get(self.reason or "", 0.5)

    @property
    def states(self) -> str | None:
        return self.highlight.quote if self.highlight else None

    def to_dict(self) -> dict[str, Any]:
        out = {**self.sentence.to_dict(), "stance": self.stance, "relevance": self.relevance}
        out["reason"] = self.reason
        out["highlight"] = self.highlight.to_dict() if self.highlight else None
        if self.attribution is not None:
            out.update(self.attribution.to_dict())
        out["note"] = self.note
        return out


_RUMOUR = re.compile(
    r"(?i)\b(?:claims?|claimed|claiming|alleg\w+|rumou?rs?|unconfirmed|unverified|speculat\w+|"
    r"may|might|could|hinted|believed?|suggest\w*|not (?:been |yet )?confirmed|"
    r"(?:no|not an?) (?:\w+ ){0,2}(?:has |have |had )?confirmed|purported\w*|probably|possibly|"
    r"perhaps|presumably|it (?:is|was|seems|seemed|appears) (?:\w+ )?likely)\b"
)
_PLACE_PREP = re.compile(r"(?i)\b(?:in|at|near|outside|of|across|over)\s+(?:the\s+)?$")
_CLAIM_PLACE = re.compile(r"(?i)\b(?:in|at|near|on|outside|over)\s+(?:the\s+)?$")


def qualified(index: Index, e: Evidence, parts: ClaimParts, claim: Facts) -> Evidence:
    """Attribution, hedges, the speaker the claim names, the figure's status and the place:
    what turns a sentence that matches the claim's words into evidence, or into context."""
    e = _attributed(index, e)
    if e.stance == "related":
        return e
    text = e.sentence.quote
    who = e.attribution.who if e.attribution else None
    if parts.speaker is not None:
        article = index.corpus[e.sentence.source].text
        if not (speaker_said(parts.speaker, who, text) or surname_of(parts.speaker, who, article)):
            says = f" (states {e.states})" if e.stance == "supports" and e.states else ""
            return as_related(e, f"not attributed to {parts.speaker}{says}")
        if e.reason == "quantity":
            e = _said_value(e)
    elif hedged(claim, text, e.highlight.start - e.sentence.start if e.highlight else None):
        return as_related(e, "hedged or unconfirmed: a rumour or claim is not a reported fact")
    if e.reason == "quantity" and e.highlight is not None:
        status = _status(e)
        if status in ("superseded", "unconfirmed"):
            return as_related(e, f"{status} figure")
        e = replace(e, status=status)
    other_person = _other_person(claim, analyse(text)) if e.stance == "supports" else None
    if other_person is not None:
        return as_related(e, f"about {other_person}, not the claim's subject")
    holder = bracketed_for(claim, e) if e.stance == "supports" else None
    if holder is not None:
        return as_related(e, f"the figure in brackets is {holder}'s")
    if e.stance == "supports" and _contrasted(claim, text):
        return as_related(e, "the contrast says it of another subject")
    if e.stance == "supports" and e.reason == "quantity" and _figure_contrasted(claim, e):
        return as_related(e, "the contrast gives this figure to another group")
    mark = e.highlight or e.sentence
    at = (mark.start - e.sentence.start, mark.end - e.sentence.start)
    other = _other_place(claim, analyse(text), at)
    if other is not None:
        return as_related(e, f"about {other}, not the claim's place")
    return e


_MODAL = re.compile(r"(?i)may|might|could")


def hedged(claim: Facts, text: str, at: int | None = None) -> bool:
    """A rumour word or a modal in the sentence that the claim does not say itself; a modal
    alone hedges the verb it goes with, never the title the sentence gives the claim's office
    holder ("Keith Holloway, an NTSB spokesman, said the inquiry could last two years": he is
    the spokesman all the same), nor the fact at `at` when a relative or concessive clause
    parts them ("A framework was developed in 1967 ..., which ... may be divided")."""
    own = {w.lower() for w in _hedges(claim.text)}
    found = [m for m in _hedge_matches(text) if m.group().lower() not in own]
    if not found:
        return False
    if all(_MODAL.fullmatch(m.group()) for m in found):
        if at is not None and all(_CLAUSE.search(text, *sorted((at, m.start()))) for m in found):
            return False  # each modal in another clause than the fact
        return not office_titled(claim, analyse(text))
    return True


_CLAUSE = re.compile(r"(?i),\s*(?:which|who|whom|whose|that|where|while|whereas|although|though)\b")


def _hedges(text: str) -> list[str]:
    return [m.group() for m in _hedge_matches(text)]


def _hedge_matches(text: str) -> list[re.Match[str]]:
    """The rumour words and modals of a text; "May" written with a capital after its first
    word, or before a number, is the month ("in May 2009", "May 5"), not the modal."""
    return [
        m
        for m in _RUMOUR.finditer(text)
        if not (m.group() == "May" and (m.start() > 0 or re.match(r"\s+\d", text[m.end() :])))
    ]


def speaker_said(speaker: str, who: str | None, text: str) -> bool:
    """The claimed speaker is the one the statement is attributed to, or is named before its
    speech verb or after "according to"."""
    if same_speaker(speaker, who):
        return True
    subject = re.match(r"[^,;:]{0,80}?(?=\s+(?:said|says|told|declared|added|announced)\b)", text)
    if subject and same_speaker(speaker, subject.group()):
        return True
    # the speaker named with a title or a time between name and verb ("The head of the
    # police, Neil Basu, on Sunday said"; "Dedi Prasetyo, a police spokesperson, confirmed"),
    # or after "according to" ("According to Chief Superintendent Graciano Mijares of ...")
    spoken = _SPEAKER_AHEAD.match(text) or _ACCORDING.search(text)
    return spoken is not None and _names_speaker(speaker, spoken.group("who"))


def surname_of(speaker: str, who: str | None, article: str) -> bool:
    """The statement is attributed by surname alone to the claimed speaker, whom the article
    names in full: "Pompeo told the press" for "Mike Pompeo said"."""
    words = speaker.split()
    if who is None or len(words) < 2 or who != words[-1] or not who[:1].isupper():
        return False
    return re.search(rf"\b{re.escape(speaker)}\b", article) is not None


_SPEECH = r"(?:said|says|told|declared|added|announced|stated|confirmed|reported)"
_SPEAKER_AHEAD = re.compile(rf"(?P<who>[^;:\"“”]{{0,150}}?)\s+{_SPEECH}\b")
_ACCORDING = re.compile(r"(?i)\baccording to\s+(?P<who>[^,;:\"“”]{3,80}?)(?=\s+of\b|,|\.|$)")


def _names_speaker(speaker: str, phrase: str) -> bool:
    """Every capitalised word of the claimed speaker is in the phrase, in one run."""
    words = [w for w in re.findall(r"[^\W\d_]+", speaker) if w[:1].isupper() and w != "The"]
    return bool(words) and " ".join(words) in phrase and same_speaker(speaker, phrase)


def _said_value(e: Evidence) -> Evidence:
    """A claim that someone said a figure needs that figure: "Zelensky said 76" is wrong when
    he said "around 80", though the two could both be true of the drones; a bound the speaker
    gave ("at least 12") neither confirms nor contradicts another figure."""
    mine = analyse(e.claim_says or "").quantities
    theirs = analyse(e.highlight.quote if e.highlight else "").quantities
    if not mine or not theirs:
        return e
    if same_value(mine[0], theirs[0]):
        return e
    if theirs[0].qualifier in ("at_least", "at_most", "up_to") and e.stance == "supports":
        return as_related(e, "the speaker gave a bound, not this figure")
    return replace(e, stance="refutes", note="the speaker stated another figure")


_FELL_TO = re.compile(r"(?i)\b(?:has|have|had)\s+(?:fallen|dropped|decreased|declined)\s+to\s+$")


def _status(e: Evidence) -> str | None:
    """The figure's status (`kit.language.measures.figure_status`); a figure that "has fallen to" is
    an update too, as one that "has risen to"."""
    assert e.highlight is not None
    at = e.highlight.start - e.sentence.start
    status = figure_status(e.sentence.quote, at, at + len(e.highlight.quote))
    if status is None and _FELL_TO.search(e.sentence.quote[:at]):
        return "updated"
    return status


_BRACKETED = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*\(([^()]*)$")


def bracketed_for(claim: Facts, e: Evidence) -> str | None:
    """The name a figure in brackets right after it belongs to, when the claim does not name
    it: in "Leucippus (~490 BC) and Democritus (~470–380 BC)" the 470 is Democritus's."""
    if e.highlight is None or e.reason not in ("quantity", "date"):
        return None
    before = e.sentence.quote[: e.highlight.start - e.sentence.start]
    m = _BRACKETED.search(before)
    words = m.group(1).split() if m is not None else []
    if not any(is_content(key_of(w)) for w in words):
        return None  # "The (...)": no name
    return None if any(key_of(w) in claim.keys for w in words) else " ".join(words)


def _other_person(claim: Facts, sentence: Facts) -> str | None:
    """A sentence that names someone else and not whom the claim is about does not confirm
    the claim's figure for them: "Rai Benjamin ... finished in 47.66 seconds" says nothing of
    Warholm's time, though Warholm is named earlier in the paragraph. Names after a place
    preposition are places, not subjects; the other name must be a full name (two or three
    capitalised words)."""
    subjects = [n for n in claim.names if not _NOT_SUBJECT.search(claim.text[: n.start])]
    people = [n for n in subjects if _full_name(n)]  # not the term "Iranian" it also names
    if not subjects or any(name_keys(n) & sentence.keys for n in people or subjects):
        return None
    known = {k for n in claim.names for k in name_keys(n)}
    for n in sentence.names:
        if not _full_name(n):
            continue
        if name_keys(n) & known or _NOT_SUBJECT.search(sentence.text[: n.start]):
            continue
        return n.text
    return None


_CONTRAST = re.compile(r"(?i)[,;]\s*(?:whereas|where as|while)\s+|\s+whereas\s+")  # not "but"


def _contrasted(claim: Facts, text: str) -> bool:
    """A contrast that says the claim's words of another subject and something else of the
    claim's: "philosophers such as John Locke advocated the principle ..., whereas others, such
    as Thomas Hobbes, strongly opposed it" confirms nothing of Hobbes advocating it."""
    parts = _CONTRAST.split(text)
    if len(parts) < 2 or not claim.names:
        return False
    subject = name_keys(claim.names[0])
    known = {k for n in claim.names for k in name_keys(n)}
    read = [analyse(p) for p in parts]
    own = [f.keys for f in read if subject & f.keys]
    if len(own) != 1:
        return False
    rest = claim.keys - known
    mine = len(rest & own[0])
    return any(
        len(rest & f.keys) > mine
        and not subject & f.keys
        and any(_full_name(n) and not name_keys(n) & known for n in f.names)  # "John Locke"
        for f in read
    )


def _figure_contrasted(claim: Facts, e: Evidence) -> bool:
    if e.highlight is None:
        return False
    return figure_contrasted(claim, e.sentence.quote, e.highlight.start - e.sentence.start)


def contrasted_mismatch(claim: Facts | None, text: str, finding: Finding) -> bool:
    """Another figure said of the contrasted group ("where as people in agricultural
    societies work 8.8 hours") contradicts nothing the claim says of the first."""
    if claim is None or finding.kind != "quantity" or finding.outcome != "mismatch":
        return False
    return figure_contrasted(claim, text, finding.evidence_start)


def figure_contrasted(claim: Facts, text: str, at: int) -> bool:
    """The figure at `at` stands in the other side of a contrast, while the claim's words are
    the first side's: "adults in foraging societies work about 6.5 hours a day, where as
    people in agricultural societies work 8.8 hours" gives 8.8 to the farmers. The other side
    must share at least two more of the claim's words."""
    cuts = [0, *(m.end() for m in _CONTRAST.finditer(text))]
    if len(cuts) < 2:
        return False
    ends = [*cuts[1:], len(text)]
    parts = [analyse(text[a:b]).keys for a, b in zip(cuts, ends, strict=True)]
    home = max(i for i, a in enumerate(cuts) if a <= at)
    shared = [len(claim.keys & keys) for keys in parts]
    return any(n >= shared[home] + 2 for i, n in enumerate(shared) if i != home)


def _full_name(name: Name) -> bool:
    words = name.text.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


_NOT_SUBJECT = re.compile(r"(?i)\b(?:in|at|near|on|outside|over|from|across|of)\s+(?:the\s+)?$")


def _other_place(claim: Facts, sentence: Facts, at: tuple[int, int]) -> str | None:
    """The place nearest the deciding words (a name after in/at/near/of ...), when the claim
    names a place and this is another one: "no fatalities ... in the town of Millbrook" says
    nothing about deaths in Riverton; "..., the city of Sumy, killing two" nothing of Dnipro."""
    mine = [n for n in claim.names if _CLAIM_PLACE.search(claim.text[: n.start])]
    if not mine:
        return None
    places = [
        n
        for n in sentence.names
        if n.kind != "person" and not n.possessive and _PLACE_PREP.search(sentence.text[: n.start])
    ]
    if not places:
        return None
    # every capitalised word of the claim's names: "El Paso" is in "the El Paso Walmart"
    known = {key_of(w) for n in claim.names for w in WORD.findall(n.text) if w[:1].isupper()}
    places = [n for n in places if not _KIN_OF.search(sentence.text[: n.start])]
    if not places:
        return None
    nearest = min(places, key=lambda n: max(at[0] - n.end, n.start - at[1], 0))
    return None if name_keys(nearest) & known else nearest.text


# "the son of Usama bin Ladin": a person, whatever the parse took the name for
_KIN_OF = re.compile(
    r"(?i)\b(?:son|daughter|wife|husband|father|mother|brother|sister|widow|widower|child|"
    r"children|nephew|niece|cousin|grandson|granddaughter|heir) of\s+$"
)


def _attributed(index: Index, e: Evidence) -> Evidence:
    """Who the evidence is attributed to and its hedges (only for evidence that is shown)."""
    article = index.corpus[e.sentence.source]
    where = e.highlight or e.sentence
    return replace(e, attribution=attribute(article, where.start, where.end))


def as_related(e: Evidence, note: str | None = None) -> Evidence:
    return Evidence(e.sentence, "related", e.relevance, attribution=e.attribution, note=note)


_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")


def unsaid_numeral(claim: Facts, sentence: str) -> bool:
    """A number the claim writes outside its figures and dates (a rank, a name's number:
    "number 10", "Apollo 11"), which the sentence never writes: "reached a career high of
    number 16" does not say number 10. Figures and dates are read from the text again, since
    a figure check narrows the claim to one figure (`kit.checking.agreement`)."""
    full = analyse(claim.text)
    spans = [(q.start, q.end) for q in full.quantities] + [(d.start, d.end) for d in full.dates]
    said = set(_NUMERAL.findall(sentence))
    for m in _NUMERAL.finditer(claim.text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if m.group() not in said:
            return True
    return False
