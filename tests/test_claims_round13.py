"""Issue 12, thirteenth round, from the fourteenth held-out set's encyclopedic text: a hedge
that opens the sentence ("It is likely that"), "failed to" as a denial and "no other" as none,
a nationality before a full name, a superlative's rank, the claim's act given to another named
subject, another noun after the claim's copula, and a name ending in a generic word. Texts
here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.evidence import _hedges, figure_contrasted, unsaid_numeral
from kit.checking.exclusive import contradiction, order_contradiction
from kit.checking.places import name_present
from kit.checking.roles import across_clauses, another_complement, another_subject
from kit.checking.stance import _named_elsewhere
from kit.language.entities import Name
from kit.language.facts import analyse

from .test_claims_round11 import tells_apart, verdicts


def test_a_sentence_that_says_it_is_likely_states_no_fact() -> None:
    text = (
        "It is likely that opening the Arden branch was part of the bank's plan to win "
        "farmers in the valley."
    )
    claim = "Opening the Arden branch was part of the bank's plan to win farmers in the valley."
    assert verdicts(text, claim) == ["not_enough_info"]
    assert verdicts(claim, claim) == ["supported"]


def test_failed_to_denies_the_act_and_no_other_denies_nothing() -> None:
    assert "find" in analyse("The probe failed to find the wreck.").negated
    assert analyse("No other metal conducts heat as well.").negated == frozenset()
    assert analyse("Not only farmers but traders came.").negated == frozenset()
    text = "The probe did not find the wreck because the sea was too deep."
    assert verdicts(text, "The probe failed to find the wreck.") == ["supported"]
    text = "Copper is used in the coils because it has the highest conductivity of any metal."
    assert verdicts(
        text, "Copper is used in the coils because no other metal conducts as well."
    ) != ["refuted"]


def test_a_nationality_before_a_full_name_qualifies_it() -> None:
    text = (
        "The francophone Swiss Anna Keller produced picture stories beginning in 1827, and "
        "published theories behind the form."
    )
    tells_apart(
        text,
        "The francophone Belgian Anna Keller produced picture stories beginning in 1827.",
        "The francophone Swiss Anna Keller produced picture stories beginning in 1827.",
    )


def test_a_superlative_with_a_rank_is_not_the_superlative() -> None:
    found = contradiction(
        "It became the highest-grossing Danish film in Norway.",
        "It became the second-highest-grossing Danish film in Norway.",
    )
    assert found is not None and (found[0].value, found[1].value) == ("1", "2")
    both = "Arden is the second largest town of the valley and the largest town of the coast."
    assert contradiction("Arden is the largest town.", both) is None


def test_the_claims_act_done_by_another_named_subject_is_not_the_claims() -> None:
    sentence = analyse(
        "In 1783, Anna Keller gave the comet its name when she confirmed Henri Marchand's sighting."
    )
    assert another_subject(analyse("In 1783, Henri Marchand gave the comet its name."), sentence)
    assert not another_subject(analyse("In 1783, Anna Keller gave the comet its name."), sentence)
    shared = analyse("In 1783, Keller and Marchand gave the comet its name.")
    assert not another_subject(analyse("In 1783, Henri Marchand gave the comet its name."), shared)
    acronym = analyse("The Arden Survey Office placed the camp north of the river.")
    assert not another_subject(analyse("The ASO placed the camp north of the river."), acronym)


def test_another_noun_after_the_claims_copula_is_not_the_claims() -> None:
    sentence = analyse("From 1912 until 1918 he was the chairman of the board of the Arden mill.")
    claim = analyse("From 1912 until 1918, Keller was the honorary president of the board.")
    assert another_complement(claim, sentence)
    same = analyse("From 1912 until 1918, Keller was the chairman of the board.")
    assert not another_complement(same, sentence)
    text = "Anna Keller ran the Arden mill. From 1912 until 1918 she was the chairman of its board."
    assert verdicts(text, "From 1912 until 1918, Anna Keller was the president of its board.") != [
        "supported"
    ]


def test_a_name_ending_in_a_generic_word_needs_its_other_words() -> None:
    name = Name(0, 20, "Keller Medical Center", "organisation")
    assert name_present(name, frozenset({"medic", "center"})) is False
    assert name_present(name, frozenset({"keller", "medic", "center"})) is True


def test_a_claim_split_across_two_clauses_of_its_verb_is_not_stated() -> None:
    sentence = analyse(
        "In the Arden school, short vowels are called light vowels, and long vowels are called "
        "heavy vowels."
    )
    assert across_clauses(
        analyse("In the Arden school, long vowels are called light vowels."), sentence
    )
    assert not across_clauses(
        analyse("In the Arden school, long vowels are called heavy vowels."), sentence
    )
    assert not across_clauses(analyse("Short vowels are called light vowels."), sentence)


def test_may_written_as_a_month_hedges_nothing() -> None:
    assert _hedges("Keller reached a career high of number 16 in May 2019.") == []
    assert _hedges("May 5 was the coldest day.") == []
    assert _hedges("The road may close.") == ["may"]


def test_a_number_the_claim_writes_outside_its_figures_must_be_said() -> None:
    claim = analyse("Keller reached a career-high ranking of number 10 in May 2019.")
    assert unsaid_numeral(claim, "Keller reached a career high of number 16 in May 2019.")
    assert not unsaid_numeral(claim, "Keller reached a career high of number 10 in May 2019.")


def test_before_is_contradicted_by_after_of_the_same_phrase() -> None:
    claim = "The mayor resigned before the fraud charges against him were made public."
    sentence = "After the fraud charges against him were made public, the mayor resigned."
    assert order_contradiction(claim, sentence) is not None
    assert order_contradiction(claim, "He resigned before the fraud charges were public.") is None
    assert order_contradiction("He left before the war.", "After the war he wrote a book.") is None


def test_another_noun_after_serves_as_is_not_the_claims() -> None:
    sentence = analyse("Anna Keller serves as Mayor, having first been elected in 2004.")
    assert another_complement(analyse("Anna Keller serves as City Manager."), sentence)
    assert not another_complement(analyse("Anna Keller serves as Mayor."), sentence)
    text = (
        "Arden has had a council-manager government since 1927. Anna Keller serves as Mayor, "
        "having first been elected in 2004, and re-elected in 2008."
    )
    tells_apart(
        text,
        "Anna Keller, first elected in 2004, serves as Arden's City Manager.",
        "Anna Keller, first elected in 2004, serves as Arden's Mayor.",
    )


def test_a_figure_in_the_other_side_of_a_contrast_is_the_other_groups() -> None:
    text = (
        "Keller found that adults in fishing villages work, on average, about 6.5 hours a day, "
        "where as people in mill towns work on average 8.8 hours a day."
    )
    tells_apart(
        text,
        "Keller found that adults in fishing villages work on average about 8.8 hours a day.",
        "Keller found that people in mill towns work on average 8.8 hours a day.",
    )
    sentence = (
        "Adults in fishing villages work 6.5 hours, where as people in mill towns work 8.8 hours."
    )
    claim = analyse("Adults in fishing villages work 8.8 hours.")
    assert figure_contrasted(claim, sentence, sentence.index("8.8"))
    assert not figure_contrasted(claim, sentence, sentence.index("6.5"))


def test_a_date_alone_does_not_support_a_claim_whose_other_words_are_missing() -> None:
    # a guard: on this one-article corpus the claim was not supported before the 60% floor
    # either (the floor itself came from s13_48, whose corpus weighs the words otherwise)
    text = (
        "Under a banner of reducing public drunkenness, the Beer Act of 1830 introduced a new "
        "tier of premises permitted to sell alcohol, the beer houses."
    )
    claim = (
        "Beer houses set up under the 1830 Act were permitted to sell spirits and fortified "
        "wines as well as beer and cider."
    )
    assert verdicts(text, claim) != ["supported"]
    assert verdicts(
        text, "The Beer Act of 1830 introduced beer houses permitted to sell alcohol."
    ) == ["supported"]


def test_a_sentence_that_opens_with_another_name_does_not_speak_of_the_one_before() -> None:
    claim = analyse("Keller College runs its medical school in Arden's harbour district.")
    other = analyse("Marsh Medical Center, in the harbour district, is a teaching hospital.")
    own = frozenset(other.keys | {"arden"})  # Arden, and "College", named in the paragraph
    assert _named_elsewhere(claim, other, own)
    back = analyse("Its medical school, in the harbour district, is a teaching hospital.")
    assert not _named_elsewhere(claim, back, frozenset(back.keys))
    named = analyse("Keller College runs a medical school in Arden's harbour district.")
    assert not _named_elsewhere(claim, named, frozenset(named.keys))
