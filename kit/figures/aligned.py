"""One quantity across reports, whatever each report's key leaves unsaid.

Two reports of one event rarely word a quantity alike. One says "64 people were injured",
another "Around 70 passengers were injured"; one "Thirty-four houses were destroyed", another
"about 30 houses" with no verb the parse keeps. Their keys differ only in what one of them
leaves unsaid, and the values may differ too: that is what a comparison is for.

A key that says less joins the one key that says more, when only one fits:

- the same counted noun (or dimension and label), the same holder, place and period (a
  count for a named place is a part, not the whole: "shot down" and "shot down over
  London" stay two), and an event only the other key states ("count|house" and
  "count|house|destroyed");
- "people" (or a count with no noun) and a named kind of people that the same news event
  befalls ("count|people|injured" and "count|passenger|injured"): the verb says they are
  people.

Keys of one event (or none) whose nouns differ and whose labels read alike to the sentence
encoder ("houses destroyed" / "homes destroyed", cosine >= 0.8; "soldiers killed" /
"civilians killed" read 0.73) are one kind said in other words: each joins the one key it
reads like.

The same change ("more", "fewer") and range end are needed on both sides, and values of one
order: within a factor of two (1.5 where one report says "people" and the other names
their kind), so that "at least 20 people died" is not taken for "two children died". When
the lesser key could join two or more keys ("count|people" in a corpus that counts people
killed and people injured), it joins none. Two keys that one article states both are two
quantities there, so they never end up in one group, directly or through a third key:
whatever the other reports say, a report's "people killed" and "people injured" stay
apart. Nor do keys whose sentences name places and never the same one ("killing two
civilians" in Sumy, "killing four" in Nova Kakhovka): they are counts of two attacks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from kit.figures.labels import _PEOPLE_VERBS
from kit.figures.restated import _Parts, _parts
from kit.index.encoder import MiniLMEncoder
from kit.language.measures import parse

__all__ = ["align_keys"]

_GENERIC = frozenset(["", "people", "person"])
_PLACES = frozenset(["GPE", "LOC", "FAC"])
NEAR_VALUE = 2.0  # the most two reports' values of one quantity differ by (the larger / smaller)
NEAR_KIND = 1.5  # the same when the two reports name what is counted in other words
SAME_KIND = 0.8  # how alike (cosine) two labels must read to name one kind ("homes destroyed")


@dataclass
class _Keys:
    """The corpus's keys, what is known of each, and the groups they are joined into."""

    parts: dict[str, _Parts] = field(default_factory=dict)
    places: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    values: defaultdict[str, set[float]] = field(default_factory=lambda: defaultdict(set))
    labels: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    together: set[frozenset[str]] = field(default_factory=set)
    home_of: dict[str, str] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)

    def join(self, key: str, other: str, ratio: float) -> bool:
        """Join the groups of two keys when nothing forbids it (module docstring)."""
        mine, home = self.home_of[key], self.home_of[other]
        if mine == home:
            return False
        if not _near(self.members[mine], self.members[home], self.values, ratio):
            return False  # "at least 20 people died" is not "two children died"
        if _elsewhere(self.members[mine], self.members[home], self.places):
            return False  # "killing two civilians" in Sumy, "killing four" in Nova Kakhovka
        pairs = ((a, b) for a in self.members[mine] for b in self.members[home])
        if any(frozenset(pair) in self.together for pair in pairs):
            return False  # one article states both: two quantities
        for moved in self.members[mine]:
            self.home_of[moved] = home
        self.members[home] |= self.members.pop(mine)
        return True


def align_keys(rows: list[dict[str, Any]]) -> None:
    """Give each key that says less the one key of the corpus that says more, and line up
    keys that name one kind in other words (module docstring). `rows`: the whole corpus's
    figure rows with their `measure`."""
    known = _Keys()
    by_article: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = str(row["measure"])
        parts = _parts(key)
        if parts is not None and row["kind"] != "vague":
            known.parts[key] = parts
            by_article[str(row["source"])].add(key)
            known.places[key] |= _places(str(row["sentence"]))
            known.values[key].add(float(row["value"]))
            known.labels[key][str(row["quantity"])] += 1
    for article in by_article.values():
        known.together.update(frozenset(pair) for pair in combinations(sorted(article), 2))
    known.home_of = {key: key for key in known.parts}
    known.members = {key: {key} for key in known.parts}
    buckets: defaultdict[tuple[Any, ...], list[str]] = defaultdict(list)
    for key, parts in sorted(known.parts.items()):
        buckets[_bucket(parts)].append(key)
    for lesser in sorted(known.parts):
        near = buckets[_bucket(known.parts[lesser])]
        fits = {known.home_of[k] for k in near if _says_more(known.parts[lesser], known.parts[k])}
        fits.discard(known.home_of[lesser])
        if len(fits) == 1:
            (home,) = fits
            same = known.parts[lesser].noun == known.parts[home].noun
            known.join(lesser, home, NEAR_VALUE if same else NEAR_KIND)
    for near in buckets.values():
        by_event: defaultdict[str | None, list[str]] = defaultdict(list)
        for key in near:
            by_event[known.parts[key].event].append(key)
        for same_event in by_event.values():  # only keys of one event may name one kind
            _same_kinds(known, same_event)
    for row in rows:
        row["measure"] = known.home_of.get(str(row["measure"]), row["measure"])


def _same_kinds(known: _Keys, bucket: list[str]) -> None:
    """Keys of one event whose nouns differ but whose labels read alike ("houses destroyed",
    "homes destroyed"; "miners underground", "workers underground"): each joins the one key
    it reads like, the most alike first."""
    pairs = [
        (a, b)
        for a, b in combinations(bucket, 2)
        if _other_words(known.parts[a], known.parts[b])
        and frozenset((a, b)) not in known.together
        and _near({a}, {b}, known.values, NEAR_KIND)
    ]
    if not pairs:
        return
    label = {k: known.labels[k].most_common(1)[0][0] for pair in pairs for k in pair}
    texts = sorted(set(label.values()))
    vectors = dict(zip(texts, MiniLMEncoder.shared().encode(texts), strict=True))
    alike = [(float(vectors[label[a]] @ vectors[label[b]]), a, b) for a, b in pairs]
    alike = [t for t in alike if t[0] >= SAME_KIND]
    count = Counter(k for _, a, b in alike for k in (a, b))
    for _, a, b in sorted(alike, reverse=True):
        if count[a] == 1 or count[b] == 1:  # only one reading fits one of them
            known.join(a, b, NEAR_KIND)


def _other_words(a: _Parts, b: _Parts) -> bool:
    """Two keys of one event and bucket that name what they count with other nouns."""
    nouns = {a.noun, b.noun}
    return a.event == b.event and len(nouns) == 2 and not nouns & _GENERIC


def _near(mine: set[str], home: set[str], values: dict[str, set[float]], ratio: float) -> bool:
    """Whether a value of one group is within `ratio` of a value of the other: two reports of
    one quantity seldom differ more ("at least 12", 15; 64, "around 70")."""
    here = [v for k in mine for v in values[k] if v > 0]
    there = [v for k in home for v in values[k] if v > 0]
    return any(max(a, b) <= ratio * min(a, b) for a in here for b in there)


def _bucket(parts: _Parts) -> tuple[Any, ...]:
    """What two keys must share to be one (`_says_more`), so that each key is tried only
    against keys it could join."""
    return (parts.dim, parts.change, parts.end, parts.holder, parts.place, parts.period)


def _places(sentence: str) -> set[str]:
    doc = parse(sentence)
    return {e.text for e in doc.ents if e.label_ in _PLACES} if doc is not None else set()


def _elsewhere(mine: set[str], home: set[str], places: dict[str, set[str]]) -> bool:
    """Whether the sentences of two groups of keys name places, and never the same one."""
    here = set().union(*(places[k] for k in mine))
    there = set().union(*(places[k] for k in home))
    return bool(here and there) and not here & there


def _says_more(lesser: _Parts, other: _Parts) -> bool:
    """Whether `other` states everything `lesser` does and more (module docstring)."""
    if lesser.noun != other.noun:
        people = lesser.event is not None and lesser.event == other.event
        if not (people and lesser.event in _PEOPLE_VERBS and lesser.noun in _GENERIC):
            return False
        if other.noun in _GENERIC:
            return False
    if _bucket(lesser) != _bucket(other):
        return False  # "shot down" nationwide and "shot down@London" are two counts
    if lesser.event is not None and lesser.event != other.event:
        return False
    more = lesser.event is None and other.event is not None
    return more or lesser.noun != other.noun
