"""The portal's own chat with the bot ("问问小助手"): the same Rasa bot as WeChat, through
portal/bot_client.py, and the same handoff into the hotline inbox.

A browser's conversation is a sender id kept in its session ("web-" and a random token);
the transcript (portal/chat/transcript.py) holds what was said, so the page, the staff inbox
and a reload all read the same messages.
"""

import secrets

from flask import current_app

from portal import bot_client
from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.hotline.inbox import WEB_PREFIX
from portal.models import Account, ChatMessage, Handoff

CHANNEL = "portal"
MAX_MESSAGE = 500


def new_sender_id() -> str:
    return WEB_PREFIX + secrets.token_urlsafe(24)


def messages(sender_id: str | None) -> list[ChatMessage]:
    return transcript.messages_of(sender_id, limit=100) if sender_id else []


def waiting_for_person(sender_id: str | None) -> Handoff | None:
    return chat.open_handoff(sender_id) if sender_id else None


def send(
    sender_id: str, text: str, language: str, account: Account | None, shown: str = ""
) -> None:
    """The person's message in, and the bot's answer (or a person's, later) out."""
    transcript.record(sender_id, CHANNEL, "in", shown or text)
    if chat.open_handoff(sender_id) is not None:
        return  # a person answers from the hotline inbox
    try:
        chat.resume_if_missed(sender_id)
        db.session.commit()  # the connection goes back to the pool while the bot thinks
        said = bot_client.converse(
            sender_id, text, timeout=current_app.config["ASSISTANT_BOT_TIMEOUT"]
        )
    except bot_client.BotUnavailable as error:
        current_app.logger.warning("bot unavailable for the portal chat: %s", error)
        ask_for_person(sender_id, "bot_unavailable", language, account, shown or text)
        return
    for message in said:
        if message.custom.get("handoff"):
            _bind(sender_id, account)
        if message.text or message.buttons:
            transcript.record(
                sender_id,
                CHANNEL,
                "bot",
                message.text,
                choices=[f"{b.title}\t{b.payload}" for b in message.buttons] or None,
            )


def ask_for_person(
    sender_id: str, reason: str, language: str, account: Account | None, last_message: str
) -> Handoff:
    handoff, created = chat.request_handoff(sender_id, reason, language, last_message)
    _bind(sender_id, account)
    if created:
        transcript.record(sender_id, CHANNEL, "bot", handoff_notice(reason))
    return handoff


def handoff_notice(reason: str) -> str:
    from flask_babel import gettext as _

    if reason == "bot_unavailable":
        return _("小助手暂时不能回答。已为您转人工，工作人员会尽快在这里回复您。")
    return _("已为您转人工，工作人员会尽快在这里回复您，请稍等。")


def _bind(sender_id: str, account: Account | None) -> None:
    """A signed-in person's chat shows staff whose it is (masked), like a bound WeChat."""
    handoff = chat.open_handoff(sender_id)
    if handoff is not None and account is not None and handoff.account_id is None:
        handoff.account_id = account.id
        db.session.commit()


def choices_of(message: ChatMessage) -> list[tuple[str, str]]:
    """A bot message's buttons: (title, payload)."""
    found = []
    for choice in message.choices or []:
        title, _sep, payload = choice.partition("\t")
        found.append((title, payload or title))
    return found
