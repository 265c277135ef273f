"""Hostile input and faults (issue 11): a planted pointer, damaged cache files, two processes on
one archive, a full disk, an unwritable cache, links out of a corpus, passwords in messages.

Each test is about one fault class of docs/reliability.md; each failed on the kit before it.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import kit.index.cache as cache
import kit.index.generation as generation
import kit.index.indexing as indexing
from kit.errors import KitError
from kit.index.indexing import POINTER, archive_folder, build_index, load_index, open_kit_index
from kit.ingest.corpus import load_corpus

ARTICLES = {
    "a": "The Oreshnik missile struck Dnipro on Thursday.\nIt reached Mach 11, officials said.\n",
    "b": "Ukraine's air force said it shot down 76 of 188 drones overnight.\n",
}


def _corpus(folder: Path, articles: dict[str, str] = ARTICLES):  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return load_corpus(folder)


def _victim(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "precious.txt").write_text("not the kit's", encoding="utf-8")
    return folder


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("kit: note:")]


@pytest.fixture(autouse=True)
def _no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing is covered elsewhere; these tests are about the files on disk."""
    monkeypatch.setattr(generation, "annotate_sentences", lambda texts: None)


# -- security: the CURRENT pointer ---------------------------------------------------------------


@pytest.mark.parametrize("pointer", ["ABSOLUTE", "..", ".", "../..", "../OTHER", "g-../../x"])
def test_a_planted_pointer_never_deletes_anything_outside_the_archive(
    tmp_path: Path, pointer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir = tmp_path / "cache"
    corpus = _corpus(tmp_path / "news")
    other = _corpus(tmp_path / "other", {"c": "Kyiv was calm on Friday, residents said.\n"})
    build_index(corpus, cache_dir=cache_dir, dense=False, progress=False)
    build_index(other, cache_dir=cache_dir, dense=False, progress=False)
    archive = archive_folder(corpus.location, cache_dir)
    other_archive = archive_folder(other.location, cache_dir)
    victim = _victim(tmp_path / "victim")
    text = pointer.replace("ABSOLUTE", str(victim)).replace("OTHER", other_archive.name)
    (archive / POINTER).write_text(text + "\n", encoding="utf-8")

    assert load_index(corpus, cache_dir=cache_dir) is None
    index = open_kit_index(corpus, cache_dir=cache_dir, store="bm25s", progress=False)
    assert index.retrieve("How fast was the missile?")[0]

    assert (victim / "precious.txt").read_text(encoding="utf-8") == "not the kit's"
    assert load_index(other, cache_dir=cache_dir) is not None  # another corpus's index is intact
    assert (cache_dir / "archives").is_dir()
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "Ignored the index pointer" in notes[0]


def test_stale_clean_up_only_touches_names_the_kit_writes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news")
    archive = archive_folder(corpus.location, tmp_path / "cache")
    archive.mkdir(parents=True)
    victim = _victim(tmp_path / "victim")
    (archive / "g-20260101-000000-abcdef").symlink_to(victim)  # a link with a build's name
    (archive / "notes-of-the-user").mkdir()
    (archive / "tmp-1-0a1b2c3d").mkdir()  # a crashed build's leftover
    build_index(corpus, cache_dir=tmp_path / "cache", dense=False, progress=False)
    assert (victim / "precious.txt").exists()
    assert (archive / "notes-of-the-user").is_dir()
    assert not (archive / "tmp-1-0a1b2c3d").exists()


def test_remove_inside_refuses_the_root_links_and_outside_paths(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "inside").mkdir(parents=True)
    outside = _victim(tmp_path / "outside")
    (root / "link").symlink_to(outside)
    assert not cache.remove_inside(root, root)
    assert not cache.remove_inside(root / "link", root)
    assert not cache.remove_inside(root / ".." / "outside", root)
    assert (outside / "precious.txt").exists()
    assert cache.remove_inside(root / "inside", root) and not (root / "inside").exists()


# -- damaged cache files -------------------------------------------------------------------------


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGE = {
    "empty vectors.npy": ("vectors.npy", _empty),
    "truncated offsets.npz": ("offsets.npz", _truncate),
    "truncated passage vectors": ("passage_vectors.npy", _truncate),
    "manifest is a list": ("manifest.json", lambda p: p.write_text("[1, 2]")),
    "manifest rows of the wrong shape": (
        "manifest.json",
        lambda p: p.write_text(
            p.read_text().replace('"articles": [[', '"articles": [[7, ', 1), encoding="utf-8"
        ),
    ),
    "manifest not UTF-8": ("manifest.json", lambda p: p.write_bytes(b"\xff\xfe{")),
    "manifest nested too deep": ("manifest.json", lambda p: p.write_text("[" * 100_000)),
    "bm25 file emptied": ("bm25/params.index.json", _empty),
    "offsets point past the text": ("offsets.npz", None),
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_cache_files_are_rebuilt_with_one_note(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "news")
    build_index(corpus, cache_dir=tmp_path, dense=True, progress=False)
    current = cache.current_generation(archive_folder(corpus.location, tmp_path))
    assert current is not None
    name, spoil = DAMAGE[damage]
    if spoil is None:  # a well-formed file with offsets past the end of an article
        tables = dict(np.load(current / name))
        tables["sentences"][0, 3] = 10**6
        np.savez(current / name, **tables)
    else:
        spoil(current / name)
    capsys.readouterr()

    assert load_index(corpus, cache_dir=tmp_path) is None
    rebuilt = open_kit_index(corpus, cache_dir=tmp_path, store="bm25s", progress=False)
    for s in rebuilt.sentences:
        assert corpus[s.source].text[s.start : s.end] == s.text
    assert load_index(corpus, cache_dir=tmp_path) is not None
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "damaged" in notes[0] and "rebuilding" in notes[0], notes


def test_a_pointer_that_is_not_utf8_is_rebuilt_with_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "news")
    build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
    (archive_folder(corpus.location, tmp_path) / POINTER).write_bytes(b"g-\xff\xfe\n")
    capsys.readouterr()
    assert open_kit_index(corpus, cache_dir=tmp_path, progress=False).passages
    assert len(_notes(capsys.readouterr().err)) == 1


# -- two processes on one archive ----------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from kit.index.cache import build_lock
archive = Path(sys.argv[1])
with build_lock(archive, what="test"):
    running = archive / "tmp-{pid}-0a1b2c3d".format(pid=__import__("os").getpid())
    running.mkdir()
    (running / "vectors.npy").write_bytes(b"half written")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    ok = (running / "vectors.npy").exists()
    __import__("shutil").rmtree(running)
sys.exit(0 if ok else 3)
"""


def _hold_lock(archive: Path, seconds: float) -> subprocess.Popen[str]:
    archive.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(archive), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_writer_waits_and_never_deletes_a_running_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "news")
    archive = archive_folder(corpus.location, tmp_path)
    holder = _hold_lock(archive, 1.5)
    started = time.monotonic()
    index, _ = build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
    assert time.monotonic() - started >= 1.0  # it waited for the other build
    assert holder.wait(timeout=30) == 0  # whose half-written folder survived
    assert index.passages and load_index(corpus, cache_dir=tmp_path) is not None
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "being built by process" in notes[0]


def test_a_writer_gives_up_with_one_line_when_a_build_runs_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "news")
    archive = archive_folder(corpus.location, tmp_path)
    monkeypatch.setattr(cache, "LOCK_WAIT_S", 0.3)
    holder = _hold_lock(archive, 3)
    try:
        with pytest.raises(KitError, match=r"still being built by process \d+"):
            build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
        assert list(archive.glob("tmp-*"))  # the running build's folder is untouched
    finally:
        holder.kill()
        holder.wait()


def test_a_reader_waits_for_a_running_build_and_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kit ask` during `kit index`: the reader never becomes a second writer of that build."""
    corpus = _corpus(tmp_path / "news")
    archive = archive_folder(corpus.location, tmp_path)
    archive.mkdir(parents=True)
    real = indexing._build_generation
    builders: list[str] = []

    def counted(*args: object, **kwargs: object) -> object:
        builders.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(indexing, "_build_generation", counted)
    found: list[object] = []

    def reader() -> None:
        found.append(open_kit_index(corpus, cache_dir=tmp_path, store="bm25s", progress=False))

    with cache.build_lock(archive, what="test"):  # the running `kit index`
        thread = threading.Thread(target=reader, name="reader")
        thread.start()
        time.sleep(0.5)
        indexing._build_generation(corpus, archive, False, False)
    thread.join(timeout=60)
    assert builders == ["MainThread"] and len(found) == 1


def test_the_lock_is_released_when_the_holder_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    order: list[str] = []

    def second() -> None:
        with cache.build_lock(folder, what="test"):
            order.append("second")

    with cache.build_lock(folder, what="test"):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        order.append("first")
    thread.join(timeout=10)
    assert order == ["first", "second"]


# -- a full disk ---------------------------------------------------------------------------------


def test_too_little_free_space_is_one_line_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "news")
    build_index(corpus, cache_dir=tmp_path, dense=False, progress=False)
    archive = archive_folder(corpus.location, tmp_path)
    pointer = (archive / POINTER).read_text()
    changed = _corpus(tmp_path / "news", {**ARTICLES, "c": "A new article about grain.\n"})

    class Usage:
        free = 4096

    monkeypatch.setattr(cache.shutil, "disk_usage", lambda path: Usage)
    with pytest.raises(KitError, match="Not enough free disk space") as caught:
        build_index(changed, cache_dir=tmp_path, dense=False, progress=False)
    assert "\n" not in str(caught.value)
    assert not list(archive.glob("tmp-*"))
    assert (archive / POINTER).read_text() == pointer  # the previous build is still current


def test_a_disk_that_fills_up_mid_build_leaves_no_partial_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "news")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(generation.np, "save", full)
    with pytest.raises(KitError, match="No space left on device") as caught:
        build_index(corpus, cache_dir=tmp_path, dense=True, progress=False)
    assert "partial build was removed" in str(caught.value)
    archive = archive_folder(corpus.location, tmp_path)
    assert not list(archive.glob("tmp-*")) and not list(archive.glob("g-*"))


def test_vectors_are_written_without_a_memory_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write into a memory map of a full disk is SIGBUS: no message, no clean-up."""
    real = np.lib.format.open_memmap

    def read_only(*args: object, **kwargs: object) -> object:
        mode = kwargs.get("mode", args[1] if len(args) > 1 else "r+")
        assert "w" not in str(mode) and "+" not in str(mode), "a writable memory map"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(np.lib.format, "open_memmap", read_only)
    corpus = _corpus(tmp_path / "news")
    first, _ = build_index(corpus, cache_dir=tmp_path, dense=True, progress=False)
    changed = _corpus(tmp_path / "news", {**ARTICLES, "c": "A new article about grain.\n"})
    second, stats = build_index(changed, cache_dir=tmp_path, dense=True, progress=False)
    assert stats.reused == 2
    old = {s.text: np.asarray(first.sentence_vectors[first.row(s)]) for s in first.sentences}
    for s in second.sentences:
        if s.source != "c":
            assert np.array_equal(np.asarray(second.sentence_vectors[second.row(s)]), old[s.text])


# -- an unwritable cache -------------------------------------------------------------------------


@pytest.fixture
def read_only_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder on a read-only file system (tests run as root, so chmod is not enough)."""
    folder = tmp_path / "ro" / "cache"
    real = os.mkdir

    def mkdir(path: object, *args: object, **kwargs: object) -> None:
        if str(path).startswith(str(tmp_path / "ro")):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setenv("KIT_CACHE_DIR", str(folder))
    return folder


def test_a_read_only_cache_falls_back_to_memory_with_one_note(
    read_only_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kit.cli import main

    corpus_dir = tmp_path / "news"
    _corpus(corpus_dir)
    assert main(["ask", "How fast was the missile?", "--corpus", str(corpus_dir), "--json"]) == 0
    captured = capsys.readouterr()
    assert '"question"' in captured.out
    notes = _notes(captured.err)
    assert len(notes) == 1 and "Read-only file system" in notes[0] and "KIT_CACHE_DIR" in notes[0]


def test_a_read_only_cache_at_scale_works_without_a_saved_index(
    read_only_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "news")
    index = open_kit_index(corpus, store="bm25s", progress=False)
    assert index.retrieve("How many drones were shot down?")[0][0].passage.source == "b"
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "Working without a saved index" in notes[0]


def test_kit_index_on_a_read_only_cache_is_one_line(
    read_only_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kit.cli import main

    _corpus(tmp_path / "news")
    assert main(["index", "--corpus", str(tmp_path / "news"), "--no-dense"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Read-only file system" in err and "KIT_CACHE_DIR" in err


# -- telemetry -----------------------------------------------------------------------------------


def test_a_fresh_home_gets_no_onnxruntime_telemetry_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY")
    }
    env.update(HOME=str(home), KIT_CACHE_DIR=str(tmp_path / "cache"))
    code = (
        "import kit; from kit.index.embeddings import MiniLMEncoder; MiniLMEncoder().encode(['x'])"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert not (home / ".cache" / "Microsoft").exists()
    assert not list(home.rglob("*onnxruntime*"))


# -- PostgreSQL: passwords in messages, bad ports, a server that goes away ------------------------

SECRET_URLS = [
    "postgresql://kit:netloc-secret@127.0.0.1:1/kit",
    "postgresql://kit@127.0.0.1:1/kit?password=query-secret",
    "postgresql://kit@127.0.0.1:1/kit?sslpassword=ssl-secret&password=query-secret",
    "postgresql://kit@127.0.0.1:1/kit?pass%77ord=encoded-secret",
    "postgresql://kit:pct%2Dsecret@127.0.0.1:1/kit",
    "host=127.0.0.1 port=1 password=kv-secret dbname=kit",
    "host=127.0.0.1 password = 'quoted secret' dbname=kit",
]


@pytest.mark.parametrize("url", SECRET_URLS)
def test_every_libpq_password_form_is_masked(url: str) -> None:
    from kit.index.stores import mask_url

    masked = mask_url(url)
    assert "secret" not in masked and "***" in masked
    assert "127.0.0.1" in masked and "kit" in masked


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://kit:pw-secret@localhost:abc/kit",
        "postgresql://kit:pw-secret@localhost:99999/kit",
        "postgresql://kit:pw-secret@localhost:0/kit",
        "postgresql://kit:pw-secret@[::1/kit",
    ],
)
def test_a_bad_port_in_store_is_one_usage_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from kit.cli import main

    assert main(["index", "--store", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kit: error: ") and "secret" not in err


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_server_gone_mid_session_is_one_line_without_passwords(tmp_path: Path) -> None:
    """The session's server stops (nothing listens on port 1): retrieval, inside a Haystack
    pipeline run, raises one KitError that names the masked URL."""
    pytest.importorskip("psycopg")
    from kit.index.indexing import open_index
    from kit.index.stores import BackedIndex
    from kit.index.stores.pgvector import PgvectorBackend
    from kit.ingest.corpus import corpus_from_records

    corpus = corpus_from_records([{"id": "a", "text": "The missile reached Mach 11."}])
    local = open_index(corpus, use_cache=False)
    url = "postgresql://kit:netloc-secret@127.0.0.1:1/kit?password=query-secret"
    index = BackedIndex.wrap(local, PgvectorBackend(url, location=corpus.location))
    with pytest.raises(KitError, match="Cannot use the PostgreSQL store") as caught:
        index.retrieve("How fast was the missile?")
    message = str(caught.value)
    assert "secret" not in message and "127.0.0.1" in message and "\n" not in message


# -- the same faults on real file systems (a tmpfs mounted in a private mount namespace) ---------


def _can_mount() -> bool:
    try:
        probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


REAL_MOUNTS = pytest.mark.skipif(
    not _can_mount(), reason="needs `unshare -m` (root) to mount a read-only or tiny file system"
)
KIT = str(Path(sys.executable).with_name("kit"))


def _in_namespace(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KIT_NO_SPACY": "1", **env}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("kit:", "Traceback"))]


@pytest.mark.slow
@REAL_MOUNTS
def test_a_real_read_only_home(tmp_path: Path) -> None:
    home, news = tmp_path / "home", tmp_path / "news"
    home.mkdir()
    _corpus(news)
    env = {"HOME": str(home), "KIT_CACHE_DIR": "", "XDG_CACHE_HOME": ""}
    ask = f'{KIT} ask "How fast was the missile?" --corpus {news} --json'
    proc = _in_namespace(f"mount -t tmpfs -o ro tmpfs {home} && {ask}", **env)
    assert proc.returncode == 0 and '"question"' in proc.stdout
    assert len(_errors(proc.stderr)) == 1 and "Read-only file system" in proc.stderr
    proc = _in_namespace(f"mount -t tmpfs -o ro tmpfs {home} && {KIT} index --corpus {news}", **env)
    assert proc.returncode == 1
    assert len(_errors(proc.stderr)) == 1 and "Read-only file system" in proc.stderr


@pytest.mark.slow
@REAL_MOUNTS
def test_a_real_full_disk(tmp_path: Path) -> None:
    cache_dir, news = tmp_path / "cache", tmp_path / "news"
    cache_dir.mkdir()
    words = "Officials said the missile reached Mach 11 over Dnipro on Thursday. "
    _corpus(news, {f"a{i:02d}": words * 400 for i in range(20)})  # 550 kB
    mount = f"mount -t tmpfs -o size=256k tmpfs {cache_dir}"
    leftovers = f"; echo left: $(ls -A {cache_dir}/archives/*/)"
    index = f"{KIT} index --corpus {news} --no-dense"
    proc = _in_namespace(mount + " && " + index + leftovers, KIT_CACHE_DIR=str(cache_dir))
    assert len(_errors(proc.stderr)) == 1 and "Not enough free disk space" in proc.stderr
    assert proc.stdout.strip() == "left: lock"
    # Past the estimate (the check turned off), the write itself fails: same one line, no folder.
    bypass = (
        f"{sys.executable} -c 'import sys, kit.index.generation as gen; "
        "gen.check_free_space = lambda *a, **k: None; from kit.cli import main; "
        f'sys.exit(main(["index", "--corpus", "{news}", "--no-dense"]))'
        "'"
    )
    proc = _in_namespace(mount + " && " + bypass + leftovers, KIT_CACHE_DIR=str(cache_dir))
    assert len(_errors(proc.stderr)) == 1, proc.stderr
    assert "No space left on device" in proc.stderr and "partial build was removed" in proc.stderr
    assert proc.stdout.strip() == "left: lock"
