"""Password-free sign-in: a 6-digit code sent by SMS (valid 5 minutes, at most 5 tries)."""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from portal import limits, sms
from portal.digits import ascii_digits
from portal.extensions import db
from portal.models import Account, OneTimeCode, utcnow

CODE_LIFETIME = timedelta(minutes=5)
RESEND_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 5
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class SignInError(Exception):
    """Something the person must be told; the message is already in their language."""


@dataclass(frozen=True)
class CodeSent:
    expires_at: datetime
    resend_at: datetime


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s-]", "", ascii_digits(raw))
    return digits.removeprefix("+86")


def is_mobile_number(phone: str) -> bool:
    return bool(MAINLAND_MOBILE.match(phone))


def latest_code(phone: str) -> OneTimeCode | None:
    return db.session.scalar(
        select(OneTimeCode).filter_by(phone=phone).order_by(OneTimeCode.id.desc()).limit(1)
    )


def send_code(phone: str, ip: str) -> CodeSent:
    now = utcnow()
    previous = latest_code(phone)
    if previous and now < previous.created_at + RESEND_AFTER:
        wait = int((previous.created_at + RESEND_AFTER - now).total_seconds()) + 1
        raise SignInError(_("验证码刚刚发过，请等 %(seconds)s 秒再重新获取。", seconds=wait))
    # Taken before the SMS goes, so that a burst of requests sends no more than the limits
    # allow; a send that fails still counts (the person is told to try again later).
    if not (
        limits.spend("SIGN_IN_CODES_PER_PHONE", phone) and limits.spend("SIGN_IN_CODES_PER_IP", ip)
    ):
        raise SignInError(_("获取验证码的次数太多了，请一小时后再试，或打客服电话。"))
    code = f"{secrets.randbelow(10**6):06d}"
    record = OneTimeCode(
        phone=phone,
        code_hash=generate_password_hash(code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
        requested_ip=ip,
    )
    db.session.add(record)
    db.session.flush()
    text = _(
        "【长护通】您的验证码是 %(code)s，5分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。",
        code=code,
    )
    try:
        sms.gateway().send(phone, text)
    except sms.SmsError as error:
        # Not kept, so a failed send does not delay a retry by the 60 seconds' wait.
        db.session.rollback()
        raise SignInError(_("短信暂时发不出去，请过一会儿再试，或打客服电话。")) from error
    db.session.commit()
    return CodeSent(expires_at=record.expires_at, resend_at=now + RESEND_AFTER)


def _take_attempt(record: OneTimeCode, now: datetime) -> int | None:
    """One of the code's five attempts, taken in one UPDATE so that guesses sent at the same
    moment are counted one by one; the attempts used so far, or None when none is left."""
    taken = db.session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.id == record.id,
            OneTimeCode.attempts < MAX_ATTEMPTS,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at > now,
        )
        .values(attempts=OneTimeCode.attempts + 1)
        .returning(OneTimeCode.attempts)
    ).scalar()
    db.session.commit()
    return taken


def verify_code(phone: str, code: str, language: str = "zh") -> Account:
    record = latest_code(phone)
    now = utcnow()
    if record is None or record.used_at is not None:
        raise SignInError(_("请先获取验证码。"))
    if now >= record.expires_at:
        raise SignInError(_("验证码已经过期了，请重新获取。"))
    attempts = _take_attempt(record, now)
    if attempts is None:
        db.session.refresh(record)
        if record.used_at is not None:
            raise SignInError(_("请先获取验证码。"))
        raise SignInError(_("验证码输错次数太多，请重新获取。"))
    if not check_password_hash(record.code_hash, code):
        left = MAX_ATTEMPTS - attempts
        if left == 0:
            raise SignInError(_("验证码输错次数太多，请重新获取。"))
        raise SignInError(_("验证码不对，还可以再试 %(left)s 次。", left=left))
    # Only the request that marks the code used signs in, however many carry it at once.
    used = db.session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.id == record.id, OneTimeCode.used_at.is_(None))
        .values(used_at=now)
    )
    if not cast(CursorResult[Any], used).rowcount:
        db.session.rollback()
        raise SignInError(_("请先获取验证码。"))
    account = db.session.scalar(select(Account).filter_by(phone=phone))
    if account is None:
        account = Account(phone=phone)
        db.session.add(account)
    account.language = language
    db.session.commit()
    return account
