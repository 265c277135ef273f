"""Fact-check question answering over news articles, with cited spans.

>>> import kit
>>> k = kit.open_corpus()          # the five demo articles in seeds/
>>> k.ask("How fast was the Oreshnik?").answers[0].text
'Mach 11'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

# The kit runs offline: Haystack's telemetry would try the network on every pipeline run, and
# onnxruntime's (1DS) would write a device id and events under ~/.cache/Microsoft/ on import.
# Both read these variables once, so they are set before either library is imported.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from kit.errors import KitError
from kit.spans import Span

if TYPE_CHECKING:
    from kit.api import FactKit

__all__ = ["KitError", "Span", "open_corpus"]
__version__ = "0.1.0"


def open_corpus(
    path: str | os.PathLike[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    store: str | None = None,
    progress: bool = True,
    reader: str = "neural",
) -> FactKit:
    """Load a corpus (the seeds when `path` is None) and return a ready `FactKit`.

    `store`: None/"auto", "memory", "bm25s" or a PostgreSQL URL (see `kit.stores`); `reader`:
    "neural" (the trained transformer, default) or "rules" (model-free).
    """
    from kit.api import FactKit

    return FactKit.open(
        path,
        cache_dir=cache_dir,
        use_cache=use_cache,
        store=store,
        progress=progress,
        reader=reader,
    )
