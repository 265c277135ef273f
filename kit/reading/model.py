"""The trained span model: MiniLM (BERT 6x384) fine-tuned on SQuAD, int8 ONNX on onnxruntime.

`scripts/train_transformer.py` trains and exports it; this module only runs it. A question and
one window of text go in as `[CLS] question [SEP] window [SEP]`; the model gives every token a
start and an end logit, and [CLS] stands for "the answer is not in this window". Token spans
are mapped back to characters with the tokenizer's offsets, so every reading is an exact slice
of the text it was given. torch is never imported here.
"""

from __future__ import annotations

import json
import math
import os
import threading
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from kit.errors import KitError
from kit.language.text import sigmoid

MODEL_DIR = Path(str(files("kit") / "data" / "qa"))
MODEL_FILE = MODEL_DIR / "reader-int8.onnx"
CALIBRATION_FILE = MODEL_DIR / "calibration.json"
TOKENIZER_FILE = Path(str(files("kit") / "data" / "minilm" / "tokenizer.json"))
CLS, SEP = 101, 102
MAX_TOKENS = 96  # the length the model was trained at (question + window + 3 special tokens)
MAX_QUESTION_TOKENS = 32
MAX_ANSWER_TOKENS = 30
TOP_TOKENS = 20


@dataclass(frozen=True, slots=True)
class SpanReading:
    """One answer span the model read in one window, offsets relative to that window's text."""

    window: int
    start: int
    end: int
    logit: float  # start + end logit
    probability: float  # this span's share of the window's mass, "not here" included
    null_probability: float  # the window's "not here" share


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic map from a reading's scores to the probability that it is right (fitted on
    held-out SQuAD training articles, answerable and unanswerable windows together)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, reading: SpanReading) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features(reading), strict=True))
        return sigmoid(z)


def features(reading: SpanReading) -> tuple[float, float, float]:
    """What calibration reads: the span's log share, the "not here" log share, their gap."""
    span = math.log(max(reading.probability, 1e-9))
    null = math.log(max(reading.null_probability, 1e-9))
    return (span, null, span - null)


class SpanModel:
    """The ONNX session and tokenizer; `read` scores many windows of one question in one call."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        if not path.exists():
            raise KitError(
                f"The reader model {path} is missing: reinstall the kit (pip install -e .), "
                "or use --reader rules."
            )
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()

    def question_ids(self, question: str) -> list[int]:
        ids: list[int] = self.tokenizer.encode(question, add_special_tokens=False).ids
        return ids[:MAX_QUESTION_TOKENS]

    def budget(self, question_ids: list[int]) -> int:
        """How many window tokens fit beside the question."""
        return MAX_TOKENS - len(question_ids) - 3

    def encode(self, texts: list[str]) -> list[Any]:
        return list(self.tokenizer.encode_batch(texts, add_special_tokens=False))

    def read(
        self, question_ids: list[int], windows: list[tuple[list[int], list[tuple[int, int]]]]
    ) -> list[list[SpanReading]]:
        """For each window (token ids, character offsets of each token), its best spans."""
        if not windows:
            return []
        width = max(len(question_ids) + len(ids) + 3 for ids, _ in windows)
        n = len(windows)
        input_ids = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.int64)
        types = np.zeros((n, width), dtype=np.int64)
        shift = len(question_ids) + 2
        for i, (ids, _) in enumerate(windows):
            row = [CLS, *question_ids, SEP, *ids, SEP]
            input_ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
            types[i, shift : len(row)] = 1
        starts, ends = self.session.run(
            None, {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": types}
        )
        return [
            _best_spans(i, starts[i], ends[i], shift, offsets)
            for i, (_, offsets) in enumerate(windows)
        ]


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    top = float(logits.max())
    return np.asarray(logits - top - math.log(float(np.exp(logits - top).sum())))


def _best_spans(
    window: int,
    start_logits: np.ndarray,
    end_logits: np.ndarray,
    shift: int,
    offsets: list[tuple[int, int]],
) -> list[SpanReading]:
    """The standard decoding: top starts x top ends with start <= end and a length cap, over
    the window's tokens only; each span's probability counts [CLS] in the normaliser."""
    n = len(offsets)
    allowed = np.concatenate([[0], np.arange(shift, shift + n)])
    ls = _log_softmax(start_logits[allowed])
    le = _log_softmax(end_logits[allowed])
    null_logprob = float(ls[0] + le[0])
    s_top = np.argsort(-ls[1:])[:TOP_TOKENS]
    e_top = np.argsort(-le[1:])[:TOP_TOKENS]
    # every (start, end) pair of the top tokens at once, in start-major order
    s_grid, e_grid = np.meshgrid(s_top, e_top, indexing="ij")
    valid = (e_grid >= s_grid) & (e_grid - s_grid + 1 <= MAX_ANSWER_TOKENS)
    s_ok, e_ok = s_grid[valid], e_grid[valid]
    logprobs = ls[1 + s_ok] + le[1 + e_ok]
    best = np.argsort(-logprobs, kind="stable")[:TOP_TOKENS]  # ties keep start-major order
    null = math.exp(null_logprob)
    return [
        SpanReading(
            window,
            offsets[s][0],
            offsets[e][1],
            float(start_logits[shift + s] + end_logits[shift + e]),
            math.exp(float(logprobs[i])),
            null,
        )
        for i, s, e in zip(best.tolist(), s_ok[best].tolist(), e_ok[best].tolist(), strict=True)
    ]


_loading = threading.Lock()


@cache
def span_model() -> SpanModel:
    """The one span model of the process; the lock makes a caller wait for a load that another
    thread has begun (`kit/warm.py`) instead of building a second session."""
    with _loading:
        return _span_model()


@cache
def _span_model() -> SpanModel:
    return SpanModel()


@cache
def calibration() -> Calibration:
    """The shipped calibration; without one, the raw span share with a cautious threshold."""
    if not CALIBRATION_FILE.exists():
        return Calibration((0.0, 0.0, 1.0), 0.0, 0.5)
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return Calibration(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))


def model_available() -> bool:
    return MODEL_FILE.exists()
