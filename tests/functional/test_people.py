"""Adding the insured people an account acts for."""

import io
import json
import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal import id_numbers
from portal.extensions import db
from portal.models import Application, ApplicationStatus, Representation, Upload
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    application_id_for,
    insured_person_id,
    person_completes_application,
    person_self_assesses,
)


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
    assert "640****0022" in card.get_text()
    assert "640104194403120022" not in page.decode()
    assert "宁夏" in card.get_text()
    assert "已添加参保人 马秀兰。" in page.select_one(".notice").get_text()


def test_add_a_relative_with_a_power_of_attorney_photo(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    add_person(signed_in, relation="child")
    page = signed_in.get("people.power_of_attorney")
    camera, gallery = page.select("input[type=file]")
    assert (camera["accept"], camera["capture"]) == ("image/*", "environment")
    assert gallery["accept"].startswith("image/jpeg") and "application/pdf" in gallery["accept"]
    assert camera["name"] == gallery["name"] == "document"
    assert [label.get_text(strip=True) for label in page.select(".file-picker__button")] == [
        "拍照",
        "从相册选择",
    ]
    limits = page.select_one(".file-picker__limits")
    assert "10MB" in limits.get_text()
    assert limits.find_next("input", type="file") is camera, "the limits come before choosing"
    template = page.select_one("a[href='/people/power-of-attorney-form/ningxia']")
    assert template is not None
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
    assert title.find_next("bdi", class_="id-number").get_text() == "640****0022"


AYGUL_IN_UYGHUR = {"name": "ئايگۈل مەمەت", "id_number": "650102194502042022"}


def test_a_uyghur_reader_is_found_by_the_name_in_uyghur_script(
    signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    signed_in.client.get("/language/ug")
    # Typed with the tatweel and the Arabic presentation forms some keyboards give.
    typed = {**AYGUL_IN_UYGHUR, "name": "ﺋﺎﻳﮕﯜﻝ  مـەمەت"}
    response = signed_in.post("people.who", typed)
    assert response.headers["Location"] == "/people/add/relation"
    signed_in.post("people.relation", {"relation": "self"})
    card = signed_in.get("people.index").select_one(".summary-card")
    assert card.h2.get_text(strip=True) == "ئايگۈل مەمەت", "shown in the page's script"
    signed_in.client.get("/language/zh")
    card = signed_in.get("people.index").select_one(".summary-card")
    assert card.h2.get_text(strip=True) == "阿依古丽·买买提"


@pytest.mark.parametrize("name", ["阿依古丽·买买提", "阿依古丽 买买提", "ئايگۈل·مەمەت"])
def test_either_name_on_the_card_is_enough(
    signed_in: ClientRequest, roster: None, name: str
) -> None:
    consent(signed_in)
    response = signed_in.post("people.who", {**AYGUL_IN_UYGHUR, "name": name})
    assert response.headers["Location"] == "/people/add/relation"


def test_someone_elses_name_with_the_id_number_is_not_found(
    signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    page = signed_in.parse(
        signed_in.post(
            "people.who", {**AYGUL_IN_UYGHUR, "name": "ئەخمەت تۇرسۇن"}, _expected_status=200
        )
    )
    assert "没有找到这位参保人" in page.select_one("#id_number-error").get_text()


def test_removing_a_person_deletes_their_drafts_and_keeps_what_was_submitted(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    consent(signed_in)
    add_person(signed_in)
    person_self_assesses(app, signed_in, "马秀兰")
    submitted = person_completes_application(app, signed_in, "马秀兰")
    signed_in.post("apply.submit", application_id=submitted)
    li = {"name": "李建国", "id_number": id_numbers.with_check_character("64030219480721101")}
    add_person(signed_in, who=li)
    signed_in.post("apply.start", {"person": str(insured_person_id(app, "李建国"))})
    draft = application_id_for(app, "李建国")
    people = signed_in.get("people.index")
    links = [a["href"] for a in people.select("a[href$='/remove']")]
    assert len(links) == 2
    for href in links:
        confirm = signed_in.get_url(href)
        assert "不再为这个人办理吗？" in confirm.h1.get_text()
        assert "已经提交的申请不受影响" in confirm.get_text()
        signed_in.client.post(href, data={"csrf_token": signed_in.csrf_token()})
    page = signed_in.get("people.index")
    assert not page.select(".summary-card")
    assert "已从名单中删除 李建国。" in page.select_one(".notice").get_text()
    with app.app_context():
        assert db.session.get(Application, draft) is None
        assert db.session.get(Application, submitted).status is ApplicationStatus.SUBMITTED
        assert all(r.removed_at for r in db.session.scalars(select(Representation)))
    mine = signed_in.get("apply.mine")
    assert "马秀兰" in mine.get_text(), "the submitted application is still listed"
    assert not mine.select("a[href^='/apply/?person=']"), "no new application for them"
    signed_in.get("apply.record", application_id=submitted)
    add_person(signed_in)  # added back
    assert signed_in.get("people.index").select_one(".summary-card h2").get_text() == "马秀兰"


def test_nobody_else_can_remove_my_people(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    consent(client_request)
    add_person(client_request)
    href = client_request.get("people.index").select_one("a[href$='/remove']")["href"]
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    client_request.get_url(href, _expected_status=404)
    response = client_request.client.post(href, data={"csrf_token": client_request.csrf_token()})
    assert response.status_code == 404


def test_xinjiang_power_of_attorney_prints_annex_2_word_for_word(
    client_request: ClientRequest,
) -> None:
    page = client_request.get("people.power_of_attorney_form", region="xinjiang")
    form = page.select_one("article.attorney-form")
    assert form["lang"] == "zh-Hans"
    assert form.h2.get_text() == "新疆维吾尔自治区长期护理保险失能评定申请委托授权书"
    blanks = [
        label.get_text() for label in form.select(".attorney-form__blanks .attorney-form__label")
    ]
    assert blanks[:3] == ["承办保险公司名称：", "委托人姓名：", "身份证号："]
    body = form.select_one(".attorney-form__body").get_text()
    assert body.startswith("由于本人原因，不能亲自办理乌鲁木齐市长期护理保险失能评定申请的相关手续")
    assert body.endswith("若因上述联系电话或法律文书送达地址有误造成的后果由委托人承担。")
    assert "《新疆维吾尔自治区长期护理保险经办规程》附件2" in page.select_one(".source").get_text()
    assert not form.select(".attorney-form__aid"), "a Chinese page prints the form alone"
    uyghur = client_request.get(
        "people.power_of_attorney_form", region="xinjiang", _headers={"Accept-Language": "ug"}
    )
    aids = uyghur.select("article .attorney-form__aid[lang=ug]")
    assert aids and "ۋاكالەتنامىسى" in aids[0].get_text(), "each line's meaning in Uyghur"


@pytest.mark.parametrize(
    ("region", "note"),
    [("ningxia", "要求代理人申请时交委托书"), ("heilongjiang", "没有要求交委托书")],
)
def test_elsewhere_a_plain_power_of_attorney_says_where_it_comes_from(
    client_request: ClientRequest, region: str, note: str
) -> None:
    page = client_request.get("people.power_of_attorney_form", region=region)
    assert page.select_one("article h2").get_text() == "长期护理保险失能等级评估申请委托书"
    assert note in page.select_one(".source").get_text()
    assert "通用格式" in page.select_one(".source").get_text()
    client_request.get_url("/people/power-of-attorney-form/shanghai", _expected_status=404)
