"""Fills the `language` and `region` slots from every user message.

Run by action_extract_slots through the slots' custom mappings (domain.yml), so every
other action and response already sees the language of the current message and a region
named in it — or chosen by a numbered reply to the region question.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .common import Events, latest_text
from .parsing import detect_language, detect_region, region_from_choice


class ActionDetectContext(Action):
    def name(self) -> str:
        return "action_detect_context"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        text = latest_text(tracker)
        events: Events = []
        language = detect_language(text)
        if language and language != tracker.get_slot("language"):
            events.append(SlotSet("language", language))
        region = detect_region(text) or region_from_choice(text)
        if region and region != tracker.get_slot("region"):
            events.append(SlotSet("region", region))
        return events
