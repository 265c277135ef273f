"""The Python entry point: open a corpus once, then ask (and, later, check and tabulate)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import KitError
from kit.index.retrieval import Index
from kit.ingest.corpus import Corpus, corpus_from_records, load_corpus
from kit.reading.answers import AnswerSet, Reader

if TYPE_CHECKING:
    import pandas as pd

    from kit.checking.claims import ClaimCheck

MAX_QUESTION_CHARS = 1000


class FactKit:
    """A loaded corpus with its index and reader. Build it with `kit.open_corpus()`.

    `index` is the index itself or a function that opens it on first use (`open(lazy=True)`:
    the commands that only read articles, `kit show`, `kit sources`, `kit figures`, never load
    or build one)."""

    def __init__(
        self, corpus: Corpus, index: Index | Callable[[], Index], *, reader: str = "neural"
    ) -> None:
        self.corpus = corpus
        self._index = index if isinstance(index, Index) else None
        self._open_index = None if isinstance(index, Index) else index
        self._reader_kind = reader
        self._reader: Reader | None = None

    @property
    def index(self) -> Index:
        if self._index is None:
            assert self._open_index is not None
            self._index = self._open_index()
        return self._index

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            self._reader = Reader(self.index, kind=self._reader_kind)
        return self._reader

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        use_cache: bool = True,
        store: str | None = None,
        progress: bool = True,
        reader: str = "neural",
        lazy: bool = False,
    ) -> FactKit:
        """`store`: None/"auto", "memory", "bm25s" or a PostgreSQL URL (see `kit.index.stores`);
        `reader`: "neural" (the trained transformer, default) or "rules" (model-free); `lazy`:
        open (or build) the index when it is first needed, not now."""
        from kit.index.indexing import open_kit_index

        corpus = load_corpus(Path(path) if path is not None else None)
        folder = Path(cache_dir) if cache_dir is not None else None

        def opened() -> Index:
            return open_kit_index(
                corpus, store=store, cache_dir=folder, use_cache=use_cache, progress=progress
            )

        return cls(corpus, opened if lazy else opened(), reader=reader)

    @classmethod
    def from_records(
        cls, records: list[dict[str, Any]], *, use_cache: bool = False, reader: str = "neural"
    ) -> FactKit:
        """A kit over in-memory articles (`id`, `text`, optional metadata)."""
        from kit.index.indexing import open_index

        corpus = corpus_from_records(records)
        return cls(corpus, open_index(corpus, use_cache=use_cache), reader=reader)

    def ask(self, question: str, *, abstain: bool = True) -> AnswerSet:
        """Short answers with cited spans, or `no_answer` when the corpus does not say
        (`abstain=False`: the best candidate even below the confidence threshold)."""
        return self.reader.ask(_validated(question, "question"), abstain=abstain)

    def ask_many(self, questions: Iterable[str]) -> Iterator[AnswerSet]:
        for question in questions:
            yield self.ask(question)

    def check(self, claim: str) -> ClaimCheck:
        """A verdict on a claim (supported, refuted, conflicting, not_enough_info) with evidence."""
        from kit.checking.claims import check_claim

        return check_claim(self.index, _validated(claim, "claim"), reader=self.reader)

    def check_many(self, claims: Iterable[str]) -> Iterator[ClaimCheck]:
        for claim in claims:
            yield self.check(claim)

    def figures(self) -> pd.DataFrame:
        """Every figure in the corpus as a table: value, unit, quantity, qualifier, citation."""
        from kit.figures.table import figures_frame

        return figures_frame(self.corpus)

    def text(self, source: str) -> str:
        """The original text of a source: what every offset points into."""
        return self.corpus[source].text

    def __repr__(self) -> str:
        passages = (
            "index not opened" if self._index is None else f"{len(self._index.passages)} passages"
        )
        return f"FactKit({len(self.corpus)} articles, {passages}, corpus={self.corpus.location!r})"


def _validated(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise KitError(f'The {what} is empty: pass a non-empty {what}, e.g. "How fast was it?".')
    if len(value) > MAX_QUESTION_CHARS:
        raise KitError(
            f"The {what} is {len(value)} characters long: keep it under {MAX_QUESTION_CHARS}."
        )
    return value.strip()
