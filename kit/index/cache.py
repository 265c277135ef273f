"""The kit's cache on disk: archives of generations, one writer, free space, deletions inside.

Everything the kit writes lives under `cache_root()`, one archive folder per corpus location.
An archive holds generations (`g-DATE-TIME-ID` folders, one per build, whatever the corpus's
size or store), a one-line `CURRENT` pointer naming the live one, and a lock file. A build
writes a `tmp-PID-ID` folder, records every file's size (and the small ones' sha256) in its
manifest, renames it to a generation and swaps the pointer atomically; on any failure it is
removed and the previous generation stays current. Three rules keep that safe when processes
race, disks fill up or a cache file has been tampered with:

- a build holds an OS file lock (`fcntl.flock`) on its archive folder, so a second writer
  waits for it (or says which process is building) and never cleans up a running build;
- a build checks the free space it needs before it writes anything;
- the kit deletes a folder only when it lies strictly inside the folder it manages and is not
  a symbolic link (`remove_inside`), whatever a pointer file or a folder name says.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kit.errors import KitError, note

LOCK_NAME = "lock"
LOCK_WAIT_S = 1800.0  # a second writer waits this long for a running build, then gives up
LOCK_POLL_S = 0.2
FREE_MARGIN_BYTES = 16 << 20  # left free after a build, for the pointer and the next run
CHECKSUM_MAX_BYTES = 16 << 20  # files up to this size get a sha256 in the manifest; all a size
POINTER = "CURRENT"
# The only names the kit writes in an archive folder; nothing else is trusted or deleted.
GENERATION = re.compile(r"g-\d{8}-\d{6}-[0-9a-f]{6}")
BUILD_TMP = re.compile(r"tmp-\d+-[0-9A-Za-z]+")
POINTER_TMP = re.compile(re.escape(POINTER) + r"\.tmp-\d+")
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


class CacheWriteError(KitError):
    """A build could not be written (full disk): the previous generation is unchanged."""


class CacheUnwritable(CacheWriteError):
    """The cache folder cannot be written (read-only HOME or disk): `kit ask` works without."""


def cache_root() -> Path:
    """Where indexes live: `$KIT_CACHE_DIR`, else `~/.cache/factcheck-kit` (a per-user folder
    in the temporary directory when there is no home folder at all)."""
    configured = os.environ.get("KIT_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "factcheck-kit"
    try:
        return Path.home() / ".cache" / "factcheck-kit"
    except RuntimeError:
        return Path(tempfile.gettempdir()) / f"factcheck-kit-{os.getuid()}"


def archive_folder(location: str, cache_dir: Path | None = None) -> Path:
    """Where a corpus location's persisted index lives (one per location, all generations)."""
    resolved = str(Path(location).resolve()) if not location.startswith("<") else location
    key = hashlib.sha256(resolved.encode()).hexdigest()[:16]
    return (cache_dir or cache_root()) / "archives" / key


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
        raise CacheWriteError(
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


# -- generations ------------------------------------------------------------------------------


def current_generation(archive: Path) -> Path | None:
    """The generation `CURRENT` names, when it is one the kit wrote in this archive."""
    pointer = archive / POINTER
    try:
        raw = pointer.read_bytes()
    except OSError:
        return None
    name = raw.decode("utf-8", "replace").strip()
    folder = archive / name
    if not GENERATION.fullmatch(name):
        note(
            f"Ignored the index pointer `{pointer}`: it does not name a build of the kit "
            "(a `g-DATE-TIME-ID` folder); the index will be rebuilt."
        )
        return None
    if folder.is_symlink() or not folder.is_dir():
        note(f"The index pointer `{pointer}` names a missing build; the index will be rebuilt.")
        return None
    return folder


def damaged(generation: Path, problem: Exception | str) -> None:
    """The one note for a saved generation that cannot be used as it is."""
    reason = problem if isinstance(problem, str) else (str(problem) or type(problem).__name__)
    note(f"The saved index `{generation}` is damaged ({reason}): rebuilding it.")


@contextmanager
def new_generation(archive: Path) -> Iterator[Path]:
    """A fresh `tmp-PID-ID` folder to write a build into, swapped in as the current generation
    when the block ends; Ctrl-C, a crash or a full disk removes it and keeps `CURRENT`.
    Call with the archive's build lock held."""
    tmp = archive / f"tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        yield tmp
        _swap(archive, tmp)
    except BaseException:
        remove_inside(tmp, archive)
        raise


def _swap(archive: Path, generation: Path) -> None:
    """Point CURRENT at the new generation (atomic rename), then drop the old one."""
    old = current_generation(archive)
    final = archive / f"g-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    assert GENERATION.fullmatch(final.name)
    os.replace(generation, final)
    pointer = archive / f"{POINTER}.tmp-{os.getpid()}"
    try:
        pointer.write_text(final.name + "\n", encoding="utf-8")
        os.replace(pointer, archive / POINTER)
    except BaseException:
        pointer.unlink(missing_ok=True)
        remove_inside(final, archive)
        raise
    if old is not None and old != final:
        remove_inside(old, archive)


def remove_stale(archive: Path) -> None:
    """Leftovers of crashed builds (tmp-*) and superseded generations; call with the lock held.

    Only names the kit writes are touched, only inside the archive, never through a link.
    """
    current = current_generation(archive)
    for child in archive.iterdir():
        if child == current or child.is_symlink():
            continue
        if GENERATION.fullmatch(child.name) or BUILD_TMP.fullmatch(child.name):
            remove_inside(child, archive)
        elif POINTER_TMP.fullmatch(child.name) and child.is_file():
            child.unlink(missing_ok=True)


def write_error(exc: OSError, archive: Path, what: str) -> CacheWriteError:
    """A failed write as one line: an unwritable cache or a full disk."""
    reason = exc.strerror or str(exc)
    if exc.errno is None and disk_is_full(archive):  # numpy: "N requested and M written"
        reason = f"{os.strerror(errno.ENOSPC)}: {reason}"
    if exc.errno in _UNWRITABLE:
        return CacheUnwritable(
            f"Cannot write {what} under `{archive}` ({reason}): "
            "set KIT_CACHE_DIR to a writable folder."
        )
    return CacheWriteError(
        f"Could not write {what} under `{archive}` ({reason}); "
        "the partial build was removed and the previous index (if any) is unchanged. "
        "Free some disk space, or set KIT_CACHE_DIR to a folder on a disk with room."
    )


# -- the file table of a manifest ---------------------------------------------------------------


def file_table(folder: Path) -> dict[str, dict[str, Any]]:
    """Size (and sha256 up to `CHECKSUM_MAX_BYTES`) of every file of a generation."""
    table: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            entry: dict[str, Any] = {"size": size}
            if size <= CHECKSUM_MAX_BYTES:
                entry["sha256"] = _sha256(path)
            table[path.relative_to(folder).as_posix()] = entry
    return table


def file_table_problem(files: Any) -> str | None:
    """What is wrong with the shape of a manifest's `files`, or None."""
    if not isinstance(files, dict) or not all(
        isinstance(v, dict) and type(v.get("size")) is int for v in files.values()
    ):
        return "`files` must map names to sizes"
    return None


def check_files(folder: Path, files: dict[str, dict[str, Any]]) -> None:
    """Every file the table lists has its recorded size (and checksum, for small files)."""
    for name, expected in files.items():
        path = folder / name
        if ".." in Path(name).parts or path.is_symlink():
            raise ValueError(f"{name}: not a file of this build")
        size = path.stat().st_size
        if size != expected["size"]:
            raise ValueError(f"{name} has {size} bytes, the manifest says {expected['size']}")
        if "sha256" in expected and _sha256(path) != expected["sha256"]:
            raise ValueError(f"{name} does not match its checksum")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
