from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kit.corpus import corpus_from_records
from kit.embeddings import MiniLMEncoder
from kit.retrieval import cache_key, open_index


def _small_corpus(extra: str = ""):
    return corpus_from_records(
        [
            {"id": "a", "text": "The Oreshnik missile reached Mach 11. It struck Dnipro." + extra},
            {"id": "b", "text": "Ukraine shot down 76 drones overnight. Russia launched 188."},
        ]
    )


def test_embeddings_are_unit_vectors_and_similar_texts_are_close() -> None:
    vectors = MiniLMEncoder.shared().encode(
        ["How fast was the missile?", "The missile reached Mach 11.", "Bananas are yellow."]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_hybrid_retrieval_finds_the_relevant_passage(seed_kit) -> None:
    hits, vector = seed_kit.index.retrieve("Kapustin Yar missile test range")
    assert vector.shape == (384,)
    assert hits[0].passage.source == "000_2d8a655e2aa5b0a7"
    assert "Kapustin Yar" in hits[0].passage.text
    assert [h.rank for h in hits] == list(range(len(hits)))


def test_retrieved_passages_keep_their_offsets(seed_kit) -> None:
    for question in ["drones shot down", "Boris Ruge", "cookies"]:
        hits, _ = seed_kit.index.retrieve(question)
        for hit in hits:
            text = seed_kit.text(hit.passage.source)
            assert text[hit.passage.start : hit.passage.end] == hit.passage.text


def test_second_open_loads_the_cache_without_embedding(tmp_path: Path, monkeypatch) -> None:
    corpus = _small_corpus()
    first = open_index(corpus, cache_dir=tmp_path)
    assert (tmp_path / cache_key(corpus) / "manifest.json").exists()

    def fail(*args, **kwargs):
        raise AssertionError("the cached index was re-embedded")

    monkeypatch.setattr(MiniLMEncoder, "encode", fail)
    second = open_index(corpus, cache_dir=tmp_path)
    assert np.allclose(first.sentence_vectors, second.sentence_vectors)
    assert [p.id for p in first.passages] == [p.id for p in second.passages]


def test_changed_text_gets_a_new_index(tmp_path: Path) -> None:
    open_index(_small_corpus(), cache_dir=tmp_path)
    open_index(_small_corpus(" More text."), cache_dir=tmp_path)
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 2


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    corpus = _small_corpus()
    open_index(corpus, cache_dir=tmp_path)
    (tmp_path / cache_key(corpus) / "store.json").write_text("{broken", encoding="utf-8")
    index = open_index(corpus, cache_dir=tmp_path)
    assert index.store.count_documents() == len(index.passages)


def test_an_interrupted_build_leaves_no_index_behind(tmp_path: Path, monkeypatch) -> None:
    corpus = _small_corpus()

    def interrupted(self, path: str) -> None:
        Path(path).write_text("{half", encoding="utf-8")
        raise KeyboardInterrupt

    from haystack.document_stores.in_memory import InMemoryDocumentStore

    monkeypatch.setattr(InMemoryDocumentStore, "save_to_disk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(corpus, cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_cache_from_other_splitting_rules_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    import kit.retrieval as retrieval

    corpus = _small_corpus()
    open_index(corpus, cache_dir=tmp_path)
    manifest = tmp_path / cache_key(corpus) / "manifest.json"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"layout": "', '"layout": "x'),
        encoding="utf-8",
    )
    built = []
    original = retrieval._build
    monkeypatch.setattr(retrieval, "_build", lambda *a: built.append(1) or original(*a))
    open_index(corpus, cache_dir=tmp_path)
    assert built == [1]
