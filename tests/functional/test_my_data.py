"""A person reads everything held about their account on a page, and downloads it (PIPL 45)."""

from flask import Flask

from tests import files
from tests.functional.conftest import ClientRequest
from tests.functional.journey import (
    AYGUL,
    person_self_assesses,
    person_starts_application,
    post_file,
)


def test_my_data_reads_as_a_page_with_the_file_beside_it(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    person_self_assesses(app, signed_in, AYGUL["name"])
    signed_in.post(
        "apply.question_page", {"choice": "primary"}, application_id=application_id, key="education"
    )
    post_file(signed_in, f"/apply/{application_id}/materials/id_document", files.png(), "a.png")
    menu = signed_in.get("home.index").select_one(".disclosure--account")
    assert menu.select_one("a[href='/privacy/my-data']").get_text(strip=True) == "我的全部信息"
    page = signed_in.get("privacy.my_data_page")
    text = page.select_one("main").get_text(" ", strip=True)
    assert "13800138000" in text
    assert "阿依古丽·买买提" in text and "ئايگۈل مەمەت" in text, "both names on the card"
    assert "650****2022" in text and "650102194502042022" not in page.decode()
    assert "参保人的文化程度 小学" in text, "answers read as question and answer"
    assert "进食：吃饭需要别人帮忙吗？" in text, "the self-assessment's questions in words"
    assert "上次上传的身份证照片，" in text
    download = page.select_one("main a[href='/privacy/my-data.json']")
    assert download.has_attr("download") and download["hx-boost"] == "false"


def test_my_data_needs_sign_in(client_request: ClientRequest) -> None:
    response = client_request.client.get("/privacy/my-data")
    assert response.status_code == 303 and "/sign-in" in response.headers["Location"]


def test_my_data_before_anything_is_added(signed_in: ClientRequest) -> None:
    page = signed_in.get("privacy.my_data_page")
    assert page.select_one("main").get_text().count("没有。") >= 3


def test_uyghur_pages_show_the_uyghur_name(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_starts_application(app, signed_in, AYGUL, relation="child")
    page = signed_in.get("privacy.my_data_page", _headers={"Accept-Language": "ug"})
    assert page.select_one("main h3").get_text(strip=True) == "ئايگۈل مەمەت"
