"""The production SMS gateway talks to a provider's HTTP API, with a timeout."""

import json
import time

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import OneTimeCode
from portal.sms import HttpApiGateway, SmsError
from tests.fakes.server import FakeService, Hit, Reply, closed_port_url, serving
from tests.functional.conftest import ClientRequest


class FakeProvider(FakeService):
    status = 200
    delay = 0.0

    def reply(self, hit: Hit) -> Reply:
        time.sleep(self.delay)
        return Reply(self.status, "application/json", b'{"ok": true}')


def test_message_is_posted_with_the_key() -> None:
    with serving(FakeProvider()) as provider:
        HttpApiGateway(provider.url + "/send", "k3y", timeout_seconds=2).send(
            "13800138000", "hello"
        )
    assert json.loads(provider.hits[0].body) == {"phone": "13800138000", "text": "hello"}


@pytest.mark.parametrize("problem", ["error", "slow", "down"])
def test_provider_problems_become_sms_errors(problem: str) -> None:
    provider = FakeProvider()
    provider.status = 500 if problem == "error" else 200
    provider.delay = 1.0 if problem == "slow" else 0.0
    with serving(provider):
        url = closed_port_url() if problem == "down" else provider.url
        with pytest.raises(SmsError):
            HttpApiGateway(url + "/send", "k", timeout_seconds=0.3).send("13800138000", "x")


def test_a_failed_send_is_explained_and_keeps_no_code(
    app: Flask, client_request: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway = HttpApiGateway(closed_port_url() + "/send", "k", timeout_seconds=0.3)
    monkeypatch.setitem(app.extensions, "changhu_sms", gateway)
    response = client_request.post("auth.phone", {"phone": "13800138000"}, _expected_status=200)
    page = client_request.parse(response)
    assert "短信暂时发不出去" in page.select_one("#phone-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OneTimeCode)) == 0
