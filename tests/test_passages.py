from __future__ import annotations

from kit.ingest.corpus import Article
from kit.ingest.passages import is_heading, make_passages, split_sentences


def _article(text: str) -> Article:
    return Article(source="t", text=text)


def test_every_sentence_and_passage_is_a_slice_of_the_original(seeds) -> None:
    for article in seeds:
        sentences = split_sentences(article)
        assert sentences, article.source
        for s in sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text == s.text.strip()
        for p in make_passages(article, sentences):
            assert article.text[p.start : p.end] == p.text
            assert [s.index for s in sentences if p.start <= s.start and s.end <= p.end] == list(
                p.sentences
            )
            assert not any(p.start < fe and fs < p.end for fs, fe in article.furniture)


def test_sentences_do_not_cut_decimals_abbreviations_or_units() -> None:
    text = (
        "The U.S. and Britain sent 4.2 million rounds. Mr. Smith said the missile hit Mach 11. "
        "It flew 15 minutes! Did it? Yes."
    )
    got = [s.text for s in split_sentences(_article(text))]
    assert got == [
        "The U.S. and Britain sent 4.2 million rounds.",
        "Mr. Smith said the missile hit Mach 11.",
        "It flew 15 minutes!",
        "Did it?",
        "Yes.",
    ]


def test_line_breaks_end_sentences_and_furniture_is_left_out(seeds) -> None:
    article = seeds["003_f858b49bcf518778"]
    texts = [s.text for s in split_sentences(article)]
    assert texts[0] == "NATO and Ukraine to Discuss Experimental Russian Missile in Upcoming Talks"
    assert not any("cookies" in t for t in texts)


def test_headings_start_a_new_passage(seeds) -> None:
    article = seeds["000_2d8a655e2aa5b0a7"]
    sentences = split_sentences(article)
    heading = next(s for s in sentences if s.text == "Targeting Strategic Assets")
    assert is_heading(heading, article.text)
    passages = make_passages(article, sentences)
    assert any(p.text.startswith("Targeting Strategic Assets") for p in passages)


def test_passages_respect_the_word_limit(seeds) -> None:
    for article in seeds:
        sentences = split_sentences(article)
        for p in make_passages(article, sentences, max_words=40):
            if len(p.sentences) > 1:
                assert len(p.text.split()) <= 40 + 5  # white space between sentences
