"""The WeChat chat: binding a chat user to a portal account, and handoffs to a person."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import UTCDateTime, utcnow


class ChatBinding(db.Model):  # type: ignore[name-defined]
    """A chat user (the bot's sender id, a WeChat OpenID) bound to one portal account."""

    __tablename__ = "chat_bindings"
    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChatBindingCode(db.Model):  # type: ignore[name-defined]
    """A 6-digit code shown on /chat/bind and sent to the bot; kept only as a keyed hash."""

    __tablename__ = "chat_binding_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    # One active code per account: asking for a new one replaces the old one.
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChatBindingFailure(db.Model):  # type: ignore[name-defined]
    """A wrong binding code sent by a chat user; five in a code's lifetime lock them out."""

    __tablename__ = "chat_binding_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Handoff(db.Model):  # type: ignore[name-defined]
    """A chat handed to a person. It outlives the bot's session, so it is the source of truth."""

    __tablename__ = "handoffs"
    __table_args__ = (
        # At most one open handoff per chat user, even when two requests race.
        Index(
            "uq_handoffs_open_sender",
            "sender_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    last_message: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the bot confirmed the resume; empty after a close while the bot was down.
    resumed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
