"""Names in a sentence (people, places, organisations) by capitalisation rules.

Rules catch what news prose names: "Prime Minister Donald Tusk", "the Pivdenmash plant",
"Kapustin Yar", "Institute for the Study of War", "NATO". Each name carries a guess of its kind
(person / place / organisation / entity) from the words around it. spaCy's tagger, when the
index was built with it, adds its own entity labels (see `kit.index.annotate`); these rules are the
fallback that always works offline and instantly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = frozenset(
    """president prime minister foreign defence defense secretary general secretary-general
    deputy acting chancellor king queen prince spokesman spokeswoman spokesperson ambassador
    commander chief governor mayor senator representative mr mrs ms dr sir lord pope
    envoy head director chairman chair leader colonel general lieutenant major captain sergeant
    admiral marshal judge justice premier emir sheikh""".split()
)
_ORG_WORDS = frozenset(
    """ministry council nato union committee agency institute directorate army force forces
    navy staff office department commission parliament government party company corporation
    group bank university college school court alliance organisation organization association
    federation service services network news times post press agentstvo reuters""".split()
)
_PLACE_WORDS = frozenset(
    """region oblast district city town village province state country republic island river
    sea ocean mountains valley base airbase plant range site square street capital
    kingdom""".split()
)
_PLACE_CUES = frozenset("in at from near to into across toward towards outside inside".split())
_NOT_NAMES = frozenset(
    """the a an in on at as while when after before during since following amid amidst
    however meanwhile moreover additionally instead unfortunately although though if but and
    or so yet this that these those it its he she they we i you our their his her there here
    what which who whom why how last next first second third one two many some several
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr also according both each every
    such no not recent latest expert experts military ukrainian russian regional independent
    emergency electric beyond continuous support because despite unlike without within until
    whether once""".split()
)
_CONNECTORS = frozenset({"of", "for", "the", "de", "al", "von", "van", "and"})
_TOKEN = re.compile(r"[A-Za-zÀ-ÿА-Яа-яЁёЇїІіЄєҐґ0-9][\w’'.\-]*|[&]")
_POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass(frozen=True, slots=True)
class Name:
    """A capitalised name: `text[start:end]`, a guessed kind and the title before it, if any."""

    start: int
    end: int
    text: str
    kind: str
    title: str | None = None
    possessive: bool = False


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isalpha() for c in token))


def find_names(text: str) -> list[Name]:
    """Capitalised name sequences in one sentence, with titles split off and a kind guessed."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        if not _is_cap(tokens[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not tokens[j - 1][2].endswith(_POSSESSIVE):
            if _is_cap(tokens[j][2]) and text[tokens[j - 1][1] : tokens[j][0]] in (" ", "-"):
                j += 1
                continue
            k = j
            while k < len(tokens) and tokens[k][2] in _CONNECTORS:
                k += 1
            if k > j and k < len(tokens) and _is_cap(tokens[k][2]) and tokens[j][2] != "and":
                j = k + 1
                continue
            break
        names.extend(_make_names(text, tokens[i:j]))
        i = j
    return names


def _is_demonym(word: str) -> bool:
    return word[:1].isupper() and word.lower().endswith(("ian", "ish", "ese", "ean", "ch", "an"))


def _make_names(text: str, run: list[tuple[int, int, str]]) -> list[Name]:
    """A run of capitalised words -> names: "NATO Secretary-General Jens Stoltenberg" -> two."""
    titles = [n for n, tok in enumerate(run) if tok[2].lower().rstrip(".") in TITLES]
    if titles and titles[-1] == len(run) - 1:
        return []  # only a title ("Deputy Secretary General"): the name follows after a comma
    out: list[Name] = []
    title = None
    if titles:
        first, last = titles[0], titles[-1]
        prefix = run[:first]
        if prefix and not all(_is_demonym(t[2]) for t in prefix):
            out.extend(_make_names(text, prefix))
        title = text[run[first][0] : run[last][1]]
        run = run[last + 1 :]
    while run and run[0][2].lower().strip("’'") in _NOT_NAMES:
        run = run[1:]
    if run and _opening_gerund(text, run):
        run = run[1:]  # "Speaking in Argentina's National Congress, ...": a verb, no name
    if not run:
        return out
    start, end = run[0][0], run[-1][1]
    while end > start and text[end - 1] in ".-":
        end -= 1
    possessive = False
    for suffix in _POSSESSIVE:
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            possessive = True
            break
    if end <= start or text[start:end].lower() in _NOT_NAMES:
        return out
    if not possessive:
        end = _extend_with_head_noun(text, end)
    kind = _kind(text, start, end, title)
    out.append(Name(start, end, text[start:end], kind, title, possessive))
    return out


_AFTER_PARTICIPLE = frozenset(
    "in at on to with for from about after before into by over the a an his her their its".split()
)


def _opening_gerund(text: str, run: list[tuple[int, int, str]]) -> bool:
    """The text opens with a lone "-ing" word, a preposition or determiner follows and a comma
    closes the clause ("Speaking in Congress, ...", "Meeting the press, ..."): a participle
    clause, not a name ("Beijing said", "Beijing in the 1990s grew" keep theirs)."""
    start, end, word = run[0]
    if start != 0 or len(run) > 1 or not word.endswith("ing"):
        return False
    following = text[end:].split(maxsplit=1)
    return bool(following) and following[0] in _AFTER_PARTICIPLE and "," in text[end:]


_LOWER_RUN = re.compile(r"(?: [a-z][a-z\-]*){1,3}")


def _extend_with_head_noun(text: str, end: int) -> int:
    """ "Kapustin Yar" + " missile test range": the whole name when a place/org noun ends it."""
    match = _LOWER_RUN.match(text, end)
    if match is None:
        return end
    words = match.group().split()
    for n in range(len(words), 0, -1):
        if words[n - 1] in _PLACE_WORDS or words[n - 1] in _ORG_WORDS:
            return end + len(" ".join(words[:n])) + 1
    return end


def _kind(text: str, start: int, end: int, title: str | None) -> str:
    words = [w.lower().strip("’'") for w in text[start:end].split()]
    before = [w for w in text[max(0, start - 30) : start].lower().split() if not w.endswith("’s")]
    after = [w.strip(',.;:”’"') for w in text[end : end + 25].lower().split()]
    if title or (before and before[-1].endswith(",") and before[-1].strip(",") in TITLES):
        return "person"
    if any(w in _ORG_WORDS for w in words) or (len(words) == 1 and words[0].isupper()):
        return "organisation"
    if text[start:end].isupper() and len(text[start:end]) > 1:
        return "organisation"
    if any(w in _PLACE_WORDS for w in words) or (after and after[0] in _PLACE_WORDS):
        return "place"
    if before and before[-1] in _PLACE_CUES:
        return "place"
    if before and before[-1] == "of" and len(before) > 1 and before[-2] in _PLACE_WORDS:
        return "place"
    if len(words) in (2, 3) and after and after[0] in {"said", "says", "declared", "claimed"}:
        return "person"
    return "entity"
