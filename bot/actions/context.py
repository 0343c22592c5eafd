"""Fills the `language` and `region` slots from every user message.

Run by action_extract_slots through the slots' custom mappings (domain.yml), so every
other action and response already sees the language of the current message and a region
named in it — or chosen by a numbered reply to the region question (a bare number at any
other time is no region: "1" may answer something else, or nothing).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import messages
from .common import Events, latest_text
from .parsing import detect_language, detect_region, region_from_choice

ISOLATION_MARKS = dict.fromkeys(range(0x2066, 0x206A))


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
        region = detect_region(text) or region_chosen(text, tracker)
        if region and region != tracker.get_slot("region"):
            events.append(SlotSet("region", region))
        return events


def region_chosen(text: str, tracker: Tracker) -> str | None:
    """A numbered reply ("2") to the region question, when the bot's last message asked it."""
    region = region_from_choice(text)
    if region is None:
        return None
    said = [e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "bot"]
    # the question's first line in either language (the numbered list follows)
    questions = tuple(messages.text("ask_region", lang).splitlines()[0] for lang in ("zh", "ug"))
    asked = bool(said) and said[0].translate(ISOLATION_MARKS).startswith(questions)
    return region if asked else None
