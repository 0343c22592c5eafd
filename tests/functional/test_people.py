"""Adding the insured people an account acts for."""

import io
import json
import re

from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Representation, Upload
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as


def consent(client_request: ClientRequest) -> None:
    client_request.post("privacy.consent", {"agree": "y"})


def add_person(
    client_request: ClientRequest,
    relation: str = "self",
    who: dict[str, str] = MA_XIULAN,
    acting_as: str = "agent",
) -> None:
    client_request.post("people.who", who)
    client_request.post("people.relation", {"relation": relation})
    if relation != "self":
        client_request.post("people.acting_as", {"acting_as": acting_as})


def test_people_pages_need_sign_in(client_request: ClientRequest) -> None:
    response = client_request.client.get("/people/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/sign-in?next=/people/")


def test_consent_comes_first_and_must_be_ticked(signed_in: ClientRequest, roster: None) -> None:
    response = signed_in.client.get("/people/add")
    assert response.headers["Location"].startswith("/privacy/consent")
    page = signed_in.get("privacy.consent")
    assert "谁能看到" in page.get_text()
    page = signed_in.parse(signed_in.post("privacy.consent", {}, _expected_status=200))
    assert "需要您勾选同意" in page.select_one(".error-summary").get_text()
    consent(signed_in)
    signed_in.get("people.who")


def test_add_myself(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    add_person(signed_in)
    page = signed_in.get("people.index")
    card = page.select_one(".summary-card")
    assert card.h2.get_text(strip=True) == "马秀兰"
    assert "640***********0022" in card.get_text()
    assert "640104194403120022" not in page.decode()
    assert "宁夏" in card.get_text()
    assert "已添加参保人 马秀兰。" in page.select_one(".notice").get_text()


def test_add_a_relative_with_a_power_of_attorney_photo(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    add_person(signed_in, relation="child")
    page = signed_in.get("people.power_of_attorney")
    assert page.select_one("input[type=file]")["accept"].startswith("image/jpeg")
    response = signed_in.client.post(
        "/people/add/power-of-attorney",
        data={
            "csrf_token": signed_in.csrf_token(),
            "document": (io.BytesIO(files.photo_with_location()), "授权书.jpg"),
        },
    )
    assert response.status_code == 303
    with app.app_context():
        representation = db.session.scalar(select(Representation))
        upload = db.session.get(Upload, representation.power_of_attorney_id)
        assert upload.original_name == "授权书.jpg"
        assert upload.media_type == "image/jpeg"
    assert "子女" in signed_in.get("people.index").select_one(".summary-card").get_text()


def test_a_guardian_is_asked_for_no_power_of_attorney_000_12_1_4(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    """Only an authorised agent (委托代理人) gives a power of attorney; a guardian (监护人)
    acts by law (000:12.1(4), 001 annex 2)."""
    consent(signed_in)
    signed_in.post("people.who", MA_XIULAN)
    response = signed_in.post("people.relation", {"relation": "child"})
    assert response.headers["Location"] == "/people/add/acting-as"
    page = signed_in.get("people.acting_as")
    options = [label.get_text(" ", strip=True) for label in page.select(".choice__label")]
    assert "监护人" in options[0] and "不用交委托书" in options[0]
    assert "委托代理人" in options[1] and "委托书" in options[1]
    response = signed_in.post("people.acting_as", {"acting_as": "guardian"})
    assert response.headers["Location"] == "/people/"
    with app.app_context():
        representation = db.session.scalar(select(Representation))
        assert representation.acting_as.value == "guardian"
        assert representation.power_of_attorney_id is None
    card = signed_in.get("people.index").select_one(".summary-card").get_text()
    assert "我是参保人的监护人" in card


def test_choosing_neither_guardian_nor_agent_is_explained(
    signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    signed_in.post("people.who", MA_XIULAN)
    signed_in.post("people.relation", {"relation": "spouse"})
    page = signed_in.parse(signed_in.post("people.acting_as", {}, _expected_status=200))
    assert "请选择您是监护人" in page.select_one(".error-summary").get_text()


def test_an_encrypted_power_of_attorney_is_refused_and_nothing_is_stored(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    add_person(signed_in, relation="spouse")
    response = signed_in.client.post(
        "/people/add/power-of-attorney",
        data={
            "csrf_token": signed_in.csrf_token(),
            "document": (io.BytesIO(files.pdf("pw")), "a.pdf"),
        },
    )
    assert response.status_code == 200
    page = signed_in.parse(response)
    assert "有密码保护" in page.select_one("#document-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Upload)) == 0
        assert db.session.scalar(select(func.count()).select_from(Representation)) == 0


def test_wrong_id_checksum_is_explained(signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    response = signed_in.post(
        "people.who", {"name": "马秀兰", "id_number": "640104194403120021"}, _expected_status=200
    )
    page = signed_in.parse(response)
    assert "可能有一位输错了" in page.select_one("#id_number-error").get_text()
    assert page.select_one("#name")["value"] == "马秀兰"
    assert page.select_one(".error-summary a[href='#id_number']")


def test_id_number_of_the_wrong_shape(signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    page = signed_in.parse(
        signed_in.post("people.who", {"name": "马秀兰", "id_number": "12345"}, _expected_status=200)
    )
    assert "身份证号码是 18 位" in page.select_one("#id_number-error").get_text()


def test_someone_not_on_the_roster_cannot_be_added(signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    valid_but_unknown = {"name": "王小明", "id_number": "11010519491231002X"}
    page = signed_in.parse(signed_in.post("people.who", valid_but_unknown, _expected_status=200))
    error = page.select_one("#id_number-error").get_text()
    assert "参保名单里没有找到" in error
    # the rule in words, never an internal code like 000:12(1)
    assert "《宁夏回族自治区长期护理保险经办规程》第十二条第二款第一项" in error
    assert not re.search(r"\d{3}:\d", error)
    name_mismatch = {"name": "马秀英", "id_number": MA_XIULAN["id_number"]}
    page = signed_in.parse(signed_in.post("people.who", name_mismatch, _expected_status=200))
    assert "参保名单里没有找到" in page.select_one("#id_number-error").get_text()


def test_adding_the_same_person_twice_says_so(signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    add_person(signed_in)
    signed_in.post("people.who", MA_XIULAN)
    assert "已经添加过" in signed_in.get("people.index").select_one(".notice").get_text()


def test_another_account_sees_none_of_my_people(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    consent(client_request)
    add_person(client_request)
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    page = client_request.get("people.index")
    assert "马秀兰" not in page.get_text()
    client_request.get_url("/people/add/relation", _expected_status=404)


def test_download_everything_held_about_me(signed_in: ClientRequest, roster: None) -> None:
    consent(signed_in)
    add_person(signed_in)
    response = signed_in.client.get("/privacy/my-data.json")
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["phone"] == "13800138000"
    assert data["people"][0]["name"] == "马秀兰"
    assert data["people"][0]["id_number"] == "640***********0022"
    assert data["consents"][0]["purpose"] == "sensitive_personal_information"


def test_privacy_notice_is_public(client_request: ClientRequest) -> None:
    assert client_request.get("privacy.notice").h1.get_text(strip=True) == "个人信息保护说明"


def test_chinese_names_are_marked_chinese_on_uyghur_pages(
    signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    add_person(signed_in)
    signed_in.client.get("/language/ug")
    title = signed_in.get("people.index").select_one(".summary-card__title")
    assert title.select_one("span[lang=zh-Hans]").get_text() == "马秀兰"
    assert "640***********0022" in title.find_next("bdi").get_text()
