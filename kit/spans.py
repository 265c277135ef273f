"""The one cited-span type: every quote the kit shows is a `Span` of an original text."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any


class SpanError(ValueError):
    """A span whose offsets do not reproduce its quote: a bug, never shown as evidence."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` of one source's original text.

    The invariant `original_text[start:end] == quote` is checked by `Span.of` and `verify`.
    """

    source: str
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, source: str, text: str, start: int, end: int) -> Span:
        """Cut a span out of `text` (the source's original text); offsets are validated."""
        if not 0 <= start <= end <= len(text):
            raise SpanError(f"span {start}:{end} is outside {source!r} (length {len(text)})")
        return cls(source, start, end, text[start:end])

    def holds(self, text: str) -> bool:
        """Whether `text[start:end] == quote`: the citation invariant."""
        return text[self.start : self.end] == self.quote

    def verify(self, text: str) -> None:
        """Raise `SpanError` unless the invariant holds."""
        if not self.holds(text):
            raise SpanError(
                f"span {self.start}:{self.end} of {self.source!r} reads "
                f"{text[self.start : self.end]!r}, not {self.quote!r}"
            )

    def contains(self, other: Span) -> bool:
        return self.source == other.source and self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "start": self.start, "end": self.end, "quote": self.quote}


def highlight(sentence: Span, quote: Span, *, before: str, after: str, escape: bool) -> str:
    """The sentence with the quote wrapped in `before`/`after` (offsets are absolute); with
    `escape`, the text is HTML-escaped and the wrappers are not."""
    cut_start = quote.start - sentence.start
    cut_end = quote.end - sentence.start
    text = sentence.quote
    parts = [text[:cut_start], text[cut_start:cut_end], text[cut_end:]]
    if escape:
        parts = [html.escape(p) for p in parts]
    return f"{parts[0]}{before}{parts[1]}{after}{parts[2]}"
