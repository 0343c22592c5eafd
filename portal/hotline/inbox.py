"""The hotline's inbox: chats the bot handed to a person, oldest first; claiming one,
answering it on its own channel, and closing it so that the bot answers again.

A portal chat's sender id starts with WEB_PREFIX; every other sender is a WeChat user. WeChat
delivers customer-service messages only within 48 hours of the person's last message, so
outside that window staff are told so and offered an SMS or a call-back instead.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update

from portal import sms
from portal.audit.service import log_staff_look
from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.models import Account, ChatMessage, Handoff, StaffUser, utcnow
from portal.people.service import representations_of
from portal.wechat import client
from portal.wechat import service as wechat

WEB_PREFIX = "web-"
MAX_REPLY = 1000


class ReplyRefused(Exception):
    """The reply did not reach the person; the message says why in plain words."""


@dataclass(frozen=True)
class Waiting:
    handoff: Handoff
    channel: str
    region: str | None
    identity: str | None
    last: ChatMessage | None
    claimed_by: StaffUser | None


def channel_of(sender_id: str) -> str:
    return "portal" if sender_id.startswith(WEB_PREFIX) else "wechat"


def account_of(handoff: Handoff) -> Account | None:
    return db.session.get(Account, handoff.account_id) if handoff.account_id else None


def region_of(handoff: Handoff) -> str | None:
    """The bound account's region, else the one the conversation was about, else unknown."""
    account = account_of(handoff)
    return (chat.region_of(account) if account else None) or handoff.region


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else "****"


def identity_of(handoff: Handoff) -> str | None:
    """The bound portal account, masked: its phone and the people it acts for."""
    account = account_of(handoff)
    if account is None:
        return None
    names = [chat.mask_name(r.insured_person.name) for r in representations_of(account)]
    return " · ".join([mask_phone(account.phone), *names])


def _for_staff(staff: StaffUser, handoff: Handoff) -> bool:
    region = region_of(handoff)
    return staff.region_code is None or region is None or region == staff.region_code


def waiting(staff: StaffUser) -> list[Waiting]:
    handoffs = db.session.scalars(
        select(Handoff).where(Handoff.closed_at.is_(None)).order_by(Handoff.opened_at, Handoff.id)
    )
    return [_waiting(h) for h in handoffs if _for_staff(staff, h)]


def _waiting(handoff: Handoff) -> Waiting:
    return Waiting(
        handoff=handoff,
        channel=channel_of(handoff.sender_id),
        region=region_of(handoff),
        identity=identity_of(handoff),
        last=transcript.last_message(handoff.sender_id, "in"),
        claimed_by=db.session.get(StaffUser, handoff.claimed_by_id)
        if handoff.claimed_by_id
        else None,
    )


def visible_handoff(staff: StaffUser, handoff_id: int) -> Waiting | None:
    handoff = db.session.get(Handoff, handoff_id)
    if handoff is None or not _for_staff(staff, handoff):
        return None
    return _waiting(handoff)


def log_look(staff: StaffUser, handoff: Handoff) -> None:
    """Opening a chat bound to an account is a look at the files of the people it acts for."""
    account = account_of(handoff)
    for representation in representations_of(account) if account else []:
        log_staff_look(staff, representation.insured_person_id, "handoff_chat")


def claim(handoff: Handoff, staff: StaffUser) -> bool:
    """One person answers a chat: the first claim wins; taking over needs the chat released."""
    result = db.session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff.id,
            Handoff.closed_at.is_(None),
            or_(Handoff.claimed_by_id.is_(None), Handoff.claimed_by_id == staff.id),
        )
        .values(claimed_by_id=staff.id, claimed_at=utcnow())
    )
    db.session.commit()
    db.session.refresh(handoff)
    return bool(cast(CursorResult[Any], result).rowcount)


def window_open(handoff: Handoff) -> bool:
    return channel_of(handoff.sender_id) == "portal" or wechat.window_open(handoff.sender_id)


def window_closes_at(handoff: Handoff) -> datetime | None:
    if channel_of(handoff.sender_id) == "portal":
        return None
    return wechat.window_closes_at(handoff.sender_id)


def wechat_refusal(handoff: Handoff) -> str | None:
    """Why WeChat did not carry the bot's answer in this chat, in plain words."""
    return client.plain_words(handoff.wechat_refusal) if handoff.wechat_refusal else None


def reply(handoff: Handoff, staff: StaffUser, text: str) -> None:
    if handoff.claimed_by_id != staff.id or handoff.closed_at is not None:
        raise ReplyRefused("not claimed")
    if channel_of(handoff.sender_id) == "portal":
        transcript.record(handoff.sender_id, "portal", "staff", text)
        return
    try:
        wechat.send_staff_reply(handoff.sender_id, text)
    except client.WeChatUnavailable as error:
        raise ReplyRefused(error.plain_words) from error


def phone_of(handoff: Handoff) -> str:
    account = account_of(handoff)
    return account.phone if account else ""


def send_sms(handoff: Handoff, phone: str, text: str) -> None:
    """The alternative when WeChat cannot carry the reply; kept in the transcript too."""
    sms.gateway().send(phone, text)
    transcript.record(handoff.sender_id, channel_of(handoff.sender_id), "staff", f"[SMS] {text}")


def close(handoff: Handoff, staff: StaffUser) -> bool:
    """Closes the chat; whether the bot heard that it answers again."""
    return chat.close_handoff(handoff.id)
