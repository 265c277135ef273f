"""A figure restated: the same value in the same unit, stated again in the same or another
article, with a key that says less or says it otherwise, measures what the other one does.

"The mayor Ana Ruiz received 48,312 votes" and "her list, receiving 48,312 votes" are one
count whatever the parse made of each sentence ("count|vote of Ruiz", "count|vote|receive"),
and a "63.4 percent" of which its sentence says too little for a key is the 63.4 percent
another sentence names. Two keys of one value are taken for one measure only when nothing in
them conflicts: the same counted noun (or dimension and label), and for the holder, the
event, the place and the period either the same or left unsaid by one of them (a holder may
be named by its head word alone: "Party", "Harbour Party"); a change ("more", "fewer") or a
range end must be the same. Across articles the value must be one that seldom recurs by
chance (48,312, 66; not "two", "12", "one million", "two-thirds" or a vague "dozens"), and
for a figure of which nothing is known a rarer one still (63.4, 48,312; in its own article
2.9 million will do). In one article any value of one noun is one figure whatever verb
each sentence gives it ("gained 48 seats", "netted an additional 48 seats"; "submit two
articles of impeachment" and "the House passed two articles of impeachment"); two news
events ("lost 37 seats", "gained 37 seats") always keep figures apart. Two nouns in one
article are one count when a key that has only the head noun ("count|pundit|ask") has a
label that names the other's noun ("asked three political pundits", "three political
pundits give ..."), or when one is a count of what the other's noun is one each of ("issued
arrest warrants on 36 people", "among the 36 arrest warrants"). Across articles the people
one news event befalls are one count whatever each calls them ("four skiers were
killed", "four climbers were killed"), for any value; in one article two words stay two
groups ("four guides and four porters were killed"). A round figure and the
precise one it rounds, in one article, are one measure too ("more than two million",
2,048,113).

The figures of one value that may be one measure are clustered so that every pair in a
cluster is compatible, and the cluster takes the key its members say most (the most
specific first): so the restatement lines up with the other figures of that key too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import permutations
from typing import Any

from kit.figures.labels import _PEOPLE_VERBS, _VERB_FORMS
from kit.figures.measure_keys import noun_key

__all__ = ["definite_references", "distinctive", "restated_keys", "rounds_to"]

_KEY = re.compile(
    r"^(?P<dim>[^|]+)\|(?P<what>[^|@\[]*)(?P<tail>(?:\|[^|@\[]+)*?)"
    r"(?:\|(?P<end>low|high))?(?:@(?P<place>[^\[]*?))?(?: \[(?P<period>[^\]]*)\])?$"
)
_CHANGES = frozenset(["more", "fewer"])
_DEFINITE = re.compile(r"\b(?:the|these|those|both|all|all\s+(?:of\s+)?the)\s+$", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_SAME_ONES = frozenset("other different separate".split())  # "the two other stars"


@dataclass(frozen=True)
class _Parts:
    """A measure key cut into its slots; `None` where the key leaves a slot unsaid."""

    dim: str
    noun: str
    holder: str | None
    event: str | None
    change: str | None
    end: str | None
    place: str | None
    period: str | None


def _parts(key: str) -> _Parts | None:
    """The slots of a known key; None for a key of nothing known ("count|?source:12")."""
    if "|?" in key:
        return None
    m = _KEY.match(key)
    if m is None:
        return None
    noun, _, holder = m["what"].rpartition(" of ")
    if not holder[:1].isupper():  # "share of vote": a label; "vote of Castle": whose
        noun, holder = m["what"], ""
    tail = [t for t in m["tail"].split("|") if t]
    change = next((t for t in tail if t in _CHANGES), None)
    events = [t for t in tail if t not in _CHANGES]
    return _Parts(
        m["dim"],
        noun,
        holder or None,
        "|".join(events) or None,
        change,
        m["end"],
        m["place"] or None,
        m["period"],
    )


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _compatible(
    a: _Parts | None,
    b: _Parts | None,
    value: tuple[bool, bool, bool],
    one_article: bool = False,
) -> bool:
    """Could two keys of one value be one measure (see the module docstring)? `value`:
    whether it is distinctive, rare, and measured in a unit. Across articles the value must
    be distinctive, and rare where a key says nothing; in one article two figures of which
    nothing is known are one when measured in one unit ("about 40 days", "the 40 days"). In
    one article any value of one noun is one figure
    whatever verb each sentence gives it ("gained 48 seats", "netted an additional 48
    seats"; "delivered two sucrose pellets", "gives you two pellets"), unless both verbs are
    news events that tell counts apart ("lost", "gained")."""
    distinct, rare, measured = value
    if a is None and b is None and one_article and measured:
        return True  # "about 40 days" ... "It's 40 days" ... "the 40 days"
    if a is None or b is None:
        return distinct if one_article else rare
    if (a.dim, a.change, a.end) != (b.dim, b.change, b.end):
        return False
    if a.noun != b.noun and not (_victims(a, b) and (not one_article or _people(a, b))):
        return False  # in one article "four guides and four porters were killed" are two
    if not (one_article or distinct or _victims(a, b)):
        return False
    events = {a.event, b.event}
    loose = one_article and not events <= _VERB_FORMS.keys()
    slots = ("place", "period") if loose else ("event", "place", "period")
    return _same_holder(a.holder, b.holder) and all(
        _agree(getattr(a, s), getattr(b, s)) for s in slots
    )


def _victims(a: _Parts, b: _Parts) -> bool:
    """Two counts of the people one news event befalls ("seven motorcyclists killed", "seven
    riders killed"): across articles the words for them differ, the count does not."""
    return a.event == b.event and a.event in _PEOPLE_VERBS and bool(a.noun) and bool(b.noun)


def _people(a: _Parts, b: _Parts) -> bool:
    """One of two counts of one news event's victims says only "people" ("kills at least nine
    people" / "at least nine workers")."""
    return "people" in (a.noun, b.noun)


def _other_events(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two rows whose sentences give them two news events ("lost 37 seats", "the Green List
    gained 37 seats"), even where a key leaves the event out for the holder, or two things
    that befell what they count ("nine men were jailed", "the nine men were prosecuted")."""
    verbs = {a.get("verb"), b.get("verb")}
    if len(verbs) == 2 and verbs <= _VERB_FORMS.keys():
        return True
    befell = {a.get("_passive"), b.get("_passive")}  # "nine men were jailed", "were charged"
    return len(befell) == 2 and None not in befell


def _same_holder(a: str | None, b: str | None) -> bool:
    """Holders agree when one is unsaid or one names the other's words ("Party" is how a
    sentence's parse keys "the Harbour Party"; a results line keeps "Harbour Party")."""
    if a is None or b is None:
        return True
    small, large = sorted((set(a.split()), set(b.split())), key=len)
    return small <= large


def distinctive(value: float, unit: str = "count") -> bool:
    """A value that seldom recurs by chance: two significant digits or more, and not a small
    whole number or a simple fraction ("6,777", "2.9 million", "0.15", "66"; not "two", "12",
    "one million" or "two-thirds")."""
    if value <= 0 or unit == "fraction":
        return False
    return _significant(value) >= 2 and (not float(value).is_integer() or value >= 20)


def rare(value: float, unit: str = "count") -> bool:
    """A distinctive value still rarer: three significant digits or more, or a decimal
    ("48,312", "63.4", "0.15"; not "24" or "2.9 million"), for a figure of which nothing is
    known to join another article's."""
    if not distinctive(value, unit):
        return False
    return not float(value).is_integer() or _significant(value) >= 3


def _specific(parts: _Parts | None) -> int:
    if parts is None:
        return 0
    return 1 + sum(x is not None for x in (parts.holder, parts.event, parts.place, parts.period))


def restated_keys(rows: list[dict[str, Any]]) -> None:
    """Give each restated figure the key of the figures it restates (module docstring).
    `rows`: the whole corpus's figure rows with their `measure`. A value that recurs by
    chance is compared within its article, and across articles only among counts of one
    news event's people, so that the work grows with the articles, not their square."""
    buckets: defaultdict[tuple[str, float, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["kind"] == "vague":  # "dozens" is no value to restate
            continue
        unit, value = str(row["unit"]), float(row["value"])
        buckets[(unit, value, "" if distinctive(value, unit) else str(row["source"]))].append(row)
    for same in buckets.values():
        _cluster(same)
    victims: defaultdict[tuple[str, float, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        parts = _parts(str(row["measure"]))
        if parts is not None and parts.event in _PEOPLE_VERBS and row["kind"] != "vague":
            victims[(str(row["unit"]), float(row["value"]), parts.event)].append(row)
    for same in victims.values():
        _cluster(same)
    _rounded(rows)


def _cluster(same: list[dict[str, Any]]) -> None:
    """Cluster figures of one value into compatible sets, each set taking one key."""
    if len({str(r["measure"]) for r in same}) < 2:
        return
    unit, value = str(same[0]["unit"]), float(same[0]["value"])
    tier = (distinctive(value, unit), rare(value, unit), unit != "count")
    clusters: list[list[tuple[dict[str, Any], _Parts | None]]] = []
    for row, parts in zip(same, _as_named(same), strict=True):
        home = next((c for c in clusters if _joins(row, parts, c, tier)), None)
        if home is None:
            clusters.append([(row, parts)])
        else:
            home.append((row, parts))
    for cluster in clusters:
        if len(cluster) > 1:
            _one_key(cluster)


def _significant(value: float) -> int:
    digits = f"{value:.6g}".replace(".", "").lstrip("0").split("e")[0]
    return len(digits.rstrip("0")) if float(value).is_integer() else len(digits)


def rounds_to(precise: float, rounded: float) -> bool:
    """Whether `rounded` is `precise` said to fewer significant digits ("one million" for
    1,051,635, "2,400" for 2,413): a thousand or more, one or two significant digits."""
    digits = _significant(rounded)
    if rounded < 1000 or digits > 2 or _significant(precise) <= digits:
        return False
    scale = 10 ** (len(str(int(rounded))) - digits)
    return round(precise / scale) * scale == rounded


def _rounded(rows: list[dict[str, Any]]) -> None:
    """A round figure and the precise one it rounds, in one article with keys that do not
    conflict, are one measure: both take the more specific key."""
    by_source: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_source[str(row["source"])].append(row)
    for article in by_source.values():
        round_ones = [r for r in article if float(r["value"]) >= 1000 and r["kind"] != "vague"]
        for a in (r for r in round_ones if _significant(float(r["value"])) <= 2):
            for b in article:
                if a["unit"] != b["unit"] or a["measure"] == b["measure"]:
                    continue
                if not rounds_to(float(b["value"]), float(a["value"])):
                    continue
                pa, pb = _parts(str(a["measure"])), _parts(str(b["measure"]))
                if pa is None or pb is None or not _compatible(pa, pb, (False, False, False), True):
                    continue
                if _other_events(a, b):
                    continue
                key = a["measure"] if _specific(pa) > _specific(pb) else b["measure"]
                a["measure"] = b["measure"] = key


def _joins(
    row: dict[str, Any],
    parts: _Parts | None,
    cluster: list[tuple[dict[str, Any], _Parts | None]],
    tier: tuple[bool, bool, bool],
) -> bool:
    """Whether a figure is compatible with every figure of a cluster of its value. Figures
    of which nothing is known are one only in the same time frame ("suspended parliament for
    five weeks yesterday", "it sat for five weeks in 2018")."""
    distinct, rare, measured = tier
    return all(
        (
            _compatible(parts, p, (distinct, rare, measured and _one_frame(r, row)), _one(r, row))
            or (measured and _one(r, row) and _one_frame(r, row) and _weak(r, row))
        )
        and not _other_events(r, row)
        for r, p in cluster
    )


def _weak(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two keys of one value in one article that say little of what the length or time is
    of: nothing known on both sides, or one that names only the state that lasted it ("kept
    duration", "sitting duration", "suspended parliament for five weeks" / "these five
    weeks of prorogation")."""
    unknown = ["|?" in str(r["measure"]) for r in (a, b)]
    return all(unknown) or bool(a.get("_extent") or b.get("_extent"))


def _one(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["source"] == b["source"])


def _one_frame(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same time frame and the same years named in each sentence ("in 2018")."""
    years = [frozenset(_YEAR.findall(str(r["sentence"]))) for r in (a, b)]
    return bool(a.get("time_frame") == b.get("time_frame")) and years[0] == years[1]


def _as_named(same: list[dict[str, Any]]) -> list[_Parts | None]:
    """The keys of figures of one value, with a counted noun said two ways in one article
    taken as one: a key that has only the head noun ("count|pundit|ask") where its own label
    gives it the modifiers another key has ("three political pundits": "count|political
    pundit"), or a count of what another key's noun is one each of ("issued arrest warrants
    on 36 people", "among the 36 arrest warrants": `_one_each`). Every figure of the
    article's key takes the other noun ("the 36 must face charges" too)."""
    parts = [_parts(str(r["measure"])) for r in same]
    nouns: dict[tuple[str, str], str] = {}
    for (a, pa), (b, pb) in permutations(zip(same, parts, strict=True), 2):
        if a["source"] != b["source"] or pa is None or pb is None or pa.noun == pb.noun:
            continue
        if _label_noun(a) == pb.noun or _one_each(a, pb.noun):
            nouns.setdefault((str(a["source"]), str(a["measure"])), pb.noun)
    return [
        p
        if p is None or (str(r["source"]), str(r["measure"])) not in nouns
        else replace(p, noun=nouns[(str(r["source"]), str(r["measure"]))])
        for r, p in zip(same, parts, strict=True)
    ]


_EACH = frozenset("on for against".split())


def _one_each(row: dict[str, Any], noun: str) -> bool:
    """Whether a row's sentence gives its count as the object of `noun`, in the plural, and a
    preposition: one of the noun for each one counted ("issued arrest warrants on 36 people":
    36 warrants; "fines for 12 drivers", "charges against five men"; not "the best way for
    the two nations")."""
    sentence, quote, wanted = str(row["sentence"]), str(row["quote"]), noun.split()
    for m in re.finditer(r"([A-Za-z ]+?)\s+(\w+)\s+(?:the\s+)?" + re.escape(quote), sentence):
        said = m[1].split()
        words = [noun_key(w.lower()) for w in said]
        plural = bool(said) and said[-1].lower() != words[-1]
        if m[2].lower() in _EACH and plural and words[-len(wanted) :] == wanted:
            return True
    return False


def _label_noun(row: dict[str, Any]) -> str | None:
    """The counted noun with its modifiers as a row's label states it ("political pundits"
    -> "political pundit"), when the label is that noun alone (not "people killed")."""
    words = str(row["quantity"]).split()
    noun = str(row["noun"] or "").lower()
    if len(words) < 2 or not noun or words[-1].lower() != noun:
        return None
    return " ".join([*(w.lower() for w in words[:-1]), noun_key(noun)])


def _one_key(cluster: list[tuple[dict[str, Any], _Parts | None]]) -> None:
    said = Counter(str(r["measure"]) for r, _ in cluster)
    rank = {str(r["measure"]): (_specific(p), said[str(r["measure"])]) for r, p in cluster}
    key = max(rank, key=lambda k: rank[k])
    for row, _ in cluster:
        row["measure"] = key


def definite_references(rows: list[dict[str, Any]]) -> None:
    """A count said with a definite determiner ("the two stars", "these five bone tools",
    "all four bone tools") refers back to the article's earlier count of that value of the
    same thing, whatever verb each sentence gives it: "HR 6819 contains two stars" and "the
    two other stars that still exist" are one count of stars, unless the two verbs are news
    events that tell counts apart ("nine men were jailed", "the nine men were prosecuted
    for 22 crimes"). The same thing: one noun, or
    one the other's head word ("bone tool", "tool"), with "other" or "different" set aside;
    the same dimension, change and range end. `rows`: one article's, with
    `_sentence_start`, in reading order."""
    for i, row in enumerate(rows):
        parts = _parts(str(row["measure"]))
        if parts is None or row["kind"] == "vague":
            continue
        before = str(row["sentence"])[: row["number_start"] - row["_sentence_start"]]
        if not _DEFINITE.search(before):
            continue
        earlier = (
            r
            for r in reversed(rows[:i])
            if r["unit"] == row["unit"] and r["value"] == row["value"] and r["kind"] != "vague"
        )
        same = next((r for r in earlier if _one_thing(parts, _parts(str(r["measure"])))), None)
        if same is not None and not _other_events(row, same):
            row["measure"] = same["measure"]


def _one_thing(a: _Parts, b: _Parts | None) -> bool:
    if b is None or (a.dim, a.change, a.end) != (b.dim, b.change, b.end):
        return False
    x, y = (tuple(w for w in p.noun.split() if w not in _SAME_ONES) for p in (a, b))
    short, long = sorted((x, y), key=len)
    return bool(short) and long[len(long) - len(short) :] == short
