from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.ingest.corpus import SEEDS, find_furniture, load_corpus, tweet_author

from .conftest import SHARED


def test_seeds_are_the_shared_articles_byte_for_byte(seeds) -> None:
    for article in seeds:
        shared = SHARED / "seeds" / f"{article.source}.txt"
        if shared.exists():
            assert shared.read_bytes() == (SEEDS / f"{article.source}.txt").read_bytes()
        assert article.text == (SEEDS / f"{article.source}.txt").read_text(encoding="utf-8")


def test_seed_metadata_is_attached(seeds) -> None:
    assert len(seeds) == 5
    assert seeds["002_c91a69a50e929240"].date == "2024-11-26"
    assert seeds["000_2d8a655e2aa5b0a7"].title.startswith("NATO and Ukraine")


def test_furniture_lines_are_found_without_changing_the_text(seeds) -> None:
    article = seeds["003_f858b49bcf518778"]
    quotes = [article.text[s:e] for s, e in article.furniture]
    assert any(q.startswith("This website uses cookies") for q in quotes)
    tweet = seeds["004_ce882702a1d0554e"]
    found = [tweet.text[s:e] for s, e in tweet.furniture]
    assert any("pic.twitter.com" in q for q in found)
    assert any(q.startswith("ALSO READ") for q in found)
    # the tweet's own words are reporting (Zelenskyy's claim), not furniture
    assert not any("Around 80 drones" in q for q in found)


def test_tweet_author_reads_the_footer(seeds) -> None:
    assert tweet_author(seeds["004_ce882702a1d0554e"].text) == (
        "Volodymyr Zelenskyy / Володимир Зеленський"
    )


def test_find_furniture_keeps_ordinary_lines() -> None:
    assert find_furniture("Russia launched 188 drones.\nRead more about drones in the war.") == ()


def test_jsonl_and_csv_records(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        json.dumps({"id": "x1", "text": "First.", "title": "T", "outlet": "O"})
        + "\n\n"
        + json.dumps({"id": "x2", "text": "Second."})
        + "\n",
        encoding="utf-8",
    )
    corpus = load_corpus(jsonl)
    assert corpus.sources == ["x1", "x2"]
    assert corpus["x1"].outlet == "O"
    csv_file = tmp_path / "a.csv"
    csv_file.write_text('id,text,date\nc1,"Hello, world.",2024-01-02\n', encoding="utf-8")
    assert load_corpus(csv_file)["c1"].text == "Hello, world."


def test_html_article_text_is_extracted(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Drones</title></head><body><article><h1>Drone night</h1>"
        "<p>Russia launched 188 drones overnight, the air force said.</p>"
        "<p>Ukraine shot down 76 of them, officials reported on Tuesday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = load_corpus(tmp_path)["page"]
    assert "188 drones" in article.text
    assert "<p>" not in article.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "ok"}\n{not json}\n', "Line 2 of .* is not valid JSON"),
        ('{"id": "a"}\n', "needs a non-empty `id` and a string `text`"),
        ("[1, 2]\n", "must be a JSON object"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "appears twice"),
    ],
)
def test_bad_jsonl_records_give_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KitError, match=message):
        load_corpus(path)


def test_missing_path_non_utf8_and_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(KitError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(KitError, match="is not UTF-8"):
        load_corpus(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KitError, match="holds no articles"):
        load_corpus(empty)


def test_bad_metadata_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(KitError, match=r"metadata\.json` is not valid JSON"):
        load_corpus(tmp_path)
