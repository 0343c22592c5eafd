"""The portal's one way to talk to the Rasa bot: its REST channel and its tracker API.

Every channel (WeChat, the portal's own web chat) sends a person's message with
``converse(sender_id, text)`` and gets the bot's messages back; staff closing a handoff
``resume(sender_id)``. The sender id is the conversation: one per person, never per message.
"""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
from flask import current_app


class BotUnavailable(Exception):
    """The bot did not answer: down, too slow, or broken."""


class BotTimedOut(BotUnavailable):
    """The bot did not answer within the timeout (it may still be working)."""


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class BotMessage:
    text: str = ""
    buttons: tuple[Button, ...] = ()
    # Rasa's `custom` payload, e.g. {"handoff": true, "reason": "..."} after a handoff.
    custom: dict[str, Any] = field(default_factory=dict)
    image: str = ""


def _url(path: str) -> str:
    return f"{current_app.config['BOT_URL'].rstrip('/')}/{path}"


def converse(
    sender_id: str, text: str, *, timeout: float, metadata: dict[str, Any] | None = None
) -> list[BotMessage]:
    """One turn: the person's text in, the bot's messages out (possibly none)."""
    body: dict[str, Any] = {"sender": sender_id, "message": text}
    if metadata:
        body["metadata"] = metadata
    try:
        response = requests.post(_url("webhooks/rest/webhook"), json=body, timeout=timeout)
    except requests.Timeout as error:
        raise BotTimedOut(str(error)) from error
    except requests.RequestException as error:
        raise BotUnavailable(str(error)) from error
    if not response.ok:
        raise BotUnavailable(f"bot answered {response.status_code}")
    try:
        return [_message(item) for item in response.json()]
    except (ValueError, TypeError, AttributeError) as error:
        raise BotUnavailable(f"bot answered something else than its messages: {error}") from error


def _message(item: dict[str, Any]) -> BotMessage:
    buttons = tuple(
        Button(str(button.get("title", "")), str(button.get("payload", "")))
        for button in item.get("buttons") or ()
    )
    custom = item.get("custom")
    return BotMessage(
        text=str(item.get("text") or ""),
        buttons=buttons,
        custom=custom if isinstance(custom, dict) else {},
        image=str(item.get("image") or ""),
    )


def _conversation_url(sender_id: str, path: str) -> str:
    return _url(f"conversations/{quote(sender_id, safe='')}/{path}")


def resume(sender_id: str) -> bool:
    """Tells the bot to answer this chat again after a handoff; whether the bot heard."""
    try:
        response = requests.post(
            _conversation_url(sender_id, "tracker/events"),
            params={"token": current_app.config["RASA_TOKEN"]},
            json={"event": "resume"},
            timeout=current_app.config["BOT_RESUME_TIMEOUT"],
        )
    except requests.RequestException:
        current_app.logger.warning("resume for chat %s did not reach the bot", sender_id)
        return False
    if not response.ok:
        current_app.logger.warning(
            "bot answered %s to the resume for chat %s", response.status_code, sender_id
        )
    return response.ok
