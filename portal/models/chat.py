"""The chats: bindings to portal accounts, handoffs, transcripts and WeChat deliveries."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import EncryptedText, UTCDateTime, utcnow


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


class ChatBindingTries(db.Model):  # type: ignore[name-defined]
    """The binding codes a chat user has sent since `since`; five in a code's lifetime lock
    them out. One row per chat user, counted by one UPDATE per try, so tries sent at the same
    moment are all counted."""

    __tablename__ = "chat_binding_tries"
    sender_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tries: Mapped[int] = mapped_column(default=0)
    since: Mapped[datetime] = mapped_column(UTCDateTime())


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
    # The hotline member answering it (issue 14): one at a time.
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # WeChat's errcode when it refused to carry the bot's answer in this chat (45015: the
    # 48 hours are over, 45047: the quota is used): staff read it in plain words.
    wechat_refusal: Mapped[int | None] = mapped_column()
    # The region the conversation was about, as the bot knew it (a chat bound to an account
    # takes the account's): it routes the chat to that region's hotline.
    region: Mapped[str | None] = mapped_column(String(32))


class ChatMessage(db.Model):  # type: ignore[name-defined]
    """One message of a chat transcript: what the person sent, what the bot or staff said.

    The hotline inbox reads it; the WeChat channel also reads the last message in to know
    whether the 48-hour window for customer-service messages is open.
    """

    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_sender_at", "sender_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))  # wechat | portal
    direction: Mapped[str] = mapped_column(String(8))  # in | bot | staff
    # People write about their health and family: encrypted at rest like application answers.
    text: Mapped[str] = mapped_column(EncryptedText())
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A bot message that offered numbered choices: their payloads, in order, so that the
    # person can answer "2".
    choices: Mapped[list[str] | None] = mapped_column(JSON)


class WeChatDelivery(db.Model):  # type: ignore[name-defined]
    """A message WeChat delivered to the webhook, kept so that its retries get one bot turn.

    The key is the MsgId (events: the OpenID and CreateTime); its unique index is the lock
    all portal processes share. `reply` is the passive reply once known, so a retry whose
    first delivery got no answer through gets it; `late` is set when the webhook stopped
    waiting and the answer goes out through the customer-service API instead.
    """

    __tablename__ = "wechat_deliveries"
    # The 48-hour window is read from a sender's latest delivery.
    __table_args__ = (Index("ix_wechat_deliveries_sender_received", "sender_id", "received_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    sender_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    reply: Mapped[str | None] = mapped_column(EncryptedText())
    late: Mapped[bool] = mapped_column(default=False)


class SharedSecret(db.Model):  # type: ignore[name-defined]
    """A short-lived credential all portal processes share, such as WeChat's access token."""

    __tablename__ = "shared_secrets"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(EncryptedText())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
