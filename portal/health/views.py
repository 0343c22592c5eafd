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


@bp.get("/healthz")
@csrf.exempt
def healthz() -> tuple[Response, int]:
    components = {
        "db": _database_status(),
        # Read-aloud helps but the portal works without it: only the database makes a 503.
        "tts": tts_status(SpeechSettings.from_config(current_app.config)),
    }
    healthy = components["db"] == "ok"
    return jsonify(status="ok" if healthy else "degraded", **components), 200 if healthy else 503
