"""What makes two readings one answer: a typed value key, and when two figures are near.

"Mach 11" in two articles is one answer with two citations; 76 and "around 80" are two
answers (different values), though each corroborates the other when the reader weighs them.
Names merge when one holds the other as whole words ("Kapustin Yar" in "the Kapustin Yar
missile test range").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from kit.language.quantities import Quantity, same_number

KeyKind = Literal["figure", "date", "name", "words", "expansion", "sentence"]
NEAR_SHARE = 0.1  # figures within 10% in the same unit corroborate each other
T = TypeVar("T")
_ARTICLES = ("the ", "a ", "an ")
_NORMAL = re.compile(r"[^\w ]+")


@dataclass(frozen=True, slots=True)
class AnswerKey:
    """The normalised value of an answer: equal keys are one answer."""

    kind: KeyKind
    text: str = ""  # normalised words (every kind but figures)
    unit: str = ""
    value: float = 0.0
    qualifier: str = ""

    @classmethod
    def figure(cls, q: Quantity) -> AnswerKey:
        return cls("figure", unit=q.unit, value=q.value, qualifier=q.qualifier)

    @classmethod
    def of(cls, kind: KeyKind, text: str) -> AnswerKey:
        """A key from words: lower case, no punctuation, no leading article."""
        lowered = " ".join(_NORMAL.sub(" ", text.lower()).split())
        for article in _ARTICLES:
            lowered = lowered.removeprefix(article)
        return cls(kind, text=lowered)

    @property
    def typed(self) -> bool:
        """Read by a rule of the expected type (a figure, a date, a name), not free words."""
        return self.kind != "words"

    def near(self, other: AnswerKey) -> bool:
        """Figures in the same unit within `NEAR_SHARE` of each other (76 and "around 80"):
        the grammar's `same_number` at a looser tolerance, since readings that corroborate
        each other need not be equal; no unit conversion, a key keeps the unit it was read in."""
        if self.kind != "figure" or other.kind != "figure" or self.unit != other.unit:
            return False
        return same_number(self.value, other.value, within=NEAR_SHARE)

    def holds(self, other: AnswerKey) -> bool:
        """One name's words hold the other's as a whole-word run (names and free words)."""
        if self.kind != other.kind or self.kind not in ("name", "words"):
            return False
        a, b = self.text.split(), other.text.split()
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        return bool(short) and any(
            long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)
        )


def merged_key(
    key: AnswerKey, groups: Collection[AnswerKey], kinds: tuple[KeyKind, ...] = ("name", "words")
) -> AnswerKey:
    """The existing group a key joins: itself when present, else one of `kinds` that holds it
    or that it holds."""
    if key in groups or key.kind not in kinds:
        return key
    return next((existing for existing in groups if existing.holds(key)), key)


def best_per_source(
    members: Iterable[T], source: Callable[[T], str], score: Callable[[T], float]
) -> list[T]:
    """One reading per source (the first seen, members come best first), best first: an
    answer cites each article once."""
    best: dict[str, T] = {}
    for m in members:
        best.setdefault(source(m), m)
    return sorted(best.values(), key=lambda m: -score(m))
