"""Opening and building a corpus's saved index: one path for every corpus, small or large.

Each corpus location has an archive in the kit's cache (`kit.index.cache`); each build of its index
is one generation there (`kit.index.generation`), written to a temporary folder and swapped in by an
atomic rename of the `CURRENT` pointer, under an OS file lock, after a free-space check. A
small corpus's generation keeps Haystack's in-memory BM25 store (the `memory` store); a large
one, or any corpus someone ran `kit index` on, a persisted `bm25s` matrix (the `bm25s` store);
the rest (offsets, vectors, annotations, manifest, checks, clean-up) is the same code.

Builds are incremental: only articles that are new or changed are split, embedded and
annotated again, the rows of unchanged ones are copied from the previous generation. Ctrl-C
or a crash mid-build leaves the previous index in place and usable; a generation that does not
match its manifest is rebuilt with one note; a cache that cannot be written (read-only HOME,
full disk) is one note, and the index is built in a temporary folder or in memory.

Embedding is the slow part (MiniLM encodes ~200 sentences/s on 2 cores), so at scale dense
vectors are computed only when a build has at most `DENSE_AUTO_MAX_SENTENCES` sentences to
embed, unless asked for explicitly; above that retrieval is BM25-only (see docs/scale.md).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kit.errors import KitError, note
from kit.index.cache import (
    POINTER,
    CacheUnwritable,
    CacheWriteError,
    archive_folder,
    build_lock,
    current_generation,
    damaged,
    new_generation,
    remove_stale,
    write_error,
)
from kit.index.generation import (
    BACKENDS,
    DENSE_AUTO_MAX_SENTENCES,
    Backend,
    article_hash,
    load_generation,
    previous_rows,
    read_manifest,
    write_generation,
)
from kit.index.retrieval import Index, memory_index
from kit.index.stores import AbsentVectors, BackedIndex, StoreChoice, parse_store
from kit.index.stores.bm25 import BM25sBackend
from kit.ingest.corpus import Corpus, load_corpus

__all__ = [
    "DENSE_AUTO_MAX_SENTENCES",
    "POINTER",
    "SCALE_MIN_CHARS",
    "BuildStats",
    "CacheUnwritable",
    "archive_folder",
    "build_index",
    "index_corpus",
    "load_index",
    "open_index",
    "open_kit_index",
]

SCALE_MIN_CHARS = 2_000_000  # auto: larger corpora get the persisted bm25s index (~6k passages)


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What one build did: shown by `kit index` and recorded by the benchmark."""

    articles: int
    changed: int
    reused: int
    removed: int
    sentences: int
    passages: int
    embedded: int
    dense: bool
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- opening ----------------------------------------------------------------------------------


def open_index(corpus: Corpus, *, cache_dir: Path | None = None, use_cache: bool = True) -> Index:
    """The corpus's index on the in-memory store: loaded from its saved generation, or built
    (and saved); with `use_cache=False` built in memory only."""
    if not use_cache:
        return memory_index(corpus)
    return open_kit_index(corpus, store="memory", cache_dir=cache_dir, progress=False)


def open_kit_index(
    corpus: Corpus,
    *,
    store: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    dense: bool | None = None,
    progress: bool = True,
) -> Index:
    """The index for a corpus on the chosen store (see `kit.index.stores`); builds what is
    missing."""
    choice = parse_store(store)
    local = _local_index(corpus, choice, cache_dir, use_cache, dense, progress)
    if choice.kind != "postgresql":
        return local
    from kit.index.stores.pgvector import PgvectorBackend

    assert choice.url is not None
    backend = PgvectorBackend(choice.url, location=corpus.location)
    backend.sync(local, progress=progress)
    return BackedIndex.wrap(local, backend)


def _local_index(
    corpus: Corpus,
    choice: StoreChoice,
    cache_dir: Path | None,
    use_cache: bool,
    dense: bool | None,
    progress: bool,
) -> Index:
    wanted: Backend | None = choice.kind if choice.kind in BACKENDS else None  # type: ignore[assignment]
    if use_cache:
        loaded = load_index(corpus, cache_dir=cache_dir)
        if loaded is not None and _fits(loaded, wanted, dense):
            return loaded
    backend = wanted or _auto_backend(corpus, cache_dir)
    if not use_cache:
        return memory_index(corpus) if backend == "memory" else _throwaway(corpus, dense, progress)
    try:
        # `only_if_stale`: when another process was building this index, this one waited for
        # it and then uses its build instead of building again.
        return build_index(
            corpus,
            cache_dir=cache_dir,
            backend=backend,
            dense=dense,
            progress=progress,
            only_if_stale=True,
        )[0]
    except CacheWriteError as exc:
        note(f"{exc} Working without a saved index this time.")
        return _throwaway(corpus, dense, progress, backend)


def _throwaway(
    corpus: Corpus, dense: bool | None, progress: bool, backend: Backend = "bm25s"
) -> Index:
    """Built in a temporary folder (its files stay mapped after it is deleted), or in memory."""
    try:
        with tempfile.TemporaryDirectory(prefix="kit-index-") as tmp:
            return build_index(
                corpus, cache_dir=Path(tmp), backend=backend, dense=dense, progress=progress
            )[0]
    except (OSError, CacheWriteError):
        return memory_index(corpus)


def _auto_backend(corpus: Corpus, cache_dir: Path | None) -> Backend:
    """Large corpora, and any corpus someone ran `kit index` on, use the `bm25s` store."""
    try:
        generation = current_generation(archive_folder(corpus.location, cache_dir))
    except OSError:
        generation = None
    manifest = read_manifest(generation) if generation is not None else None
    if manifest is not None and manifest["backend"] == "bm25s":
        return "bm25s"
    return "bm25s" if sum(len(a.text) for a in corpus) > SCALE_MIN_CHARS else "memory"


def _backend_of(index: Index) -> Backend:
    if isinstance(index, BackedIndex) and isinstance(index.backend, BM25sBackend):
        return "bm25s"
    return "memory"


def _fits(index: Index, backend: Backend | None, dense: bool | None) -> bool:
    """Whether a loaded index is on the store (and has the vectors) a caller asked for."""
    if backend is not None and _backend_of(index) != backend:
        return False
    return dense is None or dense == _is_dense(index)


def _is_dense(index: Index) -> bool:
    return not isinstance(index.sentence_vectors, AbsentVectors)


def load_index(corpus: Corpus, *, cache_dir: Path | None = None) -> Index | None:
    """The saved index when it matches the corpus exactly, else None (build to update)."""
    generation = current_generation(archive_folder(corpus.location, cache_dir))
    if generation is None:
        return None
    manifest = read_manifest(generation)
    if manifest is None:
        return None
    expected = [[a.source, article_hash(a)] for a in corpus]
    if [row[:2] for row in manifest["articles"]] != expected:
        return None  # the corpus changed: an update, not damage
    try:
        return load_generation(corpus, generation, manifest)
    except Exception as exc:  # any damaged file (truncated, emptied, wrong shape) is rebuilt
        damaged(generation, exc)
        return None


# -- building -----------------------------------------------------------------------------------


def index_corpus(
    path: str | os.PathLike[str] | None = None,
    *,
    store: str | None = None,
    dense: bool | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """`kit index`: build (or update) the saved index of the corpus at `path` (default: the
    seeds), and with a PostgreSQL `store` sync its table; what was done, as one flat report
    (`corpus`, the build's stats, and for PostgreSQL the masked URL, the table and the rows
    written and deleted)."""
    choice = parse_store(store)
    if choice.kind == "memory":
        raise KitError("kit index: --store memory keeps no index to build; omit it", exit_code=2)
    corpus = load_corpus(Path(path) if path is not None else None)
    index, stats = build_index(corpus, dense=dense, progress=progress)
    report: dict[str, Any] = {"corpus": corpus.location, **stats.to_dict()}
    if choice.kind == "postgresql":
        from kit.index.stores import mask_url
        from kit.index.stores.pgvector import PgvectorBackend

        assert choice.url is not None
        backend = PgvectorBackend(choice.url, location=corpus.location)
        report["store"] = mask_url(choice.url)
        report["table"] = backend.table
        report.update(backend.sync(index, progress=progress))
    return report


def build_index(
    corpus: Corpus,
    *,
    cache_dir: Path | None = None,
    backend: Backend = "bm25s",
    dense: bool | None = None,
    progress: bool = True,
    only_if_stale: bool = False,
) -> tuple[Index, BuildStats]:
    """Build (or update) the saved index of a corpus and swap it in atomically.

    One build per archive at a time (an OS file lock); a second one waits for the first.
    Nothing is written unless the disk has room for the whole build, and a build that fails
    to write (disk full) is removed, leaving the previous index as it was. `backend`: the
    store the generation keeps (`bm25s` for `kit index`, `memory` for small corpora).
    `only_if_stale`: return the saved index without building when (once the lock is held)
    it already matches.
    """
    began = time.perf_counter()
    archive = archive_folder(corpus.location, cache_dir)
    try:
        archive.mkdir(parents=True, exist_ok=True)
        with build_lock(archive, what=f"The index of `{corpus.location}`"):
            current = load_index(corpus, cache_dir=cache_dir) if only_if_stale else None
            if current is not None and _fits(current, backend, dense):
                return current, _unchanged(current, time.perf_counter() - began)
            remove_stale(archive)
            stats = _build_generation(corpus, archive, dense, progress, backend)
            index = load_index(corpus, cache_dir=cache_dir)
    except OSError as exc:
        raise write_error(exc, archive, f"the index of `{corpus.location}`") from None
    if index is None:
        raise KitError(
            f"The index just built under `{archive}` cannot be read back: run `kit index` "
            "again, and if it fails again, delete that folder."
        )
    return index, BuildStats(**{**stats, "seconds": round(time.perf_counter() - began, 2)})


def _unchanged(index: Index, seconds: float) -> BuildStats:
    """The stats of a build that found the saved index up to date."""
    n = len(index.corpus)
    sentences, passages = len(index.sentences), len(index.passages)
    return BuildStats(n, 0, n, 0, sentences, passages, 0, _is_dense(index), round(seconds, 2))


def _build_generation(
    corpus: Corpus, archive: Path, dense: bool | None, progress: bool, backend: Backend = "bm25s"
) -> dict[str, Any]:
    """Write a new generation and swap it in (call with the lock held); the build's stats."""
    previous = previous_rows(current_generation(archive))
    with new_generation(archive) as folder:
        return write_generation(
            corpus, folder, previous, backend=backend, dense=dense, progress=progress
        )
