"""Indexing large archives: streamed, incremental, persisted, interruption-safe.

`kit index --corpus PATH` builds a persisted index for a corpus *location* (not its content),
so when articles are added or edited only those are split, embedded and annotated again; the
rows of unchanged articles are copied from the previous build. Vectors are written to disk in
batches as they are computed (memory stays bounded by one batch plus the article texts, which
the reader needs anyway), and keyword retrieval uses a persisted `bm25s` matrix.

Each build writes a new generation folder and then atomically swaps the one-line `CURRENT`
pointer, so Ctrl-C or a crash mid-build leaves the previous index in place and usable.

Embedding is the slow part (MiniLM encodes ~200 sentences/s on 2 cores), so dense vectors are
computed only when a build has at most `DENSE_AUTO_MAX_SENTENCES` sentences to embed, unless
asked for explicitly; above that retrieval is BM25-only (see docs/scale.md for the trade-off).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from haystack import Document, Pipeline
from haystack.components.joiners import DocumentJoiner
from haystack.document_stores.in_memory import InMemoryDocumentStore
from tqdm.auto import tqdm

from kit.annotate import MAX_SENTENCES as MAX_ANNOTATED
from kit.annotate import Annotation, annotate_sentences, load_annotations, save_annotations
from kit.corpus import Article, Corpus
from kit.embeddings import DIMENSION, MODEL_ID, MiniLMEncoder, MiniLMTextEmbedder
from kit.errors import KitError
from kit.passages import Passage, Sentence, make_passages, split_sentences
from kit.retrieval import Index, MatrixEmbeddingRetriever, cache_root, open_index, passage_document
from kit.stores import AbsentVectors, BackedIndex, StoreChoice, parse_store
from kit.stores.bm25 import BM25sIndex, BM25sRetriever

FORMAT = 1
POINTER = "CURRENT"
SCALE_MIN_CHARS = 2_000_000  # auto: larger corpora get the persisted bm25s index (~6k passages)
DENSE_AUTO_MAX_SENTENCES = 30_000  # auto: embed when a build has at most this many to embed
EMBED_CHUNK = 512  # sentences embedded and written per step


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


def archive_folder(location: str, cache_dir: Path | None = None) -> Path:
    """Where a corpus location's persisted index lives (one per location, all generations)."""
    resolved = str(Path(location).resolve()) if not location.startswith("<") else location
    key = hashlib.sha256(resolved.encode()).hexdigest()[:16]
    return (cache_dir or cache_root()) / "archives" / key


def article_hash(article: Article) -> str:
    digest = hashlib.sha256()
    for part in (article.source, article.title, article.text):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


# -- opening ----------------------------------------------------------------------------------


def open_kit_index(
    corpus: Corpus,
    *,
    store: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    dense: bool | None = None,
    progress: bool = True,
) -> Index:
    """The index for a corpus on the chosen store (see `kit.stores`); builds what is missing."""
    choice = parse_store(store)
    local = _local_index(corpus, choice, cache_dir, use_cache, dense, progress)
    if choice.kind != "postgresql":
        return local
    from kit.stores.pgvector import PgvectorBackend

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
    if choice.kind == "memory" or (choice.kind != "bm25s" and not _wants_scale(corpus, cache_dir)):
        return open_index(corpus, cache_dir=cache_dir, use_cache=use_cache)
    if not use_cache:
        # Built in a throwaway folder: its files stay mapped after the folder is deleted.
        with tempfile.TemporaryDirectory(prefix="kit-index-") as tmp:
            return build_index(corpus, cache_dir=Path(tmp), dense=dense, progress=progress)[0]
    loaded = load_index(corpus, cache_dir=cache_dir)
    if loaded is not None and (dense is None or dense == _is_dense(loaded)):
        return loaded
    return build_index(corpus, cache_dir=cache_dir, dense=dense, progress=progress)[0]


def _wants_scale(corpus: Corpus, cache_dir: Path | None) -> bool:
    """Large corpora, and any corpus someone ran `kit index` on, use the persisted index."""
    if (archive_folder(corpus.location, cache_dir) / POINTER).exists():
        return True
    return sum(len(a.text) for a in corpus) > SCALE_MIN_CHARS


def _is_dense(index: Index) -> bool:
    return not isinstance(index.sentence_vectors, AbsentVectors)


def load_index(corpus: Corpus, *, cache_dir: Path | None = None) -> Index | None:
    """The persisted index when it matches the corpus exactly, else None (build to update)."""
    generation = _current(archive_folder(corpus.location, cache_dir))
    if generation is None:
        return None
    manifest = _manifest(generation)
    if manifest is None:
        return None
    expected = [[a.source, article_hash(a)] for a in corpus]
    if [row[:2] for row in manifest["articles"]] != expected:
        return None
    try:
        return _load_generation(corpus, generation, manifest)
    except (OSError, ValueError, KeyError):
        return None  # an unreadable generation is rebuilt


def _current(archive: Path) -> Path | None:
    try:
        name = (archive / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = archive / name
    return folder if name and folder.is_dir() else None


def _manifest(generation: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if manifest.get("format") != FORMAT or manifest.get("model") != MODEL_ID:
        return None
    return dict(manifest)


def _load_generation(corpus: Corpus, folder: Path, manifest: dict[str, Any]) -> Index:
    offsets = np.load(folder / "offsets.npz")
    sentences, passages = _objects(corpus, offsets["sentences"], offsets["passages"])
    dense = bool(manifest["dense"])
    if dense:
        vectors: np.ndarray = np.load(folder / "vectors.npy", mmap_mode="r")
        pvectors: np.ndarray = np.load(folder / "passage_vectors.npy")
    else:
        vectors, pvectors = AbsentVectors.of(len(sentences)), AbsentVectors.of(len(passages))
    if vectors.shape != (len(sentences), DIMENSION):
        raise ValueError("vector rows do not match sentences")
    bm25 = BM25sIndex.load(folder / "bm25")
    if bm25 is None or bm25.size != len(passages):
        raise ValueError("bm25 index does not match passages")
    annotations = load_annotations(folder / "annotations.json", len(sentences))
    base = Index(corpus, sentences, passages, vectors, pvectors, InMemoryDocumentStore())
    base.annotations = annotations
    return BackedIndex.wrap(base, EmbeddedBackend(bm25, dense=dense))


def _objects(
    corpus: Corpus, sent: np.ndarray, pas: np.ndarray
) -> tuple[list[Sentence], list[Passage]]:
    """Sentences and passages rebuilt from offset tables (cheaper than splitting again)."""
    articles = corpus.articles
    sentences = [
        Sentence(articles[a].source, int(i), int(s), int(e), articles[a].text[s:e])
        for a, i, s, e in sent.tolist()
    ]
    passages = [
        Passage(articles[a].source, s, e, articles[a].text[s:e], tuple(range(f, f + n)))
        for a, s, e, f, n in pas.tolist()
    ]
    return sentences, passages


# -- the embedded large-corpus backend ----------------------------------------------------------


class EmbeddedBackend:
    """bm25s keyword retrieval, plus the numpy dense retriever and RRF when vectors exist."""

    def __init__(self, bm25: BM25sIndex, *, dense: bool) -> None:
        self.bm25 = bm25
        self.dense = dense

    def pipeline(self, index: Index) -> Pipeline:
        titles = {a.source: a.title for a in index.corpus}

        def document(row: int) -> Document:
            passage = index.passages[row]
            return passage_document(passage, titles[passage.source])

        pipeline = Pipeline()
        pipeline.add_component("bm25", BM25sRetriever(index=self.bm25, document=document))
        if self.dense:
            documents = [document(row) for row in range(len(index.passages))]
            dense = MatrixEmbeddingRetriever(documents=documents, vectors=index.passage_vectors)
            pipeline.add_component("embedder", MiniLMTextEmbedder())
            pipeline.add_component("dense", dense)
            pipeline.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion"))
            pipeline.connect("embedder.embedding", "dense.query_embedding")
            pipeline.connect("bm25.documents", "joiner.documents")
            pipeline.connect("dense.documents", "joiner.documents")
        return pipeline


# -- building -----------------------------------------------------------------------------------


@dataclass
class _Previous:
    """The current generation's rows, reused for articles whose hash has not changed."""

    rows: dict[str, tuple[str, int, int]]  # source -> (hash, first sentence row, count)
    vectors: np.ndarray | None
    annotations: list[Annotation] | None


def build_index(
    corpus: Corpus,
    *,
    cache_dir: Path | None = None,
    dense: bool | None = None,
    progress: bool = True,
) -> tuple[Index, BuildStats]:
    """Build (or update) the persisted index of a corpus and swap it in atomically."""
    began = time.perf_counter()
    archive = archive_folder(corpus.location, cache_dir)
    archive.mkdir(parents=True, exist_ok=True)
    _remove_stale(archive)
    previous = _previous(archive)
    tmp = archive / f"tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        stats = _write_generation(corpus, tmp, previous, dense, progress)
        _swap(archive, tmp)
    except BaseException:
        # Ctrl-C or a crash: drop the half-written generation; CURRENT still names the old one.
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    index = load_index(corpus, cache_dir=cache_dir)
    if index is None:
        raise KitError(
            f"The index just built under `{archive}` cannot be read back: is the disk full?"
        )
    return index, BuildStats(**{**stats, "seconds": round(time.perf_counter() - began, 2)})


def _remove_stale(archive: Path) -> None:
    """Leftovers of crashed builds (tmp-*) and superseded generations."""
    current = _current(archive)
    for child in archive.iterdir():
        if child.is_dir() and child != current:
            shutil.rmtree(child, ignore_errors=True)


def _previous(archive: Path) -> _Previous | None:
    generation = _current(archive)
    manifest = _manifest(generation) if generation is not None else None
    if generation is None or manifest is None:
        return None
    rows, first = {}, 0
    for source, digest, count in manifest["articles"]:
        rows[source] = (digest, first, count)
        first += count
    vectors = None
    if manifest["dense"]:
        try:
            vectors = np.load(generation / "vectors.npy", mmap_mode="r")
        except (OSError, ValueError):
            return None
    try:
        annotations = load_annotations(generation / "annotations.json", first)
    except (OSError, ValueError):
        annotations = None
    return _Previous(rows, vectors, annotations)


def _write_generation(
    corpus: Corpus, folder: Path, previous: _Previous | None, dense: bool | None, progress: bool
) -> dict[str, Any]:
    split = _split(corpus, previous, progress)
    n_sent, n_pass = len(split.sentences), len(split.passages)
    if n_sent == 0:
        raise KitError(
            f"Corpus `{corpus.location}` has no sentences to index: are the files empty?"
        )
    dense_reusable = previous is not None and previous.vectors is not None
    to_embed = n_sent - (split.reused_sentences if dense_reusable else 0)
    use_dense = to_embed <= DENSE_AUTO_MAX_SENTENCES if dense is None else dense
    texts = _SentenceTexts(corpus, split.sentences)
    if use_dense:
        _write_vectors(folder, split, texts, previous if dense_reusable else None, progress)
    annotations = _annotations(split, texts, previous, progress)
    save_annotations(annotations, folder / "annotations.json")
    _write_bm25(folder / "bm25", corpus, split.passages, progress)
    np.savez(folder / "offsets.npz", sentences=split.sentences, passages=split.passages)
    manifest = {
        "format": FORMAT,
        "model": MODEL_ID,
        "location": corpus.location,
        "dense": use_dense,
        "sentences": n_sent,
        "passages": n_pass,
        "articles": split.articles,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return {
        "articles": len(corpus),
        "changed": split.changed,
        "reused": len(corpus) - split.changed,
        "removed": split.removed,
        "sentences": n_sent,
        "passages": n_pass,
        "embedded": to_embed if use_dense else 0,
        "dense": use_dense,
    }


@dataclass
class _Split:
    sentences: np.ndarray  # rows of (article, index, start, end)
    passages: np.ndarray  # rows of (article, start, end, first sentence index, count)
    articles: list[list[Any]]  # (source, hash, sentence count) in corpus order
    reuse: list[int]  # per sentence row: the previous row to copy, or -1 to compute
    changed: int
    removed: int

    @property
    def reused_sentences(self) -> int:
        return sum(1 for r in self.reuse if r >= 0)


def _split(corpus: Corpus, previous: _Previous | None, progress: bool) -> _Split:
    """Split every article (cheap) and note which sentence rows can be reused."""
    sent: list[tuple[int, int, int, int]] = []
    pas: list[tuple[int, int, int, int, int]] = []
    articles: list[list[Any]] = []
    reuse: list[int] = []
    changed = 0
    old = previous.rows if previous is not None else {}
    bar = tqdm(corpus, desc="Splitting", unit="article", disable=not progress, leave=False)
    for number, article in enumerate(bar):
        digest = article_hash(article)
        own = split_sentences(article)
        sent.extend((number, s.index, s.start, s.end) for s in own)
        for p in make_passages(article, own):
            pas.append((number, p.start, p.end, p.sentences[0], len(p.sentences)))
        articles.append([article.source, digest, len(own)])
        before = old.get(article.source)
        if before is not None and before[0] == digest and before[2] == len(own):
            reuse.extend(range(before[1], before[1] + len(own)))
        else:
            reuse.extend([-1] * len(own))
            changed += 1
    removed = len(set(old) - {a[0] for a in articles})
    return _Split(
        np.asarray(sent, dtype=np.int64).reshape(-1, 4),
        np.asarray(pas, dtype=np.int64).reshape(-1, 5),
        articles,
        reuse,
        changed,
        removed,
    )


class _SentenceTexts:
    """Sentence texts sliced from the articles on demand (no second copy of the corpus)."""

    def __init__(self, corpus: Corpus, sentences: np.ndarray) -> None:
        self._articles = corpus.articles
        self._sentences = sentences

    def __getitem__(self, row: int) -> str:
        a, _i, s, e = self._sentences[row].tolist()
        return self._articles[a].text[s:e]

    def many(self, rows: list[int]) -> list[str]:
        return [self[r] for r in rows]


def _write_vectors(
    folder: Path,
    split: _Split,
    texts: _SentenceTexts,
    previous: _Previous | None,
    progress: bool,
) -> None:
    """Sentence vectors straight into a memory-mapped .npy (copied or embedded in chunks)."""
    n = len(split.sentences)
    out = np.lib.format.open_memmap(folder / "vectors.npy", "w+", np.float32, (n, DIMENSION))
    copy = [(row, old) for row, old in enumerate(split.reuse) if old >= 0]
    if previous is not None and previous.vectors is not None and copy:
        rows = np.asarray([r for r, _ in copy])
        olds = np.asarray([o for _, o in copy])
        for begin in range(0, len(rows), 65_536):
            out[rows[begin : begin + 65_536]] = previous.vectors[olds[begin : begin + 65_536]]
    todo = [row for row, old in enumerate(split.reuse) if old < 0 or previous is None]
    encoder = MiniLMEncoder.shared() if todo else None
    with tqdm(total=len(todo), desc="Embedding", unit="sent", disable=not progress) as bar:
        for begin in range(0, len(todo), EMBED_CHUNK):
            chunk = todo[begin : begin + EMBED_CHUNK]
            assert encoder is not None
            out[chunk] = encoder.encode(texts.many(chunk), batch_size=64)
            bar.update(len(chunk))
    out.flush()
    np.save(folder / "passage_vectors.npy", _passage_vectors(split.passages, split.articles, out))
    del out


def _passage_vectors(pas: np.ndarray, articles: list[list[Any]], vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of each passage's sentence vectors (as `kit.retrieval` does)."""
    first_row = np.cumsum([0] + [a[2] for a in articles])
    out = np.zeros((len(pas), DIMENSION), dtype=np.float32)
    for i, (a, _s, _e, first, count) in enumerate(pas.tolist()):
        start = int(first_row[a]) + first
        out[i] = np.asarray(vectors[start : start + count]).mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.clip(norms, 1e-12, None)).astype(np.float32)


def _annotations(
    split: _Split, texts: _SentenceTexts, previous: _Previous | None, progress: bool
) -> list[Annotation] | None:
    """spaCy annotations for small archives only (parsing runs ~180 sentences/s)."""
    n = len(split.sentences)
    if n > MAX_ANNOTATED:
        return None
    old = previous.annotations if previous is not None else None
    todo = [row for row, prev in enumerate(split.reuse) if prev < 0 or old is None]
    fresh = annotate_sentences(texts.many(todo)) if todo else []
    if fresh is None:
        return None
    out: list[Annotation | None] = [None] * n
    for row, ann in zip(todo, fresh, strict=True):
        out[row] = ann
    if old is not None:
        for row, prev in enumerate(split.reuse):
            if prev >= 0:
                out[row] = old[prev]
    if progress and todo:
        tqdm.write(f"Annotated {len(todo)} sentences with spaCy")
    return [a for a in out if a is not None] if all(a is not None for a in out) else None


def _write_bm25(folder: Path, corpus: Corpus, pas: np.ndarray, progress: bool) -> None:
    """The keyword index over every passage (rebuilt each time: ~1 s per 10k passages)."""
    articles = corpus.articles
    texts = [articles[a].text[s:e] for a, s, e, _f, _n in pas.tolist()]
    if progress:
        tqdm.write(f"Keyword index over {len(texts)} passages")
    folder.mkdir()
    BM25sIndex.build(texts).save(folder)


def _swap(archive: Path, generation: Path) -> None:
    """Point CURRENT at the new generation (atomic rename), then drop the old one."""
    old = _current(archive)
    final = archive / f"g-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    os.replace(generation, final)
    pointer = archive / f"{POINTER}.tmp-{os.getpid()}"
    pointer.write_text(final.name + "\n", encoding="utf-8")
    os.replace(pointer, archive / POINTER)
    if old is not None and old != final:
        shutil.rmtree(old, ignore_errors=True)
