"""The kit's own exception, and the one-line notes it prints when it works around a fault."""

from __future__ import annotations

import contextlib
import re
import sys


class KitError(Exception):
    """Bad input or an unusable resource. The message names the value, the problem and the fix.

    `exit_code` is 1 for bad input and 2 for usage errors, as the CLI reports them.
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# C0 and C1 control characters, DEL, and the line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """`message` safe for one line of a terminal: control characters (a newline in a path, an
    escape sequence) shown as escapes, unpaired surrogates (undecodable file names) too."""
    shown = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


_NOTED: set[str] = set()


def note(message: str) -> None:
    """One line on stderr about a fault the kit worked around (a damaged cache rebuilt, an
    unwritable cache replaced by memory, a link skipped); each distinct note once per process."""
    if message in _NOTED:
        return
    _NOTED.add(message)
    with contextlib.suppress(OSError, ValueError):  # no usable stderr: not worth a crash
        print(f"kit: note: {one_line(message)}", file=sys.stderr)
