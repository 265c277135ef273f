"""The persisted index: incremental, reloaded without rebuilding, safe to interrupt."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import kit.index.generation as generation
from kit.cli import main
from kit.index.embeddings import MiniLMEncoder
from kit.index.indexing import POINTER, archive_folder, build_index, load_index, open_kit_index
from kit.index.stores import AbsentVectors
from kit.ingest.corpus import load_corpus

ARTICLES = {
    "a": "The Oreshnik missile struck Dnipro on Thursday.\nIt reached Mach 11, officials said.\n",
    "b": "Ukraine's air force said it shot down 76 of 188 drones overnight.\n",
    "c": "The weather in Kyiv was calm. Residents queued for water.\n",
}


def _write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy annotation is covered elsewhere; these tests are about storage."""
    monkeypatch.setattr(generation, "annotate_sentences", lambda texts: None)


def test_build_then_load_without_rebuilding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = load_corpus(_write(tmp_path / "news", ARTICLES))
    index, stats = build_index(corpus, cache_dir=tmp_path, progress=False)
    assert (stats.articles, stats.changed, stats.dense) == (3, 3, True)
    assert stats.embedded == len(index.sentences)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a persisted index must load without embedding")

    monkeypatch.setattr(MiniLMEncoder, "encode", refuse)
    loaded = load_index(corpus, cache_dir=tmp_path)
    assert loaded is not None
    assert [s.text for s in loaded.sentences] == [s.text for s in index.sentences]
    assert np.array_equal(np.asarray(loaded.sentence_vectors), np.asarray(index.sentence_vectors))
    for sentence in loaded.sentences:
        assert corpus[sentence.source].text[sentence.start : sentence.end] == sentence.text
    monkeypatch.undo()  # a question is embedded, of course
    hits, _ = loaded.retrieve("How fast was the Oreshnik missile?")
    assert hits and hits[0].passage.source == "a"


def test_only_new_and_changed_articles_are_embedded_again(tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", ARTICLES)
    first, _ = build_index(load_corpus(folder), cache_dir=tmp_path, progress=False)
    old_rows = {(s.source, s.text): first.row(s) for s in first.sentences}
    old_vectors = np.array(first.sentence_vectors)
    changed = {**ARTICLES, "b": "Ukraine shot down 80 drones, the air force said.\n"}
    del changed["c"]
    changed["d"] = "A new article about grain exports from Odesa.\n"
    corpus = load_corpus(_write(folder, changed))
    second, stats = build_index(corpus, cache_dir=tmp_path, progress=False)
    assert (stats.changed, stats.reused, stats.removed) == (2, 1, 1)
    assert stats.embedded == sum(1 for s in second.sentences if s.source in ("b", "d"))
    for sentence in second.sentences:
        if sentence.source == "a":
            before = old_vectors[old_rows[("a", sentence.text)]]
            assert np.array_equal(second.sentence_vectors[second.row(sentence)], before)
    assert len(list(archive_folder(corpus.location, tmp_path).glob("g-*"))) == 1


def test_an_interrupted_build_leaves_the_previous_index_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write(tmp_path / "news", ARTICLES)
    corpus = load_corpus(folder)
    build_index(corpus, cache_dir=tmp_path, progress=False)
    archive = archive_folder(corpus.location, tmp_path)
    pointer = (archive / POINTER).read_text(encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    _write(folder, {**ARTICLES, "d": "Another article arrives.\n"})
    monkeypatch.setattr(generation, "_write_bm25", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_index(load_corpus(folder), cache_dir=tmp_path, progress=False)
    assert (archive / POINTER).read_text(encoding="utf-8") == pointer
    assert not list(archive.glob("tmp-*"))
    assert load_index(corpus, cache_dir=tmp_path) is not None  # the old corpus still loads


def test_leftovers_of_a_crashed_build_are_removed(tmp_path: Path) -> None:
    corpus = load_corpus(_write(tmp_path / "news", ARTICLES))
    archive = archive_folder(corpus.location, tmp_path)
    (archive / "tmp-999-dead").mkdir(parents=True)
    (archive / "tmp-999-dead" / "vectors.npy").write_bytes(b"half")
    build_index(corpus, cache_dir=tmp_path, progress=False)
    assert not list(archive.glob("tmp-*"))


def test_bm25_only_index_at_scale_keeps_citations_valid(tmp_path: Path) -> None:
    corpus = load_corpus(_write(tmp_path / "news", ARTICLES))
    index, stats = build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
    assert not stats.dense and stats.embedded == 0
    assert isinstance(index.sentence_vectors, AbsentVectors)
    hits, vector = index.retrieve("How many drones were shot down?")
    assert hits[0].passage.source == "b" and not vector.any()
    text = corpus[hits[0].passage.source].text
    assert text[hits[0].passage.start : hits[0].passage.end] == hits[0].passage.text


def test_a_corpus_someone_indexed_reuses_the_persisted_index(tmp_path: Path) -> None:
    corpus = load_corpus(_write(tmp_path / "news", ARTICLES))
    assert type(open_kit_index(corpus, cache_dir=tmp_path)).__name__ == "Index"
    build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
    assert type(open_kit_index(corpus, cache_dir=tmp_path)).__name__ == "BackedIndex"


def test_cli_index_reports_what_it_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _write(tmp_path / "news", ARTICLES)
    assert main(["index", "--corpus", str(folder), "--no-dense", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 3 and report["dense"] is False and report["changed"] == 3
    assert main(["index", "--corpus", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reused"] == 3
    assert main(["index", "--corpus", str(folder), "--store", "memory"]) == 2
    assert "--store memory keeps no index" in capsys.readouterr().err
