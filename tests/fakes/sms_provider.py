"""An SMS provider's HTTP API (what portal/sms.HttpApiGateway posts to), faked on loopback:
it keeps each message it accepts, and can be told to refuse (a 500)."""

import json
from dataclasses import dataclass, field

from tests.fakes.server import FakeService, Hit, Reply


@dataclass
class FakeSmsProvider(FakeService):
    status: int = 200
    accepted: list[tuple[str, str]] = field(default_factory=list)

    def reply(self, hit: Hit) -> Reply:
        if self.status == 200:
            message = json.loads(hit.body)
            self.accepted.append((message["phone"], message["text"]))
        return Reply(self.status, "application/json", b'{"ok": true}')

    def messages(self) -> list[tuple[str, str]]:
        """(phone, text) of every message accepted, in order."""
        return list(self.accepted)
