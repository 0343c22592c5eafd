"""Saying the policy answer for a topic, for the person's region and language."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import knowledge, messages
from .common import Events, answered, pending_event, resolve_region


def selected_topic(tracker: Tracker) -> str | None:
    """Topic chosen by the ResponseSelector: faq/objection → "objection"."""
    selector = (tracker.latest_message or {}).get("response_selector", {})
    for key in ("faq", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        full = response.get("intent_response_key") or ""
        if full.startswith("faq/"):
            topic = full.split("/", 1)[1]
            return topic if topic in knowledge.topics() else None
    return None


async def say_topic(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, language: str
) -> Events:
    """Says the answer for `topic`: at once when it does not depend on the region, else for
    the region found (message, conversation, bound account, deployment), else asks which."""
    if topic not in knowledge.topics():
        messages.say(dispatcher, messages.text("fallback", language), language)
        return []
    region, events = await resolve_region(tracker, language)
    found = knowledge.answer(topic, language, region)
    if found is None:  # region-specific and no region known
        messages.say(dispatcher, messages.text("ask_region", language), language)
        return [*events, pending_event("faq", topic=topic)]
    messages.say(dispatcher, messages.answer_text(found, language), language)
    return [*events, *answered(topic)]
