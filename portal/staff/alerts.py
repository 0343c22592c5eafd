"""The console's alerts: statutory deadlines at risk on the cases this person works
(portal/notifications/reminders.py writes them, once each)."""

from flask import Blueprint, abort, redirect, render_template, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.models import Notification, StaffRole, utcnow
from portal.notifications.messages import words
from portal.staff.session import require_staff, roles_required

bp = Blueprint("staff_alerts", __name__, url_prefix="/staff/alerts")
ROLES = (StaffRole.REVIEWER, StaffRole.SPECIALIST, StaffRole.ASSESSOR)
SHOWN = 100


@bp.get("/")
@roles_required(*ROLES)
def index() -> str:
    user = require_staff()
    found = db.session.scalars(
        select(Notification)
        .filter_by(staff_user_id=user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(SHOWN)
    ).all()
    return render_template(
        "staff/alerts.html", alerts=[(n, words(n.kind, n.params)) for n in found]
    )


@bp.post("/<int:notification_id>/open")
@roles_required(*ROLES)
def open_alert(notification_id: int) -> Response:
    found = db.session.get(Notification, notification_id)
    if found is None or found.staff_user_id != require_staff().id:
        abort(404)
    if found.read_at is None:
        found.read_at = utcnow()
        db.session.commit()
    return redirect(found.link or url_for("staff_alerts.index"), 303)


def unread_alerts(user_id: int) -> int:
    count = db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .filter_by(staff_user_id=user_id, read_at=None)
    )
    return int(count or 0)
