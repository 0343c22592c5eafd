"""Signing in with a phone number and a one-time SMS code."""

from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.models import Account, OneTimeCode
from tests.functional.conftest import ClientRequest, age_codes, latest_sms_code


def test_wrong_phone_number_is_explained_next_to_the_field_and_in_the_summary(
    client_request: ClientRequest,
) -> None:
    response = client_request.post("auth.phone", {"phone": "1234"}, _expected_status=200)
    page = client_request.parse(response)
    message = "手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"
    assert page.select_one(".error-summary a[href='#phone']").get_text(strip=True) == message
    assert message in page.select_one("#phone-error").get_text()
    assert page.title.get_text().startswith("错误：")
    assert page.select_one("#phone")["value"] == "1234"
    assert page.select_one("#phone")["aria-invalid"] == "true"


def test_uyghur_error_messages(client_request: ClientRequest) -> None:
    client_request.client.get("/language/ug")
    page = client_request.parse(
        client_request.post("auth.phone", {"phone": ""}, _expected_status=200)
    )
    assert page.title.get_text().startswith("خاتالىق:")
    assert page.select_one("#phone-error").get_text(strip=True).endswith("تېلېفون نومۇرىنى يېزىڭ.")


def test_code_is_sent_stored_hashed_and_signs_in(app: Flask, client_request: ClientRequest) -> None:
    response = client_request.post("auth.phone", {"phone": "138 0013 8000", "next": "/"})
    assert response.headers["Location"].startswith("/sign-in/code")
    code = latest_sms_code(app)
    with app.app_context():
        stored = db.session.scalar(select(OneTimeCode))
        assert stored.phone == "13800138000"
        assert code not in stored.code_hash
    page = client_request.get("auth.code")
    assert "138****8000" in page.select_one("#code-hint").get_text()
    assert page.select_one("#code")["autocomplete"] == "one-time-code"
    assert int(page.select_one("[data-countdown]")["data-countdown"]) > 290
    client_request.post("auth.code", {"code": code})
    home = client_request.get("home.index")
    assert "138****8000" in home.select_one(".disclosure--account").get_text()
    with app.app_context():
        assert db.session.scalar(select(Account.phone)) == "13800138000"


def test_sms_warns_against_sharing_the_code(app: Flask, client_request: ClientRequest) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    assert "请勿告诉他人" in app.extensions["changhu_sms"].outbox[0].text


def test_wrong_code_says_how_many_tries_are_left_and_locks_after_five(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    right = latest_sms_code(app)
    wrong = "000000" if right != "000000" else "111111"
    page = client_request.parse(
        client_request.post("auth.code", {"code": wrong}, _expected_status=200)
    )
    assert "验证码不对，还可以再试 4 次。" in page.select_one("#code-error").get_text()
    for _ in range(4):
        client_request.post("auth.code", {"code": wrong}, _expected_status=200)
    page = client_request.parse(
        client_request.post("auth.code", {"code": right}, _expected_status=200)
    )
    assert "验证码输错次数太多，请重新获取。" in page.select_one("#code-error").get_text()


def test_expired_code_is_refused(app: Flask, client_request: ClientRequest) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    code = latest_sms_code(app)
    age_codes(app, timedelta(minutes=5, seconds=1))
    page = client_request.parse(
        client_request.post("auth.code", {"code": code}, _expected_status=200)
    )
    assert "验证码已经过期了，请重新获取。" in page.select_one("#code-error").get_text()


def test_code_must_be_six_digits(client_request: ClientRequest) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    page = client_request.parse(
        client_request.post("auth.code", {"code": "12a"}, _expected_status=200)
    )
    assert "验证码是 6 位数字。" in page.select_one("#code-error").get_text()


def test_resend_waits_60_seconds(app: Flask, client_request: ClientRequest) -> None:
    client_request.post("auth.phone", {"phone": "13800138000"})
    page = client_request.get("auth.code")
    assert 55 <= int(page.select_one("[data-enable-after]")["data-enable-after"]) <= 60
    client_request.post("auth.resend")
    notice = client_request.get("auth.code").select_one(".notice").get_text()
    assert "验证码刚刚发过" in notice
    assert len(app.extensions["changhu_sms"].outbox) == 1
    age_codes(app, timedelta(seconds=61))
    client_request.post("auth.resend")
    assert "新的验证码已经发出" in client_request.get("auth.code").select_one(".notice").get_text()
    assert len(app.extensions["changhu_sms"].outbox) == 2


def test_at_most_five_codes_per_phone_per_hour(app: Flask, client_request: ClientRequest) -> None:
    for _ in range(5):
        client_request.post("auth.phone", {"phone": "13800138000"})
        age_codes(app, timedelta(seconds=61))
    page = client_request.parse(
        client_request.post("auth.phone", {"phone": "13800138000"}, _expected_status=200)
    )
    assert "获取验证码的次数太多了" in page.select_one("#phone-error").get_text()


def test_at_most_twenty_codes_per_ip_per_hour(app: Flask, client_request: ClientRequest) -> None:
    for number in range(20):
        client_request.post("auth.phone", {"phone": f"1380013{number:04d}"})
    page = client_request.parse(
        client_request.post("auth.phone", {"phone": "13900139000"}, _expected_status=200)
    )
    assert "获取验证码的次数太多了" in page.select_one("#phone-error").get_text()
    elsewhere = client_request.client.post(
        "/sign-in",
        data={"csrf_token": client_request.csrf_token(), "phone": "13900139000"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert elsewhere.status_code == 303


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(
    app: Flask, client_request: ClientRequest
) -> None:
    response = client_request.post("auth.phone", {"phone": "13800138000"}, next="//evil.example")
    assert (
        "evil" not in response.headers["Location"] or "next=//evil" in response.headers["Location"]
    )
    response = client_request.post(
        "auth.code", {"code": latest_sms_code(app)}, next="//evil.example"
    )
    assert response.headers["Location"] == "/"


def test_sign_out(signed_in: ClientRequest) -> None:
    signed_in.post("auth.sign_out_view")
    assert (
        signed_in.get("home.index").select_one("header .account-menu__sign-in").get_text(strip=True)
        == "登录"
    )


def test_development_outbox_is_not_there_outside_development(client_request: ClientRequest) -> None:
    client_request.get("auth.development_outbox", _expected_status=404)


def test_pages_tell_the_browser_when_the_session_ends(signed_in: ClientRequest) -> None:
    body = signed_in.get("home.index").body
    assert body["data-session-seconds"] == "1800"
    assert body["data-session-warning"] == "120"
    assert body.select_one("[data-session-warning-box] button").get_text(strip=True) == "继续使用"


def test_asking_for_more_time_refreshes_the_session(signed_in: ClientRequest) -> None:
    response = signed_in.post("auth.extend_session")
    assert "session=" in response.headers["Set-Cookie"]


def test_asking_for_more_time_from_the_page_script_gets_no_page_back(
    signed_in: ClientRequest,
) -> None:
    response = signed_in.client.post(
        "/session/extend",
        data={"csrf_token": signed_in.csrf_token()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204


def test_the_account_remembers_the_language_it_signed_in_with(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.client.get("/language/ug")
    client_request.post("auth.phone", {"phone": "13800138000"})
    client_request.post("auth.code", {"code": latest_sms_code(app)})
    with app.app_context():
        assert db.session.scalar(select(Account.language)) == "ug"
