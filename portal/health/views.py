from flask import Blueprint, Response, jsonify
from sqlalchemy import text

from portal.extensions import csrf, db

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
    components = {"db": _database_status()}
    healthy = all(status == "ok" for status in components.values())
    return jsonify(status="ok" if healthy else "degraded", **components), 200 if healthy else 503
