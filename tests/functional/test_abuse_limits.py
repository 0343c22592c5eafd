"""Limits that keep guessing and bulk use away (Flask-Limiter; configuration sets each one)."""

import pytest
from flask import Flask

from portal.config import Test
from tests.functional.concurrency import at_once, same_session_clients
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import person_consents
from tests.functional.test_bot_api import bot_binds, person_gets_binding_code

NOT_ON_ROSTER = {"name": "马秀兰", "id_number": "11010519491231002X"}
TOO_MANY_LOOKUPS = "查找的次数太多了"
BURST = 24


def person_looks_up(client_request: ClientRequest, who: dict[str, str], **environ: str) -> str:
    response = client_request.client.post(
        "/people/add",
        data={"csrf_token": client_request.csrf_token(), **who},
        environ_base=environ,
    )
    return response.get_data(as_text=True) if response.status_code == 200 else "found"


def test_a_person_may_not_search_the_roster_by_trying(
    signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    for _ in range(10):
        assert "没有找到这位参保人" in person_looks_up(signed_in, NOT_ON_ROSTER)
    page = signed_in.parse(signed_in.post("people.who", MA_XIULAN, _expected_status=200))
    assert TOO_MANY_LOOKUPS in page.select_one("#id_number-error").get_text()


def test_roster_lookups_are_limited_per_address_across_accounts(
    app: Flask, client_request: ClientRequest, roster: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "ROSTER_MATCHES_PER_IP", "3 per hour")
    for phone in ("13800138000", "13900139000"):
        sign_in_as(client_request, phone)
        person_consents(client_request)
        person_looks_up(client_request, NOT_ON_ROSTER)
    person_looks_up(client_request, NOT_ON_ROSTER)
    assert TOO_MANY_LOOKUPS in person_looks_up(client_request, MA_XIULAN)
    assert person_looks_up(client_request, MA_XIULAN, REMOTE_ADDR="10.1.2.3") == "found"


def test_binding_codes_are_limited_per_account(signed_in: ClientRequest) -> None:
    for _ in range(10):
        person_gets_binding_code(signed_in)
    signed_in.post("chat.bind")
    notice = signed_in.get("chat.bind").select_one(".notice").get_text()
    assert "获取绑定码的次数太多了" in notice


def test_binding_tries_of_every_chat_user_together_meet_a_ceiling(
    app: Flask, signed_in: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "BINDING_TRIES_OVERALL", "3 per hour")
    code = person_gets_binding_code(signed_in)
    for sender in ("oChatA", "oChatB", "oChatC"):
        assert bot_binds(signed_in.client, sender, "000000").get_json()["reason"] == "wrong_code"
    refused = bot_binds(signed_in.client, "oChatD", code)
    assert refused.status_code == 400
    assert refused.get_json() == {
        "error": "现在绑定的人太多了，请过一个小时再发绑定码。",
        "reason": "too_many_tries",
    }


@pytest.mark.parametrize(("trusted_proxies", "limited_together"), [(1, False), (0, True)])
def test_limits_count_the_client_behind_a_trusted_proxy(
    app: Flask, other_app, trusted_proxies: int, limited_together: bool
) -> None:
    """Behind nginx every request comes from the proxy: with TRUSTED_PROXIES=1 the limit per
    address counts the real clients apart; with 0 a client cannot choose its address."""
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    config.TRUSTED_PROXIES = trusted_proxies
    config.SIGN_IN_CODES_PER_IP = "2 per hour"
    behind_proxy = ClientRequest(other_app(config).test_client())

    def ask_code(client_address: str, phone: str) -> int:
        return behind_proxy.client.post(
            "/sign-in",
            data={"csrf_token": behind_proxy.csrf_token(), "phone": phone},
            headers={"X-Forwarded-For": client_address},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},  # nginx
        ).status_code

    assert ask_code("203.0.113.7", "13800138001") == 303
    assert ask_code("203.0.113.7", "13800138002") == 303
    assert ask_code("203.0.113.7", "13800138003") == 200  # this client: over its limit
    assert ask_code("198.51.100.9", "13800138004") == (200 if limited_together else 303)


def test_codes_asked_for_at_the_same_moment_send_no_more_sms_than_the_limits(
    app: Flask, client_request: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script firing requests together cannot slip past a check made before the count."""
    monkeypatch.setitem(app.config, "SIGN_IN_CODES_PER_IP", "4 per hour")
    token = client_request.csrf_token()
    phones = [f"1380013{number:04d}" for number in range(BURST)]
    clients = same_session_clients(client_request, BURST)
    at_once(
        [
            lambda c=c, p=p: c.post("/sign-in", data={"csrf_token": token, "phone": p})
            for c, p in zip(clients, phones, strict=True)
        ]
    )
    assert len(app.extensions["changhu_sms"].outbox) == 4


def test_roster_lookups_at_the_same_moment_get_the_limits_tries(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    token = signed_in.csrf_token()
    answers = at_once(
        [
            lambda c=c: c.post("/people/add", data={"csrf_token": token, **NOT_ON_ROSTER})
            for c in same_session_clients(signed_in, BURST)
        ]
    )
    pages = [a.get_data(as_text=True) for a in answers]
    assert sum("没有找到这位参保人" in page for page in pages) == 10  # ROSTER_MATCHES_PER_ACCOUNT
    assert sum(TOO_MANY_LOOKUPS in page for page in pages) == BURST - 10
