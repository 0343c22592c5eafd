"""Steps for the WeChat tests: WeChat's servers delivering a user's messages to /wechat."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.fakes.wechat_api import Delivery, FakeWeChatAPI, WeChatPlatform

OPENID = "oWeChatUser_0000000000000001"


def point_at(app: Flask, fake: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "WECHAT_APP_ID", fake.app_id)
    monkeypatch.setitem(app.config, "WECHAT_APP_SECRET", fake.app_secret)
    monkeypatch.setitem(app.config, "WECHAT_API_BASE", fake.url)
    monkeypatch.setitem(app.config, "WECHAT_OAUTH_BASE", f"{fake.url}/connect/")


def wechat_delivers(client: FlaskClient, delivery: Delivery) -> Any:
    return client.post(
        f"/wechat?{delivery.query}", data=delivery.body, content_type="text/xml; charset=utf-8"
    )


def user_sends(client: FlaskClient, platform: WeChatPlatform, xml: str) -> str | None:
    """What the user sees right away (the passive reply), or None for "success"."""
    delivery = platform.deliver(xml)
    response = wechat_delivers(client, delivery)
    assert response.status_code == 200, response.get_data(as_text=True)
    return platform.read_reply(delivery, response.get_data(as_text=True))
