"""Writing a notification once per key, and handing it to the background for sending."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import Account, ChatBinding, Delivery, Notification, StaffUser
from portal.notifications.messages import MESSAGES


@dataclass(frozen=True)
class Contact:
    """Someone without an account here (a caller to the hotline): a phone, an OpenID, or both."""

    phone: str | None = None
    openid: str | None = None
    language: str = "zh"


Recipient = Account | StaffUser | Contact
ALL_CHANNELS = ("sms", "wechat")


def notify(
    recipient: Recipient,
    kind: str,
    params: dict[str, Any] | None = None,
    *,
    key: str,
    link: str | None = None,
    case_id: int | None = None,
    channels: Collection[str] = ALL_CHANNELS,
    phone: str | None = None,
) -> Notification | None:
    """Writes the notification (committing the session) and queues its sending. Returns None
    when one with this key exists already: nothing is written or sent twice.

    ``channels`` narrows how it is sent to what the person asked for (an account's inbox
    always has it); ``phone`` texts another number than the account's own (a complaint's
    contact number)."""
    if kind not in MESSAGES:
        raise ValueError(f"no message {kind!r} in portal/notifications/messages.py")
    if db.session.scalar(select(Notification.id).filter_by(key=key)) is not None:
        return None
    notification = Notification(key=key, kind=kind, params=params or {}, link=link, case_id=case_id)
    _address(notification, recipient, channels, phone)
    db.session.add(notification)
    try:
        db.session.commit()
    except IntegrityError:  # the same key written at the same moment by another worker
        db.session.rollback()
        return None
    if Delivery.PENDING in (notification.sms, notification.wechat):
        from portal.notifications.tasks import deliver

        deliver(notification.id)
    return notification


def _address(
    notification: Notification,
    recipient: Recipient,
    channels: Collection[str],
    phone: str | None,
) -> None:
    if isinstance(recipient, StaffUser):
        notification.staff_user_id = recipient.id
        return
    if isinstance(recipient, Account):
        notification.account_id = recipient.id
        notification.language = recipient.language
        notification.openid = db.session.scalar(
            select(ChatBinding.sender_id).filter_by(account_id=recipient.id)
        )
        notification.phone = phone  # None: the account's phone at the time of sending
        phone = phone or recipient.phone
    else:
        notification.language = recipient.language
        notification.openid = recipient.openid
        notification.phone = phone = phone or recipient.phone
    texted = "sms" in channels and phone
    notification.sms = Delivery.PENDING if texted else Delivery.NONE
    on_wechat = "wechat" in channels and notification.openid
    notification.wechat = Delivery.PENDING if on_wechat else Delivery.NONE
