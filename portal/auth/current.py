"""Who is signed in, and the guard for pages that need it.

The session cookie (signed, expiring after PERMANENT_SESSION_LIFETIME without use) carries a
random token; the server keeps its hash in `sign_ins`. Signing out deletes that row, so a
cookie saved before signing out (a shared phone, a copied cookie) no longer signs anyone in.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from flask import g, redirect, request, session, url_for
from sqlalchemy import CursorResult, delete, select
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.models import Account, SignIn, utcnow

P = ParamSpec("P")
R = TypeVar("R")
SESSION_KEY = "sign_in"
# However busy, a sign-in lasts at most this long; quiet sessions end much sooner.
SIGN_IN_LASTS = timedelta(hours=12)
_CURRENT = "signed_in_account"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_account() -> Account | None:
    if _CURRENT not in g:
        token = session.get(SESSION_KEY)
        g.setdefault(_CURRENT, _account_signed_in_with(token) if token else None)
    account: Account | None = g.get(_CURRENT)
    return account


def _account_signed_in_with(token: str) -> Account | None:
    return db.session.scalar(
        select(Account)
        .join(SignIn, SignIn.account_id == Account.id)
        .where(SignIn.token_hash == _hash(token), SignIn.created_at > utcnow() - SIGN_IN_LASTS)
    )


def require_account() -> Account:
    account = current_account()
    if account is None:
        raise Forbidden
    return account


def sign_in(account: Account) -> None:
    # A fresh session on sign-in, so a session fixed before it cannot be reused.
    kept = {key: session[key] for key in ("restored_form",) if key in session}
    session.clear()
    session.update(kept)
    session.permanent = True
    token = secrets.token_urlsafe(32)
    db.session.add(SignIn(account_id=account.id, token_hash=_hash(token)))
    db.session.commit()
    session[SESSION_KEY] = token
    g.pop(_CURRENT, None)


def sign_out() -> None:
    token = session.get(SESSION_KEY)
    if token:
        db.session.execute(delete(SignIn).where(SignIn.token_hash == _hash(token)))
        db.session.commit()
    session.clear()
    g.pop(_CURRENT, None)


def forget_old_sign_ins() -> int:
    """Rows of sign-ins that can no longer be used (the daily purge)."""
    result = db.session.execute(delete(SignIn).where(SignIn.created_at <= utcnow() - SIGN_IN_LASTS))
    db.session.commit()
    return cast(CursorResult[Any], result).rowcount


def login_required(view: Callable[P, R]) -> Callable[P, R | Response]:
    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
        if current_account() is None:
            return redirect(url_for("auth.phone", next=request.full_path.rstrip("?")), 303)
        return view(*args, **kwargs)

    return guarded


def remember_account_language(language: str) -> None:
    """Later texts (reminders) follow the language the person chose on the pages."""
    account = current_account()
    if account is not None and account.language != language:
        account.language = language
        db.session.commit()
