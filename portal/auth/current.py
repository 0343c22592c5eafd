"""Who is signed in, and the guard for pages that need it."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import redirect, request, session, url_for
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.models import Account

P = ParamSpec("P")
R = TypeVar("R")
SESSION_KEY = "account_id"


def current_account() -> Account | None:
    account_id = session.get(SESSION_KEY)
    return db.session.get(Account, account_id) if account_id else None


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
    session[SESSION_KEY] = account.id


def sign_out() -> None:
    session.clear()


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
