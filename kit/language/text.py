"""The words of a text, the same way everywhere: stop words, stems, word spans, one sigmoid.

The reader, the claim checker and the question analysis all compare texts by stemmed content
words; they take them from here so that "downing" and "downed" (and "shot down" and "shoot
down") meet in every stage.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from functools import lru_cache

import snowballstemmer

__all__ = [
    "STOPWORDS",
    "STOP_STEMS",
    "WORD",
    "bag_f1",
    "content_words",
    "normalize_answer",
    "sigmoid",
    "stem",
    "word_bag",
    "word_spans",
]

STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being
    do does did have has had what which who whom whose when where why how that this these those
    it its their his her they them he she we you i our your my me us not no than then there
    into over after before during about against between under again further
    will would can could should may might must shall also just only very so such more most
    many much some any each other few own same too all both""".split()
)
# Irregular forms the stemmer cannot join to their base ("shot down" answers "shoot down").
_IRREGULAR = {
    "shot": "shoot",
    "flew": "fly",
    "flown": "fly",
    "took": "take",
    "taken": "take",
    "fought": "fight",
    "struck": "strike",
    "hit": "strike",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "fatalities": "die",
    "killed": "kill",
    "began": "begin",
    "begun": "begin",
    "went": "go",
    "gone": "go",
    "said": "say",
    "told": "tell",
    "led": "lead",
    "held": "hold",
    "met": "meet",
    "won": "win",
    "lost": "lose",
    "sent": "send",
    "built": "build",
    "seized": "captur",
    "seize": "captur",
    "took control": "captur",
    "fired": "launch",
    "fire": "launch",
    "wounded": "injur",
    "wounding": "injur",
    "injured": "injur",
}
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A comparable form of a lower-cased word: "downing" and "downed" -> "down"; British and
    American spellings alike ("labourers" and "laborers" -> "labor")."""
    word = word.lower().strip("’'")
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    word = american(word)
    return _IRREGULAR.get(word) or str(_STEMMER.stemWord(word))


# British spellings written the American way, so that either matches the other (and the
# stemmer, which strips "-ize" but not "-ise", finds "hospital" in "hospitalised"): "-our" of a
# known stem (not "four", "hour", "tour"), "-tre", "-ise"/"-yse" after a consonant but not
# where "-ise" is no suffix ("promise", "advertise", "exercise"), "-ence" of four nouns,
# "-ogue" and a few single words
_SPELLINGS = (
    (
        re.compile(
            r"^(colo|hono|labo|favo|behavio|neighbo|harbo|rumo|humo|vigo|flavo|savo|endeavo|"
            r"armo|rigo|odo|valo|vapo|parlo|splendo|savio|clamo|tumo|cando|ardo)ur"
        ),
        r"\1r",
    ),
    (
        re.compile(
            r"^(cent|met|lit|theat|spect|scept|lust|mit|kilomet|centimet|millimet|fib|calib|"
            r"sab|somb)re(s|d)?$"
        ),
        r"\1er\2",
    ),
    (
        re.compile(
            r"^(?!(?:prom|exerc|surpr|advert|enterpr|telev|rev|adv|compr|comprom|franch|expert|"
            r"merchand|prem|otherw|superv|improv|disgu|desp|chast|circumc|inc|exc|conc|prec|"
            r"parad|treat|dem|repr|appr|dev)is)(.{3,}[^aeiou\W])is(e|es|ed|ing|ation|ations|er|ers)$"
        ),
        r"\1iz\2",
    ),
    (re.compile(r"^(.{2,}l)ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
    (re.compile(r"^(catal|dial|anal|prol|epil|monol)ogue(s|d)?$"), r"\1og\2"),
)
_WORDS = {"programme": "program", "programmes": "programs", "grey": "gray"}
_WORDS |= {"aluminium": "aluminum", "jewellery": "jewelry", "manoeuvre": "maneuver"}


def american(word: str) -> str:
    """A lower-cased word in American spelling ("labour" -> "labor", "centre" -> "center",
    "hospitalised" -> "hospitalized"); other words as they are."""
    if word in _WORDS:
        return _WORDS[word]
    for pattern, spelling in _SPELLINGS:
        if pattern.match(word):
            return pattern.sub(spelling, word)
    return word


STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)  # the stop words as `stem` writes them

WORD = re.compile(r"[\w’'\-]+")


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word in `text`, stop words included (for distances)."""
    return [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words minus stop words: what a matching sentence should share."""
    return [w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in STOPWORDS]


def sigmoid(z: float) -> float:
    """The logistic function, clipped so that no score overflows `math.exp`."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# SQuAD's answer comparison (the official v1.1 script's normalisation and word-overlap F1):
# `kit.evaluation` scores with it, and the rules reader weighs overlapping readings with it.
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = frozenset(string.punctuation) | {"’", "‘", "“", "”"}


def normalize_answer(text: str) -> str:
    """Lower case, no punctuation, no articles, single spaces (the SQuAD script's rule)."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def word_bag(text: str) -> Counter[str]:
    return Counter(normalize_answer(text).split())


def bag_f1(predicted: Counter[str], truth: Counter[str]) -> float:
    """Token-overlap F1 of two normalised word bags (SQuAD's F1)."""
    same = sum((predicted & truth).values())
    if same == 0:
        return 0.0
    precision, recall = same / sum(predicted.values()), same / sum(truth.values())
    return 2 * precision * recall / (precision + recall)
