"""Policy answers for the retrieval intent faq/<topic> (ResponseSelector picks the topic)."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from . import knowledge, messages
from .common import language_of, latest_text, pending_event, resolve_region
from .parsing import TOPIC_RULE, parse_date

logger = logging.getLogger(__name__)


def selected_topic(tracker: Tracker) -> Optional[str]:
    """Topic chosen by the ResponseSelector: faq/objection → "objection"."""
    selector = (tracker.latest_message or {}).get("response_selector", {})
    for key in ("faq", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        full = response.get("intent_response_key") or ""
        if full.startswith("faq/"):
            return full.split("/", 1)[1]
    return None


async def answer_topic(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, language: str
) -> List[Dict[str, Any]]:
    """Says the answer for `topic`; asks for the region first when it matters."""
    if knowledge.load().get(topic) is None:
        dispatcher.utter_message(text=messages.text("fallback", language))
        return []
    region, events = await resolve_region(tracker, language)
    if region is None and knowledge.is_region_specific(topic):
        dispatcher.utter_message(text=messages.text("ask_region", language))
        return events + [pending_event("faq", topic=topic)]
    found = knowledge.answer(topic, language, region)
    dispatcher.utter_message(text=messages.with_link(found.text, found.link, language))
    return events + [SlotSet("pending", None)]


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        topic = selected_topic(tracker)
        if topic is None:
            dispatcher.utter_message(text=messages.text("fallback", language))
            return []
        # "结论书10月9日收到的，异议最晚哪天" classified as faq/objection: compute the date
        if topic in TOPIC_RULE and parse_date(latest_text(tracker)):
            from .deadlines import answer_deadline

            return await answer_deadline(
                dispatcher, tracker, TOPIC_RULE[topic], parse_date(latest_text(tracker)), language
            )
        return await answer_topic(dispatcher, tracker, topic, language)
