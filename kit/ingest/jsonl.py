"""Reading JSON Lines: one object per line, blank lines skipped, one clear error per bad line.

Lines are split on "\\n" only (a raw U+2028 inside a JSON string is valid JSON), nesting deeper
than Python's recursion limit is an error line rather than a `RecursionError`, and a string
holding an unpaired surrogate escape (`"\\ud800"`) is refused: it could never be printed or
written as UTF-8 later.
"""

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
        except RecursionError:
            raise KitError(
                f"Line {number} of {name} nests too deeply: each line must be one flat JSON "
                f"object{hint}."
            ) from None
        if not isinstance(record, dict):
            raise KitError(f"Line {number} of {name} must be a JSON object{hint}.")
        check_text(record, f"Line {number} of {name}")
        yield record


def check_text(value: Any, where: str) -> None:
    """A KitError when a string inside `value` is not valid Unicode text (lone surrogates)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        raise KitError(
            f"{where} holds `{bad}`, half of a surrogate pair, which is not text: "
            "write the character itself (or both halves of its escape)."
        ) from None
    except (RecursionError, ValueError, TypeError):
        raise KitError(f"{where} nests too deeply or holds values that are not JSON.") from None
