import requests
from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text

from portal.extensions import csrf, db
from portal.speech.service import SpeechSettings, tts_status

bp = Blueprint("health", __name__)


def _database_status() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure means the same thing to a load balancer
        db.session.rollback()
        return "unreachable"
    return "ok"


def _bot_status() -> str:
    try:
        response = requests.get(current_app.config["BOT_URL"], timeout=1)
    except requests.RequestException:
        return "unreachable"
    return "ok" if response.ok else "unreachable"


@bp.get("/healthz")
@csrf.exempt
def healthz() -> tuple[Response, int]:
    components = {
        "db": _database_status(),
        # Read-aloud and the bot help, but pages work without them: only the database makes a 503.
        "tts": tts_status(SpeechSettings.from_config(current_app.config)),
        "bot": _bot_status(),
    }
    healthy = components["db"] == "ok"
    return jsonify(status="ok" if healthy else "degraded", **components), 200 if healthy else 503
