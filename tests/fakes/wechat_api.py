"""WeChat's API: the access token and the JS-SDK ticket (api.weixin.qq.com/cgi-bin/)."""

import json
from dataclasses import dataclass

from tests.fakes.server import FakeService, Hit, Reply

ACCESS_TOKEN = "fake-access-token"
JSAPI_TICKET = "fake-jsapi-ticket"


@dataclass
class FakeWeChatAPI(FakeService):
    app_id: str = "wx-test-app"
    app_secret: str = "wx-test-secret"

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/cgi-bin/"

    def reply(self, hit: Hit) -> Reply:
        if hit.path == "/cgi-bin/token":
            good = hit.query.get("appid") == [self.app_id] and hit.query.get("secret") == [
                self.app_secret
            ]
            if not good:
                return self._json({"errcode": 40013, "errmsg": "invalid appid"})
            return self._json({"access_token": ACCESS_TOKEN, "expires_in": 7200})
        if hit.path == "/cgi-bin/ticket/getticket":
            if hit.query.get("access_token") != [ACCESS_TOKEN]:
                return self._json({"errcode": 40014, "errmsg": "invalid access_token"})
            return self._json(
                {"errcode": 0, "errmsg": "ok", "ticket": JSAPI_TICKET, "expires_in": 7200}
            )
        return Reply(404, "text/plain", b"not found")

    @staticmethod
    def _json(data: dict[str, object]) -> Reply:
        return Reply(200, "application/json", json.dumps(data).encode())
