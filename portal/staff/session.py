"""Staff sessions, kept apart from citizens': another cookie (path /staff, its own salt), so a
citizen's session is never even read on a staff page and a staff session never reaches a
citizen page. Each staff session is also a row on the server, so signing out, an idle half
hour or an administrator disabling the account ends it whatever cookie a browser keeps."""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import Flask, g, redirect, request, session, url_for
from flask import Request as FlaskRequest
from flask import Response as FlaskResponse
from flask.sessions import SecureCookieSessionInterface, SessionInterface, SessionMixin
from sqlalchemy import select
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.models import StaffRole, StaffSession, StaffUser, utcnow

P = ParamSpec("P")
R = TypeVar("R")
STAFF_PREFIX = "/staff"
TOKEN_KEY = "staff_session"  # noqa: S105  (a session key, not a secret)
IDLE_LIMIT = timedelta(minutes=30)
LONGEST = timedelta(hours=12)
SEEN_EVERY = timedelta(minutes=1)
# The console's parts that refresh themselves (hx-trigger="every …"; htmx names the element in
# HX-Trigger): the queue, the hotline's waiting chats and an open chat. A page left open on a
# desk is not someone at work, so their requests never keep a session alive.
POLLING_ELEMENTS = frozenset({"queue", "inbox-list", "chat-messages"})


def is_staff_path(path: str) -> bool:
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


class StaffCookieSessionInterface(SecureCookieSessionInterface):
    salt = "changhu-staff-session"

    def get_cookie_name(self, app: Flask) -> str:
        return "changhu_staff"

    def get_cookie_path(self, app: Flask) -> str:
        return STAFF_PREFIX

    def get_cookie_samesite(self, app: Flask) -> str:
        return "Strict"


class SplitSessionInterface(SessionInterface):
    """Citizens' session for every path but /staff; the staff session there."""

    def __init__(self, citizen: SessionInterface) -> None:
        self.citizen = citizen
        self.staff = StaffCookieSessionInterface()

    def _for(self, path: str) -> SessionInterface:
        return self.staff if is_staff_path(path) else self.citizen

    def open_session(self, app: Flask, request: FlaskRequest) -> SessionMixin | None:
        return self._for(request.path).open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: FlaskResponse) -> None:
        self._for(request.path).save_session(app, session, response)


def init_app(app: Flask) -> None:
    app.session_interface = SplitSessionInterface(app.session_interface)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_staff() -> StaffUser | None:
    if not is_staff_path(request.path):
        return None
    if "staff_user" not in g:
        g.staff_user = _live_staff()
    user: StaffUser | None = g.staff_user
    return user


def _live_staff() -> StaffUser | None:
    token = session.get(TOKEN_KEY)
    if not token:
        return None
    record = db.session.scalar(select(StaffSession).filter_by(token_hash=_hash(token)))
    now = utcnow()
    if (
        record is None
        or record.ended_at is not None
        or now - record.last_seen_at > IDLE_LIMIT
        or now - record.created_at > LONGEST
        or not record.staff_user.active
    ):
        if record is not None and record.ended_at is None:
            record.ended_at = now
            db.session.commit()
        session.pop(TOKEN_KEY, None)
        return None
    polling = request.headers.get("HX-Trigger") in POLLING_ELEMENTS
    if now - record.last_seen_at > SEEN_EVERY and not polling:
        record.last_seen_at = now
        db.session.commit()
    return record.staff_user


def staff_sign_in(user: StaffUser) -> None:
    token = secrets.token_urlsafe(32)
    db.session.add(StaffSession(token_hash=_hash(token), staff_user_id=user.id))
    db.session.commit()
    # A fresh session on sign-in, so one fixed before it cannot be reused.
    session.clear()
    session.permanent = True
    session[TOKEN_KEY] = token
    g.staff_user = user


def staff_sign_out() -> None:
    token = session.get(TOKEN_KEY)
    if token:
        record = db.session.scalar(select(StaffSession).filter_by(token_hash=_hash(token)))
        if record is not None and record.ended_at is None:
            record.ended_at = utcnow()
            db.session.commit()
    session.clear()
    g.staff_user = None


def end_sessions_of(user: StaffUser) -> None:
    """Every browser of this account is signed out (disabled, role changed, password reset)."""
    now = utcnow()
    live = select(StaffSession).filter_by(staff_user_id=user.id, ended_at=None)
    for record in db.session.scalars(live):
        record.ended_at = now


def require_staff() -> StaffUser:
    user = current_staff()
    if user is None:
        raise Forbidden
    return user


def roles_required(*roles: StaffRole) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """The route answers only these roles (403 for the others). Without a staff session a
    page sends the person to the staff sign-in; any other request is refused."""

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            user = current_staff()
            if user is None:
                target = url_for("staff_auth.sign_in", next=request.full_path.rstrip("?"))
                if request.headers.get("HX-Request"):
                    # An htmx swap (the queue refreshing itself) after the session ended: the
                    # whole page goes to the sign-in, rather than failing silently.
                    gone = Response(status=403)
                    gone.headers["HX-Redirect"] = target
                    return gone
                if request.method == "GET":
                    return redirect(target, 303)
                raise Forbidden
            if user.role not in roles:
                raise Forbidden
            return view(*args, **kwargs)

        guarded.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded

    return decorate


ALL_ROLES = tuple(StaffRole)


def staff_page_context() -> dict[str, Any]:
    return {"staff": current_staff()}
