"""Fast embedded keyword retrieval: BM25 over a sparse matrix (`bm25s`), saved with the index.

Haystack's in-memory BM25 scores every document in Python on each query (about 1 s at 100k
passages); `bm25s` precomputes a sparse term-by-passage score matrix once, so a query is a few
sparse row sums (milliseconds), and the matrix loads from `.npy` files memory-mapped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from haystack import Document, Pipeline, component

from kit.index.retrieval import (
    Index,
    MatrixEmbeddingRetriever,
    passage_document,
    retrieval_pipeline,
)

_STEMMER: Any = None
_STEMS: dict[str, str] = {}  # word -> stem: news vocabularies are small, stemming is not free
FORMAT = 1


def _stem_words(words: list[str]) -> list[str]:
    """English Snowball stems (the same stemmer the reader uses), each distinct word once."""
    global _STEMMER
    if _STEMMER is None:
        import snowballstemmer

        _STEMMER = snowballstemmer.stemmer("english")
    new = [w for w in set(words) if w not in _STEMS]
    if new:
        _STEMS.update(zip(new, _STEMMER.stemWords(new), strict=True))
    return [_STEMS[w] for w in words]


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased, stop-word-free, stemmed word lists (bm25s's rules plus a stemmer)."""
    import bm25s

    words = bm25s.tokenize(list(texts), return_ids=False, show_progress=False)
    return [_stem_words(list(w)) for w in words]


class BM25sIndex:
    """A BM25 score matrix over passages, addressed by row (the passage's position)."""

    def __init__(self, model: Any, size: int) -> None:
        self._model = model
        self.size = size
        self._vocab: dict[str, int] = dict(model.vocab_dict)

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25sIndex:
        import bm25s

        model = bm25s.BM25()
        model.index(tokenize(texts), show_progress=False)
        return cls(model, len(texts))

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)
        meta = {"format": FORMAT, "size": self.size}
        (folder / "kit-bm25s.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> BM25sIndex | None:
        """The saved index, or None when it is missing or of another format (then rebuild)."""
        import bm25s

        meta_file = folder / "kit-bm25s.json"
        if not meta_file.exists():
            return None
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            return None
        model = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        return cls(model, int(meta["size"]))

    def search(self, query: str, top_k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the best `top_k` passages with a positive score, best first."""
        tokens = [t for t in tokenize([query])[0] if t in self._vocab]
        if not tokens or top_k < 1:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = np.asarray(self._model.get_scores(tokens), dtype=np.float32)
        k = min(top_k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        best = best[scores[best] > 0]
        return best.astype(np.int64), scores[best]


@component
class BM25sRetriever:
    """Haystack retriever over a `BM25sIndex`; documents are made only for the hits."""

    def __init__(
        self, *, index: BM25sIndex, document: Callable[[int], Document], top_k: int = 10
    ) -> None:
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k}")
        self.index = index
        self.document = document
        self.top_k = top_k

    @component.output_types(documents=list[Document])
    def run(self, query: str, top_k: int | None = None) -> dict[str, Any]:
        rows, scores = self.index.search(query, top_k or self.top_k)
        out = []
        for row, score in zip(rows.tolist(), scores.tolist(), strict=True):
            doc = self.document(row)
            out.append(Document(id=doc.id, content=doc.content, meta=doc.meta, score=score))
        return {"documents": out}


class BM25sBackend:
    """The large-corpus store: bm25s keyword retrieval, plus the numpy dense retriever fused
    by RRF when the generation has vectors."""

    def __init__(self, bm25: BM25sIndex, *, dense: bool) -> None:
        self.bm25 = bm25
        self.dense = dense

    def pipeline(self, index: Index) -> Pipeline:
        titles = {a.source: a.title for a in index.corpus}

        def document(row: int) -> Document:
            passage = index.passages[row]
            return passage_document(passage, titles[passage.source])

        keyword = BM25sRetriever(index=self.bm25, document=document)
        if not self.dense:
            return retrieval_pipeline(keyword)
        documents = [document(row) for row in range(len(index.passages))]
        dense = MatrixEmbeddingRetriever(documents=documents, vectors=index.passage_vectors)
        return retrieval_pipeline(keyword, dense)
