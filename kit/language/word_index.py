"""Where each word occurs in an index's sentences, and the nouns a name goes by.

One `WordIndex` per `Index`, kept by the index (`Index.derived`), so the reader's sentence
ranking and the claim checker share it and it goes when the index goes. It is read in two
keyings, because the two stages cut words differently and their weights are tuned on that:

- `stems`: every word as `kit.language.text.word_spans` cuts it (a hyphenated word whole,
  stop words kept): the reader's IDF and word overlap, "Who is X?" lookups.
- `keys`: the content keys of `kit.language.facts` (hyphenated words split, concepts such as
  "killed" ~ "fatalities", no stop words or numbers, figures and dates masked in the words a
  name is followed by): the claim checker's frequencies and rare-word lookup.

Each keying has its alias table, built the same way: the common nouns that follow a name at
least twice in the corpus ("the Oreshnik missile" -> missile).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from kit.language.facts import analyse, is_content, word_keys
from kit.language.text import STOP_STEMS, word_spans

if TYPE_CHECKING:
    from kit.index.retrieval import Index
    from kit.ingest.passages import Sentence

__all__ = ["ALIAS_COUNT", "ALIAS_MIN", "Postings", "WordIndex", "stems_of", "word_index"]

ALIAS_COUNT = 2  # the nouns a name goes by: its two most frequent followers ...
ALIAS_MIN = 2  # ... that follow it at least twice


def stems_of(text: str) -> set[str]:
    """The stems of every word of `text` (the `stems` keying)."""
    return {w for _, _, w in word_spans(text)}


class Postings:
    """Rows of the sentences that hold each word in one keying, and its alias table.

    `words_of` gives (start, key) of a text's words in order, the sequence a name's followers
    are read from; `noun` says whether a follower's key can be a noun the name goes by."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        keys_of: Callable[[str], Iterable[str]],
        words_of: Callable[[str], Iterable[tuple[int, str]]],
        noun: Callable[[str], bool],
    ) -> None:
        self._sentences = sentences
        self._words_of = words_of
        self._noun = noun
        self._aliases: dict[str, tuple[str, ...]] = {}
        # One cheap pass over the corpus: no sentence's full analysis runs here.
        self.rows: dict[str, list[int]] = {}
        for row, sentence in enumerate(sentences):
            for key in keys_of(sentence.text):
                self.rows.setdefault(key, []).append(row)

    @cached_property
    def frequency(self) -> dict[str, int]:
        """How many sentences hold each key."""
        return {k: len(v) for k, v in self.rows.items()}

    def aliases(self, key: str) -> tuple[str, ...]:
        """Common nouns that directly follow the name `key` ("Oreshnik missile"), most
        frequent first: at most `ALIAS_COUNT`, each seen at least `ALIAS_MIN` times."""
        cached = self._aliases.get(key)
        if cached is None:
            counts: Counter[str] = Counter()
            for row in self.rows.get(key, []):
                text = self._sentences[row].text
                for (_, word), (start, nxt) in pairwise(self._words_of(text)):
                    if word == key and text[start].islower() and self._noun(nxt):
                        counts[nxt] += 1
            cached = tuple(w for w, c in counts.most_common(ALIAS_COUNT) if c >= ALIAS_MIN)
            self._aliases[key] = cached
        return cached


class WordIndex:
    """The word index of one index's sentences, in both keyings (each built on first use)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences

    @cached_property
    def stems(self) -> Postings:
        """The reader's keying: word stems, stop words included."""
        return Postings(self.sentences, stems_of, _stem_words, _not_stop)

    @cached_property
    def keys(self) -> Postings:
        """The claim checker's keying: content keys and concepts."""
        return Postings(self.sentences, word_keys, _key_words, is_content)


def word_index(index: Index) -> WordIndex:
    """The word index of `index`, built once and kept by it."""
    return index.derived("word-index", lambda: WordIndex(index.sentences))


def _stem_words(text: str) -> list[tuple[int, str]]:
    return [(start, w) for start, _, w in word_spans(text)]


def _key_words(text: str) -> list[tuple[int, str]]:
    return [(w.start, w.key) for w in analyse(text).words]


def _not_stop(word_stem: str) -> bool:
    return word_stem not in STOP_STEMS
