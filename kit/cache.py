"""The kit's cache on disk: one writer per folder, enough free space, deletions only inside.

Everything the kit writes lives under `kit.retrieval.cache_root()`. Three rules keep that safe
when processes race, disks fill up or a cache file has been tampered with:

- a build holds an OS file lock (`fcntl.flock`) on its archive folder, so a second writer
  waits for it (or says which process is building) and never cleans up a running build;
- a build checks the free space it needs before it writes anything;
- the kit deletes a folder only when it lies strictly inside the folder it manages and is not
  a symbolic link (`remove_inside`), whatever a pointer file or a folder name says.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kit.errors import KitError, note

LOCK_NAME = "lock"
LOCK_WAIT_S = 1800.0  # a second writer waits this long for a running build, then gives up
LOCK_POLL_S = 0.2
FREE_MARGIN_BYTES = 16 << 20  # left free after a build, for the pointer and the next run


def remove_inside(path: Path, root: Path) -> bool:
    """Delete the folder `path` only when it lies strictly inside `root` and is not a link."""
    try:
        if path.is_symlink() or not path.is_dir():
            return False
        resolved, base = path.resolve(), root.resolve()
    except OSError:
        return False
    if resolved == base or not resolved.is_relative_to(base):
        return False
    shutil.rmtree(resolved, ignore_errors=True)
    return True


@contextmanager
def build_lock(folder: Path, *, what: str, wait_s: float | None = None) -> Iterator[None]:
    """Hold the exclusive build lock of `folder` (released when the process ends, however)."""
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            holder = _holder(fd)
            note(f"{what} is being built by process {holder}; waiting for that build to finish.")
            deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise KitError(
                        f"{what} is still being built by process {holder} (lock `{path}`): "
                        "wait for that build to finish, then run the command again."
                    )
                time.sleep(LOCK_POLL_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"


def check_free_space(folder: Path, needed: int, *, what: str) -> None:
    """A KitError before anything is written when `folder`'s disk cannot hold `needed` bytes."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < needed + FREE_MARGIN_BYTES:
        raise KitError(
            f"Not enough free disk space for {what} under `{folder}`: it needs about "
            f"{_mb(needed + FREE_MARGIN_BYTES)} MB and {_mb(free)} MB are free. Free some space, "
            "or set KIT_CACHE_DIR to a folder on a disk with room."
        )


def disk_is_full(folder: Path) -> bool:
    """True when `folder`'s disk has less than the margin a build leaves free."""
    try:
        return shutil.disk_usage(folder).free < FREE_MARGIN_BYTES
    except OSError:
        return False


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f}" if size >= 1 << 20 else f"{size / (1 << 20):.2f}"
