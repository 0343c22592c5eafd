"""Search of designated care institutions by district and service type."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from . import links, messages, portal_client
from .common import language_of, latest_text, pending_event, resolve_region
from .parsing import REGION_NAMES, detect_district, detect_service_type

MAX_SHOWN = 3


async def search_institutions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    district: Optional[str],
    service_type: Optional[str],
    language: str,
) -> List[Dict[str, Any]]:
    region, events = await resolve_region(tracker, language)
    if region is None:
        dispatcher.utter_message(text=messages.text("ask_region", language))
        return events + [
            pending_event("institutions", district=district, service_type=service_type)
        ]
    try:
        body = await portal_client.institutions(region, district, service_type, language)
    except portal_client.PortalError:
        dispatcher.utter_message(
            text=messages.text("busy", language, link=links.page_url("institutions"))
        )
        return events
    found = (body or {}).get("institutions") or []
    if not found:
        text = messages.text("institutions_none", language)
    else:
        lines = [
            messages.text(
                "institutions_intro", language,
                region=REGION_NAMES[language][region], district=district or "",
            )
        ]
        for item in found[:MAX_SHOWN]:
            lines.append(
                f"· {item.get('name', '')}，{item.get('address', '')}，☎ {item.get('phone', '')}"
                if language == "zh"
                else f"· {item.get('name', '')}، {item.get('address', '')}، ☎ {item.get('phone', '')}"
            )
        text = "\n".join(lines)
    dispatcher.utter_message(text=messages.with_link(text, "institutions", language))
    return events + [SlotSet("pending", None)]


class ActionSearchInstitutions(Action):
    def name(self) -> Text:
        return "action_search_institutions"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        return await search_institutions(
            dispatcher, tracker, detect_district(text), detect_service_type(text),
            language_of(tracker),
        )
