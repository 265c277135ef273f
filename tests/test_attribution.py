from __future__ import annotations

import pytest

from kit.ingest.corpus import Article
from kit.language.attribution import attribute


def _at(article: Article, phrase: str):
    start = article.text.index(phrase)
    return attribute(article, start, start + len(phrase))


@pytest.mark.parametrize(
    ("source", "phrase", "who", "kind"),
    [
        ("003_f858b49bcf518778", "76 out of", "Ukraine’s military", "reported"),
        ("003_f858b49bcf518778", "600 square kilometers", "DeepState", "reported"),
        ("003_f858b49bcf518778", "more than ten", "the city’s military administration", "reported"),
        (
            "003_f858b49bcf518778",
            "45 battles",
            "the General Staff of Ukraine’s armed forces",
            "reported",
        ),
        (
            "004_ce882702a1d0554e",
            "Around 80",
            "Volodymyr Zelenskyy / Володимир Зеленський",
            "quote",
        ),
        ("000_2d8a655e2aa5b0a7", "retaliation for", "Russian President Vladimir Putin", "claim"),
        (
            "000_2d8a655e2aa5b0a7",
            "grave escalation",
            "NATO Secretary-General Jens Stoltenberg",
            "quote",
        ),
        ("000_2d8a655e2aa5b0a7", "Mach 11", "Ukrainian officials", "reported"),
    ],
)
def test_who_says_so(seeds, source: str, phrase: str, who: str, kind: str) -> None:
    article = seeds[source]
    got = _at(article, phrase)
    assert (got.who, got.kind) == (who, kind)
    assert got.who_span is None or article.text[got.who_span.start : got.who_span.end] == who


def test_hedges_are_collected_from_the_statement(seeds) -> None:
    assert "almost" in _at(seeds["003_f858b49bcf518778"], "235 square kilometers").hedges
    assert "reportedly" in _at(seeds["004_ce882702a1d0554e"], "November 23 and 25").hedges
    assert _at(seeds["003_f858b49bcf518778"], "600 square kilometers").hedges == ()


def test_unattributed_statement() -> None:
    article = Article("x", "The bridge collapsed on Monday. Nobody was hurt.")
    got = _at(article, "Monday")
    assert got.who is None and got.kind == "unattributed"
    assert got.describe() == "unattributed"


def test_describe_reads_well(seeds) -> None:
    got = _at(seeds["000_2d8a655e2aa5b0a7"], "retaliation for")
    assert got.describe() == "claim by Russian President Vladimir Putin"
    assert got.to_dict()["attributed_to"] == "Russian President Vladimir Putin"


@pytest.mark.parametrize(
    ("text", "phrase", "who"),
    [
        ("NATO’s 32 member states convened with Ukraine in Brussels.", "32", None),
        (
            "NATO and Ukraine have announced emergency talks for Tuesday.",
            "Tuesday",
            "NATO and Ukraine",
        ),
        (
            "Russia seized 600 square kilometers, according to data from DeepState.",
            "600",
            "DeepState",
        ),
    ],
)
def test_nouns_that_look_like_verbs_and_compound_subjects(text: str, phrase: str, who) -> None:
    assert _at(Article("x", text), phrase).who == who


@pytest.mark.parametrize(
    ("text", "phrase", "who"),
    [
        # the speaker after the verb, the quotation ending right before it
        (
            '"The levy is a disgrace," said Harbour Councillor Ada Venn.',
            "levy",
            "Harbour Councillor Ada Venn",
        ),
        ('"We will appeal," wrote Venn on her blog, "and we will win."', "appeal", "Venn"),
        # a quotation that runs on into the next sentence of its paragraph
        (
            '"The levy is unfair", Venn told the council on Monday. "We lost 40 stalls."',
            "40",
            "Venn",
        ),
        # whose statement reads so
        ('Venn\'s statement read: "Forty stalls have closed since May."', "Forty", "Venn"),
    ],
)
def test_speakers_after_the_verb_of_quotes_that_run_on_and_statements(
    text: str, phrase: str, who: str
) -> None:
    got = _at(Article("x", text), phrase)
    assert got.who == who
    assert text[got.who_span.start : got.who_span.end] == who  # type: ignore[union-attr]


def test_a_new_paragraph_quotes_no_one_from_the_one_before() -> None:
    text = '"The levy is unfair", Venn told the council.\n\n"We lost 40 stalls."'
    assert _at(Article("x", text), "40").who is None
