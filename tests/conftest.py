"""Shared fixtures. Network access is blocked for every test (pytest-socket, see pyproject)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kit
from kit.api import FactKit
from kit.ingest.corpus import SEEDS, Corpus, load_corpus

# `../shared` is the development checkout's neighbour; a user's clone has none, so nothing the
# suite needs comes from it (the gold sets are copied into tests/data/, bytes unchanged).
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = Path(__file__).resolve().parent / "data"
GOLD_QUESTIONS = DATA / "gold_questions.jsonl"  # ../shared/eval/questions.jsonl
GOLD_CLAIMS = DATA / "gold_claims.jsonl"  # ../shared/eval/claims.jsonl


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test writes indexes into one temporary cache, never the user's."""
    folder = tmp_path_factory.mktemp("kit-cache")
    old = os.environ.get("KIT_CACHE_DIR")
    os.environ["KIT_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("KIT_CACHE_DIR", None)
    else:
        os.environ["KIT_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_kit(_cache_dir: Path) -> FactKit:
    return kit.open_corpus()


def assert_cited(kit: FactKit, result: Any) -> None:
    """Every answer's score is a probability and every citation quotes the original text:
    the span and its sentence are exact slices, the span inside the sentence."""
    for answer in result.answers:
        assert 0.0 < answer.score < 1.0
        for citation in answer.citations:
            text = kit.text(citation.span.source)
            span, sentence = citation.span, citation.sentence
            assert text[span.start : span.end] == span.quote
            assert text[sentence.start : sentence.end] == sentence.quote
            assert sentence.start <= span.start <= span.end <= sentence.end
