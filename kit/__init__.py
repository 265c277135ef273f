"""Fact-check question answering over news articles, with cited spans.

>>> import kit
>>> k = kit.open_corpus()          # the five demo articles in seeds/
>>> k.ask("How fast was the Oreshnik?").answers[0].text
'Mach 11'
"""

import os

# The kit runs offline: Haystack's telemetry would try the network on every pipeline run, and
# onnxruntime's (1DS) would write a device id and events under ~/.cache/Microsoft/ on import.
# Both read these variables once, so they are set before either library is imported.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from kit.errors import KitError
from kit.spans import Span

__all__ = ["KitError", "Span", "open_corpus"]
__version__ = "0.1.0"


def open_corpus(path: str | os.PathLike[str] | None = None, **options: object) -> "FactKit":
    """Load a corpus (the seeds when `path` is None) and return a ready `FactKit`."""
    from kit.api import FactKit

    return FactKit.open(path, **options)  # type: ignore[arg-type]


if False:  # pragma: no cover - for type checkers only
    from kit.api import FactKit
