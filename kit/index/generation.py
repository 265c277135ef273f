"""One generation of an index: what a build writes into its folder and how it is read back.

A generation holds the offset tables of every sentence and passage (`offsets.npz`), sentence
and passage vectors (`vectors.npy`, `passage_vectors.npy`, when dense), spaCy annotations and
a manifest (format, model, store, the articles' hashes and sentence counts, every file's size
and small files' checksums). What the keyword side keeps depends on the store:

- `memory` (small corpora): nothing more; Haystack's in-memory BM25 store is rebuilt from the
  passages on load (cheap), and the splitting is checked against today's rules;
- `bm25s` (large corpora, `kit index`): a persisted `bm25s` score matrix in `bm25/`.

Writing is streamed and incremental: rows of articles whose hash has not changed are copied
from the previous generation; vectors are written with plain writes in row order. Where the
folder lives, how it is swapped in and who may write it is `kit.index.cache`'s job.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from tqdm.auto import tqdm

from kit.index.annotate import MAX_SENTENCES as MAX_ANNOTATED
from kit.index.annotate import Annotation, annotate_sentences, load_annotations, save_annotations
from kit.index.cache import check_files, check_free_space, damaged, file_table, file_table_problem
from kit.index.encoder import DIMENSION, MODEL_ID, MiniLMEncoder
from kit.index.retrieval import Index, memory_store, no_sentences, passage_vectors, split_corpus
from kit.index.stores import AbsentVectors, BackedIndex
from kit.index.stores.bm25 import BM25sBackend, BM25sIndex
from kit.ingest.corpus import Article, Corpus
from kit.ingest.passages import Passage, Sentence, make_passages, split_sentences

FORMAT = 2
Backend = Literal["memory", "bm25s"]
BACKENDS = ("memory", "bm25s")
DENSE_AUTO_MAX_SENTENCES = 30_000  # auto: embed when a build has at most this many to embed
EMBED_CHUNK = 512  # sentences embedded and written per step
WRITE_BLOCK = 65_536  # vector rows copied and written per step


def article_hash(article: Article) -> str:
    digest = hashlib.sha256()
    for part in (article.source, article.title, article.text):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


# -- reading ------------------------------------------------------------------------------------


def read_manifest(generation: Path) -> dict[str, Any] | None:
    """The generation's manifest; None for another format (rebuilt) or a damaged one (noted)."""
    try:
        manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        damaged(generation, f"manifest.json: {exc}")
        return None
    if not isinstance(manifest, dict):
        damaged(generation, "manifest.json is not an object")
        return None
    if manifest.get("format") != FORMAT or manifest.get("model") != MODEL_ID:
        return None
    problem = _manifest_problem(manifest)
    if problem is not None:
        damaged(generation, f"manifest.json: {problem}")
        return None
    return dict(manifest)


def _manifest_problem(manifest: dict[str, Any]) -> str | None:
    """What is wrong with a manifest's shape, or None."""
    articles = manifest.get("articles")
    if not isinstance(articles, list) or not all(
        isinstance(r, list)
        and len(r) == 3
        and isinstance(r[0], str)
        and isinstance(r[1], str)
        and type(r[2]) is int
        and r[2] >= 0
        for r in articles
    ):
        return "`articles` must list [source, hash, sentence count] rows"
    if manifest.get("backend") not in BACKENDS:
        return "`backend` must be one of " + ", ".join(BACKENDS)
    if not isinstance(manifest.get("dense"), bool):
        return "`dense` must be true or false"
    for key in ("sentences", "passages"):
        if type(manifest.get(key)) is not int:
            return f"`{key}` must be a whole number"
    if sum(r[2] for r in articles) != manifest["sentences"]:
        return "sentence counts do not add up"
    return file_table_problem(manifest.get("files", {}))


def load_generation(corpus: Corpus, folder: Path, manifest: dict[str, Any]) -> Index | None:
    """The index a checked manifest describes; ValueError (or any read error) when a file is
    damaged; None when a `memory` generation was split by other rules (an older kit)."""
    check_files(folder, manifest["files"])
    offsets = np.load(folder / "offsets.npz")
    _check_offsets(corpus, manifest, offsets["sentences"], offsets["passages"])
    sentences, passages = _objects(corpus, offsets["sentences"], offsets["passages"])
    in_memory = manifest["backend"] == "memory"
    if in_memory and split_corpus(corpus) != (sentences, passages):
        return None
    vectors, pvectors = _vectors(folder, manifest, len(sentences), len(passages), in_memory)
    annotations = load_annotations(folder / "annotations.json", len(sentences))
    if in_memory:
        store = memory_store(corpus, passages)
        return Index(corpus, sentences, passages, vectors, pvectors, store, annotations)
    bm25 = BM25sIndex.load(folder / "bm25")
    if bm25 is None or bm25.size != len(passages):
        raise ValueError("bm25 index does not match passages")
    base = Index(corpus, sentences, passages, vectors, pvectors, memory_store(corpus, []))
    base.annotations = annotations
    return BackedIndex.wrap(base, BM25sBackend(bm25, dense=bool(manifest["dense"])))


def _vectors(
    folder: Path, manifest: dict[str, Any], n_sent: int, n_pass: int, in_memory: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence and passage vectors (memory-mapped at scale), checked against the counts."""
    if not manifest["dense"]:
        return AbsentVectors.of(n_sent), AbsentVectors.of(n_pass)
    vectors: np.ndarray = np.load(folder / "vectors.npy", mmap_mode=None if in_memory else "r")
    pvectors: np.ndarray = np.load(folder / "passage_vectors.npy")
    if vectors.shape != (n_sent, DIMENSION):
        raise ValueError("vector rows do not match sentences")
    if pvectors.shape != (n_pass, DIMENSION):
        raise ValueError("passage vector rows do not match passages")
    return vectors, pvectors


def _check_offsets(
    corpus: Corpus, manifest: dict[str, Any], sent: np.ndarray, pas: np.ndarray
) -> None:
    """Offset tables that index only real articles and characters (else ValueError)."""
    if sent.shape != (manifest["sentences"], 4) or pas.shape != (manifest["passages"], 5):
        raise ValueError("offsets.npz does not match the manifest's counts")
    if sent.dtype.kind != "i" or pas.dtype.kind != "i":
        raise ValueError("offsets.npz does not hold whole numbers")
    lengths = np.asarray([len(a.text) for a in corpus.articles], dtype=np.int64)
    for table, lo, hi in ((sent, 2, 3), (pas, 1, 2)):
        if not len(table):
            continue
        article = table[:, 0]
        if article.min() < 0 or article.max() >= len(lengths):
            raise ValueError("offsets.npz names articles the corpus does not have")
        if (table[:, lo] < 0).any() or (table[:, lo] > table[:, hi]).any():
            raise ValueError("offsets.npz holds reversed ranges")
        if (table[:, hi] > lengths[article]).any():
            raise ValueError("offsets.npz points past the end of an article")
    counts = np.bincount(sent[:, 0], minlength=len(lengths)) if len(sent) else None
    if len(pas) and counts is not None and ((pas[:, 3] < 0) | (pas[:, 4] < 1)).any():
        raise ValueError("offsets.npz holds passages without sentences")
    if len(pas) and counts is not None and (pas[:, 3] + pas[:, 4] > counts[pas[:, 0]]).any():
        raise ValueError("offsets.npz holds passages past their article's sentences")


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


# -- writing ------------------------------------------------------------------------------------


@dataclass
class Previous:
    """The current generation's rows, reused for articles whose hash has not changed."""

    rows: dict[str, tuple[str, int, int]]  # source -> (hash, first sentence row, count)
    vectors: np.ndarray | None
    annotations: list[Annotation] | None


def previous_rows(generation: Path | None) -> Previous | None:
    """The current generation's reusable rows, or None (a damaged one is simply not reused)."""
    manifest = read_manifest(generation) if generation is not None else None
    if generation is None or manifest is None:
        return None
    rows, first = {}, 0
    for source, digest, count in manifest["articles"]:
        rows[source] = (digest, first, count)
        first += count
    try:
        check_files(generation, manifest["files"])
        vectors = None
        if manifest["dense"]:
            vectors = np.load(generation / "vectors.npy", mmap_mode="r")
            if vectors.shape != (first, DIMENSION) or vectors.dtype != np.float32:
                raise ValueError("vectors.npy does not match the manifest")
    except Exception as exc:
        damaged(generation, exc)
        return None
    try:
        annotations = load_annotations(generation / "annotations.json", first)
    except Exception:
        annotations = None
    return Previous(rows, vectors, annotations)


def write_generation(
    corpus: Corpus,
    folder: Path,
    previous: Previous | None,
    *,
    backend: Backend,
    dense: bool | None,
    progress: bool,
) -> dict[str, Any]:
    """Write every file of a generation into `folder` (free space checked first); the stats."""
    split = _split(corpus, previous, progress)
    n_sent, n_pass = len(split.sentences), len(split.passages)
    if n_sent == 0:
        raise no_sentences(corpus)
    dense_reusable = previous is not None and previous.vectors is not None
    to_embed = n_sent - (split.reused_sentences if dense_reusable else 0)
    if backend == "memory":
        use_dense = True  # the in-memory store is always hybrid, as small corpora always were
    else:
        use_dense = to_embed <= DENSE_AUTO_MAX_SENTENCES if dense is None else dense
    check_free_space(
        folder.parent,
        _bytes_needed(corpus, split, use_dense),
        what=f"the index of `{corpus.location}`",
    )
    texts = _SentenceTexts(corpus, split.sentences)
    if use_dense:
        _write_vectors(folder, split, texts, previous if dense_reusable else None, progress)
    annotations = _annotations(split, texts, previous, progress)
    save_annotations(annotations, folder / "annotations.json")
    if backend == "bm25s":
        _write_bm25(folder / "bm25", corpus, split.passages, progress)
    np.savez(folder / "offsets.npz", sentences=split.sentences, passages=split.passages)
    manifest = {
        "format": FORMAT,
        "model": MODEL_ID,
        "backend": backend,
        "location": corpus.location,
        "dense": use_dense,
        "sentences": n_sent,
        "passages": n_pass,
        "articles": split.articles,
        "files": file_table(folder),
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


def _bytes_needed(corpus: Corpus, split: _Split, dense: bool) -> int:
    """About how much disk a build takes: vectors, offsets, keyword index, annotations."""
    n_sent, n_pass = len(split.sentences), len(split.passages)
    vectors = (n_sent + n_pass) * DIMENSION * 4 if dense else 0
    text = sum(len(a.text) for a in corpus.articles)
    parsed = n_sent <= MAX_ANNOTATED and not os.environ.get("KIT_NO_SPACY")
    annotations = n_sent * 1_000 if parsed else 0
    return vectors + split.sentences.nbytes + split.passages.nbytes + 3 * text + annotations


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


def _split(corpus: Corpus, previous: Previous | None, progress: bool) -> _Split:
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
    previous: Previous | None,
    progress: bool,
) -> None:
    """Sentence vectors written in row order to a .npy file (copied or embedded in chunks).

    Plain writes, not a memory map: a full disk then fails one `write` with ENOSPC (caught by
    the build) instead of killing the process with SIGBUS.
    """
    n = len(split.sentences)
    old = previous.vectors if previous is not None else None
    reuse = split.reuse if old is not None else [-1] * n
    todo = [row for row, prev in enumerate(reuse) if prev < 0]
    encoder = MiniLMEncoder.shared() if todo else None
    path = folder / "vectors.npy"
    header = {"descr": "<f4", "fortran_order": False, "shape": (n, DIMENSION)}
    with (
        path.open("wb") as handle,
        tqdm(total=len(todo), desc="Embedding", unit="sent", disable=not progress) as bar,
    ):
        np.lib.format.write_array_header_1_0(handle, header)
        written = 0
        for begin in range(0, len(todo), EMBED_CHUNK):
            chunk = todo[begin : begin + EMBED_CHUNK]
            assert encoder is not None
            fresh = dict(zip(chunk, encoder.encode(texts.many(chunk), batch_size=64), strict=True))
            written = _write_rows(handle, written, chunk[-1] + 1, reuse, old, fresh)
            bar.update(len(chunk))
        _write_rows(handle, written, n, reuse, old, {})
    vectors = np.load(path, mmap_mode="r")
    first_row = np.cumsum([0] + [a[2] for a in split.articles])
    rows = [
        list(range(int(first_row[a]) + first, int(first_row[a]) + first + count))
        for a, _s, _e, first, count in split.passages.tolist()
    ]
    np.save(folder / "passage_vectors.npy", passage_vectors(rows, vectors))
    del vectors


def _write_rows(
    handle: Any,
    begin: int,
    end: int,
    reuse: list[int],
    old: np.ndarray | None,
    fresh: dict[int, np.ndarray],
) -> int:
    """Write vector rows `[begin, end)`: copied from the previous build or freshly embedded."""
    for lo in range(begin, end, WRITE_BLOCK):
        hi = min(end, lo + WRITE_BLOCK)
        block = np.empty((hi - lo, DIMENSION), dtype="<f4")
        prev = np.asarray(reuse[lo:hi], dtype=np.int64)
        copy = prev >= 0
        if copy.any():
            assert old is not None
            block[copy] = old[prev[copy]]
        for row in np.flatnonzero(~copy).tolist():
            block[row] = fresh[lo + row]
        handle.write(block.tobytes())
    return max(begin, end)


def _annotations(
    split: _Split, texts: _SentenceTexts, previous: Previous | None, progress: bool
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
