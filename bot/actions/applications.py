"""Status of the person's own applications, for a WeChat user bound to a portal account."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from . import links, messages, portal_client
from .common import language_of
from .parsing import REGIONS, format_date

MAX_SHOWN = 3


def format_application(item: Dict[str, Any], language: str) -> str:
    sep = "，" if language == "zh" else "، "
    line = f"· {item.get('reference', '')} {item.get('insured_name_masked', '')}: {item.get('status_label', '')}"
    if item.get("next_label") and item.get("next_date"):
        line += sep + f"{item['next_label']} {format_date(item['next_date'], language)}"
    return line


class ActionApplicationStatus(Action):
    def name(self) -> Text:
        return "action_application_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        page = links.page_url("applications")
        try:
            body = await portal_client.applications(tracker.sender_id, language)
        except portal_client.PortalUnavailable:
            dispatcher.utter_message(text=messages.text("busy", language, link=page))
            return []
        except portal_client.PortalError as exc:
            if exc.status == 404:
                dispatcher.utter_message(text=messages.text("not_bound", language, link=page))
            else:
                dispatcher.utter_message(text=messages.text("busy", language, link=page))
            return []
        events: List[Dict[Text, Any]] = []
        if body.get("region") in REGIONS and body["region"] != tracker.get_slot("region"):
            events.append(SlotSet("region", body["region"]))
        items = body.get("applications") or []
        if not items:
            dispatcher.utter_message(
                text=messages.text("no_applications", language, link=links.page_url("apply"))
            )
            return events
        text = "\n".join(format_application(item, language) for item in items[:MAX_SHOWN])
        dispatcher.utter_message(text=messages.with_link(text, "applications", language))
        return events
