"""The `measure` key of a figure row: what it measures, in canonical words, the key
`kit.figures.compare` groups figures of different articles by.

A count's key is its counted noun and its event, both in dictionary form ("count|drone|
launched", "count|people|killed"), so that "188 drones were launched", "launching 188 drones"
and "1 drone launched" line up, and "15 people were killed", "Twelve people died", "a person
was killed" and "the death toll" share "count|people|killed" (the news verbs of
`kit.figures.labels` map to one participle; any other verb is its lemma, whatever its tense or
voice). A reporting verb is no event: "3,728 cases have been reported" and "a total of 5,667
cases" are both "count|case". Other amounts key by the dimension of their unit and their label
("length|river level", "%|share of vote").

Two passes over the whole corpus then say what a figure leaves unsaid, when only one reading
fits: a count with an event but no noun ("Floods kill 15", "infected over 4,200") takes the
noun that the corpus's other counts of that event have, and a bare noun ("5,667 cases") the
modifiers of the one modified variant the corpus has ("measles cases"). The article's own
figures are asked first, then the others; two candidates, and the figure keeps its key.

A gap between two counts ("300 delegates fewer than Biden") and a number added to a total
("32,000 more deaths", "15 delegates for a running total of 60") are other quantities. A
modifier that names the whole ("the popular vote", "the total vote") is left out of a label.

A named place and a stated period are part of the key ("count|people|killed@Italy", "...
[in 2013]"): a count for another place or period is another quantity. A figure of which
nothing is known gets a key of its own and compares with nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kit.figures.labels import (
    _AREA_UNITS,
    _DIMENSION_NAMES,
    _LENGTH_UNITS,
    _MONEY_UNITS,
    _SPEED_UNITS,
    _STOP,
    _TIME_UNITS,
    _VERB_FORMS,
    _VERBS,
)
from kit.language.attribution import REPORT_VERBS
from kit.language.lemmas import lemma
from kit.language.measures import only_compounds

__all__ = ["back_references", "fill_unsaid", "measure_key"]

# Tallies that name a count and its event in one word ("the death toll rose to 15").
_TALLY_MEANS = {"death toll": ("people", "killed"), "toll": ("people", "killed")}
_TALLY_MEANS |= {"deaths": ("people", "killed"), "dead": ("people", "killed")}
_TALLY_MEANS |= {"fatalities": ("people", "killed"), "number killed": ("people", "killed")}
# Counts that name one thing in two ways ("36 infections", "58 cases", "36 people infected").
_SAME_COUNT = {"count|infection": "count|case", "count|people|infect": "count|case"}
_SAME_COUNT |= {"count||infect": "count|case"}
# Lives a disaster claimed, took or cost are people killed ("has claimed nine lives").
_SAME_COUNT |= {f"count|life|{verb}": "count|people|killed" for verb in ("claim", "seized", "cost")}
_PLACE_WORDS = frozenset("in at into on".split())  # "people in emergency shelters"
_SUFFIX = re.compile(r"(?:\|(?:low|high))?(?:@[^\[]*)?(?: \[[^\]]*\])?$")
_ADDED = frozenset("more additional further extra new".split())
_GAP = frozenset("more fewer less".split())
_FOR_TOTAL = re.compile(r"(?:\s+[a-z]+){0,2},?\s+for\s+an?\s+(?:[a-z]+\s+)?total\s+of\b")
_WHOLE = frozenset("popular total overall entire whole".split())
_BACK = re.compile(r"\b(?:these|those|the same)\s+$", re.I)
_SHARES = frozenset(["%", "pp", "fraction"])
_UNKNOWN = frozenset(["count", "duration", "distance"])


def measure_key(row: dict[str, Any]) -> str:
    """What a row measures, in canonical words (see the module docstring)."""
    label, unit = str(row["quantity"]), str(row["unit"])
    if unit == "count":
        key = _count_key(row, label)
    elif label in _UNKNOWN or _of_what_unsaid(label, unit):
        key = None  # "92% had been reached": a percentage of what, the sentence does not say
    else:
        key = f"{_dimension(unit)}|{_words(label)}"
        if unit in _SHARES and row.get("_holder"):  # "Biden won with about 48% of the vote"
            key += f" of {row['_holder']}"
    if key is None:
        return f"{unit}|?{row['source']}:{row['start']}"  # nothing known: compares with nothing
    if row.get("_range"):
        key += f"|{row['_range']}"  # the two ends of "from 45% to 60%" are two figures
    if row.get("place"):
        key += "@" + str(row["place"]).split(" ", 1)[-1]
    return f"{key} [{row['_period']}]" if row.get("_period") else key


def _of_what_unsaid(label: str, unit: str) -> bool:
    """A share or an amount labelled by its unit alone ("percentage", "fraction", "amount"):
    what it is a share or amount of is unknown."""
    if unit in _MONEY_UNITS:
        return label == "amount"
    return unit in _SHARES and label == _DIMENSION_NAMES.get(unit, unit)


def _count_key(row: dict[str, Any], label: str) -> str | None:
    noun, verb = row["noun"] or row.get("_borrowed"), row["verb"] or row.get("_event")
    held = row.get("_holder") if not row.get("_owner") and not row.get("place") else None
    named = noun or (label if label.isalpha() and label not in _UNKNOWN else None)
    if held and named:  # "Sanders had 60 delegates", "all 25 of Nevada's delegates": his
        return _change(row, f"count|{noun_key(str(named))} of {held}")
    if row.get("_borrowed") and label in _UNKNOWN:
        label = str(noun)
    if label in _TALLY_MEANS or label.endswith(" toll"):  # "Riverton flood toll"
        noun, verb = _TALLY_MEANS.get(label, _TALLY_MEANS["toll"])
    elif noun in _TALLY_MEANS:  # "53 measles related deaths"
        noun, verb = _TALLY_MEANS[noun]
    event = event_key(verb)
    if label in _UNKNOWN or label.endswith("(count)"):
        bare = f"count||{event}" if event else None  # `fill_unsaid` may find the noun
        return _SAME_COUNT.get(bare, bare) if bare else None
    if noun and event:
        key = f"count|{noun_key(str(noun))}|{event}"
    elif noun and verb:  # a reporting verb: "3,728 cases have been reported"
        key = f"count|{noun_key(str(noun))}"
    else:
        key = f"count|{_words(label)}"
    key = _SAME_COUNT.get(key, key)
    if row.get("_owner"):  # "one MP of the People's Party": that party's MPs
        what, _, event_part = key.partition("|")[2].partition("|")
        key = f"count|{what} of {row['_owner']}" + (f"|{event_part}" if event_part else "")
    return _change(row, key)


def _change(row: dict[str, Any], key: str) -> str:
    """A key for a gap between counts or a number added to one: another quantity."""
    if _fewer(row):
        return f"{key}|fewer"
    return f"{key}|more" if _increment(row) else key


def _increment(row: dict[str, Any]) -> bool:
    """ "32,000 more deaths", "five additional cases", "earning 15 delegates for a running
    total of 60": a number added to a total, not one."""
    if "_sentence_start" not in row:
        return False
    after = str(row["sentence"])[row["number_end"] - row["_sentence_start"] :]
    first = after.split()[:1]
    return (bool(first) and first[0].lower() in _ADDED) or bool(_FOR_TOTAL.match(after))


def _fewer(row: dict[str, Any]) -> bool:
    """ "around 300 delegates fewer than Biden": the gap between two counts, not a count."""
    if "_sentence_start" not in row:
        return False
    after = str(row["sentence"])[row["number_end"] - row["_sentence_start"] :].lower().split()
    if after and after[0] == str(row["noun"]).lower():
        after = after[1:]
    return len(after) >= 2 and after[0] in _GAP and after[1] == "than"


def noun_key(noun: str) -> str:
    """A counted noun in dictionary form: "drones" -> "drone", "person" -> "people" (the
    plural English uses for it)."""
    word = lemma(noun, "NOUN")
    return "people" if word == "person" else word


def event_key(verb: Any) -> str | None:
    """An event in one form: a news verb's canonical participle ("died" -> "killed"), else
    the verb's lemma ("submitted", "submit" -> "submit"); None for a reporting verb."""
    if not verb:
        return None
    verb = str(verb)
    if verb in _VERB_FORMS:
        return verb
    first, *rest = verb.split()
    if first in _PLACE_WORDS:  # "in emergency shelters": where, not a verb
        return " ".join([first, *map(noun_key, rest)])
    base = lemma(first, "VERB")
    canon = _VERBS.get(first) or _VERBS.get(base)
    if canon:
        return canon
    if base in _reporting():
        return None
    return " ".join([base, *rest])


@lru_cache(maxsize=1)
def _reporting() -> frozenset[str]:
    """Reporting verbs as lemmas ("reported", "confirms" -> report, confirm)."""
    return frozenset(lemma(v, "VERB") for v in REPORT_VERBS) | {
        "record",
        "register",
        "count",
        "tally",
    }


def _words(label: str) -> str:
    """A label with its nouns in dictionary form: "share of votes" -> "share of vote"; a
    modifier that names the whole, not a part, left out ("share of the popular vote" is
    the share of the vote; "the Latino vote" is a part and stays)."""
    words = label.split()
    words = [w for w, after in zip(words, [*words[1:], ""], strict=True) if not _whole(w, after)]
    return " ".join(
        noun_key(w) if w.isalpha() and w.islower() and w not in _STOP else w for w in words
    )


def _whole(word: str, after: str) -> bool:
    return word in _WHOLE and after.isalpha() and after not in _STOP


def _dimension(unit: str) -> str:
    """Units that convert into each other share a dimension (km with mi, km² with ha)."""
    for name, units in (("speed", _SPEED_UNITS), ("length", _LENGTH_UNITS)):
        if unit in units:
            return name
    if unit in _AREA_UNITS:
        return "area"
    return "time" if unit in _TIME_UNITS else unit


def _split(key: str) -> tuple[str, str]:
    """(what, where and when): "count|people|killed@Italy" -> ("count|people|killed", "@Italy")."""
    m = _SUFFIX.search(key)
    at = m.start() if m else len(key)
    return key[:at], key[at:]


def fill_unsaid(rows: list[dict[str, Any]]) -> None:
    """Complete the keys of figures that leave what they count unsaid, from the corpus's
    other figures, where exactly one reading fits (see the module docstring)."""
    _fill(rows, _bare_event, _with_noun)
    _fill(rows, _bare_noun, _with_modifiers, _noun_stated)


def _fill(
    rows: list[dict[str, Any]],
    wanting: Callable[[str], str | None],
    fits: Callable[[str, str], bool],
    eligible: Callable[[dict[str, Any]], bool] = lambda row: True,
) -> None:
    keys = [_split(str(r["measure"])) for r in rows]
    for row, (what, rest) in zip(rows, keys, strict=True):
        need = wanting(what)
        if need is None or not eligible(row):
            continue
        found = [
            (r["source"] == row["source"], w)
            for r, (w, x) in zip(rows, keys, strict=True)
            if x == rest and w != what and fits(need, w)
        ]
        own = {w for mine, w in found if mine}
        candidates = own or {w for _, w in found}  # the article's own figures first
        if len(candidates) == 1:
            row["measure"] = candidates.pop() + rest


def _bare_event(what: str) -> str | None:
    """The event of "count||killed" (a count with no noun), else None."""
    return what[len("count||") :] if what.startswith("count||") else None


def _with_noun(event: str, what: str) -> bool:
    parts = what.split("|")
    return len(parts) == 3 and parts[0] == "count" and parts[1] != "" and parts[2] == event


def _bare_noun(what: str) -> str | None:
    """ "count|case" (a count of a noun alone, no event) or "%|rate": the dimension and noun."""
    parts = what.split("|")
    bare = len(parts) == 2 and parts[1].isalpha()
    return what if bare else None


def _noun_stated(row: dict[str, Any]) -> bool:
    """What is counted or measured is named in the figure's own sentence, not borrowed."""
    named = row["noun"] if row["unit"] == "count" else row["quantity"]
    return bool(named) and str(named).lower() in str(row["sentence"]).lower()


def _with_modifiers(bare: str, what: str) -> bool:
    dimension, noun = bare.split("|")
    parts = what.split("|")
    if len(parts) != 2 or parts[0] != dimension:
        return False
    words = parts[1].split()
    if len(words) < 2 or words[-1] != noun or not all(w.isalpha() for w in words):
        return False
    return only_compounds(parts[1])  # "measles cases" names a kind; "new cases" a subset


_COMPARED = frozenset("higher lower more less fewer greater up down above below".split())


def _compared(row: dict[str, Any]) -> bool:
    """ "25% higher than last year", "up 5%": a figure said as a difference from another."""
    sentence, at = str(row["sentence"]), int(row["_sentence_start"])
    before = sentence[: row["number_start"] - at].split()[-1:]
    after = sentence[row["end"] - at :].split()[:1]
    return bool({w.lower().strip(",.;") for w in before + after} & _COMPARED)


def back_references(rows: list[dict[str, Any]]) -> None:
    """A figure of unknown measure that refers back ("During these five weeks of
    prorogation") measures what the article's earlier figure of that value and unit does;
    a share of nothing named measures what the share before it in its sentence does ("called
    for a 100% immunization rate, and stated 92% had been reached": the rate); any other figure
    of unknown measure in the sentence of a known figure of its value and unit, or the
    sentence after, is that figure said again ("a 40-day modulation. It peaks every 40 days").
    `rows`: one article's, with `_sentence_start`."""
    for i, row in enumerate(rows):
        if "|?" not in str(row["measure"]):
            continue
        if row["unit"] in _SHARES:
            if _compared(row):  # "about 71%, some 25% higher than last year": a difference
                continue
            here = [r for r in rows[:i] if r["sentence_index"] == row["sentence_index"]]
            named = [r for r in here if r["unit"] == row["unit"] and "|?" not in r["measure"]]
            if named:
                row["measure"] = named[-1]["measure"]
            continue
        before = str(row["sentence"])[: row["start"] - row["_sentence_start"]]
        back = bool(_BACK.search(before))  # "these five weeks": any earlier figure of the value
        earlier = (
            r
            for r in reversed(rows[:i])
            if r["unit"] == row["unit"]
            and r["value"] == row["value"]
            and (back or _said_again(row, r))
        )
        same = next(earlier, None)
        if same is not None:
            row["measure"] = same["measure"]


def _said_again(row: dict[str, Any], earlier: dict[str, Any]) -> bool:
    """An earlier figure of known measure in the row's sentence or the one before."""
    near = int(row["sentence_index"]) - int(earlier["sentence_index"]) <= 1
    return near and "|?" not in str(earlier["measure"])
