"""The sentence encoder as Haystack components (offline): `MiniLMTextEmbedder` embeds a query.

The encoder itself (all-MiniLM-L6-v2, int8 ONNX) lives in `kit/index/encoder.py`, which does
not import Haystack.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from haystack import component

from kit.index.encoder import DIMENSION, MAX_TOKENS, MODEL_ID, MiniLMEncoder

__all__ = ["DIMENSION", "MAX_TOKENS", "MODEL_ID", "MiniLMEncoder", "MiniLMTextEmbedder"]


@component
class MiniLMTextEmbedder:
    """Embeds a query string (Haystack component, offline)."""

    def __init__(self) -> None:
        self._encoder: MiniLMEncoder | None = None

    def warm_up(self) -> None:
        if self._encoder is None:
            self._encoder = MiniLMEncoder.shared()

    def to_dict(self) -> dict[str, Any]:
        return {"type": f"{__name__}.MiniLMTextEmbedder", "init_parameters": {}}

    @component.output_types(embedding=list[float], vector=np.ndarray)
    def run(self, text: str) -> dict[str, Any]:
        """`embedding` for Haystack's retrievers, `vector` (the same, as an array) for the
        kit's own: a pipeline deep-copies every input it passes on, and a list of 384 floats
        costs it 384 protocol checks (~10 ms a query), an array one copy."""
        self.warm_up()
        assert self._encoder is not None
        vector = self._encoder.encode([text])[0]
        return {"embedding": vector.tolist(), "vector": vector}
