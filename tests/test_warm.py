"""Loading the models on a thread while the kit imports (`kit/warm.py`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.index.encoder import MiniLMEncoder
from kit.reading import model
from kit.warm import start_loading


def test_the_thread_loads_the_process_wide_models_without_haystack() -> None:
    """The point of the thread: both sessions get built while the main thread is still
    importing Haystack, so the thread itself must not import it (it would wait on the import
    lock instead)."""
    code = (
        "import sys; from kit.warm import start_loading; start_loading(reader=True).join();"
        "from kit.index.encoder import MiniLMEncoder; from kit.reading import model;"
        "print(MiniLMEncoder._shared is not None, model._span_model.cache_info().currsize,"
        "'haystack' in sys.modules, 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "1", "False", "False"]


def test_a_later_call_gets_the_model_the_thread_built() -> None:
    start_loading(reader=True).join()
    encoder, reader = MiniLMEncoder.shared(), model.span_model()
    start_loading(reader=True).join()
    assert MiniLMEncoder.shared() is encoder
    assert model.span_model() is reader


def test_a_failed_load_is_left_to_the_main_thread_to_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model.span_model.cache_clear()
    model._span_model.cache_clear()
    missing = tmp_path / "reader-int8.onnx"
    monkeypatch.setattr(model, "model_available", lambda: True)
    monkeypatch.setattr(model.SpanModel.__init__, "__defaults__", (missing,))
    try:
        start_loading(reader=True).join()  # the thread's failure raises nothing here
        assert model._span_model.cache_info().currsize == 0
        with pytest.raises(KitError, match=r"reader model .* is missing"):
            model.span_model()
    finally:
        model.span_model.cache_clear()
        model._span_model.cache_clear()
