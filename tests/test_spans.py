from __future__ import annotations

import pytest

from kit.spans import Span, SpanError


def test_of_cuts_the_quote_from_the_text() -> None:
    span = Span.of("s", "The Oreshnik reached Mach 11.", 21, 28)
    assert span.quote == "Mach 11"
    assert span.to_dict() == {"source": "s", "start": 21, "end": 28, "quote": "Mach 11"}


def test_of_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(SpanError, match="outside"):
        Span.of("s", "short", 2, 9)


def test_verify_catches_a_quote_that_does_not_match() -> None:
    span = Span("s", 0, 3, "abc")
    span.verify("abcdef")
    with pytest.raises(SpanError, match="reads 'xbc'"):
        span.verify("xbcdef")


def test_contains() -> None:
    outer, inner = Span("s", 0, 10, "0123456789"), Span("s", 2, 4, "23")
    assert outer.contains(inner)
    assert not inner.contains(outer)
    assert not outer.contains(Span("t", 2, 4, "23"))
