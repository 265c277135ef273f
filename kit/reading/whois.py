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
    from kit.index.annotate import Token
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
# Lower-case words that belong to a title and change which office it is ("acting Deputy
# Secretary General" is not the Secretary General): a title run crosses them, and a name titled
# with one does not hold the office a question asks about without it.
RANKS = frozenset("acting deputy vice former interim assistant associate outgoing".split())
_WORD = re.compile(r"[\w'’.-]+")
# An apposition runs to the next comma or stop; the dots of an abbreviation ("a Ph.D.
# candidate", "U.S.-based") do not end it.
_APPOSITION = re.compile(
    r",\s+(?P<what>(?:[^,;.:()\"“”]|\.(?=\w)|(?<=\b[A-Z])\.){3,120}?)"
    r"\s*(?=[,;:(]|\.(?!\w)(?<!\b[A-Z]\.)|$| said| told| says)"
)
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
    words = [part for w in _WORD.findall(match.group("role")) for part in w.split("-") if part]
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
        words = [_bare(p) for w in _WORD.findall(text[s:e]) for p in w.split("-") if p]
        if len(words) < 2 or words[-1] != role.head:
            continue
        modifiers = [w for w in words[:-1] if w not in STOPWORDS]
        if (RANKS & set(modifiers)) - set(role.modifiers):
            return True  # "acting Deputy Secretary General X" for the Secretary General
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
    """The name in "Who is X?"; None when X ends in an office ("Who is NATO's
    Secretary-General?" asks who holds it, not what a person is)."""
    match = _WHO_IS.match(question)
    if match is None:
        return None
    name = match.group("name").rstrip(".")
    last = name.split()[-1].split("-")[-1].lower()
    return None if last in TITLE_WORDS else name


def describe(ranking: SentenceRanker, name: str) -> list[Answer]:
    """Titles and appositions of `name` in the corpus, one answer per distinct description."""
    surname = stem(name.split()[-1])
    found: dict[AnswerKey, list[tuple[str, int, int, int]]] = {}
    pattern = re.compile(r"\b" + re.escape(name) + r"\b")
    for row in ranking.postings.get(surname, []):
        sentence = ranking.index.sentences[row]
        annotations = ranking.index.annotations
        tokens = annotations[row].tokens if annotations else None
        for match in pattern.finditer(sentence.text):
            for start, end in _descriptions(sentence.text, match.start(), match.end(), tokens):
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


def _descriptions(
    text: str, start: int, end: int, tokens: tuple[Token, ...] | None = None
) -> list[tuple[int, int]]:
    """(start, end) of the title before the name and of the apposition after it. A name set
    off by commas after its title ("NATO's acting Deputy Secretary General, Boris Ruge, chaired
    the meeting") has the title before the first comma, and what follows it is the sentence's
    verb, not a description; with the parse, no apposition starts with a verb."""
    out = []
    comma = re.search(r",\s*$", text[:start])
    set_off = comma is not None and re.match(r"\s*,", text[end:]) is not None
    title = _title_before(text, comma.start() if comma and set_off else start)
    if title is not None:
        out.append(title)
        if set_off:
            return out
    appos = _APPOSITION.match(text, end)
    if appos:
        what = appos.group("what")
        first_word = what.split()[0].lower() if what.split() else ""
        if (
            first_word in TITLE_WORDS
            or first_word in ("the", "a", "an")
            or what[:1].islower()
            or _owned_title(what)
        ) and not _is_verb(tokens, appos.start("what")):
            out.append((appos.start("what"), appos.end("what")))
    return out


def _title_before(text: str, start: int) -> tuple[int, int] | None:
    """The title that ends where the name starts: a run of capitalised words (and office
    ranks such as "acting") holding a title word, with the country or body before it."""
    run: list[re.Match[str]] = []
    for word in reversed(list(_WORD.finditer(text[:start]))):
        between = text[word.end() : (run[-1].start() if run else start)]
        w = word.group()
        if between.strip() or not (
            w[:1].isupper()
            or w.endswith(("'s", "’s"))
            or w.lower() in RANKS
            or w.lower() in TITLE_WORDS  # "Angela Merkel's spokesperson", "Mahan's director"
        ):
            break
        run.append(word)
    titled = [i for i, w in enumerate(run) if w.group().lower().strip(".") in TITLE_WORDS]
    if not titled:
        return None
    last = titled[-1]
    while last + 1 < len(run) and _qualifies(run[last + 1].group()):
        last += 1  # "Polish", "Ukraine's" before "Prime Minister"
    return run[last].start(), run[0].end()


def _owned_title(what: str) -> bool:
    """An apposition that opens with an owner and names an office: "Tesco’s CEO for Central
    Europe", "the company's chief"."""
    words = what.split()
    return (
        len(words) >= 2
        and words[0].endswith(("'s", "’s"))
        and any(_bare(w) in TITLE_WORDS for w in words[1:4])
    )


def _is_verb(tokens: tuple[Token, ...] | None, at: int) -> bool:
    """Whether the parsed word at `at` (sentence offsets) is a verb: "chaired the meeting"."""
    return tokens is not None and any(t.start == at and t.pos in ("VERB", "AUX") for t in tokens)


def _qualifies(word: str) -> bool:
    """A word of the title's run: a possessive, or any capitalised word but a function word
    ("Polish", "Prime", "Ukraine's"; not "On" or "The")."""
    return word.endswith(("'s", "’s")) or word.lower() not in STOPWORDS
