"""Staff sign-in: an argon2 password, a TOTP code for the roles that need one, a lock after
repeated failures. Every sign-in and every failure is written to the account's history."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal.clock import CHINA
from portal.extensions import db
from portal.models import StaffAccountEvent, StaffUser, utcnow

MAX_FAILURES = 5
LOCKED_FOR = timedelta(minutes=15)
ISSUER = "长护通"
_DUMMY_PASSWORD = secrets.token_urlsafe(16)


def _hasher() -> PasswordHasher:
    # argon2's recommended cost; tests set a cheap one (hashes record their own parameters,
    # and check_needs_rehash upgrades them at the next sign-in).
    return PasswordHasher(
        time_cost=current_app.config["ARGON2_TIME_COST"],
        memory_cost=current_app.config["ARGON2_MEMORY_COST"],
    )


@cache
def _dummy_hash(time_cost: int, memory_cost: int) -> str:
    """Checked when the username is unknown, so the answer takes as long as for an account."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost).hash(_DUMMY_PASSWORD)


class SignInRefused(Exception):
    """What the person is told, already in their language."""


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def new_password() -> str:
    """An initial password the administrator hands over once."""
    return secrets.token_urlsafe(12)


def record(user: StaffUser, action: str, actor: StaffUser | None = None, **data: Any) -> None:
    db.session.add(
        StaffAccountEvent(
            staff_user_id=user.id, actor_id=actor.id if actor else None, action=action, data=data
        )
    )


def _password_matches(user: StaffUser | None, password: str) -> bool:
    hasher = _hasher()
    stored = user.password_hash if user else _dummy_hash(hasher.time_cost, hasher.memory_cost)
    try:
        return hasher.verify(stored, password) and user is not None
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(until: datetime) -> str:
    return _(
        "这个账号因为多次输错已被锁定，请在 %(time)s 以后再试，或请管理员解锁。",
        time=f"{until.astimezone(CHINA):%H:%M}",
    )


def check_password(username: str, password: str) -> StaffUser:
    user = db.session.scalar(select(StaffUser).filter_by(username=username.strip()))
    matches = _password_matches(user, password)
    if user is None or not user.active:
        raise SignInRefused(_("用户名或密码不对。"))
    _refuse_if_locked(user)
    if not matches:
        _count_failure(user, "password")
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def _refuse_if_locked(user: StaffUser) -> None:
    if user.locked_until is not None and user.locked_until > utcnow():
        raise SignInRefused(_locked_message(user.locked_until))


def _count_failure(user: StaffUser, what: str) -> None:
    user.failed_sign_ins += 1
    record(user, "sign_in_failed", what=what)
    if user.failed_sign_ins >= MAX_FAILURES:
        user.locked_until = utcnow() + LOCKED_FOR
        user.failed_sign_ins = 0
        record(user, "locked")
        db.session.commit()
        raise SignInRefused(_locked_message(user.locked_until))
    db.session.commit()
    if what == "code":
        raise SignInRefused(_("验证码不对，或者已经用过了。请输入验证器上现在显示的 6 位数字。"))
    raise SignInRefused(_("用户名或密码不对。"))


def needs_code(user: StaffUser) -> bool:
    return user.role.needs_second_factor or user.totp_secret is not None


def check_code(user: StaffUser, code: str, secret: str | None = None) -> None:
    """A code from the authenticator, at most one step early or late, never used twice.
    ``secret`` is the one being set up, when the account has none yet."""
    _refuse_if_locked(user)
    totp = pyotp.TOTP(secret or user.totp_secret or "")
    now = utcnow()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=offset * totp.interval)
        step = totp.timecode(moment)
        if totp.at(moment) == code.strip() and step > (user.totp_last_step or -1):
            user.totp_last_step = step
            if secret:
                user.totp_secret = secret
                record(user, "second_factor_set_up")
            return
    _count_failure(user, "code")


def signed_in(user: StaffUser) -> None:
    user.failed_sign_ins = 0
    user.locked_until = None
    record(user, "signed_in")
    db.session.commit()


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str


def enrolment(user: StaffUser, secret: str | None = None) -> Enrolment:
    secret = secret or pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=5, dark="#1a1a1a", light="#ffffff", omitsize=False)
    return Enrolment(secret=secret, uri=uri, qr_svg=svg)


def current_code(user: StaffUser) -> str | None:
    """For the development page only: the code the demo account's authenticator would show."""
    return pyotp.TOTP(user.totp_secret).now() if user.totp_secret else None
