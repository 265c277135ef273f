"""A claim split into the parts a reader can check, each turned into a question.

"Zelensky said 76 drones were shot down." has a speaker ("Zelensky"), a statement ("76 drones
were shot down") and in it a figure (76, count, exact, of "drones", event "shot down"). Each
checkable part becomes a question for the reader (`FactKit.ask`):

- a figure: "How many drones were shot down?", "How long did the missile fly before hitting
  its target?" (the figure's phrase replaced by the question word of its dimension);
- the subject when it is a name: "Who chaired the NATO-Ukraine Council meeting?";
- the whole statement as a yes/no question for statements with neither.

The claim checker reads the reader's cited answers as extra candidate evidence and compares
them with the claim's own value (`kit.checking.stance`); the questions are plain text, so a person
can ask them too. Parsing uses the spaCy pipeline when it is installed; without it, questions are
made by replacing the figure's words in place ("Ukraine shot down how many drones?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kit.checking.stance import analyse
from kit.language.entities import find_names
from kit.language.measures import parse
from kit.language.quantities import Quantity
from kit.reading.questions import UNITS

__all__ = ["ClaimParts", "same_speaker", "split_claim"]

_SAID = (
    r"said|says|say|told|tells|stated|states|claimed|claims|announced|announces|reported|"
    r"reports|confirmed|confirms|declared|declares|added|adds|wrote|writes|posted|insisted|"
    r"argued|warned|explained|noted|revealed|admitted|acknowledged|estimated"
)
_SPEAKER = re.compile(rf"^(?P<who>[A-Z][^,;:]{{1,80}}?)\s+(?:{_SAID})\s+(?:that\s+)?(?P<rest>.+)$")
_ACCORDING = re.compile(r"^[Aa]ccording to (?P<who>[^,]{2,80}),\s*(?P<rest>.+)$")
_SAID_AFTER = re.compile(rf"^(?P<rest>.+?),\s+(?P<who>[A-Z][^,;:]{{1,80}}?)\s+(?:{_SAID})\.?$")
_GROUP = {unit: group for group, units in UNITS.items() for unit in units}
_QWORD = {
    "duration": "how long",
    "speed": "how fast",
    "distance": "how far",
    "area": "how much territory",
    "money": "how much money",
    "percent": "what percentage",
    "weight": "how heavy",
}
_IRREGULAR = {
    "shot": "shoot",
    "flew": "fly",
    "hit": "hit",
    "took": "take",
    "made": "make",
    "gave": "give",
    "went": "go",
    "came": "come",
    "saw": "see",
    "said": "say",
    "told": "tell",
    "left": "leave",
    "lost": "lose",
    "won": "win",
    "fought": "fight",
    "brought": "bring",
    "held": "hold",
    "led": "lead",
    "met": "meet",
    "ran": "run",
    "sent": "send",
    "spent": "spend",
    "struck": "strike",
    "built": "build",
    "fell": "fall",
    "rose": "rise",
    "began": "begin",
    "drove": "drive",
    "sank": "sink",
    "had": "have",
    "has": "have",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "killed": "kill",
    "carried": "carry",
}
_E_AFTER = ("at", "iz", "ur", "ag", "ov", "us", "uc", "id", "as", "ar", "ak", "in", "ir")
_AUX = frozenset("has have had is are was were will would can could may might should".split())


@dataclass(frozen=True)
class ClaimParts:
    """A claim's speaker (if it names one), the statement itself, and its reader questions."""

    claim: str
    statement: str
    speaker: str | None = None
    figures: tuple[Quantity, ...] = ()
    questions: tuple[str, ...] = field(default=())


def split_claim(claim: str) -> ClaimParts:
    """Speaker and statement ("X said that ..." / "According to X, ..." / "..., X said"),
    the statement's figures, and one question per checkable part."""
    text = claim.strip()
    speaker, statement = None, _uncleft(text)
    for pattern in (_ACCORDING, _SAID_AFTER, _SPEAKER):
        m = pattern.match(statement)
        if m and (pattern is _ACCORDING or _is_speaker(m.group("who"))):
            speaker, statement = m.group("who").strip(), m.group("rest").strip()
            break
    statement = statement[:1].upper() + statement[1:]
    figures = analyse(statement).quantities
    questions = [q for f in figures if (q := figure_question(statement, f))]
    who = subject_question(statement)
    if who and not figures:
        questions.append(who)
    return ClaimParts(text, statement, speaker, figures, tuple(dict.fromkeys(questions)))


_CLEFT = re.compile(r"It\s+(?:was|is|were)\s+(?P<focus>.+?)\s+(?:who|that)\s+(?P<rest>.+)", re.S)


def _uncleft(text: str) -> str:
    """ "It was Robert Walpole who said ..." states "Robert Walpole said ...": the cleft's
    focus (a name or a date: a capital or a digit in it) back in its clause."""
    m = _CLEFT.fullmatch(text)
    if m is None or not re.search(r"[A-Z0-9]", m["focus"]):
        return text
    return f"{m['focus']} {m['rest']}"


def _is_speaker(who: str) -> bool:
    """A named speaker or a named body ("Ukrainian officials"), not a clause ("The missile")."""
    words = who.split()
    if len(words) > 6 or words[-1].lower() in _PASSIVE:
        return False  # "No fatalities were reported": a passive, not a speaker
    if words[0].lower() == "the" and len(words) > 1:  # "The union said", "The Taliban claimed"
        head = re.sub(r"['’]s?$", "", words[-1].lower())
        return words[-1][:1].isupper() or head in _BODIES or head.removesuffix("s") in _BODIES
    if words[0].lower() in _NOT_SPEAKERS:
        return False
    return words[0][:1].isupper() or bool(find_names(who))


_NOT_SPEAKERS = frozenset("the a an this that it its he she they there which who no".split())
# what speaks for others: "The union said ..." names a speaker, "The missile said" never occurs
# and "The toll reported" is no speaker
_BODIES = frozenset(
    "union company firm government ministry police army military council agency board "
    "authorities official spokesman spokeswoman spokesperson committee court hospital "
    "coroner service department mayor minister president governor office group".split()
)
_PASSIVE = frozenset("is are was were be been being has have had not never".split())


def same_speaker(claimed: str, who: str | None) -> bool:
    """ "Zelensky" ~ "Volodymyr Zelenskyy / Володимир Зеленський"; "Ukrainian officials" ~
    "Ukrainian military officials": every word of the claimed speaker that identifies it
    (capitalised, or a plain noun such as "officials") has a close match in the attribution."""
    if not who:
        return False
    theirs = [w.lower() for w in re.findall(r"[^\W\d_]+", who)]
    mine = [w.lower() for w in re.findall(r"[^\W\d_]+", claimed)]
    mine = [w for w in mine if w not in ("the", "a", "an", "of", "s")]
    return bool(mine) and all(any(_close(m, t) for t in theirs) for m in mine)


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.startswith(short[:-1]) and len(long) - len(short) <= 2


def figure_question(statement: str, q: Quantity) -> str | None:
    """The statement asked about one figure: its phrase replaced by the dimension's question
    word, fronted with do-support when the parse allows it."""
    group = "count" if q.unit == "count" else _GROUP.get(q.unit, "amount")
    noun = q.noun if q.unit == "count" and q.noun else None
    if noun and q.noun_span and 0 <= q.noun_span[0] - q.end <= 20:
        noun = statement[q.end : q.noun_span[1]].strip()
    wh = "how many " + noun if noun else ("how many" if q.unit == "count" else None)
    wh = wh or _QWORD.get(group, "how much")
    end = q.noun_span[1] if noun and q.noun_span else q.end
    start = _preposition_start(statement, q.start) if q.unit != "count" else q.start
    before, after = statement[:start].rstrip(), statement[end:].strip().rstrip(".!")
    fronted = _fronted(statement, q, wh, before, after)
    if fronted:
        return fronted
    if not before:
        return _ask(f"{wh} {after}")
    return _ask(f"{before} {wh} {after}")


def _preposition_start(statement: str, start: int) -> int:
    """Include the preposition of a measure phrase ("for an hour", "at Mach 5")."""
    m = re.search(r"\b(?:for|at|of|in|by|over|within)\s+$", statement[:start])
    return m.start() if m else start


def _fronted(statement: str, q: Quantity, wh: str, before: str, after: str) -> str | None:
    """ "How many drones did Ukraine shoot down?" from "Ukraine shot down 100 drones.": the
    figure is the main verb's object or modifier and the subject comes before it."""
    doc = parse(statement)
    if doc is None or not before:
        return None
    verbs = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = verbs[0]
    subject = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    if not subject or verb.idx >= q.start:
        return None
    subj = subject[0]
    s_start, s_end = min(t.idx for t in subj.subtree), max(t.idx + len(t) for t in subj.subtree)
    if s_end > verb.idx or (s_start > 0 and statement[:s_start].strip()):
        return None
    subj_text = statement[s_start:s_end]
    subj_text = subj_text if _keeps_case(subj_text) else subj_text[:1].lower() + subj_text[1:]
    aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass") and t.idx < verb.idx]
    middle = statement[verb.idx : len(before)].strip()
    if aux:
        first = aux[0]
        rest = statement[first.idx + len(first) : len(before)].strip()
        rest = rest.replace(subj_text, "", 1).strip() if subj_text in rest else rest
        return _ask(f"{wh} {first.text.lower()} {subj_text} {rest} {after}")
    word = verb.text.lower()
    if word in ("is", "are", "was", "were"):
        return _ask(f"{wh} {word} {subj_text} {middle[len(word) :].strip()} {after}")
    do = "does" if verb.tag_ == "VBZ" else ("do" if verb.tag_ == "VBP" else "did")
    base = _base_form(word) if verb.tag_ in ("VBD", "VBZ", "VBN") else word
    rest = middle[len(verb.text) :].strip()
    return _ask(f"{wh} {do} {subj_text} {base} {rest} {after}")


def _keeps_case(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    return first[:1].isupper() and first.lower() not in ("the", "a", "an", "this", "its")


def _base_form(word: str) -> str:
    """The plain form of a past or third-person verb, for do-support ("shot" -> "shoot")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ed"):
        stem = word[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            return stem[:-1]
        return stem + "e" if stem.endswith(_E_AFTER) else stem
    if word.endswith("es") and word[-3] in "sxhz":
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def subject_question(statement: str) -> str | None:
    """ "Who chaired the meeting?" when the statement starts with a person's or body's name."""
    names = [n for n in find_names(statement) if n.start == 0 or statement[: n.start].istitle()]
    if not names or names[0].start > 0 or names[0].kind not in ("person", "organisation"):
        doc = parse(statement)
        if doc is None or not names or names[0].start > 0:
            return None
        first = next((t for t in doc if t.idx >= names[0].end), None)
        if first is None or first.pos_ not in ("VERB", "AUX"):
            return None
    rest = statement[names[0].end :].strip().rstrip(".!")
    if not rest or rest.split()[0].lower() in ("is", "was", "are", "were"):
        return None
    return _ask(f"who {rest}")


def _ask(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;:")
    return text[:1].upper() + text[1:] + "?"
