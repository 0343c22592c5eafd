"""The citizen's inbox: every message the portal sent them, newest first. Opening one (a POST,
as it changes the unread count) marks it read and goes to the page it is about."""

from flask import Blueprint, abort, redirect, render_template, url_for
from sqlalchemy import select, update
from werkzeug.wrappers import Response

from portal.apply.forms import ConfirmForm
from portal.auth.current import login_required, require_account
from portal.extensions import db
from portal.models import Notification, utcnow
from portal.notifications import news, tasks  # noqa: F401  (the signal's receiver; the jobs)
from portal.notifications.messages import words

bp = Blueprint("inbox", __name__, url_prefix="/inbox")
SHOWN = 100


@bp.get("/")
@login_required
def index() -> str:
    account = require_account()
    found = db.session.scalars(
        select(Notification)
        .filter_by(account_id=account.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(SHOWN)
    ).all()
    return render_template(
        "notifications/inbox.html",
        messages=[(n, words(n.kind, n.params)) for n in found],
        form=ConfirmForm(),
    )


@bp.post("/<int:notification_id>/open")
@login_required
def open_message(notification_id: int) -> Response:
    account = require_account()
    found = db.session.get(Notification, notification_id)
    if found is None or found.account_id != account.id or not ConfirmForm().validate_on_submit():
        abort(404)
    if found.read_at is None:
        found.read_at = utcnow()
        db.session.commit()
    return redirect(found.link or url_for("inbox.index"), 303)


@bp.post("/read")
@login_required
def read_all() -> Response:
    account = require_account()
    if ConfirmForm().validate_on_submit():
        db.session.execute(
            update(Notification)
            .where(Notification.account_id == account.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
    return redirect(url_for("inbox.index"), 303)


def unread_count(account_id: int) -> int:
    from sqlalchemy import func

    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .filter_by(account_id=account_id, read_at=None)
        )
        or 0
    )
