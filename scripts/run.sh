#!/usr/bin/env bash
# `make run`: the bot (Rasa server + action server) and the background jobs (Huey's consumer)
# in the background, the portal in front. Stopping the portal (Ctrl-C) stops them too.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"
mkdir -p instance

# Secrets shared by the portal and the bot (Rasa's HTTP API token, and the secret the bot's
# actions use on the portal's bot API); development keeps one of each per checkout.
secret() {
  [ -s "instance/$1" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(24))' > "instance/$1"
  cat "instance/$1"
}
export RASA_TOKEN="${RASA_TOKEN:-$(secret rasa.token)}"
export CHANGHU_BOT_SECRET="${CHANGHU_BOT_SECRET:-$(secret bot.secret)}"
export CHANGHU_PORTAL_URL="http://$HOST:$PORT" CHANGHU_PUBLIC_URL="http://$HOST:$PORT"
export CHANGHU_BOT_URL="http://127.0.0.1:${RASA_PORT:-5005}/"
# Without a real Official Account, WeChat is played by `make wechat-sim`: the webhook's token
# and an API address where the simulator receives the customer-service messages.
if [ -z "${WECHAT_APPID:-}" ]; then
  export WECHAT_TOKEN="${WECHAT_TOKEN:-changhu-dev-token}" WECHAT_APPID="wx-dev-app" \
    WECHAT_SECRET="dev-secret" WECHAT_API_BASE="http://127.0.0.1:${WECHAT_SIM_PORT:-5099}"
fi

setsid make --no-print-directory -C bot run > instance/bot.log 2>&1 &
bot=$!
.venv/bin/flask --app portal jobs > instance/jobs.log 2>&1 &
jobs_consumer=$!
portal=""
stop() {
  [ -n "$portal" ] && kill -TERM "$portal" 2>/dev/null
  kill -INT "$jobs_consumer" 2>/dev/null  # SIGINT: Huey finishes the jobs it is running
  kill -TERM -- "-$bot" 2>/dev/null
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM HUP
echo "Bot starting in the background (log: instance/bot.log), Rasa on 127.0.0.1:${RASA_PORT:-5005}"
echo "Background jobs running (log: instance/jobs.log)"
echo "Changhu portal: http://$HOST:$PORT"
.venv/bin/flask --app portal run --host "$HOST" --port "$PORT" &
portal=$!
wait "$portal"
