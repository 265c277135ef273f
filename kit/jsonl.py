"""Reading JSON Lines: one object per line, blank lines skipped, one clear error per bad line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kit.errors import KitError


def read_objects(lines: Iterable[str], name: str, *, hint: str = "") -> Iterator[dict[str, Any]]:
    """JSON objects of `lines`; `name` says where they come from in error messages."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KitError(
                f"Line {number} of {name} is not valid JSON ({exc.msg}): "
                f"each line must be one JSON object{hint}."
            ) from None
        if not isinstance(record, dict):
            raise KitError(f"Line {number} of {name} must be a JSON object{hint}.")
        yield record
