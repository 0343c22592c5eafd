"""`make wechat-sim`: anyone can play a WeChat user against a running portal and see what the
user would see, passive replies and answers that come later through the customer-service API."""

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.fakes.rasa_bot import FakeBot

SIMULATOR = Path(__file__).resolve().parents[2] / "scripts" / "wechat_sim.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def running_portal(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/wechat"
    server.shutdown()


def play(portal: str, api_port: int, lines: list[str], tmp_path: Path) -> str:
    messages = tmp_path / "messages.txt"
    messages.write_text("\n".join(lines), "utf-8")
    arguments = ["--url", portal, "--api-port", str(api_port), "--token", "sim-token"]
    arguments += ["--openid", "oSimUser01", "--file", str(messages)]
    done = subprocess.run(
        [sys.executable, str(SIMULATOR), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_the_simulator_shows_replies_now_and_answers_that_come_later(
    app: Flask,
    running_portal: str,
    fake_bot: FakeBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    api_port = free_port()
    for key, value in {
        "WECHAT_TOKEN": "sim-token",
        "WECHAT_APP_ID": "wx-dev-app",  # what `make run` sets without a real Official Account
        "WECHAT_APP_SECRET": "dev-secret",
        "WECHAT_API_BASE": f"http://127.0.0.1:{api_port}",
        "BOT_REPLY_WAIT": 0.3,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    fake_bot.answers["宁夏公示几天"] = [{"text": "宁夏：公示不少于3个工作日。"}]
    fake_bot.delay = 1.0  # later than the webhook waits: the answer comes through the API

    shown = play(running_portal, api_port, ["/subscribe", "宁夏公示几天", "/image"], tmp_path)

    welcome, asked, image = shown.split("\n> ")[1:]
    assert welcome.startswith("/subscribe\n← reply") and "欢迎关注长护通" in welcome
    assert asked.startswith("宁夏公示几天\n← success")
    assert "← via the customer-service API:\n  宁夏：公示不少于3个工作日。" in asked
    assert image.startswith("/image\n← reply") and "只能看懂文字和语音" in image
