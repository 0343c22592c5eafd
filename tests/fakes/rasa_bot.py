"""The bot's REST channel (what portal/bot_client.converse posts to), faked on loopback: it
answers each message with the messages scripted for it, after `delay` seconds, or fails with
`status`. For channel tests about how the bot's answers are shown; what the trained bot says
is tested against the real bot in tests/integration.

Like Rasa, it pauses a conversation it hands to a person (a scripted answer with
``"custom": {"handoff": true}``) and answers nothing there until a ``resume`` event reaches
the conversation's tracker (portal/bot_client.resume). Rasa keeps that in its tracker store
across a restart; here it is kept in the object: serve the same FakeBot again on the same port
to bring the bot back up."""

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes.server import FakeService, Hit, Reply

WEBHOOK = "/webhooks/rest/webhook"
TRACKER_EVENTS = re.compile(r"/conversations/([^/]+)/tracker/events")


@dataclass
class FakeBot(FakeService):
    # The bot's messages (Rasa's JSON: text, buttons …) for each message the person sends;
    # anything else gets none, as Rasa answers what it has nothing to say to.
    answers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    delay: float = 0.0
    status: int = 200
    paused: set[str] = field(default_factory=set)

    def reply(self, hit: Hit) -> Reply:
        tracker = TRACKER_EVENTS.fullmatch(hit.path)
        if tracker and hit.method == "POST":
            if json.loads(hit.body).get("event") == "resume":
                self.paused.discard(unquote(tracker.group(1)))
            return Reply(200, "application/json", b"{}")
        if hit.path != WEBHOOK:
            return Reply(404, "text/plain", b"not found")
        time.sleep(self.delay)
        if self.status != 200:
            return Reply(self.status, "text/plain", b"internal error")
        turn = json.loads(hit.body)
        sender = turn["sender"]
        if sender in self.paused:
            return Reply(200, "application/json", b"[]")
        said = self.answers.get(turn["message"], [])
        if any((message.get("custom") or {}).get("handoff") for message in said):
            self.paused.add(sender)
        return Reply(200, "application/json", json.dumps(said).encode())

    def heard(self) -> list[tuple[str, str]]:
        """(sender, message) of every turn the bot was asked for, in order."""
        turns = [json.loads(hit.body) for hit in self.hits_to(WEBHOOK)]
        return [(turn["sender"], turn["message"]) for turn in turns]
