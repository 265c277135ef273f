"""Where passages are retrieved from: one seam, several backends.

The reader needs only `Index.retrieve()` plus sentence-level data kept locally, so a backend is
just a Haystack retrieval pipeline with the kit's component names (`embedder`, `bm25`, `dense`,
`joiner`). Backends:

- `memory`: Haystack's in-memory BM25 + a numpy matrix, fused by RRF (`kit.index.retrieval`; the
  default for small corpora);
- `bm25s`: a persisted `bm25s` score matrix + optional numpy matrix (`kit.index.stores.bm25`, chosen
  automatically for large corpora, see `kit.index.indexing`);
- `postgresql://...`: PostgreSQL with pgvector through `pgvector-haystack`
  (`kit.index.stores.pgvector`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol
from urllib.parse import unquote, urlsplit

import numpy as np
from haystack import Pipeline

from kit.errors import KitError
from kit.index.embeddings import DIMENSION
from kit.index.retrieval import DEFAULT_TOP_K, Hit, Index

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
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise KitError(
            f"The --store URL `{mask_url(value)}` cannot be read ({exc}): "
            "use postgresql://user:password@host:port/db.",
            exit_code=2,
        ) from None
    if parts.scheme in ("postgresql", "postgres"):
        _check_port(value, parts.netloc)
        return StoreChoice("postgresql", value)
    raise KitError(
        f"Unknown store `{mask_url(value)}` for --store: use {STORE_CHOICES}.", exit_code=2
    )


def _check_port(url: str, netloc: str) -> None:
    """Every port of a libpq URL (`host:port`, or `h1:p1,h2:p2`) is a number 1-65535."""
    for host in netloc.rpartition("@")[2].split(","):
        port = host.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in host else ""
        if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
            raise KitError(
                f"The port `{port}` in --store `{mask_url(url)}` is not a number from 1 to "
                "65535: use postgresql://user:password@host:5432/db.",
                exit_code=2,
            )


# libpq parameters that hold secrets, in a URL's query (`?password=...`) or a key=value string.
SECRET_PARAMETERS = ("password", "sslpassword")
_SECRET_QUERY = re.compile(
    r"(?i)((?:^|[?&;\s])(?:" + "|".join(SECRET_PARAMETERS) + r")\s*=\s*)"
    r"('(?:[^'\\]|\\.)*'|[^&#\s]*)"
)


def mask_url(url: str) -> str:
    """The URL with every password libpq accepts replaced by `***`, safe to print: the one in
    `user:password@`, `?password=` and `?sslpassword=` (also in key=value connection strings)."""
    scheme, sep, rest = url.partition("://")
    if sep:
        netloc, slash, tail = _split_netloc(rest)
        users, at, hosts = netloc.rpartition("@")
        if at and ":" in users:
            netloc = f"{users.split(':', 1)[0]}:***@{hosts}"
        url = f"{scheme}{sep}{netloc}{slash}{tail}"
    masked = _SECRET_QUERY.sub(lambda m: m.group(1) + "***", url)
    if any(m.group(2) != "***" for m in _SECRET_QUERY.finditer(unquote(masked))):
        masked = masked.partition("?")[0] + "?***"  # a percent-encoded parameter name
    return masked


def _split_netloc(rest: str) -> tuple[str, str, str]:
    """(netloc, separator, the rest) of what follows `scheme://`."""
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return rest[:cut], rest[cut : cut + 1], rest[cut + 1 :]


def url_secrets(url: str) -> list[str]:
    """Every password in a libpq URL, as written and percent-decoded (to mask in messages)."""
    found = []
    netloc = _split_netloc(url.partition("://")[2])[0]
    users = netloc.rpartition("@")[0]
    if ":" in users:
        found.append(users.split(":", 1)[1])
    found += [m.group(2).strip("'") for m in _SECRET_QUERY.finditer(url)]
    found += [unquote(f) for f in found]
    return sorted({f for f in found if f}, key=len, reverse=True)


def mask_secrets(text: str, url: str) -> str:
    """`text` (say, a driver's error message) with every password of `url` replaced."""
    for secret in url_secrets(url):
        text = text.replace(secret, "***")
    return mask_url(text)


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


def backend_errors(backend: Backend) -> AbstractContextManager[None]:
    """The backend's own error translation (a database gone mid-session -> one KitError)."""
    errors = getattr(backend, "errors", None)
    return errors() if callable(errors) else contextlib.nullcontext()


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and its causes (a pipeline wraps a component's exception in its own)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


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
            with backend_errors(self.backend) if self.backend else contextlib.nullcontext():
                documents, vector = self.run_hybrid(query, top_k)
        else:
            with backend_errors(self.backend):
                result = self.pipeline().run({"bm25": {"query": query, "top_k": top_k}})
            vector = np.zeros(DIMENSION, dtype=np.float32)
            documents = result["bm25"]["documents"]
        return self.hits(documents), vector
