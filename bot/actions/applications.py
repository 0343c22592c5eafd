"""Status of the person's own applications, for a WeChat user bound to a portal account."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import links, messages, portal_client
from .common import Events, language_of
from .dates import format_date
from .regions import REGIONS

MAX_SHOWN = 3


def format_application(item: dict[str, Any], language: str) -> str:
    """ "· NX-2024-0001 马*兰：等申请人补材料，受理审核最晚到 2024年11月5日，有要您做的事".

    The portal says where a submitted application's case stands (its step, in words) and the
    statutory last day of what is going on now. Drafts have no reference yet (null): they
    are called 草稿 instead. A date the portal marks provisional (the holiday schedule is not
    out yet) gets a mark; see `status_text`.
    """
    sep, colon = ("，", "：") if language == "zh" else ("، ", ": ")
    reference = item.get("reference") or messages.text("draft", language)
    name = item.get("insured_name_masked") or ""
    line = f"· {reference} {name}".rstrip() + colon + str(item.get("status_label") or "")
    if item.get("next_label") and item.get("next_date"):
        # 受理审核最晚到 2024年11月5日; in Uyghur the label is a noun phrase: «…ۋاقتى: <date>».
        between = " " if language == "zh" else ": "
        line += sep + item["next_label"] + between + format_date(item["next_date"], language)
        if item.get("next_provisional"):
            line += messages.text("provisional_mark", language)
    if item.get("to_do"):
        line += sep + messages.text("to_do", language)
    return line


def status_text(items: list[dict[str, Any]], language: str) -> str:
    shown = items[:MAX_SHOWN]
    lines = [format_application(item, language) for item in shown]
    if any(item.get("next_provisional") and item.get("next_date") for item in shown):
        lines.append(messages.text("provisional_note", language))
    return "\n".join(lines)


class ActionApplicationStatus(Action):
    def name(self) -> str:
        return "action_application_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        language = language_of(tracker)
        page = links.page_url("applications") or ""
        try:
            body = await portal_client.applications(tracker.sender_id, language)
        except portal_client.PortalUnavailable:
            messages.say(dispatcher, messages.text("busy", language, link=page), language)
            return []
        except portal_client.PortalError as exc:
            if exc.status == 404:  # {"error": "not_bound"}: how to bind, with the code page
                not_bound = messages.text("not_bound", language, link=links.page_url("bind") or "")
                messages.say(dispatcher, not_bound, language)
            else:
                messages.say(dispatcher, messages.text("busy", language, link=page), language)
            return []
        events: Events = []
        if body.get("region") in REGIONS and body["region"] != tracker.get_slot("region"):
            events.append(SlotSet("region", body["region"]))
        items = body.get("applications") or []
        if not items:
            none = messages.text("no_applications", language, link=links.page_url("apply") or "")
            messages.say(dispatcher, none, language)
            return events
        status = messages.with_link(status_text(items, language), "applications", language)
        messages.say(dispatcher, status, language)
        return events
