""" "Who is X?": the title or apposition the articles give a named person or body.

News names a person once with what they are, before the name ("Polish Prime Minister Donald
Tusk") or after it as an apposition ("Serhiy Nadal, head of the Ternopil Region Defence
Council headquarters, said ..."). A span reader trained on SQuAD rarely answers such questions
with the description, so they are read by these two patterns first; when neither is found the
question goes to the span reader like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.language.text import STOPWORDS, stem
from kit.reading.results import Answer, Citation
from kit.reading.values import AnswerKey
from kit.spans import Span

if TYPE_CHECKING:
    from kit.reading.ranking import SentenceRanker

_WHO_IS = re.compile(
    r"^\s*[Ww]ho\s+(?:is|was|are|were)\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s*\??\s*$"
)
# General English words for offices and roles: a capitalised run before a name is a title
# only when it holds one ("Polish Prime Minister"), not "On Thursday".
TITLE_WORDS = frozenset(
    """minister president premier chancellor secretary spokesman spokeswoman spokesperson
    head chief director governor mayor general commander leader chairman chairwoman chair
    ambassador envoy official officer adviser advisor senator representative deputy king queen
    prince princess pope bishop judge prosecutor professor dr doctor captain colonel
    lieutenant admiral marshal sergeant ceo founder editor reporter correspondent analyst
    expert researcher scientist economist coach manager owner member lawmaker mp
    councillor councilor commissioner inspector superintendent sheriff""".split()
)
_WORD = re.compile(r"[\w'’.-]+")
_APPOSITION = re.compile(r",\s+(?P<what>[^,;.:()\"“”]{3,120}?)\s*(?=[,;.:(]|$| said| told| says)")
DESCRIPTION_SCORE = 0.8  # a stated title is almost always right; lower than a sure span
_ROLE_QUESTION = re.compile(
    r"^\s*(?:[Ww]ho|[Ww]hat)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:name\s+of\s+(?:the\s+)?)?"
    r"(?P<role>[^?]+?)\s*\??\s*$"
)


@dataclass(frozen=True, slots=True)
class Role:
    """The office a question asks about: "Ukraine's foreign minister" -> minister, with the
    words that say whose and which (ukraine, foreign)."""

    head: str
    modifiers: tuple[str, ...]


def question_role(question: str) -> Role | None:
    """The office in "Who is Ukraine's foreign minister?" or "What is the name of the Russian
    defence minister?"; None when the question names a person or asks no office."""
    match = _ROLE_QUESTION.match(question)
    if match is None or who_is_name(question) is not None:
        return None
    words = _WORD.findall(match.group("role"))
    if not words or any(w.lower() == "of" for w in words):
        return None
    head = words[-1].lower().strip(".")
    modifiers = tuple(_bare(w) for w in words[:-1] if _bare(w) not in STOPWORDS)
    if head not in TITLE_WORDS or not modifiers:
        return None
    return Role(head, modifiers)


def role_conflict(role: Role, text: str, start: int, end: int) -> bool:
    """True when `text` titles the name at start:end with the same office held for someone or
    somewhere else: "Czech Foreign Minister Jan Lipavský" for Ukraine's foreign minister.
    Each side then has a word the other lacks (Ukraine vs Czech); "Ukrainian" and "Ukraine",
    "defense" and "defence" count as the same word (a shared four-letter start)."""
    titles = _descriptions(text, start, end)
    inner = [w for w in _WORD.finditer(text, start, end) if _bare(w.group()) == role.head]
    if inner and inner[-1].end() < end:  # the reading holds the title: "Czech Foreign Minister X"
        titles.append((start, inner[-1].end()))
    for s, e in titles:
        words = [_bare(w) for w in _WORD.findall(text[s:e])]
        if len(words) < 2 or words[-1] != role.head:
            continue
        modifiers = [w for w in words[:-1] if w not in STOPWORDS]
        if any(not _alike(q, modifiers) for q in role.modifiers) and any(
            not _alike(d, role.modifiers) for d in modifiers
        ):
            return True
    return False


def _bare(word: str) -> str:
    word = word.lower().strip(".")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _alike(word: str, others: list[str] | tuple[str, ...]) -> bool:
    return any(word == o or (min(len(word), len(o)) >= 4 and word[:4] == o[:4]) for o in others)


def who_is_name(question: str) -> str | None:
    match = _WHO_IS.match(question)
    return match.group("name").rstrip(".") if match else None


def describe(ranking: SentenceRanker, name: str) -> list[Answer]:
    """Titles and appositions of `name` in the corpus, one answer per distinct description."""
    surname = stem(name.split()[-1])
    found: dict[AnswerKey, list[tuple[str, int, int, int]]] = {}
    pattern = re.compile(r"\b" + re.escape(name) + r"\b")
    for row in ranking.postings.get(surname, []):
        sentence = ranking.index.sentences[row]
        for match in pattern.finditer(sentence.text):
            for start, end in _descriptions(sentence.text, match.start(), match.end()):
                key = AnswerKey.of("words", sentence.text[start:end])
                found.setdefault(key, []).append((sentence.source, row, start, end))
    answers = []
    for places in found.values():
        citations = []
        seen: set[str] = set()
        for source, row, start, end in places:
            if source in seen:
                continue
            seen.add(source)
            sentence = ranking.index.sentences[row]
            text = ranking.index.corpus[source].text
            citations.append(
                Citation(
                    Span.of(source, text, sentence.start + start, sentence.start + end),
                    Span.of(source, text, sentence.start, sentence.end),
                    DESCRIPTION_SCORE,
                )
            )
        first = citations[0].span.quote
        score = min(0.95, DESCRIPTION_SCORE + 0.05 * (len(citations) - 1))
        answers.append(Answer(first, "description", score, tuple(citations)))
    answers.sort(key=lambda a: -len(a.citations))
    return answers[:3]


def _descriptions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the title before the name and of the apposition after it."""
    out = []
    before = list(_WORD.finditer(text[:start]))
    run: list[re.Match[str]] = []
    for word in reversed(before):
        between = text[word.end() : (run[-1].start() if run else start)]
        if between.strip() or not (
            word.group()[:1].isupper() or word.group().endswith(("'s", "’s"))
        ):
            break
        run.append(word)
    titled = [i for i, w in enumerate(run) if w.group().lower().strip(".") in TITLE_WORDS]
    if titled:
        last = titled[-1]
        while last + 1 < len(run) and _qualifies(run[last + 1].group()):
            last += 1  # "Polish", "Ukraine's" before "Prime Minister"
        out.append((run[last].start(), run[0].end()))
    appos = _APPOSITION.match(text, end)
    if appos:
        what = appos.group("what")
        first_word = what.split()[0].lower() if what.split() else ""
        if first_word in TITLE_WORDS or first_word in ("the", "a", "an") or what[:1].islower():
            out.append((appos.start("what"), appos.end("what")))
    return out


def _qualifies(word: str) -> bool:
    """A word of the title's run: a possessive, or any capitalised word but a function word
    ("Polish", "Prime", "Ukraine's"; not "On" or "The")."""
    return word.endswith(("'s", "’s")) or word.lower() not in STOPWORDS
