"""The WeChat chat's side of the portal: binding a chat user to an account, the status of
that account's applications for the bot, and handoffs of a chat to a person.

The bot knows a chat user only by its sender id (the WeChat OpenID). A signed-in person
proves that a chat is theirs by sending a short-lived code shown on /chat/bind.
"""

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal import bot_client, races
from portal.apply.service import applications_of, case_of, next_date
from portal.cases.labels import STEP_LABELS
from portal.extensions import db
from portal.models import (
    AccessLog,
    Account,
    Application,
    ApplicationStatus,
    ChatBinding,
    ChatBindingCode,
    ChatBindingTries,
    Handoff,
    utcnow,
)
from portal.models.base import data_cipher
from portal.people.service import representations_of
from portal.status.summary import summary

CODE_LIFETIME = timedelta(minutes=10)
MAX_WRONG_CODES = 5
# WeChat OpenIDs are 28 characters; 60 leaves room for other channels and still fits
# "bot:<sender id>" in AccessLog.actor (64).
SENDER_ID = re.compile(r"[A-Za-z0-9_.:@-]{1,60}", re.ASCII)
BINDING_CODE = re.compile(r"[0-9]{6}", re.ASCII)
HANDOFF_REASONS = ("user_request", "complaint", "repeated_fallback", "bot_unavailable")
LANGUAGES = ("zh", "ug")
MAX_LAST_MESSAGE = 2000


class BindingRefused(Exception):
    """A binding code the bot sent that does not bind; the message is in the person's language."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime


def valid_sender_id(value: object) -> bool:
    return isinstance(value, str) and SENDER_ID.fullmatch(value) is not None


def mask_name(name: str) -> str:
    """马秀兰 → 马*兰, 马兰 → 马*: enough for the person to recognise, not to identify.
    ئايگۈل مەمەت → ئا*ت: a Uyghur word's initial ئ only carries the vowel after it, so that
    vowel is kept too."""
    name = "".join(name.split())
    first = name[:2] if name.startswith("ئ") else name[:1]
    if len(name) <= len(first):
        return name
    if len(name) == len(first) + 1:
        return first + "*"
    return first + "*" + name[-1]


# ------------------------------------------------------------------ binding codes


def _code_hash(code: str) -> str:
    # Keyed (HMAC with the data key), not salted: the bot sends only the code, so the hash
    # must be found by an index; without the key six digits cannot be tried offline.
    return data_cipher().lookup_hash(f"chat-binding:{code}")


def issue_binding_code(account: Account) -> IssuedCode:
    """A new code for this account; any earlier one stops working."""
    now = utcnow()
    db.session.execute(delete(ChatBindingCode).where(ChatBindingCode.account_id == account.id))
    db.session.execute(
        delete(ChatBindingCode).where(ChatBindingCode.expires_at < now - timedelta(days=1))
    )
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        clash = db.session.scalar(
            select(ChatBindingCode.id).where(
                ChatBindingCode.code_hash == _code_hash(code), ChatBindingCode.expires_at > now
            )
        )
        if clash is None:
            break
    record = ChatBindingCode(
        account_id=account.id,
        code_hash=_code_hash(code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    db.session.add(record)
    db.session.commit()
    return IssuedCode(code, record.expires_at)


def code_is_active(account: Account, code: str) -> bool:
    """Whether `code` is this account's current, unexpired code (the page shows it then)."""
    record = db.session.scalar(select(ChatBindingCode).filter_by(account_id=account.id))
    return (
        record is not None
        and record.expires_at > utcnow()
        and secrets.compare_digest(record.code_hash, _code_hash(code))
    )


def code_minutes_left(account: Account) -> int:
    record = db.session.scalar(select(ChatBindingCode).filter_by(account_id=account.id))
    if record is None:
        return 0
    return max(0, math.ceil((record.expires_at - utcnow()).total_seconds() / 60))


def binding_of(account: Account) -> ChatBinding | None:
    return db.session.scalar(select(ChatBinding).filter_by(account_id=account.id))


def binding_for_sender(sender_id: str) -> ChatBinding | None:
    return db.session.scalar(select(ChatBinding).filter_by(sender_id=sender_id))


def account_of(binding: ChatBinding) -> Account:
    account = db.session.get(Account, binding.account_id)
    if account is None:
        raise LookupError(binding.account_id)
    return account


def _take_try(sender_id: str, now: datetime) -> int | None:
    """One of the chat user's five tries in this window (a code's lifetime, from the first
    try), taken in one UPDATE; the tries used so far, or None when none is left."""
    insert = postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    db.session.execute(
        insert(ChatBindingTries).values(sender_id=sender_id, since=now).on_conflict_do_nothing()
    )
    db.session.execute(
        update(ChatBindingTries)
        .where(ChatBindingTries.sender_id == sender_id)
        .where(ChatBindingTries.since <= now - CODE_LIFETIME)
        .values(tries=0, since=now)
    )
    taken = db.session.execute(
        update(ChatBindingTries)
        .where(ChatBindingTries.sender_id == sender_id, ChatBindingTries.tries < MAX_WRONG_CODES)
        .values(tries=ChatBindingTries.tries + 1)
        .returning(ChatBindingTries.tries)
    ).scalar()
    db.session.commit()
    return taken


def _too_many() -> BindingRefused:
    return BindingRefused(
        "too_many_tries",
        _("绑定码输错次数太多了。请过 10 分钟，在长护通网页上重新获取绑定码再发。"),
    )


def bind(sender_id: str, code: str) -> ChatBinding:
    """Binds the chat user to the account whose code this is.

    Tries are counted per chat user: the bot sends only the code, so a wrong one cannot be
    told apart from another account's. Five tries within a code's lifetime (10 minutes from
    the first) refuse every code, right ones included, until those 10 minutes are over; a
    binding clears the count.
    """
    now = utcnow()
    tries = _take_try(sender_id, now)
    if tries is None:
        raise _too_many()
    record = db.session.scalar(
        select(ChatBindingCode)
        .where(ChatBindingCode.code_hash == _code_hash(code))
        .order_by(ChatBindingCode.id.desc())
        .limit(1)
    )
    if record is None:
        left = MAX_WRONG_CODES - tries
        if left == 0:
            raise _too_many()
        raise BindingRefused(
            "wrong_code",
            _(
                "绑定码不对，还可以再试 %(left)s 次。请核对长护通网页上的 6 位数字。",
                left=left,
            ),
        )
    expired = BindingRefused(
        "expired", _("绑定码已经过期了。请在长护通网页上重新获取绑定码，10 分钟内发过来。")
    )
    if record.expires_at <= now:
        raise expired
    # Only the request that deletes the code binds, however many arrive at once.
    used = db.session.execute(delete(ChatBindingCode).where(ChatBindingCode.id == record.id))
    if not cast(CursorResult[Any], used).rowcount:
        db.session.rollback()
        raise expired
    return bind_account(sender_id, record.account_id)


def bind_account(sender_id: str, account_id: int) -> ChatBinding:
    """Binds a chat user the person has proved is theirs (by a code, or WeChat's OAuth)."""
    # One chat user per account and one account per chat user: the newest binding wins.
    db.session.execute(
        delete(ChatBinding).where(
            (ChatBinding.sender_id == sender_id) | (ChatBinding.account_id == account_id)
        )
    )
    db.session.execute(delete(ChatBindingTries).where(ChatBindingTries.sender_id == sender_id))
    binding = ChatBinding(sender_id=sender_id, account_id=account_id, bound_at=utcnow())
    db.session.add(binding)
    db.session.commit()
    return binding


def unbind(account: Account) -> bool:
    result = db.session.execute(delete(ChatBinding).where(ChatBinding.account_id == account.id))
    db.session.commit()
    return bool(cast(CursorResult[Any], result).rowcount)


def region_of(account: Account) -> str | None:
    """The region of the first person the account acts for: the bot's default region."""
    people = representations_of(account)
    return people[0].insured_person.region_code if people else None


# ------------------------------------------------------------------ status for the bot


def _status_label(status: ApplicationStatus) -> str:
    labels = {
        ApplicationStatus.DRAFT: _("草稿，还没有提交"),
        ApplicationStatus.SUBMITTED: _("已提交，等待受理审核"),
        ApplicationStatus.WITHDRAWN: _("已撤回"),
    }
    return labels[status]


def _next_label(kind: str) -> str:
    return _("草稿保留到") if kind == "draft_expires" else _("最晚告知受理结果")


def _application_summary(application: Application) -> dict[str, Any]:
    """A draft or a withdrawn application by its status; a submitted one by its case's step
    (portal/cases), as my applications shows it: refused, concluded, in care …"""
    language = str(get_locale() or "zh")
    name = mask_name(application.insured_person.name_in(language))
    case = case_of(application) if application.status is ApplicationStatus.SUBMITTED else None
    if case is None:
        upcoming = next_date(application)
        return {
            "reference": application.reference,
            "insured_name_masked": name,
            "status": application.status.value,
            "step": None,
            "status_label": _status_label(application.status),
            "next_date": upcoming.due.isoformat() if upcoming else None,
            "next_label": _next_label(upcoming.kind) if upcoming else None,
            "next_provisional": upcoming.provisional if upcoming else False,
            "to_do": False,
        }
    found = summary(case)
    return {
        "reference": application.reference,
        "insured_name_masked": name,
        "status": application.status.value,
        "step": case.step.value,
        "status_label": str(STEP_LABELS[case.step]),
        "next_date": found.due.on.isoformat() if found.due else None,
        "next_label": found.due_label() or None,
        "next_provisional": found.due.provisional if found.due else False,
        "to_do": found.to_do,
    }


def applications_for_bot(sender_id: str) -> dict[str, Any] | None:
    """None when the chat user is not bound; else only the bound account's applications."""
    binding = binding_for_sender(sender_id)
    if binding is None:
        return None
    account = account_of(binding)
    applications = applications_of(account)
    body = {
        "region": region_of(account),
        "applications": [_application_summary(a) for a in applications],
    }
    log_bot_access(sender_id, [a.insured_person_id for a in applications], "bot_application_status")
    return body


def log_bot_access(sender_id: str, person_ids: list[int], action: str) -> None:
    """Like people.service.log_access, for a look through the bot (查阅登记, 000:64, 001:51)."""
    for person_id in dict.fromkeys(person_ids):
        db.session.add(
            AccessLog(insured_person_id=person_id, actor=f"bot:{sender_id}", action=action)
        )
    db.session.commit()


# ------------------------------------------------------------------ handoffs


def open_handoff(sender_id: str) -> Handoff | None:
    return db.session.scalar(
        select(Handoff).where(Handoff.sender_id == sender_id, Handoff.closed_at.is_(None))
    )


def request_handoff(
    sender_id: str, reason: str, language: str, last_message: str, region: str | None = None
) -> tuple[Handoff, bool]:
    """The open handoff for this chat user, made now if there is none; and whether it was."""
    found = open_handoff(sender_id)
    if found is not None:
        return found, False
    binding = binding_for_sender(sender_id)
    handoff = Handoff(
        sender_id=sender_id,
        reason=reason,
        language=language,
        last_message=last_message,
        account_id=binding.account_id if binding else None,
        region=region,
        opened_at=utcnow(),
    )
    # uq_handoffs_open_sender: a request at the same moment answers with the same handoff
    return races.add_once(handoff, lambda: open_handoff(sender_id))


def close_handoff(handoff_id: int) -> bool:
    """Closes the handoff and tells the bot to resume the chat; returns whether the bot heard.

    The close is committed first, so a bot that is down never keeps a chat with staff; the
    resume it missed is sent again before the person's next message (resume_if_missed). A
    resume is not sent while a newer handoff for the same chat is open: that one paused it.
    """
    handoff = db.session.get(Handoff, handoff_id)
    if handoff is None:
        raise LookupError(handoff_id)
    if handoff.closed_at is None:
        handoff.closed_at = utcnow()
        db.session.commit()
    if open_handoff(handoff.sender_id) is not None:
        return False
    return _resume(handoff.sender_id)


def resume_if_missed(sender_id: str) -> None:
    """Before a person's message goes to the bot: sends the resume the bot missed when staff
    closed the chat while it was down, since a paused bot would stay silent for good.

    Raises bot_client.BotUnavailable when the bot still does not hear it.
    """
    missed = db.session.scalar(
        select(Handoff.id)
        .where(
            Handoff.sender_id == sender_id,
            Handoff.closed_at.is_not(None),
            Handoff.resumed_at.is_(None),
        )
        .limit(1)
    )
    if missed is None or open_handoff(sender_id) is not None:
        return
    if not _resume(sender_id):
        raise bot_client.BotUnavailable(f"the bot did not hear the resume for chat {sender_id}")


def _resume(sender_id: str) -> bool:
    if not bot_client.resume(sender_id):
        return False
    db.session.execute(
        update(Handoff)
        .where(
            Handoff.sender_id == sender_id,
            Handoff.closed_at.is_not(None),
            Handoff.resumed_at.is_(None),
        )
        .values(resumed_at=utcnow())
    )
    db.session.commit()
    return True


def handoff_state(sender_id: str) -> dict[str, Any]:
    handoff = open_handoff(sender_id)
    if handoff is None:
        return {"open": False}
    return {
        "open": True,
        "id": handoff.id,
        "reason": handoff.reason,
        "opened_at": handoff.opened_at.isoformat(),
    }
