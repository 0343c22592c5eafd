"""Binding a WeChat user to their portal account with the 6-digit code from /chat/bind.

The person signs in on the portal, gets a code (10 minutes, one use) and sends
"绑定 123456" / "باغلاش 123456". The code comes from the RegexEntityExtractor
(entity `binding_code`), else from the message text (parsing.binding_code); the portal
checks it (POST /api/v1/bot/bindings) and words every refusal in the person's language,
so its sentence is passed on as it is.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from . import links, messages, portal_client
from .common import language_of, latest_text
from .parsing import REGIONS, binding_code, normalise_code

logger = logging.getLogger(__name__)


def code_of(tracker: Tracker) -> Optional[str]:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "binding_code":
            code = normalise_code(str(entity.get("value") or ""))
            if code:
                return code
    return binding_code(latest_text(tracker))


def code_alone(message: Dict[str, Any]) -> Optional[str]:
    """The code when a user message (latest_message or a user event) is nothing but one.

    "482915" or "482 915。" is read as a region reply or not understood (bare digits are
    not trained as bind_account, see data/nlu/binding.yml); those actions bind instead.
    """
    text = str(message.get("text") or "").strip().rstrip("。.!！")
    return normalise_code(text) if len(text) <= 12 else None


async def bind(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: Optional[str], language: str
) -> List[Dict[Text, Any]]:
    """POST /api/v1/bot/bindings and the reply; asks for the code when there is none."""
    page = links.page_url("bind")
    if code is None:
        dispatcher.utter_message(text=messages.text("bind_ask_code", language, link=page))
        return []
    try:
        body = await portal_client.bind(tracker.sender_id, code, language)
    except portal_client.PortalUnavailable:
        dispatcher.utter_message(text=messages.text("busy", language, link=page))
        return []
    except portal_client.PortalError as exc:
        if exc.status == 400 and exc.error:
            # wrong_code / expired / too_many_tries / invalid, already in the person's language
            logger.info("binding refused for %s: %s", tracker.sender_id, exc.reason)
            dispatcher.utter_message(text=exc.error)
        else:  # 401 (secret), 404 …: nothing the person can fix
            logger.warning("binding call failed for %s: %s", tracker.sender_id, exc)
            dispatcher.utter_message(text=messages.text("busy", language, link=page))
        return []
    if not isinstance(body, dict) or body.get("bound") is not True:
        logger.warning("binding for %s: unexpected answer %r", tracker.sender_id, body)
        dispatcher.utter_message(text=messages.text("busy", language, link=page))
        return []
    dispatcher.utter_message(text=messages.text("bind_done", language))
    region = body.get("region")
    if region in REGIONS and region != tracker.get_slot("region"):
        return [SlotSet("region", region)]
    return []


class ActionBindAccount(Action):
    def name(self) -> Text:
        return "action_bind_account"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return await bind(dispatcher, tracker, code_of(tracker), language_of(tracker))
