"""Issue 12, fourteenth round, from the fifteenth held-out set's encyclopedic text: a
nationality or an adverb in -ly that qualifies the same word otherwise, "was to" as a stated
plan, a name numbered otherwise ("BeiDou-1" / "BeiDou-2"), a figure in brackets after another
name, and a claim that affirms and, by ellipsis, denies one predicate. Texts here are invented
for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.modifiers import modified_otherwise
from kit.checking.names import numbered_otherwise
from kit.checking.roles import unsaid_reason
from kit.language.facts import analyse

from .test_claims_round11 import tells_apart, verdicts


def qualified_apart(sentence: str, otherwise: str, unqualified: str, same: str) -> None:
    """The claim that qualifies the word otherwise is another one; the claim without the
    qualifier, or with the sentence's own, is not."""
    said = analyse(sentence)
    assert modified_otherwise(analyse(otherwise), said)
    assert not modified_otherwise(analyse(unqualified), said)
    assert not modified_otherwise(analyse(same), said)


def test_a_nationality_before_a_common_noun_qualifies_it() -> None:
    qualified_apart(
        "The station was rebuilt with Dutch help after the flood of 1962.",
        "The station was rebuilt with Swedish help after the flood of 1962.",
        "The station was rebuilt with help.",
        "The station was rebuilt with Dutch help.",
    )


def test_an_adverb_in_ly_qualifies_the_word_it_stands_before() -> None:
    qualified_apart(
        "Venetic is distantly related to Latin and to the Umbrian languages.",
        "Venetic is closely related to Latin and to the Umbrian languages.",
        "Venetic is related to Latin.",
        "Venetic is distantly related to Latin.",
    )


def test_was_to_states_a_plan_which_a_denial_contradicts() -> None:
    text = (
        "In March 2009 the Arden Herald reported that the bank was to open a branch in the valley."
    )
    claim = (
        "In March 2009 the Arden Herald reported that the bank would not open a branch in "
        "the valley."
    )
    assert verdicts(text, claim) == ["refuted"]
    aim = "The farmers sued to open a branch in the valley in March 2009."  # an aim, as before
    assert verdicts(aim, "The farmers could not open a branch in the valley in March 2009.") != [
        "refuted"
    ]


def test_a_name_numbered_otherwise_is_another_thing() -> None:
    claim, other = analyse("Orion-2 carries 12 cameras."), analyse("Orion-1 carries 3 cameras.")
    assert numbered_otherwise(claim, other)
    assert not numbered_otherwise(claim, analyse("Orion-1 and Orion-2 carry 12 cameras."))
    assert not numbered_otherwise(analyse("The jet flew at Mach 5."), analyse("It hit Mach 11."))
    assert not numbered_otherwise(analyse("It opened on August 30."), analyse("On August 31."))
    text = (
        "Orion-1, the first probe, carries 3 cameras. Its successor Orion-2 was launched in "
        "2019 and carries 12 cameras."
    )
    assert verdicts(text, "Orion-2 carries 12 cameras.") == ["supported"]
    assert verdicts(
        "Orion-1, the first probe, carries 3 cameras.", "Orion-2 carries 12 cameras."
    ) != ["refuted"]


def test_a_figure_in_brackets_belongs_to_the_name_before_it() -> None:
    text = (
        "The rule of three was first set down by the scholars Aldo Brenner (~900 BC) and "
        "Ivo Castell (~540–480 BC)."
    )
    tells_apart(
        text,
        "Aldo Brenner, one of the scholars who first set down the rule, lived around 500 BC.",
        "Ivo Castell, one of the scholars who first set down the rule, lived around 500 BC.",
    )


def test_a_claim_that_denies_by_ellipsis_is_not_refuted_by_its_own_denial() -> None:
    text = "In the old law, cattle were not taxed within the county."
    claim = "In the old law, land was taxed within the county, but cattle were not."
    assert verdicts(text, claim) != ["refuted"]
    assert verdicts(text, "In the old law, cattle were taxed within the county.") == ["refuted"]


def test_a_reason_the_sentence_does_not_give_is_not_confirmed() -> None:
    text = (
        "In May 2011, Ada Brill announced that the Arden Owls were folding. Her move came "
        "during the league's sale to Corbel Capital, leading to speculation that she had "
        "folded because of the sale."
    )
    claim = (
        "Ada Brill announced in May 2011 that the Arden Owls were folding because of the "
        "league's sale to Corbel Capital."
    )
    assert verdicts(text, claim) == ["not_enough_info"]
    plain = "Ada Brill announced in May 2011 that the Arden Owls were folding."
    assert verdicts(text, plain) == ["supported"]
    assert unsaid_reason(analyse(claim), analyse(text.split(". ")[0]))
    assert not unsaid_reason(analyse(claim), analyse(text))


def test_figures_listed_each_with_its_place_keep_their_places() -> None:
    text = (
        "The Arden Code is a collection of old guild rules (forty in the Northern, twelve in "
        "the Southern Chapter) on trade and training."
    )
    tells_apart(
        text,
        "The Arden Code holds twelve rules in the Northern Chapter and forty in the Southern.",
        "The Arden Code holds forty rules in the Northern Chapter and twelve in the Southern.",
    )


def test_a_figure_keeps_the_condition_it_is_given_with() -> None:
    text = (
        "The glue sets firmly with oak if it is 10–20% moist and with pine if it is 30–45% "
        "moist, the makers say."
    )
    tells_apart(
        text,
        "The glue sets firmly with oak when it is 30–45% moist.",
        "The glue sets firmly with pine when it is 30–45% moist.",
    )
