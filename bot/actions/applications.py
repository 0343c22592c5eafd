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
    """"· NX-2024-0001 马*兰：已提交，等待受理审核，最晚告知受理结果 2024年11月5日".

    Drafts have no reference yet (null): they are called 草稿 instead. A date the portal
    marks provisional (the holiday schedule is not out yet) gets a mark; see `status_text`.
    """
    sep, colon = ("，", "：") if language == "zh" else ("، ", ": ")
    reference = item.get("reference") or messages.text("draft", language)
    name = item.get("insured_name_masked") or ""
    line = f"· {reference} {name}".rstrip() + colon + str(item.get("status_label") or "")
    if item.get("next_label") and item.get("next_date"):
        line += sep + f"{item['next_label']} {format_date(item['next_date'], language)}"
        if item.get("next_provisional"):
            line += messages.text("provisional_mark", language)
    return line


def status_text(items: List[Dict[str, Any]], language: str) -> str:
    shown = items[:MAX_SHOWN]
    lines = [format_application(item, language) for item in shown]
    if any(item.get("next_provisional") and item.get("next_date") for item in shown):
        lines.append(messages.text("provisional_note", language))
    return "\n".join(lines)


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
            if exc.status == 404:  # {"error": "not_bound"}: how to bind, with the code page
                dispatcher.utter_message(
                    text=messages.text("not_bound", language, link=links.page_url("bind"))
                )
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
        dispatcher.utter_message(
            text=messages.with_link(status_text(items, language), "applications", language)
        )
        return events
