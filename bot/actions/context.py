"""Fills the `language` and `region` slots from every user message.

Run by action_extract_slots through the slots' custom mappings (domain.yml), so every
other action and response already sees the language of the current message and a region
named in it — or chosen by a numbered reply to the region question.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from .common import latest_text
from .parsing import detect_language, detect_region, region_from_choice


class ActionDetectContext(Action):
    def name(self) -> Text:
        return "action_detect_context"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        events: List[Dict[Text, Any]] = []
        language = detect_language(text)
        if language and language != tracker.get_slot("language"):
            events.append(SlotSet("language", language))
        region = detect_region(text) or region_from_choice(text)
        if region and region != tracker.get_slot("region"):
            events.append(SlotSet("region", region))
        return events
