"""Indexing large archives: streamed, incremental, persisted, interruption-safe.

`kit index --corpus PATH` builds a persisted index for a corpus *location* (not its content),
so when articles are added or edited only those are split, embedded and annotated again; the
rows of unchanged articles are copied from the previous build. Vectors are written to disk in
batches as they are computed (memory stays bounded by one batch plus the article texts, which
the reader needs anyway), and keyword retrieval uses a persisted `bm25s` matrix.

Each build writes a new generation folder and then atomically swaps the one-line `CURRENT`
pointer, so Ctrl-C or a crash mid-build leaves the previous index in place and usable. Builds
hold an OS file lock on the archive (`kit.cache`), so two processes never delete each other's
work; `CURRENT` is trusted only when it names a generation in the kit's own pattern, and
nothing outside the archive folder is ever deleted. The manifest records every file's size
(and a checksum of the small ones); a generation that does not match is rebuilt with a note.

Embedding is the slow part (MiniLM encodes ~200 sentences/s on 2 cores), so dense vectors are
computed only when a build has at most `DENSE_AUTO_MAX_SENTENCES` sentences to embed, unless
asked for explicitly; above that retrieval is BM25-only (see docs/scale.md for the trade-off).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
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
from kit.cache import build_lock, check_free_space, disk_is_full, remove_inside
from kit.corpus import Article, Corpus
from kit.embeddings import DIMENSION, MODEL_ID, MiniLMEncoder, MiniLMTextEmbedder
from kit.errors import KitError, note
from kit.passages import Passage, Sentence, make_passages, split_sentences
from kit.retrieval import Index, MatrixEmbeddingRetriever, cache_root, open_index, passage_document
from kit.stores import AbsentVectors, BackedIndex, StoreChoice, parse_store
from kit.stores.bm25 import BM25sIndex, BM25sRetriever

FORMAT = 1
POINTER = "CURRENT"
SCALE_MIN_CHARS = 2_000_000  # auto: larger corpora get the persisted bm25s index (~6k passages)
DENSE_AUTO_MAX_SENTENCES = 30_000  # auto: embed when a build has at most this many to embed
EMBED_CHUNK = 512  # sentences embedded and written per step
WRITE_BLOCK = 65_536  # vector rows copied and written per step
CHECKSUM_MAX_BYTES = 16 << 20  # files up to this size get a sha256 in the manifest; all a size
# The only names the kit writes in an archive folder; nothing else is trusted or deleted.
GENERATION = re.compile(r"g-\d{8}-\d{6}-[0-9a-f]{6}")
BUILD_TMP = re.compile(r"tmp-\d+-[0-9A-Za-z]+")
POINTER_TMP = re.compile(re.escape(POINTER) + r"\.tmp-\d+")
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


class CacheUnwritable(KitError):
    """The cache folder cannot be written (read-only HOME or disk): `kit ask` works in memory."""


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
        return _throwaway_index(corpus, dense, progress)
    loaded = load_index(corpus, cache_dir=cache_dir)
    if loaded is not None and (dense is None or dense == _is_dense(loaded)):
        return loaded
    try:
        # `only_if_stale`: when another process was building this index, this one waited for
        # it and then uses its build instead of building again.
        return build_index(
            corpus, cache_dir=cache_dir, dense=dense, progress=progress, only_if_stale=True
        )[0]
    except CacheUnwritable as exc:
        note(f"{exc} Working without a saved index this time.")
        return _throwaway_index(corpus, dense, progress)


def _throwaway_index(corpus: Corpus, dense: bool | None, progress: bool) -> Index:
    """Built in a temporary folder (its files stay mapped after it is deleted), or in memory."""
    try:
        with tempfile.TemporaryDirectory(prefix="kit-index-") as tmp:
            return build_index(corpus, cache_dir=Path(tmp), dense=dense, progress=progress)[0]
    except (OSError, CacheUnwritable):
        return open_index(corpus, use_cache=False)


def _wants_scale(corpus: Corpus, cache_dir: Path | None) -> bool:
    """Large corpora, and any corpus someone ran `kit index` on, use the persisted index."""
    try:
        if (archive_folder(corpus.location, cache_dir) / POINTER).exists():
            return True
    except OSError:
        pass
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
        return None  # the corpus changed: an update, not damage
    try:
        _check_files(generation, manifest)
        return _load_generation(corpus, generation, manifest)
    except Exception as exc:  # any damaged file (truncated, emptied, wrong shape) is rebuilt
        _damaged(generation, exc)
        return None


def _damaged(generation: Path, problem: Exception | str) -> None:
    reason = problem if isinstance(problem, str) else (str(problem) or type(problem).__name__)
    note(f"The saved index `{generation}` is damaged ({reason}): rebuilding it.")


def _current(archive: Path) -> Path | None:
    """The generation `CURRENT` names, when it is one the kit wrote in this archive."""
    pointer = archive / POINTER
    try:
        raw = pointer.read_bytes()
    except OSError:
        return None
    name = raw.decode("utf-8", "replace").strip()
    folder = archive / name
    if not GENERATION.fullmatch(name):
        note(
            f"Ignored the index pointer `{pointer}`: it does not name a build of the kit "
            "(a `g-DATE-TIME-ID` folder); the index will be rebuilt."
        )
        return None
    if folder.is_symlink() or not folder.is_dir():
        note(f"The index pointer `{pointer}` names a missing build; the index will be rebuilt.")
        return None
    return folder


def _manifest(generation: Path) -> dict[str, Any] | None:
    """The generation's manifest; None for another format (rebuilt) or a damaged one (noted)."""
    try:
        manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        _damaged(generation, f"manifest.json: {exc}")
        return None
    if not isinstance(manifest, dict):
        _damaged(generation, "manifest.json is not an object")
        return None
    if manifest.get("format") != FORMAT or manifest.get("model") != MODEL_ID:
        return None
    problem = _manifest_problem(manifest)
    if problem is not None:
        _damaged(generation, f"manifest.json: {problem}")
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
    if not isinstance(manifest.get("dense"), bool):
        return "`dense` must be true or false"
    for key in ("sentences", "passages"):
        if type(manifest.get(key)) is not int:
            return f"`{key}` must be a whole number"
    if sum(r[2] for r in articles) != manifest["sentences"]:
        return "sentence counts do not add up"
    files = manifest.get("files", {})
    if not isinstance(files, dict) or not all(
        isinstance(v, dict) and type(v.get("size")) is int for v in files.values()
    ):
        return "`files` must map names to sizes"
    return None


def _check_files(folder: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists has its recorded size (and checksum, for small files)."""
    for name, expected in manifest.get("files", {}).items():
        path = folder / name
        if ".." in Path(name).parts or path.is_symlink():
            raise ValueError(f"{name}: not a file of this build")
        size = path.stat().st_size
        if size != expected["size"]:
            raise ValueError(f"{name} has {size} bytes, the manifest says {expected['size']}")
        if "sha256" in expected and _sha256(path) != expected["sha256"]:
            raise ValueError(f"{name} does not match its checksum")


def _file_table(folder: Path) -> dict[str, dict[str, Any]]:
    """Size (and sha256 up to `CHECKSUM_MAX_BYTES`) of every file of a generation."""
    table: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            entry: dict[str, Any] = {"size": size}
            if size <= CHECKSUM_MAX_BYTES:
                entry["sha256"] = _sha256(path)
            table[path.relative_to(folder).as_posix()] = entry
    return table


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _load_generation(corpus: Corpus, folder: Path, manifest: dict[str, Any]) -> Index:
    offsets = np.load(folder / "offsets.npz")
    _check_offsets(corpus, manifest, offsets["sentences"], offsets["passages"])
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
    if dense and pvectors.shape != (len(passages), DIMENSION):
        raise ValueError("passage vector rows do not match passages")
    annotations = load_annotations(folder / "annotations.json", len(sentences))
    base = Index(corpus, sentences, passages, vectors, pvectors, InMemoryDocumentStore())
    base.annotations = annotations
    return BackedIndex.wrap(base, EmbeddedBackend(bm25, dense=dense))


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
    only_if_stale: bool = False,
) -> tuple[Index, BuildStats]:
    """Build (or update) the persisted index of a corpus and swap it in atomically.

    One build per archive at a time (an OS file lock); a second one waits for the first.
    Nothing is written unless the disk has room for the whole build, and a build that fails
    to write (disk full) is removed, leaving the previous index as it was. `only_if_stale`:
    return the saved index without building when (once the lock is held) it already matches.
    """
    began = time.perf_counter()
    archive = archive_folder(corpus.location, cache_dir)
    try:
        archive.mkdir(parents=True, exist_ok=True)
        with build_lock(archive, what=f"The index of `{corpus.location}`"):
            current = load_index(corpus, cache_dir=cache_dir) if only_if_stale else None
            if current is not None and (dense is None or dense == _is_dense(current)):
                return current, _unchanged(current, time.perf_counter() - began)
            _remove_stale(archive)
            stats = _build_generation(corpus, archive, dense, progress)
            index = load_index(corpus, cache_dir=cache_dir)
    except OSError as exc:
        raise _write_error(exc, archive, corpus) from None
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
    corpus: Corpus, archive: Path, dense: bool | None, progress: bool
) -> dict[str, Any]:
    """Write a new generation and swap it in; on any failure remove it (CURRENT is kept)."""
    previous = _previous(archive)
    tmp = archive / f"tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        stats = _write_generation(corpus, tmp, previous, dense, progress)
        _swap(archive, tmp)
    except BaseException:
        # Ctrl-C, a crash or a full disk: drop the half-written generation.
        remove_inside(tmp, archive)
        raise
    return stats


def _write_error(exc: OSError, archive: Path, corpus: Corpus) -> KitError:
    """A failed write as one line: unwritable cache (memory fallback) or a full disk."""
    reason = exc.strerror or str(exc)
    if exc.errno is None and disk_is_full(archive):  # numpy: "N requested and M written"
        reason = f"{os.strerror(errno.ENOSPC)}: {reason}"
    if exc.errno in _UNWRITABLE:
        return CacheUnwritable(
            f"Cannot write the index of `{corpus.location}` under `{archive}` ({reason}): "
            "set KIT_CACHE_DIR to a writable folder."
        )
    return KitError(
        f"Could not write the index of `{corpus.location}` under `{archive}` ({reason}); "
        "the partial build was removed and the previous index (if any) is unchanged. "
        "Free some disk space, or set KIT_CACHE_DIR to a folder on a disk with room."
    )


def _remove_stale(archive: Path) -> None:
    """Leftovers of crashed builds (tmp-*) and superseded generations; call with the lock held.

    Only names the kit writes are touched, only inside the archive, never through a link.
    """
    current = _current(archive)
    for child in archive.iterdir():
        if child == current or child.is_symlink():
            continue
        if GENERATION.fullmatch(child.name) or BUILD_TMP.fullmatch(child.name):
            remove_inside(child, archive)
        elif POINTER_TMP.fullmatch(child.name) and child.is_file():
            child.unlink(missing_ok=True)


def _previous(archive: Path) -> _Previous | None:
    """The current generation's reusable rows, or None (a damaged one is simply not reused)."""
    generation = _current(archive)
    manifest = _manifest(generation) if generation is not None else None
    if generation is None or manifest is None:
        return None
    rows, first = {}, 0
    for source, digest, count in manifest["articles"]:
        rows[source] = (digest, first, count)
        first += count
    try:
        _check_files(generation, manifest)
        vectors = None
        if manifest["dense"]:
            vectors = np.load(generation / "vectors.npy", mmap_mode="r")
            if vectors.shape != (first, DIMENSION) or vectors.dtype != np.float32:
                raise ValueError("vectors.npy does not match the manifest")
    except Exception as exc:
        _damaged(generation, exc)
        return None
    try:
        annotations = load_annotations(generation / "annotations.json", first)
    except Exception:
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
        "files": _file_table(folder),
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
    np.save(
        folder / "passage_vectors.npy", _passage_vectors(split.passages, split.articles, vectors)
    )
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
    assert GENERATION.fullmatch(final.name)
    os.replace(generation, final)
    pointer = archive / f"{POINTER}.tmp-{os.getpid()}"
    try:
        pointer.write_text(final.name + "\n", encoding="utf-8")
        os.replace(pointer, archive / POINTER)
    except BaseException:
        pointer.unlink(missing_ok=True)
        remove_inside(final, archive)
        raise
    if old is not None and old != final:
        remove_inside(old, archive)
