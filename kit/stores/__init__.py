"""Where passages are retrieved from: one seam, several backends.

The reader needs only `Index.retrieve()` plus sentence-level data kept locally, so a backend is
just a Haystack retrieval pipeline with the kit's component names (`embedder`, `bm25`, `dense`,
`joiner`). Backends:

- `memory`: Haystack's in-memory BM25 + a numpy matrix, fused by RRF (`kit.retrieval`; the
  default for small corpora);
- `bm25s`: a persisted `bm25s` score matrix + optional numpy matrix (`kit.stores.bm25`, chosen
  automatically for large corpora, see `kit.indexing`);
- `postgresql://...`: PostgreSQL with pgvector through `pgvector-haystack`
  (`kit.stores.pgvector`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from haystack import Pipeline

from kit.embeddings import DIMENSION
from kit.errors import KitError
from kit.retrieval import DEFAULT_TOP_K, Hit, Index

StoreKind = Literal["auto", "memory", "bm25s", "postgresql"]
STORE_CHOICES = "`auto`, `memory`, `bm25s` or a `postgresql://user:password@host:port/db` URL"


@dataclass(frozen=True, slots=True)
class StoreChoice:
    """A parsed `--store` value."""

    kind: StoreKind
    url: str | None = None


def parse_store(value: str | None) -> StoreChoice:
    """`--store` as given by a user: None/auto, memory, bm25s, or a PostgreSQL URL."""
    if value is None or value.strip() in ("", "auto"):
        return StoreChoice("auto")
    value = value.strip()
    if value in ("memory", "bm25s"):
        return StoreChoice(value)  # type: ignore[arg-type]
    if urlsplit(value).scheme in ("postgresql", "postgres"):
        return StoreChoice("postgresql", value)
    raise KitError(
        f"Unknown store `{mask_url(value)}` for --store: use {STORE_CHOICES}.", exit_code=2
    )


def mask_url(url: str) -> str:
    """The URL with its password replaced by `***`, safe to print."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class AbsentVectors(np.ndarray):
    """Stands in for vectors an index did not compute (BM25-only at scale): every dot product
    is 0 and no memory is used, so the reader's dense term simply drops out."""

    @classmethod
    def of(cls, rows: int) -> AbsentVectors:
        zero = np.zeros((1, DIMENSION), dtype=np.float32)
        return np.broadcast_to(zero, (rows, DIMENSION)).view(cls)

    def __matmul__(self, other: Any) -> np.ndarray:
        other = np.asarray(other)
        return np.zeros(self.shape[:-1] + other.shape[1:], dtype=np.float32)


class Backend(Protocol):
    """A retrieval pipeline over an index's passages."""

    dense: bool

    def pipeline(self, index: Index) -> Pipeline: ...


@dataclass
class BackedIndex(Index):
    """An `Index` whose passages are retrieved by a backend other than the in-memory store."""

    backend: Backend | None = None

    @classmethod
    def wrap(cls, index: Index, backend: Backend) -> BackedIndex:
        """The same sentences, vectors and annotations, retrieved through `backend`."""
        values = {f.name: getattr(index, f.name) for f in fields(Index) if f.init}
        values = {k: v for k, v in values.items() if not k.startswith("_")}
        return cls(**values, backend=backend)

    def pipeline(self) -> Pipeline:
        if self.backend is None:
            return super().pipeline()
        if self._pipeline is None:
            self._pipeline = self.backend.pipeline(self)
        return self._pipeline

    def retrieve(self, query: str, *, top_k: int = DEFAULT_TOP_K) -> tuple[list[Hit], np.ndarray]:
        if self.backend is None or self.backend.dense:
            documents, vector = self.run_hybrid(query, top_k)
        else:
            result = self.pipeline().run({"bm25": {"query": query, "top_k": top_k}})
            vector = np.zeros(DIMENSION, dtype=np.float32)
            documents = result["bm25"]["documents"]
        return self.hits(documents), vector
