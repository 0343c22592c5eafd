"""The transcript of every chat: what people sent and what the bot and staff answered.

The hotline inbox reads it (issue 14); channels write it as messages go in and out.
"""

from datetime import datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models import ChatMessage, utcnow

CHANNELS = ("wechat", "portal")
DIRECTIONS = ("in", "bot", "staff")


def record(
    sender_id: str,
    channel: str,
    direction: str,
    text: str,
    *,
    choices: list[str] | None = None,
    at: datetime | None = None,
) -> ChatMessage:
    """Adds one message and commits it."""
    if channel not in CHANNELS or direction not in DIRECTIONS:
        raise ValueError(f"unknown channel or direction: {channel}, {direction}")
    message = ChatMessage(
        sender_id=sender_id,
        channel=channel,
        direction=direction,
        text=text,
        choices=choices,
        at=at or utcnow(),
    )
    db.session.add(message)
    db.session.commit()
    return message


def messages_of(sender_id: str, limit: int = 200) -> list[ChatMessage]:
    """The chat's latest messages, oldest first."""
    latest = db.session.scalars(
        select(ChatMessage)
        .where(ChatMessage.sender_id == sender_id)
        .order_by(ChatMessage.at.desc(), ChatMessage.id.desc())
        .limit(limit)
    ).all()
    return list(reversed(latest))


def last_message(sender_id: str, direction: str) -> ChatMessage | None:
    return db.session.scalar(
        select(ChatMessage)
        .where(ChatMessage.sender_id == sender_id, ChatMessage.direction == direction)
        .order_by(ChatMessage.at.desc(), ChatMessage.id.desc())
        .limit(1)
    )
