"""Background jobs of the WeChat channel: answers that go out through the customer-service API."""

from collections.abc import Callable
from datetime import timedelta
from io import BytesIO

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete

from portal import jobs
from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.models import WeChatDelivery, utcnow
from portal.wechat import client, replies, voice

# Retrying cannot help with these: the person's 48 hours are over, the 20 messages after
# their last one are used, they unfollowed, or the account lacks the permission.
KEEP_DELIVERIES = timedelta(days=7)
FINAL_ERRORS = {client.OUTSIDE_WINDOW, client.QUOTA_REACHED, 43004, 40003, 48001}


@jobs.task(retries=3, retry_delay=10)
def deliver_late_answer(openid: str, text: str, voice_language: str | None) -> None:
    """The bot's answer that came after the webhook stopped waiting (and its voice). When
    WeChat refuses it for good, the person has no answer: a person at the hotline takes the
    chat and reads why in plain words."""
    refusal = _refusal(lambda: client.send_text(openid, text))
    if refusal is not None:
        _hand_to_staff(openid, text, refusal)
    elif voice_language:
        _send_voice(openid, text, voice_language)


@jobs.task(retries=3, retry_delay=10)
def send_spoken_answer(openid: str, text: str, language: str) -> None:
    """The voice of an answer already given as the passive reply."""
    _send_voice(openid, text, language)


def _send_voice(openid: str, text: str, language: str) -> None:
    audio = voice.spoken_answer(text, language)
    if audio is not None:
        _refusal(lambda: client.send_voice(openid, BytesIO(audio)))


def _refusal(send: Callable[[], None]) -> int | None:
    """Sends; returns WeChat's errcode when it refuses for good (logged in plain words).
    Anything else is raised, for Huey to try again."""
    try:
        send()
    except client.WeChatUnavailable as error:
        if error.errcode not in FINAL_ERRORS:
            raise
        with force_locale("zh"):  # for the log; no request here to choose a language
            current_app.logger.warning("WeChat answer not sent: %s", error.plain_words)
        return error.errcode
    return None


def _hand_to_staff(openid: str, answer: str, errcode: int) -> None:
    asked = transcript.last_message(openid, "in")
    language = replies.language_of(answer) or "zh"
    handoff, _opened = chat.request_handoff(
        openid, "answer_not_sent", language, asked.text if asked else answer
    )
    handoff.wechat_refusal = errcode
    db.session.commit()


@jobs.periodic_task(jobs.crontab(hour="3", minute="20"))
def forget_old_deliveries() -> None:
    """Retries come within a minute and the window lasts 48 hours: a week is plenty."""
    db.session.execute(
        delete(WeChatDelivery).where(WeChatDelivery.received_at < utcnow() - KEEP_DELIVERIES)
    )
    db.session.commit()
