"""Binding a WeChat user to their portal account with the 6-digit code from /chat/bind.

The person signs in on the portal, gets a code (10 minutes, one use) and sends
"绑定 123456" / "باغلاش 123456". The code comes from the RegexEntityExtractor
(entity `binding_code`), else from the message text (parsing.binding_code); the portal
checks it (POST /api/v1/bot/bindings) and words every refusal in the person's language,
so its sentence is passed on as it is.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import links, messages, portal_client
from .common import Events, language_of, latest_text
from .parsing import binding_code, normalise_code
from .regions import REGIONS

logger = logging.getLogger(__name__)


def code_of(tracker: Tracker) -> str | None:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "binding_code":
            code = normalise_code(str(entity.get("value") or ""))
            if code:
                return code
    return binding_code(latest_text(tracker))


def code_alone(message: dict[str, Any]) -> str | None:
    """The code when a user message (latest_message or a user event) is nothing but one.

    "482915" or "482 915。" is read as a region reply or not understood (bare digits are
    not trained as bind_account, see data/nlu/binding.yml); those actions bind instead.
    """
    text = str(message.get("text") or "").strip().rstrip("。.!！")
    return normalise_code(text) if len(text) <= 12 else None


async def bind(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str | None, language: str
) -> Events:
    """POST /api/v1/bot/bindings and the reply; asks for the code when there is none."""
    page = links.page_url("bind") or ""
    if code is None:
        messages.say(dispatcher, messages.text("bind_ask_code", language, link=page), language)
        return []
    try:
        body = await portal_client.bind(tracker.sender_id, code, language)
    except portal_client.PortalUnavailable:
        messages.say(dispatcher, messages.text("busy", language, link=page), language)
        return []
    except portal_client.PortalError as exc:
        if exc.status == 400 and exc.error:
            # wrong_code / expired / too_many_tries / invalid, already in the person's language
            logger.info("binding refused for %s: %s", tracker.sender_id, exc.reason)
            messages.say(dispatcher, exc.error, language)
        else:  # 401 (secret), 404 …: nothing the person can fix
            logger.warning("binding call failed for %s: %s", tracker.sender_id, exc)
            messages.say(dispatcher, messages.text("busy", language, link=page), language)
        return []
    if not isinstance(body, dict) or body.get("bound") is not True:
        logger.warning("binding for %s: unexpected answer %r", tracker.sender_id, body)
        messages.say(dispatcher, messages.text("busy", language, link=page), language)
        return []
    messages.say(dispatcher, messages.text("bind_done", language), language)
    region = body.get("region")
    if region in REGIONS and region != tracker.get_slot("region"):
        return [SlotSet("region", region)]
    return []


class ActionBindAccount(Action):
    def name(self) -> str:
        return "action_bind_account"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        return await bind(dispatcher, tracker, code_of(tracker), language_of(tracker))
