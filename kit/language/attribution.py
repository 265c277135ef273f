"""Who says so, and how sure: attribution and hedges for any span of an article.

"Ukraine's military reported successfully downing 76 ..." is a report by Ukraine's military;
"Putin claimed the strike was retaliation" is Putin's claim; "Around 80 drones were shot down"
inside an embedded tweet is Zelenskyy's quote; "reportedly", "almost", "around" are hedges.
Readers use this to tell reported fact from someone's claim. Rules only: the cues are few and
news prose uses them in a handful of shapes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kit.ingest.corpus import Article, tweet_author
from kit.ingest.passages import split_sentences
from kit.spans import Span

REPORT_VERBS = frozenset(
    [
        "said",
        "says",
        "reported",
        "announced",
        "announces",
        "stated",
        "confirmed",
        "confirms",
        "noted",
        "indicated",
        "indicates",
        "revealed",
        "reveals",
        "told",
        "tells",
        "added",
        "adds",
        "mentioned",
        "declared",
        "declares",
        "wrote",
        "writes",
        "posted",
        "acknowledged",
        "acknowledges",
        "estimated",
        "presented",
        "presents",
        "briefed",
        "showed",
    ]
)
CLAIM_VERBS = frozenset(
    [
        "claimed",
        "alleged",
        "alleges",
        "boasted",
        "boasts",
        "hinted",
        "insisted",
        "insists",
        "asserted",
        "asserts",
        "suggested",
        "suggests",
        "warned",
        "warns",
        "described",
        "describes",
        "called",
        "labeled",
        "labelled",
        "emphasized",
        "emphasised",
        "urged",
        "urges",
    ]
)
HEDGES = (
    "reportedly",
    "allegedly",
    "purportedly",
    "apparently",
    "believed",
    "likely",
    "possibly",
    "probably",
    "may",
    "might",
    "could",
    "unconfirmed",
    "estimated",
    "around",
    "about",
    "approximately",
    "roughly",
    "almost",
    "nearly",
    "more than",
    "at least",
    "up to",
    "some",
    "claimed",
    "suggest",
)
_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.I)
_ACCORDING = re.compile(
    r"\baccording to (?P<who>(?:the |a )?[^,.;“”\"]{2,80}?)(?=[,.;“”\"]|$| who | that )", re.I
)
_BY = re.compile(
    r"\b(?P<verb>reported|announced|stated|confirmed|claimed|said) by "
    r"(?P<who>(?:the |a )?[^,.;“”\"]{2,80}?)"
    r"(?=[,.;“”\"]|$| on | via | who | that )"
)
_DATA_FROM = re.compile(r"\b(?:data|figures|reports?) from (?P<who>[A-Z][\w\-]+(?: [A-Z][\w\-]+)*)")
_VERB = re.compile(r"\b(?P<verb>" + "|".join(sorted(REPORT_VERBS | CLAIM_VERBS)) + r")\b")
_CLAUSE_START = re.compile(r"(?:^|[,;:—–]\s*|\b(?:that|but|while|as|which)\s+)")
_STATEMENT = re.compile(
    r"(?P<who>\b[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,4})['’]s (?:written |official )?"
    r"(?:statement|letter|tweet|post|message|announcement|press release) "
    r"(?P<verb>read|reads|said|says|stated|states)\b"
)
_AFTER_VERB = re.compile(
    r"\s+(?P<who>(?:the |a |an )?[\w][^,.;:“”\"()]{0,80}?)"
    r"(?=\s*[,.;:(]|\s*$| on | in | at | during | via | when | after | before | who | that )"
)
_OPENING_QUOTES = ('"', "“")
_QUOTES = re.compile(r"[\"“”]")
_SUBJECT_STOP = frozenset(
    ["it", "he", "she", "they", "this", "that", "there", "which", "who", "we", "i", "you"]
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The source a statement is attributed to, the verb that attributes it, and its hedges.

    `kind` is "quote" (inside quotation marks or an embedded post), "claim" (claimed, boasted,
    hinted ...), "reported" (said, reported, according to ...) or "unattributed".
    """

    who: str | None
    verb: str | None
    kind: str
    hedges: tuple[str, ...]
    who_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "attributed_to": self.who,
            "verb": self.verb,
            "attribution": self.kind,
            "hedges": list(self.hedges),
        }

    def describe(self) -> str:
        """A short phrase for people: "claim by Putin", "reported by Ukraine's military"."""
        if self.who is None:
            return "unattributed"
        label = {"quote": "quoted from", "claim": "claim by", "reported": "reported by"}
        return f"{label.get(self.kind, 'from')} {self.who}"


@lru_cache(maxsize=4096)
def _sentence_starts(article: Article) -> tuple[list[int], list[int]]:
    sentences = split_sentences(article)
    return [x.start for x in sentences], [x.end for x in sentences]


def sentence_bounds(article: Article, start: int, end: int) -> tuple[int, int]:
    """The sentence around `[start, end)`, as `kit.ingest.passages` splits it (else the line)."""
    starts, ends = _sentence_starts(article)
    n = bisect_right(starts, start) - 1
    if n >= 0 and end <= ends[n]:
        return starts[n], ends[n]
    text = article.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def attribute(article: Article, start: int, end: int) -> Attribution:
    """Attribution and hedges of the statement containing `[start, end)`."""
    text = article.text
    s, e = sentence_bounds(article, start, end)
    sentence = text[s:e]
    hedges = tuple(dict.fromkeys(m.group(1).lower() for m in _HEDGE_RE.finditer(sentence)))
    tweet = _tweet_author(article, e)
    if tweet is not None:
        return Attribution(tweet, "posted", "quote", hedges)
    quoted = _inside_quotes(text, s, start)
    found = (
        _according_to(article, s, sentence)
        or _named_by(_BY, article, s, sentence)
        or _named_by(_DATA_FROM, article, s, sentence, "data from")
    )
    if found is None:
        found = _speaker(article, s, sentence, start - s) or _named_by(
            _STATEMENT, article, s, sentence
        )
    if found is None and (quoted or sentence.lstrip()[:1] in _OPENING_QUOTES):
        went_on = _quote_goes_on(article, s)  # "... disagreed. That's to be sure."
        if went_on is not None:
            return replace(went_on, kind="quote", hedges=hedges)
    if found is None and (turn := interview_turn(article, s)) is not None:
        return Attribution(turn.quote, "said", "quote", hedges, turn)  # a transcript's answer
    if found is None:
        return Attribution(None, None, "quote" if quoted else "unattributed", hedges)
    who, verb, span = found
    kind = "quote" if quoted else ("claim" if verb in CLAIM_VERBS else "reported")
    return Attribution(who, verb, kind, hedges, span)


# A transcript's speaker labels at the start of a paragraph: "((Zara Kay))  So, I am 26 now."
# (Wikinews' markup), or "KAY: So, I am 26 now." when two speakers each take several turns.
_TURN_MARKUP = re.compile(r"^[ \t]*\(\((?P<who>[^()\n]{2,60})\)\)", re.M)
_TURN_COLON = re.compile(r"^[ \t]*(?P<who>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]", re.M)
MIN_TURNS = 2


@lru_cache(maxsize=1024)
def _turns(article: Article) -> tuple[tuple[int, int, int], ...]:
    """(label start, name start, name end) of each speaker label of a transcript, in order."""
    marked = list(_TURN_MARKUP.finditer(article.text))
    if not marked:
        colon = list(_TURN_COLON.finditer(article.text))
        counts = Counter(m.group("who") for m in colon)
        marked = [m for m in colon if counts[m.group("who")] >= MIN_TURNS]
        if len({m.group("who") for m in marked}) < MIN_TURNS:
            return ()  # "Note:" or "Update:" once is no dialogue
    return tuple((m.start(), m.start("who"), m.end("who")) for m in marked)


def interview_turn(article: Article, offset: int) -> Span | None:
    """The speaker label of the transcript turn that holds `offset`: a turn runs from its
    label to the next one, so the paragraphs of one answer are all its speaker's words."""
    turns = _turns(article)
    n = bisect_right([t[0] for t in turns], offset) - 1
    if n < 0:
        return None  # before the first label: the article's own introduction
    _, start, end = turns[n]
    return Span.of(article.source, article.text, start, end)


def _quote_goes_on(article: Article, sentence_start: int) -> Attribution | None:
    """The speaker of a quotation that runs on from the sentence before, in one paragraph:
    '"I don't think so," Pompeo told the press. "There were many times we disagreed."'"""
    text = article.text
    starts, _ends = _sentence_starts(article)
    n = bisect_right(starts, sentence_start) - 1
    if n <= 0 or starts[n] != sentence_start:
        return None
    previous = starts[n - 1]
    between = text[previous:sentence_start]
    if "\n" in between or not _QUOTES.search(between):
        return None  # another paragraph, or no quotation before
    before = attribute(article, previous, previous)
    return before if before.who is not None else None


def _tweet_author(article: Article, sentence_end: int) -> str | None:
    """The author when the sentence sits in an embedded post whose footer follows it closely."""
    following = article.text[sentence_end : sentence_end + 400]
    footer = tweet_author(following)
    if footer is None:
        return None
    # Only lines of the post itself may stand between the sentence and its footer.
    before_footer = following[: following.find(footer)]
    return footer if before_footer.count("\n") <= 3 else None


def _inside_quotes(text: str, sentence_start: int, start: int) -> bool:
    before = text[sentence_start:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _according_to(article: Article, offset: int, sentence: str) -> tuple[str, str, Span] | None:
    match = _ACCORDING.search(sentence)
    if match is None:
        return None
    who = match.group("who").strip()
    start = offset + match.start("who")
    prefix = re.match(r"(?:the )?(?:data|figures|reports?) from ", who, re.I)
    if prefix:  # "according to data from DeepState" is DeepState's
        who, start = who[prefix.end() :], start + prefix.end()
    return who, "according to", Span.of(article.source, article.text, start, start + len(who))


def _named_by(
    pattern: re.Pattern[str], article: Article, offset: int, sentence: str, verb: str = ""
) -> tuple[str, str, Span] | None:
    """The source a pattern's `who` group names, with the pattern's `verb` group (or `verb`):
    "reported by the ministry", "data from DeepState", "Trump's statement read: ..."."""
    match = pattern.search(sentence)
    if match is None:
        return None
    start = offset + match.start("who")
    span = Span.of(article.source, article.text, start, offset + match.end("who"))
    return span.quote, verb or match.group("verb"), span


def _speaker(
    article: Article, offset: int, sentence: str, position: int
) -> tuple[str, str, Span] | None:
    """ "<subject> <verb>" where the verb is a reporting verb; the nearest before the span wins,
    else the first after it ("..., officials said")."""
    verbs = list(_VERB.finditer(sentence))
    before = [m for m in verbs if m.start() <= position]
    ordered = list(reversed(before)) + [m for m in verbs if m.start() > position]
    for match in ordered:
        subject = _subject_before(sentence, match.start()) or _subject_after(sentence, match)
        if subject is None:
            continue
        s, e = subject
        span = Span.of(article.source, article.text, offset + s, offset + e)
        return span.quote, match.group("verb"), span
    return None


def _subject_after(sentence: str, verb: re.Match[str]) -> tuple[int, int] | None:
    """The speaker after the verb where a quotation ends right before it: '"...," said
    California Attorney General Xavier Becerra.', '"...," wrote Trump on Twitter'."""
    if not re.search(r"[,?!—–-]\s*[\"”]\s*$", sentence[: verb.start()]):
        return None
    match = _AFTER_VERB.match(sentence, verb.end())
    return None if match is None else match.span("who")


def _subject_before(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase between the last clause boundary and the verb (at most 6 words)."""
    head = sentence[:verb_start].rstrip()
    cut = 0
    for m in _CLAUSE_START.finditer(head):
        if m.end() < len(head):
            cut = m.end()
    phrase = head[cut:]
    words = phrase.split()
    if not any(c.isalnum() for c in phrase):
        return None  # only the quotation's closing mark: the speaker follows the verb
    if not words or len(words) > 6 or words[0].lower() in _SUBJECT_STOP:
        return None
    if words[-1].lower() in {"had", "has", "have", "was", "were", "is", "also"}:
        words = words[:-1]
    if not words:
        return None
    start = cut + (len(phrase) - len(phrase.lstrip()))
    end = start + len(" ".join(words))
    return (start, end) if sentence[start:end] == " ".join(words) else None
