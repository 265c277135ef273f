"""PostgreSQL + pgvector as the passage store, through `pgvector-haystack`.

Passages (text, offsets, passage vector) live in one table per corpus location; retrieval is
the same hybrid as the embedded default: a keyword retriever and `PgvectorEmbeddingRetriever`
fused by reciprocal rank. The reader's sentence-level data (sentence vectors, annotations)
and the article texts stay local, so citations come from the original text as everywhere.

PostgreSQL's `plainto_tsquery` (used by Haystack's `PgvectorKeywordRetriever`) requires every
question word to match, which loses most passages for natural questions; the kit's store
subclass ORs the words instead (like BM25) and ranks with `ts_rank_cd` as Haystack does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from haystack import Document, Pipeline
from haystack.utils import Secret
from tqdm.auto import tqdm

from kit.errors import KitError
from kit.index.embeddings import DIMENSION
from kit.index.retrieval import Index, passage_document, retrieval_pipeline
from kit.index.stores import AbsentVectors, exception_chain, mask_secrets, mask_url

WRITE_BATCH = 500
CONNECT_TIMEOUT_S = 5
_WORD = re.compile(r"\w+")

try:
    from haystack.document_stores.errors import DocumentStoreError
    from haystack_integrations.components.retrievers.pgvector import (
        PgvectorEmbeddingRetriever,
        PgvectorKeywordRetriever,
    )
    from haystack_integrations.document_stores.pgvector import PgvectorDocumentStore
    from haystack_integrations.document_stores.pgvector.filters import (
        _convert_filters_to_where_clause_and_params,
    )
    from psycopg import Error as PsycopgError
    from psycopg.sql import SQL, Composed, Identifier
    from psycopg.sql import Literal as SQLLiteral
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise KitError(
        "The PostgreSQL store needs `pgvector-haystack` and `psycopg[binary]`: "
        "pip install pgvector-haystack 'psycopg[binary]'."
    ) from exc

_ANY_WORD_QUERY = """
SELECT {table_name}.*, ts_rank_cd(to_tsvector({language}, content), query) AS score
FROM {schema_name}.{table_name}, to_tsquery({language}, %s) query
WHERE to_tsvector({language}, content) @@ query
"""


class KitPgvectorDocumentStore(PgvectorDocumentStore):
    """`PgvectorDocumentStore` whose keyword search matches any question word (OR), not all."""

    def _build_keyword_retrieval_query(
        self, query: str, top_k: int, filters: dict[str, Any] | None = None
    ) -> tuple[Composed, tuple[Any, ...]]:
        select = SQL(_ANY_WORD_QUERY).format(
            schema_name=Identifier(self.schema_name),
            table_name=Identifier(self.table_name),
            language=SQLLiteral(self.language),
        )
        where: Composed | SQL = SQL("")
        params: tuple[Any, ...] = ()
        if filters:
            where, params = _convert_filters_to_where_clause_and_params(
                filters=filters, operator="AND"
            )
        sort = SQL(" ORDER BY score DESC LIMIT {top_k}").format(top_k=SQLLiteral(top_k))
        return select + where + sort, params

    def _keyword_retrieval(
        self, query: str, *, filters: dict[str, Any] | None = None, top_k: int = 10
    ) -> list[Document]:
        words = " | ".join(_WORD.findall(query.lower()))
        if not words:
            return []
        result: list[Document] = super()._keyword_retrieval(words, filters=filters, top_k=top_k)
        return result


def connection_info(url: str) -> tuple[str, str | None]:
    """(libpq URL with a connect timeout, table named by `?table=`) from a `--store` URL."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    table = query.pop("table", None)
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    scheme = "postgresql"
    return urlunsplit((scheme, parts.netloc, parts.path, urlencode(query), "")), table


def table_for(location: str) -> str:
    """One table per corpus location, so archives sharing a database stay apart."""
    return "kit_" + hashlib.sha256(location.encode()).hexdigest()[:12]


def document_id(passage_id: str, text: str, dense: bool) -> str:
    """Content-addressed ids (pgvector-haystack ids are VARCHAR(128); source ids can be longer)."""
    digest = hashlib.sha1(f"{passage_id}\0{text}\0{int(dense)}".encode())
    return digest.hexdigest()


class PgvectorBackend:
    """Keyword + pgvector retrieval over one corpus's table, fused by RRF."""

    def __init__(self, url: str, *, location: str, table: str | None = None) -> None:
        self.url = url
        conninfo, from_url = connection_info(url)
        self.table = table or from_url or table_for(location)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,50}", self.table):
            raise KitError(
                f"Table name `{self.table}` in --store is not a plain SQL name: "
                "use letters, digits and underscores.",
                exit_code=2,
            )
        self.dense = True
        self.store = KitPgvectorDocumentStore(
            connection_string=Secret.from_token(conninfo),
            table_name=self.table,
            embedding_dimension=DIMENSION,
            vector_function="cosine_similarity",
            keyword_index_name=f"{self.table}_keywords",
            hnsw_index_name=f"{self.table}_hnsw",
        )

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Database failures (also a server stopped mid-session, inside a pipeline run) as one
        KitError line naming the URL, every password masked."""
        try:
            yield
        except KitError:
            raise
        except Exception as exc:
            chain = list(exception_chain(exc))
            found: list[BaseException] = [e for e in chain if isinstance(e, PsycopgError)]
            found = found or [e for e in chain if isinstance(e, DocumentStoreError)]
            if not found:
                raise
            cause = found[0]
            text = str(cause).strip()
            reason = text.splitlines()[0] if text else type(cause).__name__
            raise KitError(
                f"Cannot use the PostgreSQL store `{mask_url(self.url)}`: "
                f"{mask_secrets(reason.rstrip('.'), self.url)}. "
                "Check that the server is running with pgvector and that --store is right."
            ) from None

    def sync(self, index: Index, *, progress: bool = True) -> dict[str, int]:
        """Make the table hold exactly the index's passages: write new ones, delete stale ones."""
        self.dense = not isinstance(index.passage_vectors, AbsentVectors)
        titles = {a.source: a.title for a in index.corpus}
        wanted = {
            document_id(p.id, p.text, self.dense): row for row, p in enumerate(index.passages)
        }
        with self.errors():
            existing = self._ids()
            stale = sorted(existing - wanted.keys())
            if stale:
                self.store.delete_documents(stale)
            missing = [row for doc_id, row in wanted.items() if doc_id not in existing]
            with tqdm(
                total=len(missing),
                desc="Writing to PostgreSQL",
                unit="passage",
                disable=not progress or not missing,
            ) as bar:
                for begin in range(0, len(missing), WRITE_BATCH):
                    rows = missing[begin : begin + WRITE_BATCH]
                    self.store.write_documents([self._document(index, r, titles) for r in rows])
                    bar.update(len(rows))
        return {"written": len(missing), "deleted": len(stale), "passages": len(wanted)}

    def _ids(self) -> set[str]:
        self.store._ensure_db_setup()  # creates the table and indexes on first use
        cursor = self.store._cursor
        assert cursor is not None
        cursor.execute(
            SQL("SELECT id FROM {}.{}").format(
                Identifier(self.store.schema_name), Identifier(self.table)
            )
        )
        return {row[0] for row in cursor.fetchall()}

    def _document(self, index: Index, row: int, titles: dict[str, str]) -> Document:
        passage = index.passages[row]
        base = passage_document(passage, titles[passage.source])
        embedding = index.passage_vectors[row].tolist() if self.dense else None
        return Document(
            id=document_id(passage.id, passage.text, self.dense),
            content=base.content,
            meta={**base.meta, "passage": passage.id},
            embedding=embedding,
        )

    def pipeline(self, index: Index) -> Pipeline:
        keyword = PgvectorKeywordRetriever(document_store=self.store)
        dense = PgvectorEmbeddingRetriever(document_store=self.store) if self.dense else None
        return retrieval_pipeline(keyword, dense)

    def drop(self) -> None:
        """Delete the corpus's table (tests and `kit index --rebuild`)."""
        with self.errors():
            self.store._ensure_db_setup()
            self.store.delete_table()
