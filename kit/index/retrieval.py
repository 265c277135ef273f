"""The index: passages in a Haystack document store, BM25 + MiniLM embeddings fused by rank.

This module is the index in memory: sentences, passages, their vectors and the retrieval
pipeline. Saving and loading it is `kit.index.indexing`'s job (one generation per build in the
corpus's archive, `kit.index.cache`), for small corpora on this in-memory store as for large ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from haystack import Document, Pipeline, component
from haystack.components.joiners import DocumentJoiner
from haystack.components.retrievers.in_memory import InMemoryBM25Retriever
from haystack.document_stores.in_memory import InMemoryDocumentStore

from kit.errors import KitError
from kit.index.annotate import Annotation, annotate_sentences
from kit.index.embeddings import MiniLMEncoder, MiniLMTextEmbedder
from kit.ingest.corpus import Corpus
from kit.ingest.passages import Passage, Sentence, make_passages, split_sentences

DEFAULT_TOP_K = 8


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved passage with its fused score and rank (0 is best)."""

    passage: Passage
    score: float
    rank: int


@component
class MatrixEmbeddingRetriever:
    """Dense retrieval over a numpy matrix of unit vectors, one row per document.

    The in-memory store keeps embeddings as lists inside documents and deep-copies them on every
    query (~30 ms for 60 passages); a matrix product over the same vectors takes microseconds.
    """

    def __init__(self, *, documents: list[Document], vectors: np.ndarray, top_k: int = 10) -> None:
        if len(documents) != len(vectors):
            raise ValueError(f"{len(documents)} documents but {len(vectors)} vectors")
        self.documents = documents
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.top_k = top_k

    @component.output_types(documents=list[Document])
    def run(self, query_vector: np.ndarray, top_k: int | None = None) -> dict[str, Any]:
        k = min(top_k or self.top_k, len(self.documents))
        if k == 0:
            return {"documents": []}
        scores = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best])]
        return {
            "documents": [
                Document(
                    id=self.documents[i].id,
                    content=self.documents[i].content,
                    meta=self.documents[i].meta,
                    score=float(scores[i]),
                )
                for i in best
            ]
        }


T = TypeVar("T")


@dataclass
class Index:
    """Sentences, passages and their vectors for one corpus, with a hybrid retrieval pipeline."""

    corpus: Corpus
    sentences: list[Sentence]
    passages: list[Passage]
    sentence_vectors: np.ndarray
    passage_vectors: np.ndarray
    store: InMemoryDocumentStore
    annotations: list[Annotation] | None = None  # spaCy data per sentence (kit.index.annotate)
    _row: dict[tuple[str, int], int] = field(default_factory=dict, repr=False)
    _passage_by_id: dict[str, Passage] = field(default_factory=dict, repr=False)
    _pipeline: Pipeline | None = field(default=None, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._row = {(s.source, s.index): i for i, s in enumerate(self.sentences)}
        self._passage_by_id = {p.id: p for p in self.passages}

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A value computed once from this index (the copy report, the claim checker's sentence
        facts) and kept with it, so it is dropped with the index and never outlives it."""
        if name not in self._derived:
            self._derived[name] = build()
        value: T = self._derived[name]
        return value

    def row(self, sentence: Sentence) -> int:
        """The sentence's row in `sentence_vectors`."""
        return self._row[(sentence.source, sentence.index)]

    def sentence(self, source: str, index: int) -> Sentence:
        return self.sentences[self._row[(source, index)]]

    def passage_sentences(self, passage: Passage) -> list[Sentence]:
        return [self.sentence(passage.source, i) for i in passage.sentences]

    def pipeline(self) -> Pipeline:
        """BM25 and embedding retrievers joined by reciprocal rank fusion (built once)."""
        if self._pipeline is None:
            documents = passage_documents(self.corpus, self.passages)
            self._pipeline = retrieval_pipeline(
                InMemoryBM25Retriever(document_store=self.store),
                MatrixEmbeddingRetriever(documents=documents, vectors=self.passage_vectors),
            )
        return self._pipeline

    def retrieve(self, query: str, *, top_k: int = DEFAULT_TOP_K) -> tuple[list[Hit], np.ndarray]:
        """The best passages for `query`, and the query's embedding (reused by the reader)."""
        documents, vector = self.run_hybrid(query, top_k)
        return self.hits(documents), vector

    def run_hybrid(self, query: str, top_k: int) -> tuple[list[Document], np.ndarray]:
        """Run the BM25 + embedding pipeline: fused documents and the query vector."""
        result = self.pipeline().run(
            {
                "embedder": {"text": query},
                "bm25": {"query": query, "top_k": top_k * 2},
                "dense": {"top_k": top_k * 2},
                "joiner": {"top_k": top_k},
            },
            include_outputs_from={"embedder"},
        )
        vector = np.asarray(result["embedder"]["vector"], dtype=np.float32)
        return result["joiner"]["documents"], vector

    def hits(self, documents: list[Document]) -> list[Hit]:
        """Retrieved documents as passages, in rank order (`meta["passage"]` names a passage
        when a store keeps its own document ids)."""
        return [
            Hit(self._passage_by_id[doc.meta.get("passage", doc.id)], float(doc.score or 0), rank)
            for rank, doc in enumerate(documents)
        ]


def _import_haystack_tools_quickly() -> None:
    """Import `haystack.tools` (which a pipeline run loads) without jsonschema's IRI checker.

    jsonschema picks up the optional `rfc3987-syntax` package when it is installed (JupyterLab
    brings it), and that package compiles 38 grammars at import: ~1.8 s of a cold `kit ask`.
    The kit never validates IRIs, so jsonschema is imported once with that package hidden;
    it stays importable for everyone else afterwards.
    """
    if "jsonschema" in sys.modules:
        return
    hidden = sys.modules.get("rfc3987_syntax", _MISSING)
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import haystack.tools  # noqa: F401
    finally:
        if hidden is _MISSING:
            del sys.modules["rfc3987_syntax"]
        else:
            sys.modules["rfc3987_syntax"] = hidden  # type: ignore[assignment]


_MISSING = object()
_import_haystack_tools_quickly()


def retrieval_pipeline(keyword: Any, dense: Any | None = None) -> Pipeline:
    """The kit's retrieval pipeline, whatever the store: a keyword retriever named `bm25`, and
    when `dense` is given the `embedder` -> `dense` retrievers fused with it by reciprocal rank
    (`joiner`). Every backend wires its retrievers through here, in this one order."""
    pipeline = Pipeline()
    if dense is not None:
        pipeline.add_component("embedder", MiniLMTextEmbedder())
    pipeline.add_component("bm25", keyword)
    if dense is None:
        return pipeline
    pipeline.add_component("dense", dense)
    pipeline.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion"))
    if isinstance(dense, MatrixEmbeddingRetriever):
        pipeline.connect("embedder.vector", "dense.query_vector")
    else:  # a Haystack retriever (pgvector's) takes the list
        pipeline.connect("embedder.embedding", "dense.query_embedding")
    pipeline.connect("bm25.documents", "joiner.documents")
    pipeline.connect("dense.documents", "joiner.documents")
    return pipeline


def split_corpus(corpus: Corpus) -> tuple[list[Sentence], list[Passage]]:
    sentences: list[Sentence] = []
    passages: list[Passage] = []
    for article in corpus:
        own = split_sentences(article)
        sentences.extend(own)
        passages.extend(make_passages(article, own))
    if not sentences:
        raise no_sentences(corpus)
    return sentences, passages


def no_sentences(corpus: Corpus) -> KitError:
    return KitError(f"Corpus `{corpus.location}` has no sentences to index: are the files empty?")


def passage_document(passage: Passage, title: str) -> Document:
    """The Haystack document of a passage: original text, offsets in `meta`."""
    meta = {"source": passage.source, "start": passage.start, "end": passage.end, "title": title}
    return Document(id=passage.id, content=passage.text, meta=meta)


def passage_vectors(index_rows: list[list[int]], sentence_vectors: np.ndarray) -> np.ndarray:
    """A passage's vector is the normalised mean of its sentences' vectors."""
    out = np.stack([sentence_vectors[rows].mean(axis=0) for rows in index_rows])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.clip(norms, 1e-12, None)).astype(np.float32)


def passage_documents(corpus: Corpus, passages: list[Passage]) -> list[Document]:
    return [passage_document(p, corpus[p.source].title) for p in passages]


def memory_store(corpus: Corpus, passages: list[Passage]) -> InMemoryDocumentStore:
    """Haystack's in-memory BM25 store over the passages (rebuilt on load: it is cheap)."""
    store = InMemoryDocumentStore()
    store.write_documents(passage_documents(corpus, passages))
    return store


def memory_index(corpus: Corpus) -> Index:
    """An index built in memory only (`use_cache=False`, or no writable folder at all)."""
    sentences, passages = split_corpus(corpus)
    vectors = MiniLMEncoder.shared().encode([s.text for s in sentences])
    row = {(s.source, s.index): i for i, s in enumerate(sentences)}
    rows = [[row[(p.source, i)] for i in p.sentences] for p in passages]
    store = memory_store(corpus, passages)
    annotations = annotate_sentences([s.text for s in sentences])
    pvectors = passage_vectors(rows, vectors)
    return Index(corpus, sentences, passages, vectors, pvectors, store, annotations)
