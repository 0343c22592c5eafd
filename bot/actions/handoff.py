"""Handing the chat to a person, and the fallback that does so on the second miss in a row.

The handoff is recorded in the portal (POST /api/v1/bot/handoffs), which outlives Rasa's
tracker and session expiry; the bot then pauses the conversation. Staff closing the chat
make the portal post {"event": "resume"} to the tracker (see README.md).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from . import links, messages, portal_client
from .binding import bind, code_alone
from .common import Events, known_region, language_of, latest_text
from .regions import default_region

logger = logging.getLogger(__name__)

FALLBACK_INTENTS = ("nlu_fallback", "out_of_scope")


async def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> Events:
    language = language_of(tracker)
    try:
        await portal_client.create_handoff(
            tracker.sender_id,
            reason,
            language,
            latest_text(tracker),
            known_region(tracker) or default_region(),
        )
        recorded = True
    except portal_client.PortalError as exc:
        logger.warning("handoff for %s not recorded by the portal: %s", tracker.sender_id, exc)
        recorded = False
    if not recorded:
        messages.say(dispatcher, messages.text("handoff_failed", language), language)
    elif reason == "complaint":
        page = links.page_url("complaints") or ""
        messages.say(dispatcher, messages.text("handoff_complaint", language, link=page), language)
    else:
        messages.say(dispatcher, messages.text("handoff", language), language)
    dispatcher.utter_message(json_message={"handoff": True, "reason": reason})
    # A paused conversation stops predicting before the usual action_listen; record it
    # here so that, once staff resume the chat, the next message starts a normal turn.
    return [ActionExecuted("action_listen"), ConversationPaused()]


class ActionHandoff(Action):
    """Explicit requests (转人工 …) and complaints."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        reason = "complaint" if intent == "complaint" else "user_request"
        return await hand_off(dispatcher, tracker, reason)


def previous_message_was_fallback(tracker: Tracker) -> bool:
    """True when the user message before the latest one also fell back.

    Looks back only to the last resume, so a chat that staff handed back starts afresh.
    """
    seen_latest = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "resume":
            return False
        if kind != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        return intent in FALLBACK_INTENTS and not code_alone(event)
    return False


class ActionFallback(Action):
    """First miss: ask to rephrase, or for a question outside long-term care insurance say
    what the bot covers and give the hotline. Second consecutive miss: hand off."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        language = language_of(tracker)
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        code = code_alone(tracker.latest_message or {})
        if intent in FALLBACK_INTENTS and code:  # "482915": a binding code without "绑定"
            return await bind(dispatcher, tracker, code, language)
        if intent not in FALLBACK_INTENTS:
            # run as RulePolicy's core fallback (no rule fits the dialogue): revert the
            # message so that the policies do not predict this action again in a loop
            messages.say(dispatcher, messages.text("fallback", language), language)
            return [UserUtteranceReverted()]
        if previous_message_was_fallback(tracker):
            return await hand_off(dispatcher, tracker, "repeated_fallback")
        key = "out_of_scope" if intent == "out_of_scope" else "fallback"
        messages.say(dispatcher, messages.text(key, language), language)
        return []
