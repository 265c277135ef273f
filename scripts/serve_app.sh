#!/usr/bin/env bash
# Serve the widget app (notebooks/app.ipynb) with Voilà on 127.0.0.1: code hidden, for
# workshop participants. Usage: scripts/serve_app.sh [PORT]   (default 8866)
# Needs the notebooks extra: .venv/bin/pip install -e '.[notebooks]'
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
PORT="${1:-8866}"
if [[ ! -x "$BIN/voila" ]]; then
    echo "serve_app.sh: Voilà is not installed in $BIN: run $BIN/pip install -e '.[notebooks]'" >&2
    exit 1
fi
export HAYSTACK_TELEMETRY_ENABLED=False
echo "Serving the app on http://127.0.0.1:$PORT/ (Ctrl-C stops it)"
exec "$BIN/voila" notebooks/app.ipynb --no-browser --port="$PORT" --Voila.ip=127.0.0.1 \
    --theme=light --show_tracebacks=False
