"""Fact-check question answering over news articles, with cited spans.

>>> import kit
>>> k = kit.open_corpus()          # the five demo articles in seeds/
>>> k.ask("How fast was the Oreshnik?").answers[0].text
'Mach 11'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# The kit runs offline: Haystack's telemetry would try the network on every pipeline run, and
# onnxruntime's (1DS) would write a device id and events under ~/.cache/Microsoft/ on import.
# Both read these variables once, so they are set before either library is imported.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from kit.errors import KitError
from kit.spans import Span

__all__ = ["KitError", "Span", "open_corpus"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from kit.api import FactKit

    open_corpus = FactKit.open


def __getattr__(name: str) -> Any:
    """`kit.open_corpus` is `FactKit.open` (the seeds when `path` is None), imported on first
    use so that `import kit` stays light."""
    if name == "open_corpus":
        from kit.api import FactKit

        return FactKit.open
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
