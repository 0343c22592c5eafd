#!/usr/bin/env bash
# `make run`: the bot (Rasa server + action server) in the background, the portal in front.
# Stopping the portal (Ctrl-C) stops the bot too.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"
mkdir -p instance

# The Rasa HTTP API is token-protected even on loopback; development keeps one per checkout.
if [ -z "${RASA_TOKEN:-}" ]; then
  [ -s instance/rasa.token ] || python3 -c 'import secrets; print(secrets.token_urlsafe(24))' > instance/rasa.token
  RASA_TOKEN=$(cat instance/rasa.token)
fi
export RASA_TOKEN
export CHANGHU_PORTAL_URL="http://$HOST:$PORT" CHANGHU_PUBLIC_URL="http://$HOST:$PORT"
export CHANGHU_BOT_URL="http://127.0.0.1:${RASA_PORT:-5005}/"

setsid make --no-print-directory -C bot run > instance/bot.log 2>&1 &
bot=$!
trap 'kill -TERM -- "-$bot" 2>/dev/null || true; wait "$bot" 2>/dev/null || true' EXIT
echo "Bot starting in the background (log: instance/bot.log), Rasa on 127.0.0.1:${RASA_PORT:-5005}"
echo "Changhu portal: http://$HOST:$PORT"
.venv/bin/flask --app portal run --host "$HOST" --port "$PORT"
