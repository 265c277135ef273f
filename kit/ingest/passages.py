"""Splitting articles into sentences and passages, with offsets back into the original text.

Haystack's `DocumentSplitter` cuts "4.2 million" when splitting by period and downloads NLTK
data when splitting by sentence, so the kit splits with its own small rules: every line break
ends a sentence, and `.`, `!`, `?` end one when followed by space and a capital, unless the
word before is an abbreviation ("U.S.", "Mr.", "Jan.") or an initial.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from kit.ingest.corpus import Article

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "rep",
        "sen",
        "gov",
        "pres",
        "rev",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vs",
        "etc",
        "al",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "fig",
        "approx",
        "ca",
        "mt",
        "ft",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
        "u.s.a",
    ]
)
# A boundary starts at the first mark of a run (the look-behind), so a long run of marks with no
# capital after it is tried once, not once per mark (which was quadratic in the run's length).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯЁ])")
_RUN = re.compile(r"[\w.]+")
_WORD = re.compile(r"\w+")

MAX_PASSAGE_WORDS = 60


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: `article.text[start:end]`."""

    source: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of consecutive sentences: the unit that is indexed and retrieved."""

    source: str
    start: int
    end: int
    text: str
    sentences: tuple[int, ...]

    @property
    def id(self) -> str:
        return f"{self.source}:{self.start}-{self.end}"


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences of an article, in order, furniture lines left out."""
    text = article.text
    out: list[Sentence] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body_end = pos + len(line.rstrip("\r\n"))
        for start, end in _split_line(text, pos, body_end):
            if not article.is_furniture(start, end):
                out.append(Sentence(article.source, len(out), start, end, text[start:end]))
        pos += len(line)
    return out


def _split_line(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Sentence ranges within one line, trimmed of surrounding white space.

    Linear in the line's length: the word before each boundary is found from one pass over
    the line's `[\\w.]` runs, never by searching the prefix again (a 10 MB one-line article
    splits in seconds; it used to take hours).
    """
    line = text[start:end]
    runs: list[tuple[int, int]] | None = None
    cut = 0
    for match in _BOUNDARY.finditer(line):
        if runs is None:
            runs = [(m.start(), m.end()) for m in _RUN.finditer(line)]
            run_starts = [r[0] for r in runs]
        if _is_abbreviation(_word_before(line, match.start(), runs, run_starts)):
            continue
        yield from _trimmed(text, start + cut, start + match.end())
        cut = match.end()
    yield from _trimmed(text, start + cut, end)


def _word_before(line: str, at: int, runs: list[tuple[int, int]], starts: list[int]) -> str:
    """The `[\\w.]` run that ends with `line[at]` (what `([\\w.]+)$` finds in `line[:at + 1]`)."""
    i = bisect_right(starts, at) - 1
    if i < 0 or runs[i][1] <= at:
        return ""
    return line[runs[i][0] : at + 1]


def _is_abbreviation(word: str) -> bool:
    token = word.rstrip(".").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _WORD.search(text, start, end):
        yield start, end


def is_heading(sentence: Sentence, text: str) -> bool:
    """A short line with no closing punctuation: a headline or cross-head, not reporting.

    The sentence must be alone on its line (only white space between it and the line breaks
    around it); that is checked by walking the white space next to it, never the whole line.
    """
    words = sentence.text.split()
    if len(words) > 14 or sentence.text.endswith((".", "!", "?", "”", '"', ":")):
        return False
    before = sentence.start - 1
    while before >= 0 and text[before] != "\n":
        if not text[before].isspace():
            return False
        before -= 1
    after = sentence.end
    while after < len(text) and text[after] != "\n":
        if not text[after].isspace():
            return False
        after += 1
    return True


def make_passages(
    article: Article, sentences: list[Sentence], *, max_words: int = MAX_PASSAGE_WORDS
) -> list[Passage]:
    """Group consecutive sentences into passages of at most `max_words` words.

    A heading starts a new passage, so a cross-head stays with the paragraph it introduces,
    and a passage never spans a furniture line (a passage's text is one slice of the original).
    """
    passages: list[Passage] = []
    group: list[Sentence] = []
    words = 0

    def flush() -> None:
        if group:
            start, end = group[0].start, group[-1].end
            passages.append(
                Passage(
                    article.source,
                    start,
                    end,
                    article.text[start:end],
                    tuple(s.index for s in group),
                )
            )

    for sentence in sentences:
        n = len(sentence.text.split())
        heading = is_heading(sentence, article.text)
        gap = (group[-1].end, sentence.start) if group else (0, 0)
        furniture_between = article.has_furniture_within(*gap)
        if group and (heading or furniture_between or words + n > max_words):
            flush()
            group, words = [], 0
        group.append(sentence)
        words += n
    flush()
    return passages
