"""The portal against the real trained bot: Rasa and its action server on free loopback ports,
the portal served by a threaded server (so concurrent deliveries really run at once), and
WeChat's API faked on loopback. Needs bot/.venv and bot/models/current.tar.gz (`make bot`)."""

import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from portal import create_app
from portal.config import Test
from tests.fakes.server import serving
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform
from tests.functional.wechat import point_at

BOT = Path(__file__).resolve().parents[2] / "bot"
MODEL = BOT / "models" / "current.tar.gz"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def portal_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def bot(portal_port: int) -> Iterator[Any]:
    if not (BOT / ".venv" / "bin" / "rasa").exists() or not MODEL.exists():
        pytest.fail("the bot is not built: run `make bot` first")
    sys.path.insert(0, str(BOT / "tests"))
    from servers import BotServers  # the bot's own helper, as its REST-channel tests use it

    servers = BotServers(
        MODEL,
        token=Test.RASA_TOKEN,
        env={
            "CHANGHU_PORTAL_URL": f"http://127.0.0.1:{portal_port}",
            "CHANGHU_BOT_SECRET": Test.BOT_SHARED_SECRET,
            "CHANGHU_PUBLIC_URL": "https://changhu.example",
        },
    ).start()
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, bot: Any) -> Iterator[Flask]:
    config = Test()
    if not config.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path_factory.mktemp('db') / 'it.sqlite'}"
    config.BOT_URL = bot.rasa_url
    app = create_app(config)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        from portal.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def portal(app: Flask, portal_port: int) -> Iterator[str]:
    """The portal on a threaded server, as WeChat would reach it."""
    server = make_server("127.0.0.1", portal_port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{portal_port}"
    server.shutdown()


@pytest.fixture
def wechat_api(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeChatAPI]:
    with serving(FakeWeChatAPI()) as fake:
        assert isinstance(fake, FakeWeChatAPI)
        point_at(app, fake, monkeypatch)
        yield fake


@pytest.fixture
def platform(app: Flask) -> WeChatPlatform:
    return WeChatPlatform(token=app.config["WECHAT_TOKEN"])


def post(portal: str, platform: WeChatPlatform, xml: str) -> tuple[str | None, float]:
    """What the user sees right away, and how long the webhook took (seconds)."""
    import time

    delivery = platform.deliver(xml)
    started = time.perf_counter()
    response = requests.post(f"{portal}/wechat?{delivery.query}", data=delivery.body, timeout=10)
    took = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return platform.read_reply(delivery, response.text), took


def user_turns(bot: Any, openid: str, text: str) -> int:
    """How many times the bot took this message as a user turn, from its tracker."""
    events = bot.tracker(openid)["events"]
    return sum(1 for event in events if event["event"] == "user" and event["text"] == text)
