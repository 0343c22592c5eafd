"""A code gets five tries, however many guesses arrive at the same moment."""

from flask import Flask

from tests.functional.concurrency import at_once, same_session_clients
from tests.functional.conftest import ClientRequest, latest_sms_code
from tests.functional.test_bot_api import bot_binds, person_gets_binding_code

GUESSES = 30


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_thirty_sign_in_guesses_at_once_get_five_tries(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    right = latest_sms_code(app)
    token = client_request.csrf_token()
    guesses = at_once(
        [
            lambda tab=tab: tab.post(
                "/sign-in/code", data={"csrf_token": token, "code": wrong(right)}
            )
            for tab in same_session_clients(client_request, GUESSES)
        ]
    )
    answers = [g.get_data(as_text=True) for g in guesses]
    assert sum("验证码不对，还可以再试" in a for a in answers) == 4
    assert sum("验证码输错次数太多" in a for a in answers) == GUESSES - 4
    page = client_request.parse(
        client_request.post("auth.code", {"code": right}, _expected_status=200)
    )
    assert "验证码输错次数太多" in page.select_one("#code-error").get_text()


def test_a_code_signs_in_once_when_sent_twice_at_once(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    right = latest_sms_code(app)
    token = client_request.csrf_token()
    answers = at_once(
        [
            lambda tab=tab: tab.post("/sign-in/code", data={"csrf_token": token, "code": right})
            for tab in same_session_clients(client_request, 2)
        ]
    )
    assert sorted(a.status_code for a in answers) == [200, 303]


def test_thirty_binding_codes_at_once_get_five_tries(signed_in: ClientRequest) -> None:
    right = person_gets_binding_code(signed_in)
    clients = [signed_in.client.application.test_client() for _ in range(GUESSES)]
    answers = at_once(
        [lambda c=c: bot_binds(c, "oGuessingChat", wrong(right)).get_json() for c in clients]
    )
    reasons = [a["reason"] for a in answers]
    assert reasons.count("wrong_code") == 4
    assert reasons.count("too_many_tries") == GUESSES - 4
    refused = bot_binds(signed_in.client, "oGuessingChat", right)
    assert refused.get_json()["reason"] == "too_many_tries"
