"""Google Translate's speech endpoint, as gTTS calls it (batchexecute, RPC jQ1olc)."""

import base64
import json
from dataclasses import dataclass
from urllib.parse import parse_qs

from tests.fakes.server import FakeService, Hit, Reply

PATH = "/_/TranslateWebserverUi/data/batchexecute"

# Real MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) of silence: 40 × 26 ms.
FRAME = b"\xff\xfb\x90\xc4" + bytes(413)
SILENT_MP3 = FRAME * 40


@dataclass
class FakeGoogleTTS(FakeService):
    status: int = 200
    audio: bytes = SILENT_MP3

    def reply(self, hit: Hit) -> Reply:
        if hit.method != "POST" or hit.path != PATH:
            return Reply(404, "text/plain", b"not found")
        if self.status != 200:
            return Reply(self.status, "text/plain", b"unavailable")
        encoded = base64.b64encode(self.audio).decode("ascii")
        # Google's framing: an anti-JSON prefix, then the RPC's answer as an escaped string.
        answer = [
            "wrb.fr",
            "jQ1olc",
            json.dumps([encoded], separators=(",", ":")),
            None,
            None,
            None,
            "generic",
        ]
        payload = json.dumps([answer], separators=(",", ":"))
        body = f")]}}'\n\n{len(payload)}\n{payload}\n"
        return Reply(200, "application/json; charset=utf-8", body.encode())

    def spoken(self) -> list[tuple[str, str]]:
        """(text, language) of every request gTTS made."""
        result = []
        for hit in self.hits_to(PATH):
            rpc = json.loads(parse_qs(hit.body.decode())["f.req"][0])
            text, language = json.loads(rpc[0][0][1])[:2]
            result.append((text, language))
        return result
