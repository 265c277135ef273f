"""Whose a figure is, round 5 of issue 13 (kit.figures.holders, kit.figures.measure_keys): the
same count in two reports gets one key however each sentence hangs its holder, place or
age; a gap, an added number or another place's count keeps a key of its own."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.figures.holders import article_names
from kit.figures.table import figures_frame
from kit.index.annotate import spacy_nlp
from kit.ingest.corpus import corpus_from_records

pytestmark = pytest.mark.skipif(spacy_nlp() is None, reason="the keys read the spaCy parse")


def rows(*texts: str) -> pd.DataFrame:
    """The figures table of a corpus of one article per text (sources t0, t1, ...)."""
    return figures_frame(
        corpus_from_records([{"id": f"t{i}", "text": t} for i, t in enumerate(texts)])
    )


def key_of(frame: pd.DataFrame, source: str, quote: str) -> str:
    row = frame[(frame["source"] == source) & (frame["quote"] == quote)]
    assert len(row) == 1, list(frame["quote"])
    return str(row["measure"].iloc[0])


def test_a_verb_joined_to_another_shares_its_subject_and_the_state_is_the_place_named() -> None:
    frame = rows(
        "In the Republican Iowa caucuses, ABC News reported President Trump is expected to win"
        " the eventual nomination, but only secured 39 of the state's 40 delegates.",
        "Trump's win brings his total to 86, after his wins in Iowa, where he secured 39 of the"
        " state's 40 delegates, and New Hampshire, where he secured all 22 of the state's"
        " delegates.",
    )
    first, second = key_of(frame, "t0", "39"), key_of(frame, "t1", "39")
    assert first == second == "count|delegate of Trump@Iowa"
    assert key_of(frame, "t1", "22") == "count|delegate of Trump@New Hampshire"
    assert key_of(frame, "t0", "40") == key_of(frame, "t1", "40") == "count|delegate of Iowa"


def test_all_of_a_places_count_with_no_noun_of_its_own_is_the_holders() -> None:
    frame = rows("On Saturday, President Donald Trump secured all 25 of Nevada's delegates.")
    assert key_of(frame, "t0", "25") == "count|delegate of Trump@Nevada"


def test_followed_by_names_the_holder_wherever_the_with_hangs() -> None:
    frame = rows(
        "Sanders and Buttigieg both earned 9 delegates, followed by Senator Amy Klobuchar of"
        " Minnesota, with 6."
    )
    assert key_of(frame, "t0", "6") == "count|delegate of Klobuchar"


def test_a_share_or_a_total_someone_comes_with_is_theirs_a_count_is_not() -> None:
    frame = rows(
        "Pete Buttigieg, the former mayor of South Bend, came in second with 24.4% of the vote.",
        "Senator Elizabeth Warren of Massachusetts came in fourth with 9.2% of the vote.",
        "Caloundra opened the game with two tries.",
    )
    assert key_of(frame, "t0", "24.4%") == "%|share of vote of Buttigieg"
    assert key_of(frame, "t1", "9.2%") == "%|share of vote of Warren"
    assert "of Caloundra" not in key_of(frame, "t2", "two")


def test_an_apposition_is_no_name_and_the_popular_vote_is_the_vote() -> None:
    frame = rows(
        "In 2016, nominee Gary Johnson, the former Governor of New Mexico, received about 3.28"
        " percent of the popular vote.",
        "Johnson bested that in 2016, earning 3.27 percent of the vote.",
        "In 2016, Johnson won 40 percent of the Latino vote.",
    )
    about, exact = key_of(frame, "t0", "about 3.28 percent"), key_of(frame, "t1", "3.27 percent")
    assert about == exact == "%|share of vote of Johnson [in 2016]"
    assert key_of(frame, "t2", "40 percent") != exact  # a part of the vote is another share


def test_a_name_the_parse_takes_for_a_noun_is_read_from_the_article() -> None:
    names = article_names("Cummings, the chairman, was 68. Elijah Cummings was born. Police said")
    assert "Cummings" in names and "Police" not in names
    frame = rows(
        "Cummings, the Democratic chairman of the House Oversight and Reform Committee, was"
        " 68. Elijah Cummings, first elected to Congress in 1996, was born in Baltimore.",
        "Elijah Cummings died in October at the age of 68.",
    )
    said = frame[frame["quote"].isin(["68", "age of 68"])]
    assert list(said["unit"]) == ["years", "years"]
    assert len(set(said["measure"])) == 1 and "[" not in said["measure"].iloc[0]  # no period


def test_a_gap_between_counts_and_a_number_added_to_a_total_are_other_quantities() -> None:
    frame = rows(
        "Sanders said he had secured around 300 delegates fewer than Biden.",
        "United States Senator from Vermont Bernie Sanders came in second, earning 15"
        " delegates for a running total of 60.",
        "Bernie Sanders had the most delegates, with 60.",
    )
    assert key_of(frame, "t0", "around 300").endswith("|fewer")
    total, held = key_of(frame, "t1", "60"), key_of(frame, "t2", "60")
    assert total == held == "count|delegate of Sanders"  # a title is not the holder
    assert key_of(frame, "t1", "15") == "count|delegate of Sanders|more"
