"""Build the ONNX sessions on a thread while the main thread imports the rest of the kit.

A cold `kit ask` spends ~1.2 s importing Haystack, pure Python that holds the GIL, and ~0.5 s
building the onnxruntime sessions of the sentence encoder and the span model, C++ that lets the
GIL go. Begun first, the sessions are ready by the time the question needs them. The models
are the same process-wide objects a later call would build (`MiniLMEncoder.shared`,
`span_model`), each behind a lock, so nothing is built twice. A load that fails here is
forgotten: the main thread's own call fails again and says why.
"""

from __future__ import annotations

import contextlib
import threading


def start_loading(*, reader: bool) -> threading.Thread:
    """Load the encoder (and the span model when `reader`) on a new thread; returns it started.

    Not a daemon: an early exit waits the fraction of a second the load has left rather than
    stopping onnxruntime halfway."""
    thread = threading.Thread(target=_load, args=(reader,), name="kit-warm")
    thread.start()
    return thread


def _load(reader: bool) -> None:
    with contextlib.suppress(Exception):
        from kit.index.encoder import MiniLMEncoder

        MiniLMEncoder.shared()
    if reader:
        with contextlib.suppress(Exception):
            from kit.reading.model import model_available, span_model

            if model_available():
                span_model()
