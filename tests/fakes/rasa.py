"""Rasa as the portal sees it: its REST channel and its tracker's events.

A conversation the bot hands to a person (the person writes 转人工) is paused: Rasa answers
nothing in it until a ``resume`` event reaches its tracker. The state lives in this object,
not in the server, as Rasa keeps it in its tracker store across a restart: serve the same
FakeRasa again on the same port to bring the bot back up.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import unquote

from tests.fakes.server import FakeService, Hit, Reply

ANSWER = "宁夏申请长护险要带身份证或社保卡、病历和自评表。"
HANDOFF_TEXT = "已为您转人工，工作人员会尽快在这里回复您。"


@dataclass
class FakeRasa(FakeService):
    paused: set[str] = field(default_factory=set)

    def reply(self, hit: Hit) -> Reply:
        if hit.path == "/webhooks/rest/webhook":
            return self._message(json.loads(hit.body))
        parts = hit.path.split("/")
        if (
            hit.method == "POST"
            and parts[1:2] == ["conversations"]
            and parts[3:]
            == [
                "tracker",
                "events",
            ]
        ):
            if json.loads(hit.body).get("event") == "resume":
                self.paused.discard(unquote(parts[2]))
            return self._json({})
        return Reply(404, "text/plain", b"not found")

    def _message(self, body: dict[str, str]) -> Reply:
        sender = body["sender"]
        if sender in self.paused:
            return self._json([])
        if body["message"] == "转人工":
            self.paused.add(sender)
            return self._json([{"text": HANDOFF_TEXT, "custom": {"handoff": True}}])
        return self._json([{"text": ANSWER}])

    @staticmethod
    def _json(data: object) -> Reply:
        return Reply(200, "application/json", json.dumps(data, ensure_ascii=False).encode())
