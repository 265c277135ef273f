"""The `measure` key (kit.figures.measure_keys): figures of the same thing in different articles get
one key, however each sentence puts it; different things keep different keys."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.figures.restated import rounds_to
from kit.figures.table import figures_frame
from kit.index.annotate import spacy_nlp
from kit.ingest.corpus import corpus_from_records
from kit.language.lemmas import lemma

pytestmark = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


def keys(*texts: str) -> dict[str, str]:
    """quote -> measure key, over a corpus of one article per text."""
    frame: pd.DataFrame = figures_frame(
        corpus_from_records([{"id": f"t{i}", "text": t} for i, t in enumerate(texts)])
    )
    assert frame["quote"].is_unique, list(frame["quote"])
    return dict(zip(frame["quote"], frame["measure"], strict=True))


def source_keys(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(source, quote) -> measure key."""
    return {(str(r.source), str(r.quote)): str(r.measure) for r in frame.itertuples()}


def test_lemmas_of_nouns_and_verbs() -> None:
    assert [lemma("drones"), lemma("children"), lemma("Drones")] == ["drone", "child", "drone"]
    verbs = [lemma(w, "VERB") for w in ("hired", "hires", "hiring", "took")]
    assert verbs == ["hire", "hire", "hire", "take"]


def test_tense_voice_and_number_do_not_change_what_is_counted() -> None:
    key = keys(
        "The firm hired 12 workers on Monday.",
        "Eleven workers were hired.",
        "The shop is hiring one worker.",
        "One person was injured. Twelve people were injured.",
    )
    assert key["12"] == key["Eleven"] == key["one"] == "count|worker|hire"
    assert key["One"] == key["Twelve"] == "count|people|injured"  # "person" is one of "people"


def test_a_reporting_verb_is_not_the_event() -> None:
    key = keys("3,728 cases have been reported.", "Officials counted a total of 5,667 cases.")
    assert key["3,728"] == key["5,667"] == "count|case"


def test_a_count_with_no_noun_takes_the_one_noun_its_event_has() -> None:
    key = keys("Floods hit the valley and 12 homes were destroyed.", "The storm destroyed 14.")
    assert key["14"] == key["12"] == "count|home|destroyed"
    two = keys("12 homes were destroyed and 3 bridges were destroyed.", "The storm destroyed 14.")
    assert two["14"] == "count||destroyed"  # homes or bridges: the parse cannot tell
    assert len({two["12"], two["3"], two["14"]}) == 3


def test_a_bare_noun_takes_the_one_kind_the_corpus_names() -> None:
    key = keys("There were 5,667 measles cases.", "There were 5,700 cases in all.")
    assert key["5,700"] == key["5,667"] == "count|measle case"
    kinds = keys("There were 5,667 measles cases and 80 dengue cases.", "There were 5,700 cases.")
    assert kinds["5,700"] == "count|case"  # measles or dengue: stays apart
    new = keys("There were 198 new cases.", "There were 5,700 cases.")
    assert new["5,700"] == "count|case" != new["198"]  # "new" is not a kind of case


def test_a_bare_number_is_the_value_of_what_its_verb_sets() -> None:
    key = keys(
        "The city reduced the number of polling stations from 180 to 5.",
        "The death toll is 14, officials said.",
        "The outbreak had infected over 4,200 by Friday.",
    )
    assert key["180"] == key["5"] == "count|station"  # a change, not the two ends of a range
    assert key["14"] == "count|people|killed"
    assert key["over 4,200"] == "count|case"  # "over" parsed as a preposition is a hedge


def test_the_place_of_a_figure_is_read_from_its_number_and_verb() -> None:
    key = keys(
        "The number of infections worldwide surpassed one million on April 2.",
        "The number of infections surpassed 900,000.",
    )
    assert key["one million"].endswith("@worldwide")
    assert key["900,000"] == "count|case"
    assert len({key["one million"], key["900,000"]}) == 2
    us = keys("The number of confirmed cases surpassed one million in the United States.")
    assert us["one million"].startswith("count|case@") and "United States" in us["one million"]


def test_whose_things_are_counted_is_part_of_the_key() -> None:
    key = keys(
        "At dissolution, there was one MP of the People's Party of Canada.",
        "A majority needs 170 MPs.",
        "NATO's 32 members met on Monday.",
        "The 30 members voted.",
    )
    assert key["one"] == "count|mp of People's Party of Canada" != key["170"] == "count|mp"
    assert key["32"] == "count|member of NATO" != key["30"]


def test_a_window_or_an_election_year_makes_another_quantity() -> None:
    key = keys(
        "3,728 measles cases have been reported since the outbreak, with 198 recorded in the "
        "last 24 hours.",
        "In the 2016 election, Sanders lost the caucuses to Clinton, securing about 34% of votes.",
        "Sanders won about 63% of the vote.",
    )
    assert key["198"] == "count|case [past 24 hours]" != key["3,728"]
    assert key["about 34%"] == "%|share of vote of Sanders [in 2016]"
    assert key["about 63%"].startswith("%|share of vote") and "2016" not in key["about 63%"]


def test_an_increment_is_not_the_total() -> None:
    key = keys("Deaths passed 100,000 deaths.", "Models project roughly 32,000 more deaths.")
    assert key["roughly 32,000"] == "count|people|killed|more"
    assert key["roughly 32,000"] != key["100,000"]


def test_how_far_something_moved_is_not_the_level_it_reached() -> None:
    key = keys(
        "The Alder river rose 4 metres above its normal level.",
        "The Alder river rose 3 metres overnight, officials said.",
        "The river rose to 6.2 metres.",
    )
    moved = figures_frame(
        corpus_from_records([{"id": "t", "text": "Prices fell by 5% in a year."}])
    )
    assert key["4 metres"] == key["3 metres"] == "length|river rise"
    assert key["6.2 metres"] == "length|river level"
    assert list(moved["quantity"]) == ["prices fall"]


def test_these_refers_back_to_the_earlier_figure() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {
                    "id": "t",
                    "text": "The Queen suspended parliament for five weeks yesterday. During "
                    "these five weeks of prorogation, parliament cannot sit. It sat for five "
                    "weeks in 2018.",
                }
            ]
        )
    )
    first, these, other = frame["measure"]
    assert first == these != other  # "It sat for five weeks" names nothing: its own key


def test_a_share_of_nothing_named_compares_with_nothing() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {"id": "a", "text": "Officials said 92% had been reached."},
                {"id": "b", "text": "The mayor hoped 90% would be reached."},
                {
                    "id": "c",
                    "text": "A two-thirds majority is needed. Two-thirds of the "
                    "senators must agree. A two-thirds majority was reached.",
                },
            ]
        )
    )
    a, b = (frame[frame["source"] == s]["measure"].item() for s in ("a", "b"))
    assert a != b  # a percentage of what, neither says
    thirds = frame[frame["source"] == "c"]["measure"].tolist()
    assert thirds[0] == thirds[2] == "fraction|majority" != thirds[1] == "fraction|senator"


def test_a_bare_rate_takes_the_one_kind_of_rate_named() -> None:
    key = keys("NEOC reported a 95% immunization rate.", "As of Sunday, the rate had reached 96%.")
    assert key["96%"] == key["95%"] == "%|immunization rate"


def test_a_number_counts_the_noun_of_its_partitive() -> None:
    key = keys(
        "The SDF said hundreds of ISIS fighters escaped from a camp.",
        "About 300 fighters fled.",
        "Sanders secured four of the territory's six delegates.",
    )
    assert key["hundreds"] == key["About 300"] == "count|fighter"
    assert key["four"] == "count|delegate|secure" != key["six"] == "count|delegate"


def test_the_verb_of_a_total_is_the_event_of_what_it_counts() -> None:
    key = keys(
        "At least 1,991 delegates are needed to secure the nomination.",
        "For a candidate to win, a total of at least 1,991 delegates are needed.",
        "Biden had a total of 54 delegates.",
    )
    assert key["At least 1,991"] == key["at least 1,991"] == "count|delegate|need"
    assert key["54"] != key["at least 1,991"]


def test_where_an_existential_count_is_said_to_be_is_its_place() -> None:
    key = keys(
        "The virus had infected around 35,000 people worldwide.",
        "CNBC reported there were at least 118,381 cases worldwide.",
        "There were 12 cases in Italy.",
        "There were 40 cases.",
    )
    assert key["at least 118,381"].endswith("@worldwide")
    assert key["12"].endswith("@Italy")
    assert "@" not in key["40"]


def test_a_phrasal_word_written_apart_is_its_one_word_spelling() -> None:
    key = keys(
        "The government began a planned two-day shutdown on Thursday.",
        "The goal for the three-day shut down was to exceed 90 percent.",
    )
    assert key["two-day"] == key["three-day"] == "time|shutdown duration"
    assert key["90 percent"] != key["two-day"]


def test_a_count_someone_has_is_theirs_and_compares_only_with_theirs() -> None:
    key = keys(
        "Later, Bernie Sanders had the most delegates, with 60, followed by Biden, with 54.",
        "Biden secured 39 of the state's 53 delegates, giving him a total of 55 delegates.",
        "Senator Bernie Sanders from Vermont had 61 delegates. Former Vice President Joe Biden"
        " had 56.",
    )
    assert key["60"] == key["61"] == "count|delegate of Sanders"  # the noun said once
    assert key["54"] == key["55"] == key["56"] == "count|delegate of Biden"  # him: Biden
    assert key["39"] not in (key["54"], key["60"])


def test_a_part_of_a_places_whole_is_that_places() -> None:
    key = keys("Biden secured 39 of South Carolina's 54 delegates, giving him a total of 55.")
    assert key["39"] == "count|delegate of Biden@South Carolina"
    assert key["55"] != key["39"]


def test_a_count_with_no_holder_keeps_its_key() -> None:
    key = keys("Russia launched 188 drones overnight.", "The company had 40 workers in the hall.")
    assert key["188"] == "count|drone|launched"
    assert "of" not in key["40"]  # "the company": no named holder


def test_a_share_of_nothing_named_is_the_share_before_it_in_its_sentence() -> None:
    key = keys(
        "The minister called for a 100% immunization rate, and stated 92% had been reached.",
        "The turnout was about 71%, some 25% higher than last year.",
        "Officials said 40% had been reached.",
    )
    assert key["92%"] == key["100%"] == "%|immunization rate"
    assert key["some 25%"] != key["about 71%"]  # a difference, not the turnout
    assert "|?" in key["40%"]  # nothing before it to be a share of


def test_a_share_someone_wins_is_theirs() -> None:
    key = keys(
        "Biden won the primary with about 48% of the vote.",
        "Tom Steyer came in third, receiving roughly 11% of the vote.",
        "Candidates must receive at least 15% of the vote.",
    )
    assert key["about 48%"].endswith("of Biden")
    assert len({key["about 48%"], key["roughly 11%"], key["at least 15%"]}) == 3


def test_a_restated_figure_takes_the_key_of_the_figure_it_restates() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {"id": "a", "text": "In 2018, the mayor Ana Ruiz received 48,312 votes."},
                {
                    "id": "b",
                    "text": "In 2018, her list was on the ballot in Lyon, receiving 48,312 votes.",
                },
                {"id": "c", "text": "Turnout was 63.4 percent, officials said."},
                {"id": "d", "text": "That was 63.4 percent."},
            ]
        )
    )
    key = source_keys(frame)
    assert key[("a", "48,312")] == key[("b", "48,312")]
    assert key[("c", "63.4 percent")] == key[("d", "63.4 percent")]


def test_a_restated_value_keeps_apart_what_its_keys_tell_apart() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {"id": "a", "text": "Floods destroyed 2,400 homes in the north."},
                {"id": "b", "text": "About 2,400 homes were damaged, and 2,400 cars were lost."},
                {"id": "c", "text": "Two people were killed."},
                {"id": "d", "text": "That was two."},
            ]
        )
    )
    key = source_keys(frame)
    assert key[("a", "2,400")] != key[("b", "About 2,400")]  # destroyed, damaged
    assert key[("b", "2,400")] != key[("b", "About 2,400")]
    assert key[("d", "two")] != key[("c", "Two")]  # "two" recurs by chance


def test_the_name_a_results_line_opens_with_holds_its_count() -> None:
    text = (
        "Results\n\n■ Harbour Party - 212 seats\n\n■ Valley Alliance - 97 seats\n\n"
        "Deaths: 15 people\n\nThe Harbour Party won 212 seats in all."
    )
    frame = figures_frame(corpus_from_records([{"id": "r", "text": text}]))
    key = source_keys(frame)
    assert list(frame["measure"][frame["quote"] == "212"]) == ["count|seat of Harbour Party"] * 2
    assert key[("r", "97")] == "count|seat of Valley Alliance"
    assert key[("r", "15")] == "count|people"  # "Deaths:" labels the line; it holds nothing


def test_a_round_figure_and_the_precise_one_it_rounds_are_one_measure() -> None:
    text = (
        "There are now more than two million registered voters in Norland. "
        "The electoral board listed 2,048,113 registered voters. "
        "It also listed 2,000 polling stations and 1,957 polling stations in 2019."
    )
    frame = figures_frame(corpus_from_records([{"id": "v", "text": text}]))
    key = source_keys(frame)
    assert key[("v", "2,048,113")] == key[("v", "more than two million")]
    assert key[("v", "2,000")] != key[("v", "more than two million")]  # stations are not voters
    assert key[("v", "1,957")] != key[("v", "2,000")]  # in 2019: another period


def test_what_rounds_and_what_does_not() -> None:
    assert rounds_to(1_051_635, 1_000_000) and rounds_to(2_413, 2_400)
    assert not rounds_to(2_451, 2_400)  # 2,500 to two digits
    assert not rounds_to(12, 10)  # small numbers recur by chance
    assert not rounds_to(2_400, 2_400)  # equal is a restatement, not a rounding


def test_one_articles_distinctive_count_is_one_figure_whatever_its_verb() -> None:
    text = (
        "The Harbour Party gained 48 seats on Thursday. It netted an additional 48 seats "
        "in the north, analysts said. The Valley Alliance lost 37 seats and the Green List "
        "gained 37 seats."
    )
    frame = figures_frame(corpus_from_records([{"id": "e", "text": text}]))
    first, second = list(frame["measure"][frame["quote"] == "48"])
    assert first == second
    lost, gained = list(frame["measure"][frame["quote"] == "37"])
    assert lost != gained  # two news events: two counts


def test_a_value_that_recurs_by_chance_is_restated_only_in_its_own_article() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {"id": "a", "text": "Seven people were killed in Norland."},
                {"id": "b", "text": "Seven people watched."},
                {"id": "c", "text": "The office is open 24/7."},
                {"id": "d", "text": "It led to dozens of bills. The search took 24 hours."},
                {"id": "e", "text": "They searched for 24 hours."},
            ]
        )
    )
    key = source_keys(frame)
    assert key[("b", "Seven")] != key[("a", "Seven")]  # another article, a small number
    assert key[("c", "24")] != key[("d", "dozens")]  # "dozens" stands for no one value
    assert key[("e", "24 hours")] != key[("d", "24 hours")]  # nothing known, and not rare


def test_the_people_one_event_befalls_are_one_count_whatever_the_word_for_them() -> None:
    frame = figures_frame(
        corpus_from_records(
            [
                {"id": "a", "text": "The avalanche killed four skiers near Oberdorf."},
                {"id": "b", "text": "Four climbers were killed, police said."},
                {"id": "c", "text": "Four guides were killed and four porters were killed."},
            ]
        )
    )
    key = source_keys(frame)
    assert key[("a", "four")] == key[("b", "Four")]
    first, second = list(frame["measure"][frame["source"] == "c"])
    assert first != second  # in one article two words are two groups of people
