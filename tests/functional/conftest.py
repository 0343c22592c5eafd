"""Functional tests: the Flask test client against a real, migrated database.

TEST_DATABASE_URL selects PostgreSQL (see scripts/with_postgres.sh); otherwise a SQLite file.
"""

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from bs4 import BeautifulSoup
from flask import Flask, url_for
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import delete, select, text

from portal import create_app
from portal.config import Test
from portal.extensions import db, limiter
from tests.fakes.rasa_bot import FakeBot
from tests.fakes.redis_server import redis_server
from tests.fakes.server import serving
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform
from tests.functional.wechat import point_at


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    config = Test()
    if not config.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        database = tmp_path_factory.mktemp("db") / "test.sqlite"
        config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"
    app = create_app(config)
    # No app context stays pushed: requests must not share `g` (it caches the locale).
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade()  # the schema comes from the migrations, as in production
    yield app
    close_connections(app)


def close_connections(app: Flask) -> None:
    """Pooled connections closed, not left for the garbage collector (PostgreSQL warns)."""
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def other_app() -> Iterator[Callable[[Test], Flask]]:
    """Apps built with another configuration in a test, closed afterwards."""
    made: list[Flask] = []

    def make(config: Test) -> Flask:
        made.append(create_app(config))
        return made[-1]

    yield make
    for app in made:
        close_connections(app)


@pytest.fixture(autouse=True)
def _empty_tables(app: Flask) -> Iterator[None]:
    yield
    app.extensions["changhu_sms"].outbox.clear()
    limiter.reset()
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def new_client(app: Flask) -> Callable[[], FlaskClient]:
    """Another browser, for a second person (a staff member beside the citizen)."""
    return app.test_client


class ClientRequest:
    """Fetches pages by endpoint name and checks what every page must have."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(
        self, endpoint: str, _expected_status: int = 200, _headers: Any = None, **values: Any
    ) -> BeautifulSoup:
        with self.client.application.test_request_context():
            url = url_for(endpoint, **values)
        return self.get_url(url, _expected_status, _headers)

    def get_url(self, url: str, _expected_status: int = 200, _headers: Any = None) -> BeautifulSoup:
        response = self.client.get(url, headers=_headers)
        assert response.status_code == _expected_status, response.get_data(as_text=True)[:500]
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        if response.mimetype == "text/html":
            assert_page_basics(page)
        return page

    def post(
        self,
        endpoint: str,
        _data: dict[str, Any] | None = None,
        _expected_status: int = 303,
        **values: Any,
    ) -> Any:
        token = self.csrf_token()
        with self.client.application.test_request_context():
            url = url_for(endpoint, **values)
        response = self.client.post(url, data={"csrf_token": token, **(_data or {})})
        assert response.status_code == _expected_status, response.get_data(as_text=True)[:500]
        return response

    def parse(self, response: Any) -> BeautifulSoup:
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert_page_basics(page)
        return page

    def csrf_token(self) -> str:
        page = self.get("home.index")
        token = page.select_one("input[name=csrf_token]")
        assert token is not None
        return str(token["value"])


def assert_page_basics(page: BeautifulSoup) -> None:
    html = page.find("html")
    assert html is not None
    assert (html.get("lang"), html.get("dir")) in {("zh-Hans", "ltr"), ("ug", "rtl")}
    title = page.find("title")
    assert title is not None and title.get_text(strip=True)
    for form in page.select("form"):
        if str(form.get("method", "get")).lower() == "post":
            token = form.select_one("input[name=csrf_token]")
            assert token is not None and token.get("value"), f"POST form without CSRF: {form}"


@pytest.fixture
def client_request(client: FlaskClient) -> ClientRequest:
    return ClientRequest(client)


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parents[2]


def latest_sms_code(app: Flask) -> str:
    import re

    return re.findall(r"\d{6}", app.extensions["changhu_sms"].outbox[0].text)[0]


def sign_in_as(client_request: ClientRequest, phone: str = "13800138000") -> None:
    client_request.post("auth.phone", {"phone": phone})
    code = latest_sms_code(client_request.client.application)
    client_request.post("auth.code", {"code": code})


@pytest.fixture
def signed_in(client_request: ClientRequest) -> ClientRequest:
    sign_in_as(client_request)
    return client_request


@pytest.fixture
def roster(app: Flask) -> None:
    """The demo roster, regions and institutions."""
    from portal.demo_data import load_reference_data

    with app.app_context():
        load_reference_data()


MA_XIULAN = {"name": "马秀兰", "id_number": "640104194403120022"}  # ningxia, on the demo roster


def age_codes(app: Flask, by: timedelta) -> None:
    """Move every sign-in code back in time, as if the person had waited."""
    from portal.models import OneTimeCode

    with app.app_context():
        for code in db.session.scalars(select(OneTimeCode)):
            code.created_at -= by
            code.expires_at -= by
        db.session.commit()


# ------------------------------------------------------------------ WeChat (see wechat.py)


@pytest.fixture
def wechat_api(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeChatAPI]:
    """WeChat's API, faked on loopback, with the portal configured to use it."""
    with serving(FakeWeChatAPI()) as fake:
        assert isinstance(fake, FakeWeChatAPI)
        point_at(app, fake, monkeypatch)
        yield fake


@pytest.fixture
def platform(app: Flask) -> WeChatPlatform:
    """WeChat's servers, delivering users' messages to the webhook."""
    return WeChatPlatform(token=app.config["WECHAT_TOKEN"])


@pytest.fixture(scope="session")
def _redis_server() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture
def redis_url(app: Flask, _redis_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The portal configured with REDIS_URL, on an empty real Redis."""
    redis.Redis.from_url(_redis_server).flushdb()
    monkeypatch.setitem(app.config, "REDIS_URL", _redis_server)
    return _redis_server


@pytest.fixture
def fake_bot(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBot]:
    """The bot's REST channel, faked on loopback with scripted answers (elsewhere the bot
    is down: a closed port)."""
    with serving(FakeBot()) as fake:
        assert isinstance(fake, FakeBot)
        monkeypatch.setitem(app.config, "BOT_URL", fake.url)
        yield fake
