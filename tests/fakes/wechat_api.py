"""WeChat from the outside: its API server (api.weixin.qq.com) and its servers posting to us.

`FakeWeChatAPI` answers what the portal calls: the access token, the JS-SDK ticket,
customer-service messages, temporary media, the menu and OAuth codes. `WeChatPlatform`
plays WeChat's servers delivering a user's messages to the webhook: it signs them, and in
safe mode encrypts them, with wechatpy's real crypto, and reads the replies the same way.
"""

import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from tests.fakes.server import FakeService, Hit, Reply

ACCESS_TOKEN = "fake-access-token"
JSAPI_TICKET = "fake-jsapi-ticket"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat makes them


@dataclass
class FakeWeChatAPI(FakeService):
    app_id: str = "wx-test-app"
    app_secret: str = "wx-test-secret"
    # An errcode that message/custom/send answers with (0: sent).
    custom_send_errcode: int = 0
    # An errcode that message/template/send answers with (43004: the user unfollowed).
    template_send_errcode: int = 0
    # OAuth codes WeChat would hand out, and the OpenID each names.
    oauth_codes: dict[str, str] = field(default_factory=dict)
    # Called with each customer-service message as it arrives (make wechat-sim prints them).
    on_custom_message: Callable[[dict[str, Any]], None] | None = None
    on_template_message: Callable[[dict[str, Any]], None] | None = None
    uploads: dict[str, bytes] = field(default_factory=dict)
    template_count: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, hit: Hit) -> Reply:
        if hit.path == "/cgi-bin/token":
            return self._token(hit)
        if hit.path == "/sns/oauth2/access_token":
            return self._oauth(hit)
        if hit.query.get("access_token") != [ACCESS_TOKEN]:
            return self._json({"errcode": 40014, "errmsg": "invalid access_token"})
        if hit.path == "/cgi-bin/ticket/getticket":
            return self._ok(ticket=JSAPI_TICKET, expires_in=7200)
        if hit.path == "/cgi-bin/message/custom/send":
            return self._custom_send(hit)
        if hit.path == "/cgi-bin/message/template/send":
            return self._template_send(hit)
        if hit.path == "/cgi-bin/media/upload":
            return self._upload(hit)
        if hit.path == "/cgi-bin/menu/create":
            return self._ok()
        return Reply(404, "text/plain", b"not found")

    def _token(self, hit: Hit) -> Reply:
        good = hit.query.get("appid") == [self.app_id] and hit.query.get("secret") == [
            self.app_secret
        ]
        if not good:
            return self._json({"errcode": 40013, "errmsg": "invalid appid"})
        return self._json({"access_token": ACCESS_TOKEN, "expires_in": 7200})

    def _oauth(self, hit: Hit) -> Reply:
        code = (hit.query.get("code") or [""])[0]
        if hit.query.get("appid") != [self.app_id] or code not in self.oauth_codes:
            return self._json({"errcode": 40029, "errmsg": "invalid code"})
        openid = self.oauth_codes.pop(code)  # a code is good once
        return self._json(
            {
                "access_token": "oauth-token",
                "expires_in": 7200,
                "refresh_token": "oauth-refresh",
                "openid": openid,
                "scope": "snsapi_base",
            }
        )

    def _custom_send(self, hit: Hit) -> Reply:
        if self.custom_send_errcode:
            return self._json({"errcode": self.custom_send_errcode, "errmsg": "refused"})
        message = json.loads(hit.body)
        if self.on_custom_message:
            self.on_custom_message(message)
        return self._ok()

    def _template_send(self, hit: Hit) -> Reply:
        if self.template_send_errcode:
            return self._json({"errcode": self.template_send_errcode, "errmsg": "refused"})
        message = json.loads(hit.body)
        if self.on_template_message:
            self.on_template_message(message)
        with self._lock:
            self.template_count += 1
        return self._ok(msgid=self.template_count)

    def template_messages(self) -> list[dict[str, Any]]:
        """The template messages WeChat accepted, in order."""
        if self.template_send_errcode:
            return []
        return [json.loads(hit.body) for hit in self.hits_to("/cgi-bin/message/template/send")]

    def _upload(self, hit: Hit) -> Reply:
        # The multipart body's one file: everything between its headers and the boundary.
        boundary = hit.body.split(b"\r\n", 1)[0]
        part = hit.body.split(boundary)[1]
        content = part.split(b"\r\n\r\n", 1)[1].rsplit(b"\r\n", 1)[0]
        with self._lock:
            media_id = f"media-{len(self.uploads) + 1}"
            self.uploads[media_id] = content
        return self._json({"type": "voice", "media_id": media_id, "created_at": int(time.time())})

    def token_fetches(self) -> int:
        return len(self.hits_to("/cgi-bin/token"))

    def custom_messages(self) -> list[dict[str, Any]]:
        """The customer-service messages the portal sent and WeChat accepted, in order."""
        if self.custom_send_errcode:
            return []
        return [json.loads(hit.body) for hit in self.hits_to("/cgi-bin/message/custom/send")]

    def custom_texts(self, openid: str) -> list[str]:
        return [
            message["text"]["content"]
            for message in self.custom_messages()
            if message["touser"] == openid and message["msgtype"] == "text"
        ]

    def wait_for_custom_messages(self, count: int, timeout: float = 15) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.custom_messages()) >= count:
                return self.custom_messages()
            time.sleep(0.05)
        return self.custom_messages()

    @staticmethod
    def _ok(**data: object) -> Reply:
        return FakeWeChatAPI._json({"errcode": 0, "errmsg": "ok", **data})

    @staticmethod
    def _json(data: dict[str, object]) -> Reply:
        return Reply(200, "application/json", json.dumps(data).encode())


# ------------------------------------------------------------------ WeChat's servers


@dataclass(frozen=True)
class Delivery:
    """A signed POST as WeChat makes it: the query string and the body."""

    query: str
    body: bytes


@dataclass
class WeChatPlatform:
    """WeChat's servers: messages from users, signed (and in safe mode encrypted)."""

    token: str
    app_id: str = "wx-test-app"
    aes_key: str = ""
    account: str = "gh_changhu"
    # MsgIds are unique across WeChat: every platform starts somewhere of its own.
    _next_id: int = field(default_factory=lambda: secrets.randbelow(2**62))

    def signature(self, timestamp: str, nonce: str) -> str:
        signer = WeChatSigner()
        signer.add_data(self.token, timestamp, nonce)
        return str(signer.signature)

    def signed_query(self, **extra: str) -> str:
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
        signature = self.signature(timestamp, nonce)
        return urlencode({"signature": signature, "timestamp": timestamp, "nonce": nonce, **extra})

    def message_xml(self, openid: str, msg_type: str, **fields: object) -> str:
        self._next_id += 1
        data: dict[str, object] = {
            "ToUserName": self.account,
            "FromUserName": openid,
            "CreateTime": int(time.time()),
            "MsgType": msg_type,
        }
        if msg_type != "event":
            data["MsgId"] = fields.pop("MsgId", self._next_id)
        data.update(fields)
        return str(xmltodict.unparse({"xml": data}, full_document=False))

    def text(self, openid: str, content: str, **fields: object) -> str:
        return self.message_xml(openid, "text", Content=content, **fields)

    def voice(self, openid: str, recognition: str, **fields: object) -> str:
        return self.message_xml(
            openid, "voice", MediaId="voice-media", Format="amr", Recognition=recognition, **fields
        )

    def event(self, openid: str, event: str, **fields: object) -> str:
        return self.message_xml(openid, "event", Event=event, **fields)

    def deliver(self, xml: str) -> Delivery:
        """The POST WeChat would make for this message."""
        if not self.aes_key:
            return Delivery(self.signed_query(), xml.encode())
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
        crypto = WeChatCrypto(self.token, self.aes_key, self.app_id)
        encrypted = crypto.encrypt_message(xml, nonce, timestamp)
        msg_signature = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]>", encrypted)
        assert msg_signature is not None
        query = urlencode(
            {
                "signature": self.signature(timestamp, nonce),
                "timestamp": timestamp,
                "nonce": nonce,
                "encrypt_type": "aes",
                "msg_signature": msg_signature.group(1),
            }
        )
        return Delivery(query, encrypted.encode())

    def read_reply(self, delivery: Delivery, body: str) -> str | None:
        """The text the user sees from a passive reply (None for "success" or empty)."""
        if body in ("", "success"):
            return None
        if self.aes_key:
            crypto = WeChatCrypto(self.token, self.aes_key, self.app_id)
            outer = xmltodict.parse(body)["xml"]
            body = crypto.decrypt_message(
                body, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"]
            )
        reply = xmltodict.parse(body)["xml"]
        assert reply["MsgType"] == "text", reply
        return str(reply["Content"])
