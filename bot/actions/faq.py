"""Policy answers for the retrieval intent faq/<topic> (ResponseSelector picks the topic)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import messages
from .common import Events, language_of, latest_text
from .deadlines import answer_deadline, rule_for
from .parsing import TOPIC_RULE, parse_date
from .topics import say_topic, selected_topic


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        language = language_of(tracker)
        topic = selected_topic(tracker)
        if topic is None:
            messages.say(dispatcher, messages.text("fallback", language), language)
            return []
        # "结论书10月9日收到的，异议最晚哪天" classified as faq/objection: compute the date
        start = parse_date(latest_text(tracker))
        if start is not None and topic in TOPIC_RULE:
            rule = rule_for(tracker)
            if rule is not None:
                return await answer_deadline(dispatcher, tracker, rule, start, language)
        return await say_topic(dispatcher, tracker, topic, language)
