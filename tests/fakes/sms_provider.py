"""An SMS provider's HTTP API (what portal/sms.HttpApiGateway posts to), faked on loopback:
it records each message, and can be told to fail."""

import json
from dataclasses import dataclass

from tests.fakes.server import FakeService, Hit, Reply


@dataclass
class FakeSmsProvider(FakeService):
    status: int = 200

    def reply(self, hit: Hit) -> Reply:
        return Reply(self.status, "application/json", b'{"ok": true}')

    def messages(self) -> list[tuple[str, str]]:
        """(phone, text) of every message accepted, in order."""
        if self.status != 200:
            return []
        return [(m["phone"], m["text"]) for m in (json.loads(h.body) for h in self.hits)]
