"""Issue 12, twelfth round, from the twelfth held-out set's encyclopedic text: years before
1800, a verb that lacks, a word denied by "non-", a cleft, an amount word beside a date,
and a date of another one of a series. Texts here are invented
for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.claim_parts import split_claim
from kit.checking.places import _non_conflict
from kit.checking.prefixes import compare_prefix
from kit.checking.stance import _compare_when
from kit.language.dates import find_dates
from kit.language.facts import analyse
from kit.language.quantities import find_quantities

from .test_claims_round11 import verdicts


def test_a_year_before_1800_is_a_date_after_a_day_and_month_or_a_word_that_dates_it() -> None:
    assert [(d.year, d.month, d.day) for d in find_dates("She died on 10 July 1584.")] == [
        (1584, 7, 10)
    ]
    assert [d.year for d in find_dates("In 1618 the synod met.")] == [1618]
    assert find_quantities("In 1618 the synod met.") == []
    # a count stays a count: "of", "by" and "from" count, and so does a plural after it
    for text, value in (("a force of 1700 men", 1700), ("It rose by 1200.", 1200)):
        assert [q.value for q in find_quantities(text)] == [value]
    assert [q.value for q in find_quantities("in 1500 villages")] == [1500]


def test_an_earlier_date_or_year_is_compared_as_a_date() -> None:
    text = "After the murder of the Count of Arden (10 July 1584), the estates declined the crown."
    assert verdicts(text, "The Count of Arden was murdered on 10 July 1588.") == ["refuted"]
    text = "In 1618 the synod of Kell met, which led to the banning of the Marran faith."
    assert verdicts(text, "The synod of Kell in 1618 ended with the Marran faith approved.") != [
        "supported"
    ]


def test_a_verb_that_lacks_denies_its_object_and_lack_of_does_not() -> None:
    assert "digest" in analyse("The worms lack a digestive tract.").negated
    assert "water" not in analyse("The lack of water killed the crop.").negated
    text = "The worm has no digestive tract and relies on its symbionts for food."
    assert verdicts(text, "The worm lacks a digestive tract.") == ["supported"]


def test_a_word_denied_by_non_is_not_stated_by_the_plain_word() -> None:
    claim = "In mammals and plants, most of the genome consists of non-repetitive DNA."
    assert _non_conflict(claim, "In mammals, most of the genome is composed of repetitive DNA.")
    assert not _non_conflict(claim, "In mammals, most of the genome is non-repetitive DNA.")
    assert not _non_conflict(claim, "Both repetitive and non-repetitive DNA were found.")
    assert not _non_conflict("The genome is small.", "Its non-coding regions are small.")


def test_a_cleft_states_its_focus_in_its_clause() -> None:
    parts = split_claim("It was Lord Arden who said the vote was lost.")
    assert (parts.speaker, parts.statement) == ("Lord Arden", "The vote was lost.")
    assert split_claim("It is likely that Arden lost.").statement == "It is likely that Arden lost."
    text = 'As a later prime minister, Lord Melbury, said, "It matters not what we say."'
    claim = "It was Robert Walpole who said, 'It matters not what we say.'"
    assert verdicts(text, claim) != ["supported"]


def test_an_amount_word_beside_a_date_must_be_said_too() -> None:
    text = (
        "In the State of Arden more than 50% of all pupils attended a comprehensive school in"
        " 2007, while in the State of Belmar less than 1% did."
    )
    claim = "In 2007 more than half of all pupils in the State of Belmar attended a comprehensive"
    assert verdicts(text, claim + " school.") != ["supported"]


def test_a_date_of_another_one_of_a_series_is_not_the_claims() -> None:
    text = (
        "Harbour Island elects one member of the Senate of Arden. The first election was held"
        " on 21 September 2008 with the last election in September 2014."
    )
    claim = "Harbour Island's first election for its seat in the Senate of Arden was held in"
    wrong, right = verdicts(text, claim + " September 2014.", claim + " September 2008.")
    assert wrong != "supported"
    assert right == "supported"


def test_a_contrast_says_the_claims_words_of_another_subject() -> None:
    text = (
        "During the Age of Reason, philosophers such as John Arden advocated the principle of"
        " divided powers in their writings, whereas others, such as Thomas Belmar, strongly"
        " opposed it."
    )
    other, own = verdicts(
        text,
        "Thomas Belmar was one of the philosophers who advocated the principle of divided powers.",
        "John Arden was one of the philosophers who advocated the principle of divided powers.",
    )
    assert other != "supported"
    assert own == "supported"


def test_a_name_placed_by_the_compass_otherwise_is_not_confirmed() -> None:
    text = (
        "Arden lies between the River Kell to the east and the River Mor to the west; both"
        " rivers flow into the harbour of Arden Sound."
    )
    wrong, right = verdicts(
        text,
        "Arden has the River Kell on its west side and the River Mor on its east.",
        "Arden has the River Kell on its east side and the River Mor on its west.",
    )
    assert wrong != "supported"
    assert right == "supported"


def test_a_date_the_claim_gives_to_something_else_is_no_mismatch() -> None:
    claim = analyse("A 2011 Arden Institute survey counted 2.2 billion Christians in 2010.")
    sentence = analyse(
        "A 2011 Arden Institute survey found that 76.2% of Europeans are Christians."
    )
    assert "mismatch" not in [f.outcome for f in _compare_when(claim, sentence, True)]
    other = analyse("In 2012 the Arden Institute survey counted 2.2 billion Christians.")
    assert "mismatch" in [f.outcome for f in _compare_when(claim, other, True)]
    # the year of the survey's name tells another survey: it says nothing of the claim's
    another = analyse("A 2012 Arden Institute survey found that 76.2% of Europeans are Christians.")
    assert "mismatch" not in [f.outcome for f in _compare_when(claim, another, True)]


def test_a_sentence_that_says_the_plain_word_too_denies_nothing_by_its_prefix() -> None:
    claim = analyse("Of the 100 reserved files, 30 were eventually published.")
    both = analyse("Eventually 30 of the 100 files were published; 70 remained unpublished.")
    assert compare_prefix(claim, both) == []
    assert compare_prefix(claim, analyse("The 100 files remained unpublished.")) != []


def test_a_date_of_another_persons_act_in_a_subordinate_clause_is_no_mismatch() -> None:
    claim = analyse("Marta Arden presented her paper at the Kell conference in 1966.")
    sentence = analyse(
        "At the conference, Marta Arden presented a paper in which she challenged the view of"
        " foragers' lives as short, as Thomas Hobbes had put it in 1651."
    )
    assert "mismatch" not in [f.outcome for f in _compare_when(claim, sentence, True)]
    own = analyse("At the conference in 1651, Marta Arden presented a paper on foragers.")
    assert "mismatch" in [f.outcome for f in _compare_when(claim, own, True)]


def test_a_date_the_sentence_gives_to_another_verb_is_not_the_claims() -> None:
    text = (
        "The Carters of Arden were granted guild status in 1446 and in 1514 the guild became"
        " the Worshipful Company of Wheelwrights."
    )
    wrong, right, other = verdicts(
        text,
        "The Carters of Arden became the Worshipful Company of Wheelwrights in 1446.",
        "The Carters of Arden became the Worshipful Company of Wheelwrights in 1514.",
        "The Carters of Arden were granted guild status in 1446.",
    )
    assert wrong != "supported"
    assert right == other == "supported"
