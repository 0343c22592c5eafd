"""Binding a WeChat chat to a portal account: the /chat/bind page and POST /api/v1/bot/bindings."""

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models import ChatBinding, ChatBindingCode, ChatBindingTries
from tests.functional.conftest import ClientRequest
from tests.functional.test_bot_api import (
    UG,
    ZH,
    bot_asks_applications,
    bot_binds,
    person_binds_chat,
    person_gets_binding_code,
    second_person,
)

SENDER = "oChatUser_01"


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 10**6:06d}"


def age_binding_records(app: Flask, by: timedelta) -> None:
    """As if the person had waited: codes and wrong tries move back in time."""
    with app.app_context():
        for code in db.session.scalars(select(ChatBindingCode)):
            code.created_at -= by
            code.expires_at -= by
        for tries in db.session.scalars(select(ChatBindingTries)):
            tries.since -= by
        db.session.commit()


# ------------------------------------------------------------------ the page


def test_binding_needs_sign_in(client: FlaskClient) -> None:
    for url in ("/chat/bind", "/chat/unbind"):
        response = client.get(url)
        assert response.status_code == 303
        assert "/sign-in" in response.headers["Location"] or "next=" in response.headers["Location"]


def test_home_menu_links_to_binding(client_request: ClientRequest) -> None:
    page = client_request.get("home.index")
    assert page.select_one("a.task-menu__item[href='/chat/bind']") is not None


def test_page_without_binding_offers_a_code(signed_in: ClientRequest) -> None:
    page = signed_in.get("chat.bind")
    assert page.select_one("h1").get_text(strip=True) == "绑定微信公众号"
    assert "还没有绑定" in page.get_text()
    form = page.select_one("main form[method=post]") or page.select_one("form[action='/chat/bind']")
    assert form is not None and form["action"] == "/chat/bind"
    assert form.select_one("button[type=submit]").get_text(strip=True) == "获取绑定码"
    assert page.select_one(".binding-code") is None


def test_person_gets_a_code_that_is_stored_hashed(app: Flask, signed_in: ClientRequest) -> None:
    response = signed_in.post("chat.bind")
    assert response.headers["Location"].endswith("/chat/bind")  # 303 after the POST
    page = signed_in.get("chat.bind")
    code = page.select_one(".binding-code .reference bdi").get_text(strip=True)
    assert len(code) == 6 and code.isdigit()
    message = page.select_one(".binding-code__message bdi")
    assert message is not None and message.get_text(strip=True) == f"绑定 {code}"
    assert "10 分钟内有效" in page.get_text()
    assert page.select_one("form[action='/chat/bind'] button").get_text(strip=True) == (
        "重新获取绑定码"
    )
    with app.app_context():
        [stored] = db.session.scalars(select(ChatBindingCode)).all()
        assert code not in stored.code_hash and len(stored.code_hash) == 64


def test_code_page_in_uyghur(signed_in: ClientRequest) -> None:
    signed_in.post("chat.bind")
    page = signed_in.get_url("/chat/bind?lang=ug")
    assert page.find("html")["dir"] == "rtl"
    code = page.select_one(".binding-code .reference bdi").get_text(strip=True)
    message = page.select_one(".binding-code__message bdi").get_text(strip=True)
    assert message == f"باغلاش {code}"
    assert page.select_one("h1").get_text(strip=True) == "ئۈندىدار ئاممىۋى سۇپىسىغا باغلاش"


def test_one_active_code_per_account(app: Flask, signed_in: ClientRequest) -> None:
    first = person_gets_binding_code(signed_in)
    second = person_gets_binding_code(signed_in)
    with app.app_context():
        assert len(db.session.scalars(select(ChatBindingCode)).all()) == 1
    if first != second:
        refused = bot_binds(signed_in.client, SENDER, first)
        assert refused.status_code == 400
        assert refused.get_json()["reason"] == "wrong_code"
    assert bot_binds(signed_in.client, SENDER, second).status_code == 201


def test_the_code_disappears_from_the_page_once_expired(
    app: Flask, signed_in: ClientRequest
) -> None:
    person_gets_binding_code(signed_in)
    age_binding_records(app, timedelta(minutes=11))
    page = signed_in.get("chat.bind")
    assert page.select_one(".binding-code") is None
    assert page.select_one("form[action='/chat/bind'] button").get_text(strip=True) == "获取绑定码"


# ------------------------------------------------------------------ the bot binds


def test_bot_binds_with_the_right_code(app: Flask, signed_in: ClientRequest) -> None:
    code = person_gets_binding_code(signed_in)
    response = bot_binds(signed_in.client, SENDER, code)
    assert response.status_code == 201
    assert response.get_json() == {"bound": True, "region": None}
    assert "no-store" in response.headers["Cache-Control"]
    with app.app_context():
        [binding] = db.session.scalars(select(ChatBinding)).all()
        assert binding.sender_id == SENDER
        assert db.session.scalars(select(ChatBindingCode)).all() == []  # used up
    page = signed_in.get("chat.bind")
    assert page.select_one(".chat-binding h2").get_text(strip=True) == "已绑定"
    assert page.select_one(".binding-code") is None
    assert page.select_one("form[action='/chat/unbind'] button[type=submit]") is not None
    # Used once: the same code does not bind a second chat.
    again = bot_binds(signed_in.client, "oSomeoneElse", code)
    assert again.status_code == 400
    assert bot_asks_applications(signed_in.client, SENDER).status_code == 200


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (ZH, "绑定码不对，还可以再试 4 次。请核对长护通网页上的 6 位数字。"),
        (
            UG,
            "باغلاش نومۇرى خاتا، يەنە 4 قېتىم سىنىيالايسىز. "
            "پەرۋىش سۇغۇرتىسى مۇلازىمىتى تور بېتىدىكى 6 خانىلىق رەقەمنى تەكشۈرۈپ بېقىڭ.",
        ),
    ],
)
def test_wrong_code_in_the_request_language(
    signed_in: ClientRequest, headers: dict[str, str], expected: str
) -> None:
    code = person_gets_binding_code(signed_in)
    response = bot_binds(signed_in.client, SENDER, wrong_code(code), headers)
    assert response.status_code == 400
    assert response.get_json() == {"error": expected, "reason": "wrong_code"}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (ZH, "绑定码已经过期了。请在长护通网页上重新获取绑定码，10 分钟内发过来。"),
        (
            UG,
            "باغلاش نومۇرىنىڭ ۋاقتى ئۆتۈپ كەتتى. "
            "پەرۋىش سۇغۇرتىسى مۇلازىمىتى تور بېتىدىن يېڭى باغلاش نومۇرى ئېلىپ، "
            "⁨10⁩ مىنۇت ئىچىدە ئەۋەتىڭ.",
        ),
    ],
)
def test_expired_code_in_the_request_language(
    app: Flask, signed_in: ClientRequest, headers: dict[str, str], expected: str
) -> None:
    code = person_gets_binding_code(signed_in)
    age_binding_records(app, timedelta(minutes=10, seconds=1))
    response = bot_binds(signed_in.client, SENDER, code, headers)
    assert response.status_code == 400
    assert response.get_json() == {"error": expected, "reason": "expired"}
    with app.app_context():
        assert db.session.scalars(select(ChatBinding)).all() == []


def test_a_code_still_works_just_before_it_expires(app: Flask, signed_in: ClientRequest) -> None:
    code = person_gets_binding_code(signed_in)
    age_binding_records(app, timedelta(minutes=9, seconds=50))
    assert bot_binds(signed_in.client, SENDER, code).status_code == 201


def test_five_wrong_codes_lock_the_chat_out(app: Flask, signed_in: ClientRequest) -> None:
    code = person_gets_binding_code(signed_in)
    wrong = wrong_code(code)
    answers = [bot_binds(signed_in.client, SENDER, wrong).get_json() for _ in range(5)]
    assert [a["reason"] for a in answers] == ["wrong_code"] * 4 + ["too_many_tries"]
    assert "还可以再试 1 次" in answers[3]["error"]
    # The right code is refused too, so the five tries cannot be used to guess it.
    zh = bot_binds(signed_in.client, SENDER, code)
    ug = bot_binds(signed_in.client, SENDER, code, UG)
    assert zh.status_code == ug.status_code == 400
    assert zh.get_json() == {
        "error": "绑定码输错次数太多了。请过 10 分钟，在长护通网页上重新获取绑定码再发。",
        "reason": "too_many_tries",
    }
    assert ug.get_json()["reason"] == "too_many_tries"
    assert ug.get_json()["error"].startswith("باغلاش نومۇرى بەك كۆپ قېتىم خاتا")
    # Another chat is not locked out by this one's mistakes.
    assert bot_binds(signed_in.client, "oOtherChat", code).status_code == 201
    # Ten minutes later, with a new code, this chat may try again.
    age_binding_records(app, timedelta(minutes=10))
    fresh = person_gets_binding_code(signed_in)
    assert bot_binds(signed_in.client, SENDER, fresh).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"sender_id": SENDER, "code": "12345"},
        {"sender_id": SENDER, "code": "1234567"},
        {"sender_id": SENDER, "code": "12a456"},
        {"sender_id": SENDER, "code": 123456},
        {"sender_id": SENDER},
    ],
)
def test_malformed_codes_are_explained_in_both_languages(
    app: Flask, client: FlaskClient, body: dict[str, object]
) -> None:
    zh = client.post("/api/v1/bot/bindings", json=body, headers=ZH)
    ug = client.post("/api/v1/bot/bindings", json=body, headers=UG)
    assert zh.status_code == ug.status_code == 400
    assert zh.get_json()["reason"] == ug.get_json()["reason"] == "invalid"
    assert "绑定 123456" in zh.get_json()["error"]
    assert "باغلاش 123456" in ug.get_json()["error"]
    with app.app_context():  # a malformed code is not a guess
        assert db.session.scalars(select(ChatBindingTries)).all() == []


def test_binding_needs_a_sender_and_a_json_body(client: FlaskClient) -> None:
    missing = client.post("/api/v1/bot/bindings", json={"code": "123456"}, headers=UG)
    assert missing.status_code == 400 and "sender_id" in missing.get_json()["error"]
    not_json = client.post("/api/v1/bot/bindings", data="绑定 123456", headers=ZH)
    assert not_json.status_code == 400
    assert not_json.get_json() == {"error": "请求内容必须是一个 JSON 对象。"}


def test_a_chat_binds_to_one_account_and_an_account_to_one_chat(
    app: Flask, signed_in: ClientRequest
) -> None:
    person_binds_chat(signed_in, "oFirstPhone")
    person_binds_chat(signed_in, "oSecondPhone")  # the person's new phone replaces the old
    assert bot_asks_applications(signed_in.client, "oFirstPhone").status_code == 404
    assert bot_asks_applications(signed_in.client, "oSecondPhone").status_code == 200

    other = second_person(app)
    person_binds_chat(other, "oSecondPhone")  # the chat now belongs to the other account
    with app.app_context():
        bindings = db.session.scalars(select(ChatBinding)).all()
        assert [b.sender_id for b in bindings] == ["oSecondPhone"]
    assert signed_in.get("chat.bind").select_one(".chat-binding--none") is not None
    assert other.get("chat.bind").select_one(".chat-binding h2") is not None


# ------------------------------------------------------------------ removing the binding


def test_removing_the_binding_is_one_tap(app: Flask, signed_in: ClientRequest) -> None:
    person_binds_chat(signed_in, SENDER)
    form = signed_in.get("chat.bind").select_one("form[action='/chat/unbind']")
    assert form is not None and form.select_one("button").get_text(strip=True) == "解除绑定"
    # Only opening the address changes nothing.
    assert signed_in.client.get("/chat/unbind").status_code == 303
    assert bot_asks_applications(signed_in.client, SENDER).status_code == 200

    response = signed_in.post("chat.unbind")
    assert response.headers["Location"].endswith("/chat/bind")
    page = signed_in.get("chat.bind")
    assert "已解除绑定" in page.select_one(".notice").get_text()
    assert page.select_one(".chat-binding--none") is not None
    not_bound = bot_asks_applications(signed_in.client, SENDER)
    assert not_bound.status_code == 404 and not_bound.get_json() == {"error": "not_bound"}


def test_bound_page_in_uyghur(signed_in: ClientRequest) -> None:
    person_binds_chat(signed_in, SENDER)
    bound = signed_in.get_url("/chat/bind?lang=ug")
    assert bound.select_one(".chat-binding h2").get_text(strip=True) == "باغلاندى"
    unbind = bound.select_one("form[action='/chat/unbind'] button").get_text(strip=True)
    assert unbind and not any("\u4e00" <= c <= "\u9fff" for c in unbind)


def test_nothing_to_remove_goes_back_to_the_page(signed_in: ClientRequest) -> None:
    response = signed_in.client.get("/chat/unbind")
    assert response.status_code == 303 and response.headers["Location"].endswith("/chat/bind")
    signed_in.post("chat.unbind")  # a stale confirmation: nothing happens, no error


def test_one_person_cannot_remove_anothers_binding(app: Flask, signed_in: ClientRequest) -> None:
    person_binds_chat(signed_in, SENDER)
    other = second_person(app)
    other.post("chat.unbind")
    assert bot_asks_applications(signed_in.client, SENDER).status_code == 200
