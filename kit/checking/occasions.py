"""Whether a sentence speaks of the occasion a claim's figures count, before its date is
compared: a date says when something happened, so a sentence about another happening says
nothing of the claim's date.

- "three workers were killed on Sunday" counts the claim's kind of thing with another value
  only: another occasion than "two of the injured workers died on Tuesday";
- "Lukou Airport was opened on 28 June 1997" counts nothing the claim counts: it does not date
  "In 2013 Lukou Airport handled about 15 million passengers".
"""

from __future__ import annotations

from kit.checking.counted import dimension
from kit.language.facts import Facts, Finding, key_of
from kit.language.quantities import compatible

__all__ = ["counts_another_occasion", "counts_nothing_of_it"]


def counts_another_occasion(claim: Facts, sentence: Facts, findings: list[Finding]) -> bool:
    """The sentence counts the claim's kind of thing with other values only, none shown to be
    the claim's count: "three workers were killed on Sunday" is another occasion than "two of
    the injured workers died on Tuesday", so its date says nothing of the claim's."""
    if not claim.quantities or any(f.kind == "quantity" for f in findings):
        return False
    pairs = [(c, e) for c in claim.quantities for e in sentence.quantities]
    pairs = [(c, e) for c, e in pairs if dimension(c) == dimension(e)]
    return bool(pairs) and not any(compatible(c, e) for c, e in pairs)


def counts_nothing_of_it(claim: Facts, sentence: Facts) -> bool:
    """The claim dates what its figures count ("In 2013 the airport handled 15 million
    passengers") and the sentence has no figure of their kind and none of the things they count:
    it dates another happening ("the airport was opened on 28 June 1997")."""
    counted = [q for q in claim.quantities if q.unit == "count" and q.noun]  # not "400 m"
    if not counted or any(
        dimension(q) == dimension(e) for q in counted for e in sentence.quantities
    ):
        return False
    nouns = {key_of(q.noun) for q in counted if q.noun}
    return not nouns & sentence.keys
