#!/usr/bin/env bash
# Runs the action server and the Rasa server side by side in the foreground; when either
# exits, or this script gets SIGINT/SIGTERM, both are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${RASA_TOKEN:?set RASA_TOKEN}"
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
MODEL="${MODEL:-models/current.tar.gz}"
export SANIC_HOST=127.0.0.1

.venv/bin/rasa run actions --port "$ACTIONS_PORT" --actions actions &
actions_pid=$!
.venv/bin/rasa run --enable-api --auth-token "$RASA_TOKEN" -i 127.0.0.1 -p "$RASA_PORT" \
    -m "$MODEL" --endpoints endpoints.yml --credentials credentials.yml &
rasa_pid=$!

stop() { kill "$actions_pid" "$rasa_pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
wait -n "$actions_pid" "$rasa_pid" || true
stop
