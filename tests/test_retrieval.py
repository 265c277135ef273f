from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import kit.index.generation as generation
import kit.index.indexing as indexing
from kit.index.cache import archive_folder, current_generation, file_table
from kit.index.embeddings import MiniLMEncoder
from kit.index.indexing import open_index
from kit.ingest.corpus import corpus_from_records


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


def test_the_embedder_stops_spinning_when_a_run_returns() -> None:
    """Its thread pool must not busy-wait on both cores while the span model reads next."""
    options = MiniLMEncoder.shared()._session.get_session_options()
    assert options.get_session_config_entry("session.force_spinning_stop") == "1"


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


def _generation(tmp_path: Path, corpus) -> Path:  # type: ignore[no-untyped-def]
    current = current_generation(archive_folder(corpus.location, tmp_path))
    assert current is not None
    return current


def test_second_open_loads_the_saved_generation_without_embedding(
    tmp_path: Path, monkeypatch
) -> None:
    corpus = _small_corpus()
    first = open_index(corpus, cache_dir=tmp_path)
    manifest = json.loads((_generation(tmp_path, corpus) / "manifest.json").read_text())
    assert manifest["backend"] == "memory"  # a small corpus is one generation like any other

    def fail(*args, **kwargs):
        raise AssertionError("the cached index was re-embedded")

    monkeypatch.setattr(MiniLMEncoder, "encode", fail)
    second = open_index(corpus, cache_dir=tmp_path)
    assert np.array_equal(first.sentence_vectors, second.sentence_vectors)
    assert np.array_equal(first.passage_vectors, second.passage_vectors)
    assert [p.id for p in first.passages] == [p.id for p in second.passages]
    assert first.store.filter_documents() == second.store.filter_documents()


def test_changed_text_replaces_the_generation(tmp_path: Path) -> None:
    open_index(_small_corpus(), cache_dir=tmp_path)
    corpus = _small_corpus(" More text.")
    index = open_index(corpus, cache_dir=tmp_path)
    assert any(s.text == "More text." for s in index.sentences)
    assert len(list(archive_folder(corpus.location, tmp_path).glob("g-*"))) == 1


def test_a_damaged_generation_is_rebuilt_with_one_note(tmp_path: Path, capsys) -> None:
    corpus = _small_corpus()
    open_index(corpus, cache_dir=tmp_path)
    (_generation(tmp_path, corpus) / "passage_vectors.npy").write_bytes(b"broken")
    capsys.readouterr()
    index = open_index(corpus, cache_dir=tmp_path)
    assert index.store.count_documents() == len(index.passages)
    notes = [line for line in capsys.readouterr().err.splitlines() if "kit: note:" in line]
    assert len(notes) == 1 and "damaged" in notes[0]


def test_an_interrupted_build_leaves_no_index_behind(tmp_path: Path, monkeypatch) -> None:
    corpus = _small_corpus()

    def interrupted(path, **tables) -> None:
        Path(path).write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(generation.np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(corpus, cache_dir=tmp_path)
    archive = archive_folder(corpus.location, tmp_path)
    assert sorted(p.name for p in archive.iterdir()) == ["lock"]


def test_a_cache_from_other_splitting_rules_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    corpus = _small_corpus()
    open_index(corpus, cache_dir=tmp_path)
    offsets = _generation(tmp_path, corpus) / "offsets.npz"
    tables = dict(np.load(offsets))
    tables["sentences"][0, 3] -= 1  # an older rule ended the first sentence one earlier
    np.savez(offsets, **tables)
    manifest = _generation(tmp_path, corpus) / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"] = file_table(_generation(tmp_path, corpus))
    data["files"].pop("manifest.json")
    manifest.write_text(json.dumps(data))
    built = []
    original = generation.write_generation
    monkeypatch.setattr(
        indexing, "write_generation", lambda *a, **k: built.append(1) or original(*a, **k)
    )
    open_index(corpus, cache_dir=tmp_path)
    assert built == [1]
