"""Retrieval backends: the same answers and citations from every store on the seeds.

The PostgreSQL cases need a server with pgvector (`scripts/postgres.sh start`); they skip when
none is reachable, except under CI=true, where a missing server is a failure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kit.api import FactKit
from kit.errors import KitError
from kit.evaluation import exact_match, gold_answers, read_gold
from kit.index.stores import AbsentVectors, mask_url, parse_store
from kit.index.stores.bm25 import BM25sIndex

from .conftest import GOLD_QUESTIONS

PG_URL = os.environ.get("KIT_TEST_PG_URL", "postgresql://kit:kit@127.0.0.1:55432/kit")
LOCAL = pytest.mark.allow_hosts(["127.0.0.1"])  # pytest-socket: loopback only


def _gold() -> list[dict[str, Any]]:
    return read_gold(GOLD_QUESTIONS)


def _pg_reachable() -> str | None:
    """None when the test server answers, else why not."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]' pgvector-haystack)"
    from kit.index.stores.pgvector import connection_info

    try:
        psycopg.connect(connection_info(PG_URL)[0], connect_timeout=3).close()
    except psycopg.Error:
        return f"no PostgreSQL at {mask_url(PG_URL)} (run `scripts/postgres.sh start`)"
    return None


@pytest.fixture(scope="module")
def pg_url() -> str:
    reason = _pg_reachable()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs the PostgreSQL test server: {reason}")
        pytest.skip(reason)
    return PG_URL


def _signature(kit: FactKit, question: str) -> tuple[Any, list[tuple[str, list[str]]]]:
    """The best answer, then every answer with its citations, as sorted sets.

    The reader gives a small bonus for a passage's retrieval rank, and BM25 implementations
    rank near-ties differently, so two runner-up answers with nearly equal scores (76 vs
    "around 80" vs "more than ten") may swap places; which answers and citations are given,
    and which is best, must not change.
    """
    out = []
    for answer in kit.ask(question).answers:
        cites = sorted(json.dumps(c.to_dict(), sort_keys=True) for c in answer.citations)
        out.append((answer.text, cites))
    return (out[0][0] if out else None), sorted(out)


@pytest.fixture(scope="module")
def caches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stores")


@pytest.fixture(scope="module")
def baseline(caches: Path) -> dict[str, Any]:
    kit = FactKit.open(store="memory", cache_dir=caches, progress=False)
    return {g["question"]: _signature(kit, g["question"]) for g in _gold()}


@pytest.mark.parametrize(
    "store",
    ["memory", "bm25s", pytest.param("postgresql", marks=[pytest.mark.postgres, LOCAL])],
)
def test_every_store_gives_the_gold_answers_with_valid_citations(
    store: str, caches: Path, request: pytest.FixtureRequest
) -> None:
    """The fixed expectation, the same for every store (the in-memory one included): each
    gold question's best answer is a gold answer cited from a gold source, and an
    unanswerable one gets none."""
    url = request.getfixturevalue("pg_url") if store == "postgresql" else store
    kit = FactKit.open(store=url, cache_dir=caches, progress=False)
    for record in _gold():
        result = kit.ask(record["question"])
        gold = gold_answers(record)
        if not gold:
            assert result.no_answer, record["question"]
            continue
        assert result.best is not None, record["question"]
        assert exact_match(result.best.text, gold) == 1.0, (record["question"], result.best.text)
        assert set(result.best.sources) & set(record["sources"]), record["question"]
        for answer in result.answers:
            for citation in answer.citations:
                span = citation.span
                assert kit.text(span.source)[span.start : span.end] == span.quote


@pytest.mark.parametrize(
    "store", ["bm25s", pytest.param("postgresql", marks=[pytest.mark.postgres, LOCAL])]
)
def test_other_stores_give_the_in_memory_stores_answers_and_citations(
    store: str, baseline: dict[str, Any], caches: Path, request: pytest.FixtureRequest
) -> None:
    """Every answer and citation, not only the best, as on the in-memory store; with the
    in-memory keyword store emptied first, so the passages can only come from `store`."""
    url = request.getfixturevalue("pg_url") if store == "postgresql" else store
    kit = FactKit.open(store=url, cache_dir=caches, progress=False)
    local = kit.index.store
    local.delete_documents([document.id for document in local.filter_documents()])
    for question, expected in baseline.items():
        assert _signature(kit, question) == expected, question


@pytest.mark.postgres
@LOCAL
def test_postgres_table_is_synced_incrementally(pg_url: str, caches: Path) -> None:
    from kit.index.stores.pgvector import PgvectorBackend

    kit = FactKit.open(store=pg_url, cache_dir=caches, progress=False)
    backend = PgvectorBackend(pg_url, location=kit.corpus.location)
    again = backend.sync(kit.index, progress=False)
    assert again["written"] == 0 and again["deleted"] == 0
    assert again["passages"] == len(kit.index.passages) == backend.store.count_documents()


@LOCAL
def test_a_down_database_is_one_clear_line_with_the_password_masked() -> None:
    url = "postgresql://kit:s3cret@127.0.0.1:1/kit"
    with pytest.raises(KitError) as caught:
        FactKit.open(store=url, progress=False)
    message = str(caught.value)
    assert "postgresql://kit:***@127.0.0.1:1/kit" in message
    assert "s3cret" not in message and "\n" not in message


@LOCAL
def test_cli_reports_a_wrong_url_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from kit.cli import main

    url = "postgresql://kit:s3cret@127.0.0.1:1/kit"
    assert main(["ask", "How fast was the Oreshnik?", "--store", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "postgresql://kit:***@127.0.0.1:1/kit" in err
    assert "s3cret" not in err


def test_parse_store_rejects_unknown_schemes_with_a_usage_error() -> None:
    assert parse_store(None).kind == "auto"
    assert parse_store("bm25s").kind == "bm25s"
    assert parse_store("postgresql://u:p@h/db").url == "postgresql://u:p@h/db"
    with pytest.raises(KitError, match="Unknown store `mysql://u:\\*\\*\\*@h/db`") as caught:
        parse_store("mysql://u:pw@h/db")
    assert caught.value.exit_code == 2


def test_mask_url_hides_only_the_password() -> None:
    assert mask_url("postgresql://me:pw@db.example:5433/news") == (
        "postgresql://me:***@db.example:5433/news"
    )
    assert mask_url("postgresql://db.example/news") == "postgresql://db.example/news"


def test_absent_vectors_give_zero_similarity_without_memory() -> None:
    vectors = AbsentVectors.of(1_000_000)
    scores = vectors @ np.ones(384, dtype=np.float32)
    assert scores.shape == (1_000_000,) and not scores.any()
    assert vectors.base is not None  # a broadcast view: no 1.5 GB allocation


def test_bm25s_index_ranks_by_keywords_and_survives_a_round_trip(tmp_path: Path) -> None:
    texts = [
        "The Oreshnik missile reached Mach 11.",
        "Drones were shot down over Kyiv overnight.",
        "Weather was calm on Thursday.",
    ]
    index = BM25sIndex.build(texts)
    rows, scores = index.search("how fast was the missile?", 3)
    assert rows.tolist() == [0] and scores[0] > 0
    index.save(tmp_path)
    loaded = BM25sIndex.load(tmp_path)
    assert loaded is not None and loaded.search("drones shot", 2)[0].tolist() == [1]
    assert loaded.search("zzz unknown", 2)[0].tolist() == []
