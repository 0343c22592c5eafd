"""Helpers shared by the actions: the conversation's language and region."""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from . import portal_client
from .parsing import REGIONS, detect_language, detect_region

logger = logging.getLogger(__name__)


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def language_of(tracker: Tracker) -> str:
    """Language of the latest message by its script, else the conversation's, else zh."""
    return detect_language(latest_text(tracker)) or tracker.get_slot("language") or "zh"


def known_region(tracker: Tracker) -> Optional[str]:
    region = detect_region(latest_text(tracker)) or tracker.get_slot("region")
    return region if region in REGIONS else None


async def resolve_region(tracker: Tracker, language: str) -> Tuple[Optional[str], List[Dict[str, Any]]]:
    """Region from the message or the conversation; else from the bound portal account.

    Returns the region (or None) and the events that store it in the conversation.
    """
    region = known_region(tracker)
    if region:
        events = [] if tracker.get_slot("region") == region else [SlotSet("region", region)]
        return region, events
    try:
        body = await portal_client.applications(tracker.sender_id, language)
    except portal_client.PortalError as exc:
        logger.debug("no region from the portal: %s", exc)
        return None, []
    region = body.get("region") if isinstance(body, dict) else None
    if region in REGIONS:
        return region, [SlotSet("region", region)]
    return None, []


def pending_event(kind: str, **payload: Any) -> Dict[str, Any]:
    """Remembers a question that waits for the region (answered after the reply)."""
    return SlotSet("pending", json.dumps({"kind": kind, **payload}, ensure_ascii=False))


def read_pending(tracker: Tracker) -> Optional[Dict[str, Any]]:
    raw = tracker.get_slot("pending")
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None
