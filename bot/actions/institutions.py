"""Search of designated care institutions by district and service type."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import links, messages, portal_client
from .common import Events, language_of, latest_text, pending_event, resolve_region
from .parsing import detect_district, detect_service_type
from .regions import REGION_NAMES

MAX_SHOWN = 3
SEPARATOR = {"zh": "，", "ug": "، "}


def institution_line(item: dict[str, Any], language: str) -> str:
    sep = SEPARATOR[language]
    return f"· {item.get('name', '')}{sep}{item.get('address', '')}{sep}☎ {item.get('phone', '')}"


async def search_institutions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    district: str | None,
    service_type: str | None,
    language: str,
) -> Events:
    region, events = await resolve_region(tracker, language)
    if region is None:
        messages.say(dispatcher, messages.text("ask_region", language), language)
        return [
            *events,
            pending_event("institutions", district=district, service_type=service_type),
        ]
    try:
        body = await portal_client.institutions(region, district, service_type, language)
    except portal_client.PortalError:
        busy = messages.text("busy", language, link=links.page_url("institutions") or "")
        messages.say(dispatcher, busy, language)
        return events
    found = (body or {}).get("institutions") or []
    if not found:
        text = messages.text("institutions_none", language)
    else:
        region_name = REGION_NAMES[language][region]
        intro = messages.text(
            "institutions_intro",
            language,
            region=region_name,
            district=district or "",
            place=f"{region_name} {district or ''}".strip(),
        )
        text = "\n".join([intro, *(institution_line(i, language) for i in found[:MAX_SHOWN])])
    messages.say(dispatcher, messages.with_link(text, "institutions", language), language)
    return [*events, SlotSet("pending", None)]


class ActionSearchInstitutions(Action):
    def name(self) -> str:
        return "action_search_institutions"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        text = latest_text(tracker)
        return await search_institutions(
            dispatcher,
            tracker,
            detect_district(text),
            detect_service_type(text),
            language_of(tracker),
        )
