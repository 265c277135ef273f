"""The dictionary form of a word ("drones" -> "drone", "were killed" -> "kill"), for keys that
must not depend on tense, voice or number (`kit.language.measures`, `kit.figures.measure_keys`).

spaCy's English rule lemmatizer (its rules and exception tables: "took" -> "take",
"children" -> "child") is loaded alone and asked one word at a time: the shared pipeline of
`kit.index.annotate` leaves the lemmatizer out, since only figure keys need lemmas. Without spaCy a
word is only lower-cased.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kit.index.annotate import SPACY_MODEL, spacy_nlp

__all__ = ["lemma"]


def lemma(word: str, pos: str = "NOUN") -> str:
    """The dictionary form of a word as part of speech `pos` ("drones" -> "drone", "children"
    -> "child", "killed" / "kills" / "were killed" -> "kill", "took" -> "take"), by the rules
    and exception tables of spaCy's English lemmatizer; the word lower-cased without spaCy."""
    return _lemma(word.lower(), "VERB" if pos == "AUX" else pos)


@lru_cache(maxsize=50_000)
def _lemma(word: str, pos: str) -> str:
    lemmatizer = _lemmatizer()
    if lemmatizer is None or not word.isalpha():
        return word
    from spacy.tokens import Doc

    doc = Doc(lemmatizer.vocab, words=[word])
    doc[0].pos_ = pos
    forms = lemmatizer.rule_lemmatize(doc[0])
    return str(forms[0]) if forms else word


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    """spaCy's rule lemmatizer alone (the shared pipeline leaves it out: only figure keys
    need lemmas, and these are looked up per word, not run on every sentence). It is built on
    the shared pipeline's vocabulary with the model's own lemma tables, in ~20 ms; loading the
    model a second time for it took ~0.6 s of a cold `kit check`."""
    nlp = spacy_nlp()
    if nlp is None:
        return None
    from spacy.pipeline import Lemmatizer
    from spacy.util import get_package_path

    meta = nlp.meta
    folder = get_package_path(SPACY_MODEL) / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    try:
        lemmatizer = Lemmatizer(nlp.vocab, None, mode="rule")
        lemmatizer.from_disk(folder / "lemmatizer", exclude=["vocab"])
        return lemmatizer
    except (KeyError, OSError, ValueError):
        return None
