"""WeChat users talking to the real trained bot through the portal's webhook."""

import re
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from flask import Flask

from portal.chat import transcript
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform
from tests.integration.conftest import post, user_turns

HAN = range(0x4E00, 0xA000)
# With the region, so that the bot answers rather than asks where the person lives.
QUESTION = "宁夏申请要带什么材料"


def openid() -> str:
    return f"oIT{uuid.uuid4().hex[:20]}"


def has_han(text: str) -> bool:
    """Han outside the isolated runs: a Uyghur answer cites a document by its Chinese title,
    wrapped in U+2068 … U+2069 (bot/actions/bidi.py), and is otherwise all Uyghur."""
    outside = re.sub("\u2068[^\u2069]*\u2069", "", text)
    return any(ord(c) in HAN for c in outside)


def test_a_question_is_answered_in_the_passive_reply(
    portal: str, platform: WeChatPlatform, bot: Any, wechat_api: FakeWeChatAPI
) -> None:
    user = openid()
    reply, took = post(portal, platform, platform.text(user, QUESTION))
    assert reply is not None and "身份证" in reply, reply
    assert took < 4.5
    assert user_turns(bot, user, QUESTION) == 1
    assert wechat_api.custom_messages() == []


def test_uyghur_in_uyghur_out(portal: str, platform: WeChatPlatform) -> None:
    reply, _ = post(portal, platform, platform.text(openid(), "شىنجاڭدا قانداق ماتېرىيال كېرەك"))
    assert reply is not None and not has_han(reply), reply


def test_three_concurrent_deliveries_of_one_message_make_one_bot_turn(
    app: Flask, portal: str, platform: WeChatPlatform, bot: Any
) -> None:
    user = openid()
    xml = platform.text(user, "宁夏评估结论有效期多久")
    replies: list[str | None] = []
    start = threading.Barrier(3)

    def deliver() -> None:
        start.wait()
        replies.append(post(portal, platform, xml)[0])

    threads = [threading.Thread(target=deliver) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert user_turns(bot, user, "宁夏评估结论有效期多久") == 1
    answered = [reply for reply in replies if reply]
    assert len(answered) >= 1 and len(set(answered)) == 1
    with app.app_context():
        assert [m.direction for m in transcript.messages_of(user)] == ["in", "bot"]


class DelayingProxy:
    """Forwards HTTP to the bot, holding each answer back: a bot under heavy load."""

    def __init__(self, target: str, delay: float) -> None:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                answer = requests.post(
                    f"{target}{self.path}",
                    data=body,
                    headers={"Content-Type": self.headers.get("Content-Type", "")},
                    timeout=60,
                )
                time.sleep(proxy.delay)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.delay = delay
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> "DelayingProxy":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_bot(app: Flask, bot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[DelayingProxy]:
    with DelayingProxy(bot.rasa_url, delay=5.0) as proxy:
        monkeypatch.setitem(app.config, "BOT_URL", proxy.url)
        yield proxy


def test_a_slow_bot_is_answered_through_the_customer_service_api(
    app: Flask,
    portal: str,
    platform: WeChatPlatform,
    bot: Any,
    wechat_api: FakeWeChatAPI,
    slow_bot: DelayingProxy,
) -> None:
    user = openid()
    reply, took = post(portal, platform, platform.text(user, QUESTION))
    assert reply is None  # "success" at once: WeChat must not retry or show an error
    assert took < 4.5
    [message] = wechat_api.wait_for_custom_messages(1, timeout=20)
    assert message["touser"] == user and message["msgtype"] == "text"
    assert "身份证" in message["text"]["content"]
    assert user_turns(bot, user, QUESTION) == 1
    with app.app_context():
        said = transcript.messages_of(user)
    assert [m.direction for m in said] == ["in", "bot"]
    assert said[1].text == message["text"]["content"]


def test_a_spoken_question_gets_the_answer_and_its_voice(
    portal: str, platform: WeChatPlatform, wechat_api: FakeWeChatAPI
) -> None:
    user = openid()
    reply, _ = post(portal, platform, platform.voice(user, QUESTION + "？"))
    assert reply is not None and "身份证" in reply
    [voice] = wechat_api.wait_for_custom_messages(1, timeout=30)
    assert voice["touser"] == user and voice["msgtype"] == "voice"
    assert voice["voice"]["media_id"] in wechat_api.uploads
