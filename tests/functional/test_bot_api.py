"""The bot's API (/api/v1/bot/…): the secret, a bound chat's applications, handoffs, resume."""

import json
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.cases import review
from portal.chat.service import close_handoff, mask_name
from portal.clock import CHINA
from portal.extensions import db
from portal.models import AccessLog, Handoff
from portal.policy import compute_deadline
from tests.fakes.server import FakeService, Hit, Reply, closed_port_url, serving
from tests.functional import aftercare
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    AYGUL,
    insured_person_id,
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
)

SECRET = "test-bot-secret"  # Test config
PHONE = "13800138000"  # the `signed_in` account
SENDER = "oWx_sender-0001"
ZH = {"Authorization": f"Bearer {SECRET}", "Accept-Language": "zh-CN,zh;q=0.9"}
UG = {"Authorization": f"Bearer {SECRET}", "Accept-Language": "ug"}
HANDOFF = {
    "sender_id": SENDER,
    "reason": "user_request",
    "language": "zh",
    "last_message": "转人工",
}


# ------------------------------------------------------------------ helpers (also used by
# test_chat_binding.py)


def person_gets_binding_code(client_request: ClientRequest) -> str:
    """The signed-in person asks for a code on /chat/bind and reads it off the page."""
    client_request.post("chat.bind")
    page = client_request.get("chat.bind")
    code = page.select_one(".binding-code .reference bdi")
    assert code is not None, page.get_text()
    return code.get_text(strip=True)


def bot_binds(client: FlaskClient, sender_id: str, code: str, headers: dict[str, str] = ZH) -> Any:
    return client.post(
        "/api/v1/bot/bindings", json={"sender_id": sender_id, "code": code}, headers=headers
    )


def person_binds_chat(client_request: ClientRequest, sender_id: str = SENDER) -> None:
    code = person_gets_binding_code(client_request)
    response = bot_binds(client_request.client, sender_id, code)
    assert response.status_code == 201, response.get_json()


def bot_asks_applications(
    client: FlaskClient, sender_id: str = SENDER, headers: dict[str, str] = ZH
) -> Any:
    return client.get(
        "/api/v1/bot/applications", query_string={"sender_id": sender_id}, headers=headers
    )


def person_starts_draft(app: Flask, client_request: ClientRequest, name: str) -> None:
    client_request.post("apply.start", {"person": str(insured_person_id(app, name))})


def second_person(app: Flask) -> ClientRequest:
    """Another citizen, in their own browser."""
    other = ClientRequest(app.test_client())
    app.extensions["changhu_sms"].outbox.clear()
    sign_in_as(other, "13900139000")
    return other


# ------------------------------------------------------------------ the secret


ENDPOINTS = [
    ("get", "/api/v1/bot/applications?sender_id=x", None),
    ("post", "/api/v1/bot/handoffs", HANDOFF),
    ("get", f"/api/v1/bot/handoffs/{SENDER}", None),
    ("post", "/api/v1/bot/bindings", {"sender_id": SENDER, "code": "123456"}),
    ("get", "/api/v1/bot/no-such-thing", None),
]


@pytest.mark.parametrize(("method", "url", "body"), ENDPOINTS)
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Bearer wrong-secret", f"Basic {SECRET}", f"Bearer {SECRET}x"],
)
def test_every_bot_endpoint_needs_the_secret(
    client: FlaskClient, method: str, url: str, body: Any, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = getattr(client, method)(url, json=body, headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_unset_secret_refuses_everyone(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "BOT_SHARED_SECRET", "")
    for authorization in ("Bearer ", "Bearer"):
        response = bot_asks_applications(client, headers={"Authorization": authorization})
        assert response.status_code == 401


def test_the_401_is_in_the_request_language(client: FlaskClient) -> None:
    zh = client.get("/api/v1/bot/applications", headers={"Accept-Language": "zh"})
    ug = client.get("/api/v1/bot/applications", headers={"Accept-Language": "ug"})
    assert zh.get_json()["error"] == "没有权限访问。"
    assert ug.get_json()["error"] != zh.get_json()["error"]


def test_unknown_bot_path_is_a_json_404(client: FlaskClient) -> None:
    for response in (
        client.get("/api/v1/bot/nothing/here", headers=ZH),
        client.post("/api/v1/bot/nothing", json={}, headers=ZH),
    ):
        assert response.status_code == 404
        assert response.get_json() == {"error": "没有找到这个地址。"}


# ------------------------------------------------------------------ applications


def test_unbound_sender_is_not_bound(client: FlaskClient) -> None:
    response = bot_asks_applications(client, "oUnknownSender")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_bound"}
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("sender_id", [None, "", "has space", "x" * 61, "引号"])
def test_applications_need_a_sender_id(client: FlaskClient, sender_id: str | None) -> None:
    query = {} if sender_id is None else {"sender_id": sender_id}
    zh = client.get("/api/v1/bot/applications", query_string=query, headers=ZH)
    ug = client.get("/api/v1/bot/applications", query_string=query, headers=UG)
    assert zh.status_code == ug.status_code == 400
    assert zh.get_json() == {"error": "缺少 sender_id，或者格式不对。"}
    assert "sender_id" in ug.get_json()["error"] and ug.get_json() != zh.get_json()


def test_bound_account_without_people_has_no_region(signed_in: ClientRequest) -> None:
    person_binds_chat(signed_in)
    response = bot_asks_applications(signed_in.client)
    assert response.status_code == 200
    assert response.get_json() == {"region": None, "applications": []}


def test_bot_sees_the_submitted_application_masked_and_logged(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person_self_assesses(app, signed_in, MA_XIULAN["name"])
    application_id = person_completes_application(app, signed_in, MA_XIULAN["name"])
    signed_in.post("apply.submit", application_id=application_id)
    person_binds_chat(signed_in)

    zh = bot_asks_applications(signed_in.client)
    assert zh.status_code == 200
    body = zh.get_json()
    assert body["region"] == "ningxia"
    [item] = body["applications"]
    assert item["reference"].startswith("NX-")
    assert item["insured_name_masked"] == "马*兰"
    assert "马秀兰" not in json.dumps(body, ensure_ascii=False)
    assert (item["status"], item["step"]) == ("submitted", "submitted")
    assert item["status_label"] == "待受理审核"  # the case's step, as my applications says it
    assert item["next_label"] == "受理审核最晚到"
    assert len(item["next_date"]) == 10 and item["next_date"][4] == "-"
    assert isinstance(item["next_provisional"], bool)
    assert item["to_do"] is False

    ug = bot_asks_applications(signed_in.client, headers=UG).get_json()
    [ug_item] = ug["applications"]
    assert ug_item["status_label"] == "قوبۇل قىلىش تەكشۈرۈشىنى كۈتۈۋاتىدۇ"
    assert ug_item["next_label"] != item["next_label"]
    assert ug_item["reference"] == item["reference"] and ug_item["next_date"] == item["next_date"]

    with app.app_context():
        actors = db.session.scalars(
            select(AccessLog.actor).filter_by(
                insured_person_id=insured_person_id(app, "马秀兰"),
                action="bot_application_status",
            )
        ).all()
    assert actors == [f"bot:{SENDER}", f"bot:{SENDER}"]


def test_drafts_are_listed_with_a_clear_status(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person_adds(signed_in, AYGUL, relation="child")
    person_starts_draft(app, signed_in, AYGUL["name"])
    person_binds_chat(signed_in)
    body = bot_asks_applications(signed_in.client).get_json()
    assert body["region"] == "ningxia"  # the first person the account acts for
    [draft] = body["applications"]
    assert draft["reference"] is None
    assert draft["status"] == "draft"
    assert draft["status_label"] == "草稿，还没有提交"
    assert draft["next_label"] == "草稿保留到"
    assert draft["insured_name_masked"] == "阿*提"
    ug = bot_asks_applications(signed_in.client, headers=UG).get_json()
    assert ug["applications"][0]["status_label"] == "تېخى تاپشۇرۇلمىدى"
    # A Uyghur reader sees the name as the roster prints it in Uyghur script.
    assert ug["applications"][0]["insured_name_masked"] == "ئا*ت"


def test_the_bot_says_the_cases_step_after_a_refusal_and_after_a_conclusion(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    refused = aftercare.submitted(app, "xinjiang", PHONE, date(2026, 3, 2), "艾买提·吐尔逊")
    with app.app_context():
        staff = aftercare.staff_of(app, "xinjiang")
        review.refuse(
            aftercare.case_of(app, refused),
            staff.actor(staff.reviewer),
            reasons=["disabled_under_6_months"],
        )
    aftercare.approved_case(app, "ningxia", PHONE, date(2026, 6, 1))
    person_binds_chat(signed_in)
    with time_machine.travel(datetime(2026, 6, 2, 10, tzinfo=CHINA), tick=False):
        zh = bot_asks_applications(signed_in.client).get_json()
        ug = bot_asks_applications(signed_in.client, headers=UG).get_json()
    by_step = {item["step"]: item for item in zh["applications"]}
    assert by_step["refused"]["status_label"] == "不予受理"
    assert by_step["refused"]["insured_name_masked"] == "艾*逊"
    delivered = by_step["delivered"]
    assert delivered["status"] == "submitted" and delivered["status_label"] == "结论书已送达"
    # What is open now: the objection window, with its last day from the policy engine.
    objection = compute_deadline("ningxia", "objection", date(2026, 6, 1))
    assert delivered["next_label"] == "提出异议最晚到"
    assert delivered["next_date"] == objection.due.isoformat()
    ug_refused = next(i for i in ug["applications"] if i["step"] == "refused")
    assert ug_refused["status_label"] == "قوبۇل قىلماسلىق"
    assert ug_refused["insured_name_masked"] == "ئە*ن"  # ئەخمەت تۇرسۇن


def test_another_accounts_applications_never_appear(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person_starts_draft(app, signed_in, MA_XIULAN["name"])
    person_binds_chat(signed_in, "oMaSender")

    other = second_person(app)
    person_consents(other)
    person_adds(other, AYGUL, relation="child")
    person_starts_draft(app, other, AYGUL["name"])
    person_binds_chat(other, "oAygulSender")

    mine = bot_asks_applications(signed_in.client, "oMaSender").get_json()
    theirs = bot_asks_applications(other.client, "oAygulSender").get_json()
    assert [a["insured_name_masked"] for a in mine["applications"]] == ["马*兰"]
    assert mine["region"] == "ningxia"
    assert [a["insured_name_masked"] for a in theirs["applications"]] == ["阿*提"]
    assert theirs["region"] == "xinjiang"
    with app.app_context():
        logged = db.session.scalars(
            select(AccessLog.actor).filter_by(
                insured_person_id=insured_person_id(app, AYGUL["name"]),
                action="bot_application_status",
            )
        ).all()
    assert logged == ["bot:oAygulSender"]


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("马秀兰", "马*兰"),
        ("马兰", "马*"),
        ("欧阳秀兰", "欧*兰"),
        ("阿依古丽·买买提", "阿*提"),
        ("王", "王"),
    ],
)
def test_names_are_masked(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# ------------------------------------------------------------------ handoffs


def test_handoff_is_recorded_once_while_open(app: Flask, signed_in: ClientRequest) -> None:
    person_binds_chat(signed_in)
    client = signed_in.client
    first = client.post("/api/v1/bot/handoffs", json=HANDOFF, headers=ZH)
    assert first.status_code == 201
    handoff_id = first.get_json()["id"]
    assert first.get_json() == {"id": handoff_id, "created": True}
    again = client.post("/api/v1/bot/handoffs", json={**HANDOFF, "reason": "complaint"}, headers=ZH)
    assert again.status_code == 200
    assert again.get_json() == {"id": handoff_id, "created": False}
    with app.app_context():
        [handoff] = db.session.scalars(select(Handoff)).all()
        assert (handoff.sender_id, handoff.reason, handoff.language) == (
            SENDER,
            "user_request",
            "zh",
        )
        assert handoff.last_message == "转人工"
        assert handoff.account_id is not None
        assert handoff.opened_at is not None and handoff.closed_at is None


def test_handoff_of_an_unbound_chat_has_no_account(app: Flask, client: FlaskClient) -> None:
    body = {**HANDOFF, "sender_id": "oStranger", "language": "ug", "last_message": ""}
    response = client.post("/api/v1/bot/handoffs", json=body, headers=UG)
    assert response.status_code == 201
    with app.app_context():
        handoff = db.session.get(Handoff, response.get_json()["id"])
        assert handoff is not None and handoff.account_id is None and handoff.language == "ug"


def test_bot_can_ask_whether_a_handoff_is_open(client: FlaskClient) -> None:
    url = f"/api/v1/bot/handoffs/{SENDER}"
    assert client.get(url, headers=ZH).get_json() == {"open": False}
    created = client.post("/api/v1/bot/handoffs", json=HANDOFF, headers=ZH).get_json()
    state = client.get(url, headers=ZH).get_json()
    assert state["open"] is True and state["id"] == created["id"]
    assert state["reason"] == "user_request" and state["opened_at"]
    assert client.get("/api/v1/bot/handoffs/bad%20id", headers=ZH).status_code == 400


BAD_HANDOFFS = [
    ({**HANDOFF, "sender_id": ""}, "sender_id"),
    ({k: v for k, v in HANDOFF.items() if k != "sender_id"}, "sender_id"),
    ({**HANDOFF, "reason": "bored"}, "reason"),
    ({**HANDOFF, "reason": None}, "reason"),
    ({**HANDOFF, "language": "en"}, "language"),
    ({**HANDOFF, "last_message": 42}, "last_message"),
    ({**HANDOFF, "last_message": "字" * 2001}, "last_message"),
    ({**HANDOFF, "region": "beijing"}, "region"),
]


@pytest.mark.parametrize(("body", "field"), BAD_HANDOFFS)
def test_bad_handoffs_are_refused_in_both_languages(
    app: Flask, client: FlaskClient, body: dict[str, Any], field: str
) -> None:
    zh = client.post("/api/v1/bot/handoffs", json=body, headers=ZH)
    ug = client.post("/api/v1/bot/handoffs", json=body, headers=UG)
    assert zh.status_code == ug.status_code == 400
    assert field in zh.get_json()["error"] and field in ug.get_json()["error"]
    assert zh.get_json()["error"] != ug.get_json()["error"]
    with app.app_context():
        assert db.session.scalars(select(Handoff)).all() == []


def test_a_handoff_body_must_be_a_json_object(client: FlaskClient) -> None:
    for data, content_type in (("not json", "text/plain"), ("[1, 2]", "application/json")):
        zh = client.post("/api/v1/bot/handoffs", data=data, content_type=content_type, headers=ZH)
        assert zh.status_code == 400
        assert zh.get_json() == {"error": "请求内容必须是一个 JSON 对象。"}
        ug = client.post("/api/v1/bot/handoffs", data=data, content_type=content_type, headers=UG)
        assert ug.status_code == 400 and "JSON" in ug.get_json()["error"]


# ------------------------------------------------------------------ closing and resume


class FakeRasa(FakeService):
    def __init__(self, status: int = 200) -> None:
        super().__init__()
        self.status = status

    def reply(self, hit: Hit) -> Reply:
        return Reply(self.status, "application/json", b'{"sender_id": "x"}')


def _open_handoff(client: FlaskClient, sender_id: str = SENDER) -> int:
    response = client.post(
        "/api/v1/bot/handoffs", json={**HANDOFF, "sender_id": sender_id}, headers=ZH
    )
    assert response.status_code == 201
    handoff_id: int = response.get_json()["id"]
    return handoff_id


def test_closing_a_handoff_resumes_the_bot(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    handoff_id = _open_handoff(client, "o:user@wx")
    with serving(FakeRasa()) as rasa:
        monkeypatch.setitem(app.config, "BOT_URL", rasa.url + "/")
        with app.app_context():
            assert close_handoff(handoff_id) is True
    [hit] = rasa.hits
    assert hit.method == "POST"
    assert hit.path == "/conversations/o%3Auser%40wx/tracker/events"
    assert hit.query == {"token": ["test-rasa-token"]}
    assert json.loads(hit.body) == {"event": "resume"}
    with app.app_context():
        handoff = db.session.get(Handoff, handoff_id)
        assert handoff is not None and handoff.closed_at and handoff.resumed_at
    state = client.get("/api/v1/bot/handoffs/o:user@wx", headers=ZH).get_json()
    assert state == {"open": False}
    # A new request after the close opens a new handoff.
    assert _open_handoff(client, "o:user@wx") != handoff_id


@pytest.mark.parametrize("bot", ["down", "error"])
def test_closing_works_when_the_bot_is_down(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, bot: str
) -> None:
    handoff_id = _open_handoff(client)
    if bot == "down":
        monkeypatch.setitem(app.config, "BOT_URL", closed_port_url())
        with app.app_context():
            assert close_handoff(handoff_id) is False
    else:
        with serving(FakeRasa(status=500)) as rasa:
            monkeypatch.setitem(app.config, "BOT_URL", rasa.url)
            with app.app_context():
                assert close_handoff(handoff_id) is False
        assert len(rasa.hits) == 1
    with app.app_context():
        handoff = db.session.get(Handoff, handoff_id)
        assert handoff is not None and handoff.closed_at is not None
        assert handoff.resumed_at is None
    assert client.get(f"/api/v1/bot/handoffs/{SENDER}", headers=ZH).get_json() == {"open": False}


def test_closing_an_old_handoff_does_not_resume_a_newer_one(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _open_handoff(client)
    with serving(FakeRasa()) as rasa:
        monkeypatch.setitem(app.config, "BOT_URL", rasa.url + "/")
        with app.app_context():
            assert close_handoff(old) is True
        _open_handoff(client)
        with app.app_context():
            assert close_handoff(old) is False  # the newer handoff paused the chat
    assert len(rasa.hits) == 1


def test_closing_an_unknown_handoff(app: Flask) -> None:
    with app.app_context(), pytest.raises(LookupError):
        close_handoff(999)
