"""Helpers shared by the actions: the conversation's language, region and open question."""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from . import portal_client
from .parsing import detect_language, detect_region
from .regions import REGIONS, default_region

logger = logging.getLogger(__name__)

Events = list[dict[str, Any]]


def latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def language_of(tracker: Tracker) -> str:
    """Language of the latest message by its script, else the conversation's, else zh."""
    return detect_language(latest_text(tracker)) or tracker.get_slot("language") or "zh"


def known_region(tracker: Tracker) -> str | None:
    region = detect_region(latest_text(tracker)) or tracker.get_slot("region")
    return region if region in REGIONS else None


async def resolve_region(tracker: Tracker, language: str) -> tuple[str | None, Events]:
    """The person's region: named in the message or earlier in the conversation, else the
    bound portal account's, else the deployment's (CHANGHU_DEFAULT_REGION); None when
    none of them knows, and the caller asks with numbered choices.

    Returns the region and the events that store it in the conversation (the deployment's
    region is not stored: it is an assumption, and the answer names the region it used).
    """
    region = known_region(tracker)
    if region:
        events: Events = [] if tracker.get_slot("region") == region else [SlotSet("region", region)]
        return region, events
    try:
        body = await portal_client.applications(tracker.sender_id, language)
    except portal_client.PortalError as exc:
        logger.debug("no region from the portal: %s", exc)
        body = None
    region = body.get("region") if isinstance(body, dict) else None
    if region in REGIONS:
        return region, [SlotSet("region", region)]
    return default_region(), []


def pending_event(kind: str, **payload: Any) -> dict[str, Any]:
    """Remembers a question that waits for the region (answered after the reply)."""
    event: dict[str, Any] = SlotSet(
        "pending", json.dumps({"kind": kind, **payload}, ensure_ascii=False)
    )
    return event


def read_pending(tracker: Tracker) -> dict[str, Any] | None:
    raw = tracker.get_slot("pending")
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def answered(topic: str) -> Events:
    """After an answer: nothing waits for the region any more, and a date the person sends
    next belongs to this topic's period ("结论书是10月9号收到的" after an objection answer)."""
    return [SlotSet("pending", None), SlotSet("last_topic", topic)]
