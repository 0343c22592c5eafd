"""Messages to people: the in-portal inbox, and what was sent by SMS and WeChat.

A notification is written once per ``key`` (unique), so a reminder job run twice, or two
consumers at once, never send the same thing twice. Each channel's state moves
pending → sending → sent (or failed) by a conditional update, so only one worker sends."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import EncryptedJSON, UTCDateTime, enum_column, utcnow


class Delivery(enum.StrEnum):
    NONE = "none"  # this channel does not reach the recipient
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # refused for good (for example: unfollowed the Official Account)


class Notification(db.Model):  # type: ignore[name-defined]
    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    # Exactly one kind of recipient: a citizen's account (inbox, SMS, WeChat), a staff member
    # (the console's alerts), or a bare contact (a phone number or a WeChat OpenID).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    openid: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="zh")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    # Rendered into words when shown or sent, in the reader's language; may hold names.
    params: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON(), default=dict)
    link: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sms: Mapped[Delivery] = mapped_column(enum_column(Delivery), default=Delivery.NONE)
    wechat: Mapped[Delivery] = mapped_column(enum_column(Delivery), default=Delivery.NONE)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
