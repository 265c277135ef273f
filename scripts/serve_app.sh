#!/usr/bin/env bash
# Serve the widget app (notebooks/app.ipynb) with Voilà on 127.0.0.1: code hidden, for
# workshop participants. Usage: scripts/serve_app.sh [PORT [CORPUS]]   (default 8866, seeds)
# CORPUS is a folder of articles or a JSONL/CSV file (`make app CORPUS=path` passes it).
# Needs the notebooks extra: .venv/bin/pip install -e '.[notebooks]'
#
# The page fetches nothing from the internet (the `kit` template drops Voilà's CDN icon
# stylesheets), and the kernel of a browser tab that was closed is shut down after
# KIT_APP_IDLE_SECONDS (default 600) without a connection, instead of holding its memory
# (about 370 MB each) until the server stops. An open tab is never culled.
set -euo pipefail
if [[ -n "${2:-}" ]]; then
    if [[ ! -e "$2" ]]; then
        echo "serve_app.sh: corpus \`$2\` does not exist: pass a folder of articles or a .jsonl/.csv file" >&2
        exit 1
    fi
    export KIT_APP_CORPUS="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
fi
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
PORT="${1:-8866}"
IDLE="${KIT_APP_IDLE_SECONDS:-600}"
if [[ ! -x "$BIN/voila" ]]; then
    echo "serve_app.sh: Voilà is not installed in $BIN: run $BIN/pip install -e '.[notebooks]'" >&2
    exit 1
fi
export HAYSTACK_TELEMETRY_ENABLED=False
export JUPYTER_PATH="$PWD/kit/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
echo "Serving the app on http://127.0.0.1:$PORT/ (Ctrl-C stops it)"
exec "$BIN/voila" notebooks/app.ipynb --no-browser --port="$PORT" --Voila.ip=127.0.0.1 \
    --template=kit --theme=light --show_tracebacks=False \
    --MappingKernelManager.cull_idle_timeout="$IDLE" \
    --MappingKernelManager.cull_interval="$(( IDLE < 60 ? IDLE : 60 ))" \
    --MappingKernelManager.cull_connected=False
