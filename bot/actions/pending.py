"""The reply to "which region are you in?": answer the question that waited for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import messages
from .binding import bind, code_alone
from .common import Events, known_region, language_of, latest_text, read_pending
from .deadlines import answer_deadline
from .institutions import search_institutions
from .parsing import asks_something
from .regions import REGION_NAMES
from .topics import say_topic, selected_topic


class ActionAnswerPending(Action):
    def name(self) -> str:
        return "action_answer_pending"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        # the language of the waiting question, since "2" has no script of its own
        language = language_of(tracker)
        code = code_alone(tracker.latest_message or {})
        if code:  # "482915": a binding code sent without "绑定"
            return await bind(dispatcher, tracker, code, language)
        pending = read_pending(tracker) or {}
        region = known_region(tracker)
        if region is None:
            messages.say(dispatcher, messages.text("ask_region", language), language)
            return []
        kind = pending.get("kind")
        if kind == "faq":
            return await say_topic(dispatcher, tracker, str(pending["topic"]), language)
        if kind == "deadline":
            start = dt.date.fromisoformat(str(pending["start"]))
            return await answer_deadline(dispatcher, tracker, str(pending["rule"]), start, language)
        if kind == "institutions":
            return await search_institutions(
                dispatcher, tracker, pending.get("district"), pending.get("service_type"), language
            )
        # "خېيلۇڭجياڭدا نارازىلىق مۇددىتى قانچە" read as naming the region: it asks something
        topic = selected_topic(tracker)
        if topic and asks_something(latest_text(tracker)):
            return await say_topic(dispatcher, tracker, topic, language)
        noted = messages.text("region_noted", language, region=REGION_NAMES[language][region])
        messages.say(dispatcher, noted, language)
        return []
