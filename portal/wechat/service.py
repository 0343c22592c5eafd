"""A WeChat message in, the person's answer out: as the passive reply when the bot is quick,
else through the customer-service API from a background job.

WeChat waits 5 seconds for the webhook, then delivers the same message again (three times in
all). Each delivery is claimed once in the database (WeChatDelivery's unique key), so a
retried message gets one bot turn; a retry is answered with the reply already made, if any.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

import redis
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wechatpy.events import ClickEvent, SubscribeEvent
from wechatpy.messages import BaseMessage, TextMessage, VoiceMessage

from portal import bot_client
from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.models import WeChatDelivery, utcnow
from portal.shared_redis import shared_redis
from portal.wechat import client, menu, replies, tasks

CHANNEL = "wechat"
# WeChat lets customer-service messages reach a person for 48 hours after their last
# message, menu click or subscription.
WINDOW = timedelta(hours=48)
UNRECOGNISED_VOICE = "[语音未识别]"
# WeChat retries within seconds; a day covers any retry with room to spare.
REDIS_CLAIMS = "changhu-wechat:delivery:"
CLAIM_SECONDS = 24 * 3600
_executor: ThreadPoolExecutor | None = None


@dataclass(frozen=True)
class Incoming:
    """What the person did, as the channel handles it."""

    key: str
    openid: str
    # text | voice | subscribe | other (images, links …: a polite reply) | silent (events
    # that need no answer: unsubscribing, opening a menu link, a location report …)
    kind: str
    text: str = ""


def incoming(message: BaseMessage) -> Incoming:
    openid = str(message.source)
    if message.type == "event":
        key = f"{openid}:{int(message.create_time.timestamp())}"
        if isinstance(message, SubscribeEvent):
            return Incoming(key, openid, "subscribe")
        if isinstance(message, ClickEvent):
            question = menu.question_for(str(message.key), known_language(openid))
            return (
                Incoming(key, openid, "text", question)
                if question
                else Incoming(key, openid, "silent")
            )
        return Incoming(key, openid, "silent")
    key = str(message.id)
    if isinstance(message, TextMessage):
        return Incoming(key, openid, "text", str(message.content or "").strip())
    if isinstance(message, VoiceMessage):
        return Incoming(key, openid, "voice", str(message.recognition or "").strip())
    return Incoming(key, openid, "other")


def answer(message: Incoming) -> str | None:
    """The passive reply to send now; None means "success" (nothing now, or already said)."""
    delivery = _claim(message)
    if delivery is None:
        return _earlier_reply(message.key)
    if message.kind == "silent":
        return None
    if message.kind == "subscribe":
        return _reply(delivery, replies.welcome())
    language = replies.language_of(message.text) or known_language(message.openid)
    if message.kind == "other":
        return _reply(delivery, replies.unsupported(language))
    if message.kind == "voice" and not message.text:
        transcript.record(message.openid, CHANNEL, "in", UNRECOGNISED_VOICE)
        return _reply(delivery, replies.voice_not_understood(language))
    return _converse(delivery, message, language)


def _claim(message: Incoming) -> WeChatDelivery | None:
    """The first delivery of a message claims it; WeChat's retries find it claimed. With Redis
    the claim is taken there first; the database's unique key stays the last word (and the
    only one when Redis cannot be reached)."""
    if _claimed_in_redis_before(message.key):
        return None
    delivery = WeChatDelivery(key=message.key, sender_id=message.openid, received_at=utcnow())
    db.session.add(delivery)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return delivery


def _claimed_in_redis_before(key: str) -> bool:
    store = shared_redis()
    if store is None:
        return False
    try:
        return not store.set(f"{REDIS_CLAIMS}{key}", "1", nx=True, ex=CLAIM_SECONDS)
    except redis.RedisError as error:
        current_app.logger.warning("Redis unreachable; WeChat claims go to the database: %s", error)
        return False


def _earlier_reply(key: str) -> str | None:
    delivery = db.session.scalar(select(WeChatDelivery).filter_by(key=key))
    return delivery.reply if delivery is not None and not delivery.late else None


def _reply(delivery: WeChatDelivery, text: str, choices: list[str] | None = None) -> str:
    delivery.reply = text
    db.session.commit()
    transcript.record(delivery.sender_id, CHANNEL, "bot", text, choices=choices or None)
    return text


def _converse(delivery: WeChatDelivery, message: Incoming, language: str | None) -> str | None:
    openid, spoke = message.openid, message.kind == "voice"
    offered = transcript.last_message(openid, "bot")
    transcript.record(openid, CHANNEL, "in", message.text)
    if chat.open_handoff(openid) is not None:
        return None  # a person answers from the hotline inbox
    picked = replies.chosen(message.text, offered.choices or []) if offered else None
    db.session.commit()  # the connection goes back to the pool while the bot thinks
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    turn = _bot_pool().submit(_ask_bot, app, openid, picked or message.text)
    try:
        said = turn.result(timeout=app.config["BOT_REPLY_WAIT"])
    except FutureTimeout:
        delivery.late = True
        db.session.commit()
        turn.add_done_callback(partial(_deliver_late, app, openid, message.text, language, spoke))
        return None
    except bot_client.BotUnavailable as error:
        current_app.logger.warning("bot unavailable for a WeChat message: %s", error)
        return _reply(delivery, _hand_off(openid, message.text, language))
    reply = replies.compose(said)
    if not reply.text:
        return None
    if spoke:
        tasks.send_spoken_answer(openid, reply.text, _voice_language(reply.text, language))
    return _reply(delivery, reply.text, reply.choices)


def _bot_pool() -> ThreadPoolExecutor:
    # The bot's turn runs beside the request, so that a late answer is not lost when the
    # webhook stops waiting for it.
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=32, thread_name_prefix="wechat-bot")
    return _executor


def _ask_bot(app: Flask, openid: str, text: str) -> list[bot_client.BotMessage]:
    with app.app_context():
        chat.resume_if_missed(openid)
        return bot_client.converse(openid, text, timeout=app.config["BOT_TURN_TIMEOUT"])


def _deliver_late(
    app: Flask,
    openid: str,
    text: str,
    language: str | None,
    spoke: bool,
    turn: "Future[list[bot_client.BotMessage]]",
) -> None:
    with app.app_context():
        try:
            reply = replies.compose(turn.result())
        except bot_client.BotUnavailable as error:
            current_app.logger.warning("bot failed after the webhook stopped waiting: %s", error)
            reply = replies.Reply(_hand_off(openid, text, language), [])
        if not reply.text:
            return
        transcript.record(openid, CHANNEL, "bot", reply.text, choices=reply.choices or None)
        voice = _voice_language(reply.text, language) if spoke else None
        tasks.deliver_late_answer(openid, reply.text, voice)


def _hand_off(openid: str, text: str, language: str | None) -> str:
    """The bot is down: a person takes the chat, and the person is told so."""
    chat.request_handoff(openid, "bot_unavailable", language or "zh", text)
    return replies.bot_down(language)


def _voice_language(text: str, language: str | None) -> str:
    return replies.language_of(text) or language or "zh"


def known_language(openid: str) -> str | None:
    """The language the person last wrote in, else their bound account's, else unknown."""
    said = transcript.last_message(openid, "in")
    language = replies.language_of(said.text) if said else None
    if language:
        return language
    binding = chat.binding_for_sender(openid)
    return chat.account_of(binding).language if binding else None


# ------------------------------------------------------------------ for the hotline inbox


def window_closes_at(openid: str) -> datetime | None:
    """When customer-service messages stop reaching this person (None: never wrote)."""
    last = db.session.scalar(
        select(WeChatDelivery.received_at)
        .where(WeChatDelivery.sender_id == openid)
        .order_by(WeChatDelivery.received_at.desc())
        .limit(1)
    )
    return last + WINDOW if last else None


def window_open(openid: str) -> bool:
    closes = window_closes_at(openid)
    return closes is not None and utcnow() < closes


def send_staff_reply(openid: str, text: str) -> None:
    """Sends a staff member's answer and adds it to the transcript.

    Raises client.WeChatUnavailable, whose `plain_words` tell staff what went wrong (for
    example 45015: the person last wrote more than 48 hours ago).
    """
    client.send_text(openid, text)
    transcript.record(openid, CHANNEL, "staff", text)
