"""A word denied by a prefix on one side and stated plainly on the other ("nuclear" /
"nonnuclear", "armed" / "unarmed"): a polarity mismatch, read by `kit.checking.stance`."""

from __future__ import annotations

import re

from kit.language.facts import Facts, Finding, is_content, key_of

__all__ = ["compare_prefix"]

_NEG_PREFIX = re.compile(r"(?i)^(?:non-?|un|anti-)(?=[a-z]{3})")


def compare_prefix(claim: Facts, sentence: Facts) -> list[Finding]:
    """A word the claim affirms, denied by a prefix in the sentence ("nuclear" vs "nonnuclear",
    "armed" vs "unarmed"), or the other way round. Only words the other side states plainly
    count, so "under" or "union" never read as a negation."""
    for mine, theirs, flip in ((claim, sentence, False), (sentence, claim, True)):
        plain, own = {w.key for w in theirs.words}, {w.key for w in mine.words}
        for w in mine.words:
            raw = mine.text[w.start : w.end]
            m = _NEG_PREFIX.match(raw)
            if m is None or key_of(raw) in plain:
                continue
            rest = key_of(raw[m.end() :])  # "30 were published; 70 remained unpublished"
            if (
                rest in plain
                and rest not in own
                and is_content(rest)
                and rest not in theirs.negated
            ):
                other = next(o for o in theirs.words if o.key == rest)
                if not _same_form(raw[m.end() :], theirs.text[other.start : other.end]):
                    continue  # "unconstitutional" denies nothing of "the constitution"
                cw, ew = (other, w) if flip else (w, other)
                said = claim.text[cw.start : cw.end]
                return [Finding("polarity", "mismatch", said, ew.start, ew.end)]
    return []


def _same_form(a: str, b: str) -> bool:
    """One word in two inflections at most ("armed" / "arm", "nuclear" / "nuclear"), not
    another part of speech of its stem ("constitutional" / "constitution")."""
    a, b = a.lower().removeprefix("-"), b.lower()
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in ("", "s", "es", "d", "ed", "ing")
