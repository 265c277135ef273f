"""Issue 12, fifteenth round, from the sixteenth held-out set's encyclopedic text: an act given
to the antecedent of "who", a subject and a "from" phrase swapped, a quoted "no", a one-unit
figure joined to its unit, a name set off by a comma from the word before it, an acronym with
its initials in another order, a date of another happening, a claim with two dates and a claim
that orders two acts. Texts here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from kit.checking.names import abbreviates
from kit.checking.occasions import counts_nothing_of_it
from kit.checking.places import order_unsaid
from kit.language.entities import Name
from kit.language.facts import analyse

from .test_claims_round11 import tells_apart, verdicts


def test_the_act_of_a_relative_clause_is_its_antecedents() -> None:
    text = (
        "Ada Brill first argued for a river tax in 1901. The plan was taken up by the "
        "councillor Ivo Castell, who brought the first River Tax Bill to the Arden Council on "
        "3 March 1904."
    )
    tells_apart(
        text,
        "Ada Brill brought the first River Tax Bill to the Arden Council on 3 March 1904.",
        "Ivo Castell brought the first River Tax Bill to the Arden Council on 3 March 1904.",
    )


def test_a_subject_and_a_from_phrase_swapped_is_not_confirmed() -> None:
    text = (
        "In 1996, the Arden council, citing the cost, rejected a proposal from Mayor Ivo "
        "Castell to rename the square."
    )
    tells_apart(
        text,
        "In 1996 Mayor Ivo Castell rejected a proposal from the Arden council to rename the "
        "square.",
        "In 1996 the Arden council rejected a proposal from Mayor Ivo Castell to rename the "
        "square.",
    )


def test_a_quoted_no_is_an_answer_not_a_denial() -> None:
    facts = analyse("The plan was defeated with a 54.5% 'no' vote.")
    assert "vote" not in facts.negated
    assert analyse("The plan got no vote at all.").negated
    text = "In 1992 the Arden referendum on the tax was held and lost with a 61% 'no' vote."
    assert (
        verdicts(text, "In 1992 the Arden referendum on the tax was lost with 61% voting 'no'.")[0]
        != "refuted"
    )


def test_a_one_unit_figure_joined_to_its_unit_is_compared() -> None:
    assert [q.value for q in analyse("She proposed a one-hour shift.").quantities] == [1.0]
    assert analyse("She did it in one night.").quantities == ()
    text = "In 1895 Ada Brill presented a paper to the Arden Society proposing a two-hour shift."
    tells_apart(
        text,
        "In 1895 Ada Brill proposed a one-hour shift to the Arden Society.",
        "In 1895 Ada Brill proposed a two-hour shift to the Arden Society.",
    )


def test_a_name_after_a_comma_does_not_fill_the_words_slot() -> None:
    text = (
        "Arden is a group of volcanic islands. It is the most remote inhabited island in the "
        "sea, lying 900 kilometres from the nearest inhabited land, Belmar, and 1,400 "
        "kilometres from the nearest continental land, Cossa."
    )
    claim = (
        "Lying 900 kilometres from Belmar, its nearest inhabited land, Arden is the most "
        "remote inhabited island in the sea."
    )
    assert verdicts(text, claim) == ["supported"]


def test_an_acronym_may_give_its_initials_in_another_order() -> None:
    university = Name(0, 23, "University of Arden", "org")
    assert abbreviates(Name(0, 2, "AU", "org"), university)
    assert abbreviates(Name(0, 2, "UA", "org"), university)
    assert not abbreviates(Name(0, 2, "AB", "org"), university)
    text = (
        "The University of Arden is a public university. AU's computing department is the "
        "developer of the early Wren text browser."
    )
    assert verdicts(
        text, "The University of Arden's computing department developed the Wren browser."
    ) != ["refuted"]


def test_a_date_of_another_happening_does_not_refute_a_counts_date() -> None:
    claim = analyse("In 2013 Arden Airport handled about 15 million passengers.")
    assert counts_nothing_of_it(claim, analyse("Arden Airport was opened on 28 June 1997."))
    assert not counts_nothing_of_it(claim, analyse("In 2012 Arden Airport handled 9 million."))
    assert not counts_nothing_of_it(claim, analyse("The airport had 12 million passengers."))
    text = "Arden Airport was opened on 28 June 1997, replacing the old field as the main airport."
    assert verdicts(text, "In 2013 Arden Airport handled about 15 million passengers.") != [
        "refuted"
    ]
    dated = "In 2012 Arden Airport handled about 15 million passengers."
    assert verdicts(dated, "In 2013 Arden Airport handled about 15 million passengers.") == [
        "refuted"
    ]


def test_each_date_of_a_claim_must_be_confirmed() -> None:
    text = "On 28 February 1997 the Arden orchestra agreed to admit a woman, Ada Brill, as harpist."
    claim = "Ada Brill, the harpist the Arden orchestra agreed to admit in 1997, retired in 2001."
    assert verdicts(text, claim) == ["not_enough_info"]
    assert verdicts(text, "The Arden orchestra agreed to admit Ada Brill in 1997.") == ["supported"]


def test_a_claim_that_orders_two_acts_needs_the_order_said() -> None:
    claim = analyse("Ivo Castell painted the Arden Bridge before he wrote his Harbour Suite.")
    plain = analyse("Ivo Castell's paintings include the Arden Bridge and his Harbour Suite.")
    assert order_unsaid(claim, plain)
    assert not order_unsaid(claim, analyse("He painted the Arden Bridge, and later wrote it."))
    assert not order_unsaid(analyse("Ivo Castell painted the Arden Bridge."), plain)
    text = (
        "Among the works are Ivo Castell's painting of the Arden Bridge and Ivo Castell's "
        "Harbour Suite."
    )
    assert verdicts(text, claim.text) == ["not_enough_info"]


def test_british_and_american_spellings_are_one_word() -> None:
    from kit.language.text import stem

    pairs = [("labourers", "laborers"), ("centre", "center"), ("defence", "defense")]
    pairs += [("organisation", "organization"), ("kilometres", "kilometers"), ("grey", "gray")]
    pairs += [("hospitalised", "hospital"), ("analysed", "analyzed"), ("catalogue", "catalog")]
    assert all(stem(a) == stem(b) for a, b in pairs)
    assert stem("promise") == stem("promised") and stem("hour") != stem("hor")
    assert stem("four") == "four" and stem("tour") == "tour"
    text = (
        "In 2019 the Arden council gave 2 million dollars to a harbor defense fund run by the town."
    )
    claim = (
        "In 2019 the Arden council gave 2 million dollars to a harbour defence fund run by the "
        "town."
    )
    assert verdicts(text, claim) == ["supported"]


def test_a_modal_in_another_clause_does_not_hedge_the_fact() -> None:
    text = (
        "A scheme was drawn up in 1958 by Ada Brill, to sort the valley towns, which though "
        "close to one another may be divided by their trades."
    )
    assert verdicts(text, "Ada Brill drew up the scheme in 1985.") == ["refuted"]
    hedged = "A scheme may have been drawn up in 1958 by Ada Brill to sort the valley towns."
    assert verdicts(hedged, "Ada Brill drew up the scheme in 1958.") != ["supported"]


def test_a_date_does_not_confirm_an_order_the_sentence_does_not_give() -> None:
    text = "The Arden School of Music was founded in 1891, although degrees were given in 1873."
    claim = "The Arden School of Music was founded in 1891, before the town had given any degrees."
    assert order_unsaid(analyse(claim), analyse(text))
    assert verdicts(text, claim) != ["supported"]
    assert verdicts(text, "The Arden School of Music was founded in 1891.") == ["supported"]


def test_names_that_share_only_a_title_are_two_names() -> None:
    text = (
        "Belmar lies on the river. The town has a market. Its walls are old. The port trades "
        "in salt. In 1421 the Yongle Emperor moved the court to Belmar. The court stayed for a "
        "decade. The palace burned later. Few records survive."
    )
    tells_apart(
        text,
        "In 1421 the Hongwu Emperor moved the court to Belmar.",
        "In 1421 the Yongle Emperor moved the court to Belmar.",
    )


def test_in_a_short_article_a_name_said_once_still_picks_out_its_subject() -> None:
    text = "In 1421 the Yongle Emperor moved the court to Belmar. The court stayed a decade."
    assert verdicts(text, "In 1421 the Hongwu Emperor moved the court to Belmar.") != ["supported"]


def test_a_number_in_words_with_and_counts_its_noun() -> None:
    from kit.language.measures import number_token, parse

    text = "Around one hundred and ninety people were burned at the stake."
    doc = parse(text)
    assert doc is not None and number_token(doc, 7, 29).text == "hundred"
    said = "Under Arden rule, around two hundred and ninety people were burned at the stake."
    claim = "Under Arden rule, around one hundred and ninety people were burned at the stake."
    assert verdicts(said, claim) == ["refuted"]


def test_a_regnal_number_names_the_person_and_tells_two_apart() -> None:
    from kit.language.facts import name_keys

    assert name_keys(Name(0, 6, "Mary I", "person")) == name_keys(Name(0, 4, "Mary", "person"))
    said = (
        "Under Mary, around two hundred and ninety people were burned at the stake. The town "
        "of Belmar was spared. Its mayor was Ivo Castell. The abbey stood until 1540."
    )
    claim = "Under Mary I, around one hundred and ninety people were burned at the stake."
    assert verdicts(said, claim) == ["refuted"]
    text = (
        "Arden was granted a charter by King George V in 1935. Belmar lies on the river. The "
        "town has a market. Its walls are old. The port trades in salt."
    )
    tells_apart(
        text,
        "King George VI granted Arden a charter in 1935.",
        "King George V granted Arden a charter in 1935.",
    )
