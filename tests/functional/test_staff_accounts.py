"""Staff accounts: sign-in with argon2 passwords and TOTP, lock-out, rate limits, a session of
their own, and an administrator managing accounts through their whole life (000:58)."""

from collections.abc import Callable

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models import StaffAccountEvent, StaffRole, StaffSession, StaffUser
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.staff import (
    PASSWORD,
    StaffClient,
    make_staff,
    next_code,
    staff_signs_in,
)


def _events(app: Flask, username: str) -> list[str]:
    with app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(username=username))
        query = select(StaffAccountEvent.action).filter_by(staff_user_id=user.id)
        return list(db.session.scalars(query.order_by(StaffAccountEvent.id)))


def test_passwords_are_stored_as_argon2_hashes(app: Flask) -> None:
    make_staff(app, "specialist", StaffRole.SPECIALIST)
    with app.app_context():
        stored = db.session.scalar(select(StaffUser.password_hash))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_specialist_signs_in_with_a_password_and_lands_on_the_queue(
    app: Flask, client: FlaskClient
) -> None:
    account = make_staff(app, "specialist", StaffRole.SPECIALIST)
    staff = staff_signs_in(app, client, account)
    response = client.get("/staff/")
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/queue")
    page = staff.get("staff_cases.queue")
    assert "工作队列" in page.h1.get_text()
    assert _events(app, "specialist") == ["signed_in"]


def test_a_reviewer_needs_the_authenticator_code_too(app: Flask, client: FlaskClient) -> None:
    account = make_staff(app, "reviewer", StaffRole.REVIEWER)
    staff = StaffClient(client)
    response = staff.post("staff_auth.sign_in", {"username": "reviewer", "password": PASSWORD})
    assert "/staff/sign-in/code" in response.headers["Location"]
    assert client.get("/staff/queue").status_code == 303  # not signed in yet
    page = staff.post("staff_auth.code", {"code": "000000"}, _expected_status=200)
    assert "验证码不对" in page.get_data(as_text=True)
    staff.post("staff_auth.code", {"code": next_code(app, account)})
    assert client.get("/staff/queue").status_code == 200


def test_a_code_is_never_accepted_twice(app: Flask, new_client: Callable[[], FlaskClient]) -> None:
    account = make_staff(app, "reviewer", StaffRole.REVIEWER)
    assert account.totp_secret
    code = pyotp.TOTP(account.totp_secret).now()
    first, second = StaffClient(new_client()), StaffClient(new_client())
    for staff in (first, second):
        staff.post("staff_auth.sign_in", {"username": "reviewer", "password": PASSWORD})
    first.post("staff_auth.code", {"code": code})
    replay = second.post("staff_auth.code", {"code": code}, _expected_status=200)
    assert "已经用过" in replay.get_data(as_text=True)


def test_an_admin_without_an_authenticator_sets_one_up_at_first_sign_in(
    app: Flask, client: FlaskClient
) -> None:
    account = make_staff(app, "admin", StaffRole.ADMIN, region=None)
    with app.app_context():
        db.session.get(StaffUser, account.id).totp_secret = None
        db.session.commit()
    staff = StaffClient(client)
    response = staff.post("staff_auth.sign_in", {"username": "admin", "password": PASSWORD})
    assert "/staff/sign-in/set-up-code" in response.headers["Location"]
    page = staff.get("staff_auth.set_up_code")
    assert page.select_one(".qr svg") is not None
    secret = page.select_one(".secret").get_text(strip=True)
    staff.post("staff_auth.set_up_code", {"code": pyotp.TOTP(secret).now()})
    with app.app_context():
        assert db.session.get(StaffUser, account.id).totp_secret == secret
    assert client.get("/staff/admin/accounts").status_code == 200
    assert _events(app, "admin") == ["second_factor_set_up", "signed_in"]


def test_five_wrong_passwords_lock_the_account(app: Flask, client: FlaskClient) -> None:
    make_staff(app, "specialist", StaffRole.SPECIALIST)
    staff = StaffClient(client)
    for _ in range(4):
        page = staff.post(
            "staff_auth.sign_in", {"username": "specialist", "password": "wrong"}, 200
        )
        assert "用户名或密码不对" in page.get_data(as_text=True)
    page = staff.post("staff_auth.sign_in", {"username": "specialist", "password": "wrong"}, 200)
    assert "已被锁定" in page.get_data(as_text=True)
    page = staff.post("staff_auth.sign_in", {"username": "specialist", "password": PASSWORD}, 200)
    assert "已被锁定" in page.get_data(as_text=True)
    assert _events(app, "specialist")[-2:] == ["sign_in_failed", "locked"]


def test_the_authenticator_codes_page_exists_in_development_only(client: FlaskClient) -> None:
    assert client.get("/staff/dev/codes").status_code == 404


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(
    app: Flask, client: FlaskClient
) -> None:
    page = StaffClient(client).post(
        "staff_auth.sign_in", {"username": "nobody", "password": "x"}, 200
    )
    assert "用户名或密码不对" in page.get_data(as_text=True)


def test_sign_in_is_rate_limited_per_address(app: Flask, client: FlaskClient) -> None:
    app.config["STAFF_SIGN_IN_LIMIT"] = "3 per minute"
    try:
        staff = StaffClient(client)
        token = staff.csrf_token()
        statuses = [
            client.post(
                "/staff/sign-in", data={"csrf_token": token, "username": "x", "password": "y"}
            ).status_code
            for _ in range(4)
        ]
    finally:
        app.config["STAFF_SIGN_IN_LIMIT"] = "10 per minute;50 per hour"
    assert statuses == [200, 200, 200, 429]


def test_citizen_and_staff_sessions_never_meet(
    app: Flask, client: FlaskClient, client_request: ClientRequest
) -> None:
    """One browser, both signed in: each side sees only its own session."""
    sign_in_as(client_request)
    assert client.get("/staff/queue").status_code == 303  # the citizen is no one here
    account = make_staff(app, "specialist", StaffRole.SPECIALIST)
    staff_signs_in(app, client, account)
    assert client.get("/staff/queue").status_code == 200
    assert client.get("/applications/").status_code == 200  # still the citizen there
    staff_cookie = client.get_cookie("changhu_staff", path="/staff")
    assert staff_cookie is not None and staff_cookie.path == "/staff"
    assert client.get_cookie("changhu_staff") is None  # never sent outside /staff


def test_a_staff_session_alone_opens_no_citizen_page(app: Flask, client: FlaskClient) -> None:
    staff_signs_in(app, client, make_staff(app, "specialist", StaffRole.SPECIALIST))
    response = client.get("/applications/")
    assert response.status_code == 303 and "/sign-in" in response.headers["Location"]


def test_signing_out_ends_the_session_on_the_server(app: Flask, client: FlaskClient) -> None:
    staff = staff_signs_in(app, client, make_staff(app, "specialist", StaffRole.SPECIALIST))
    saved = client.get_cookie("changhu_staff", path="/staff")
    assert saved is not None
    staff.post("staff_auth.sign_out")
    client.set_cookie("changhu_staff", saved.value, path="/staff")
    assert client.get("/staff/queue").status_code == 303
    with app.app_context():
        assert db.session.scalar(select(StaffSession.ended_at)) is not None


def test_the_admin_manages_an_account_through_its_life(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    admin = staff_signs_in(app, new_client(), make_staff(app, "admin", StaffRole.ADMIN, None))
    page = admin.post(
        "staff_admin.new_account",
        {
            "username": "li.na",
            "full_name": "李娜",
            "role": "specialist",
            "region": "ningxia",
            "organisation": "",
        },
        _expected_status=200,
    )
    first_password = page.get_data(as_text=True).split('class="secret"><bdi>')[1].split("<")[0]
    with app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(username="li.na"))
        user_id = user.id
    li_na = StaffClient(new_client())
    li_na.post("staff_auth.sign_in", {"username": "li.na", "password": first_password})
    assert li_na.client.get("/staff/queue").status_code == 200

    admin.post(
        "staff_admin.account",
        {"role": "hotline", "region": "", "organisation": ""},
        user_id=user_id,
    )
    # A new role signs the account out everywhere.
    assert li_na.client.get("/staff/queue").status_code == 303
    admin.post("staff_admin.account_action", user_id=user_id, action="disable")
    page = li_na.post("staff_auth.sign_in", {"username": "li.na", "password": first_password}, 200)
    assert "用户名或密码不对" in page.get_data(as_text=True)
    history = admin.get("staff_admin.account", user_id=user_id).get_text()
    for words in ("建立账号", "更换岗位", "停用", "登录"):
        assert words in history
    with app.app_context():
        events = db.session.scalars(
            select(StaffAccountEvent)
            .filter_by(staff_user_id=user_id)
            .order_by(StaffAccountEvent.id)
        ).all()
        changed = next(e for e in events if e.action == "role_changed")
        assert changed.actor.username == "admin"
        assert changed.data["before"]["role"] == "specialist"
        assert changed.data["after"]["role"] == "hotline"


def test_an_admin_cannot_change_their_own_role(app: Flask, client: FlaskClient) -> None:
    account = make_staff(app, "admin", StaffRole.ADMIN, None)
    admin = staff_signs_in(app, client, account)
    admin.post("staff_admin.account_action", user_id=account.id, action="disable")
    with app.app_context():
        assert db.session.get(StaffUser, account.id).disabled_at is None
    assert "不能修改自己" in admin.get("staff_admin.account", user_id=account.id).get_text()
