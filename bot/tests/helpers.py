from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(
    text: str,
    intent: str = "faq",
    topic: str | None = None,
    slots: dict[str, Any] | None = None,
    history: list[dict[str, Any]] | None = None,
    sender_id: str = "wx-user-1",
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": list(entities or []),
    }
    if topic:
        latest["response_selector"] = {
            "faq": {"response": {"intent_response_key": f"faq/{topic}", "confidence": 0.99}}
        }
    events = [*(history or []), {"event": "user", "text": text, "parse_data": latest}]
    all_slots = {
        "language": None,
        "region": None,
        "pending": None,
        "last_topic": None,
        **(slots or {}),
    }
    return Tracker(sender_id, all_slots, latest, events, False, None, {}, "action_listen")


def user_event(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


async def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return dispatcher.messages, events


def texts(messages) -> str:
    """The replies' text as a person reads it (without the invisible isolation marks)."""
    return (
        "\n".join(m.get("text") or "" for m in messages).replace("\u2068", "").replace("\u2069", "")
    )


def raw_texts(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def slot(events, name):
    values = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name]
    return values[-1] if values else "<unset>"
