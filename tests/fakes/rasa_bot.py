"""The bot's REST channel (what portal/bot_client.converse posts to), faked on loopback: it
answers each message with the messages scripted for it, after `delay` seconds, or fails with
`status`. For channel tests about how the bot's answers are shown; what the trained bot says
is tested against the real bot in tests/integration."""

import json
import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.server import FakeService, Hit, Reply

WEBHOOK = "/webhooks/rest/webhook"


@dataclass
class FakeBot(FakeService):
    # The bot's messages (Rasa's JSON: text, buttons …) for each message the person sends;
    # anything else gets none, as Rasa answers what it has nothing to say to.
    answers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    delay: float = 0.0
    status: int = 200

    def reply(self, hit: Hit) -> Reply:
        if hit.path != WEBHOOK:
            return Reply(404, "text/plain", b"not found")
        time.sleep(self.delay)
        if self.status != 200:
            return Reply(self.status, "text/plain", b"internal error")
        said = json.loads(hit.body)["message"]
        return Reply(200, "application/json", json.dumps(self.answers.get(said, [])).encode())

    def heard(self) -> list[tuple[str, str]]:
        """(sender, message) of every turn the bot was asked for, in order."""
        turns = [json.loads(hit.body) for hit in self.hits_to(WEBHOOK)]
        return [(turn["sender"], turn["message"]) for turn in turns]
