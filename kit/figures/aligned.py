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

from collections import defaultdict
from itertools import combinations
from typing import Any

from kit.figures.labels import _PEOPLE_VERBS
from kit.figures.restated import _Parts, _parts
from kit.language.measures import parse

__all__ = ["align_keys"]

_GENERIC = frozenset(["", "people", "person"])
_PLACES = frozenset(["GPE", "LOC", "FAC"])
NEAR_VALUE = 2.0  # the most two reports' values of one quantity differ by (the larger / smaller)
NEAR_KIND = 1.5  # the same when one calls them "people" and the other names their kind


def align_keys(rows: list[dict[str, Any]]) -> None:
    """Give each key that says less the one key of the corpus that says more (module
    docstring). `rows`: the whole corpus's figure rows with their `measure`."""
    keys: dict[str, _Parts] = {}
    places: defaultdict[str, set[str]] = defaultdict(set)
    values: defaultdict[str, set[float]] = defaultdict(set)
    together: set[frozenset[str]] = set()
    by_article: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = str(row["measure"])
        parts = _parts(key)
        if parts is not None and row["kind"] != "vague":
            keys[key] = parts
            by_article[str(row["source"])].add(key)
            places[key] |= _places(str(row["sentence"]))
            values[key].add(float(row["value"]))
    for article in by_article.values():
        together.update(frozenset(pair) for pair in combinations(sorted(article), 2))
    home_of = {key: key for key in keys}
    members = {key: {key} for key in keys}
    buckets: defaultdict[tuple[Any, ...], list[str]] = defaultdict(list)
    for key, parts in sorted(keys.items()):
        buckets[_bucket(parts)].append(key)
    for lesser in sorted(keys):
        mine = home_of[lesser]
        near = buckets[_bucket(keys[lesser])]
        fits = {home_of[k] for k in near if _says_more(keys[lesser], keys[k])} - {mine}
        if len(fits) != 1:
            continue
        (home,) = fits
        near_value = NEAR_VALUE if keys[lesser].noun == keys[home].noun else NEAR_KIND
        if not _near(members[mine], members[home], values, near_value):
            continue  # "at least 20 people died" is not "two children died"
        if _elsewhere(members[mine], members[home], places):
            continue  # "killing two civilians" in Sumy, "killing four" in Nova Kakhovka
        if any(frozenset((a, b)) in together for a in members[mine] for b in members[home]):
            continue  # one article states both: two quantities
        for key in members[mine]:
            home_of[key] = home
        members[home] |= members.pop(mine)
    for row in rows:
        row["measure"] = home_of.get(str(row["measure"]), row["measure"])


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
