"""The reply to "which region are you in?": answer the question that waited for it."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import messages
from .binding import bind, code_alone
from .common import known_region, language_of, read_pending
from .parsing import REGION_NAMES


class ActionAnswerPending(Action):
    def name(self) -> Text:
        return "action_answer_pending"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # the language of the waiting question, since "2" has no script of its own
        language = language_of(tracker)
        code = code_alone(tracker.latest_message or {})
        if code:  # "482915": a binding code sent without "绑定"
            return await bind(dispatcher, tracker, code, language)
        pending = read_pending(tracker)
        region = known_region(tracker)
        if region is None:
            dispatcher.utter_message(text=messages.text("ask_region", language))
            return []
        if pending and pending.get("kind") == "faq":
            from .faq import answer_topic

            return await answer_topic(dispatcher, tracker, pending["topic"], language)
        if pending and pending.get("kind") == "deadline":
            from .deadlines import answer_deadline

            start = dt.date.fromisoformat(pending["start"])
            return await answer_deadline(dispatcher, tracker, pending["rule"], start, language)
        if pending and pending.get("kind") == "institutions":
            from .institutions import search_institutions

            return await search_institutions(
                dispatcher, tracker, pending.get("district"), pending.get("service_type"), language
            )
        dispatcher.utter_message(
            text=messages.text("region_noted", language, region=REGION_NAMES[language][region])
        )
        return []
