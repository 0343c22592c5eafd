"""Dates and numbers as people type them: read from any keyboard, explained in their language
when they cannot be read, and a kept answer that no longer reads is asked again, not a 500."""

import pytest
from flask import Flask

from portal.extensions import db
from portal.models import Application
from tests.functional.conftest import ClientRequest, latest_sms_code
from tests.functional.journey import AYGUL, person_starts_application


def answer(client_request: ClientRequest, application_id: int, key: str, fields: dict) -> object:
    return client_request.client.post(
        f"/apply/{application_id}/questions/{key}",
        data={"csrf_token": client_request.csrf_token(), **fields},
    )


def kept(app: Flask, application_id: int) -> dict:
    with app.app_context():
        return dict(db.session.get(Application, application_id).answers)


def to_the_date_question(client_request: ClientRequest, application_id: int) -> str:
    """Not the first application, and the last one failed: the date is asked (xinjiang)."""
    answer(client_request, application_id, "first_application", {"choice": "no"})
    answer(client_request, application_id, "last_conclusion", {"choice": "failed"})
    return "last_conclusion_date"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh", "这个日期不存在，请核对后再填，例如 2026-03-15。"),
        ("ug", "بۇ چېسلا مەۋجۇت ئەمەس، تەكشۈرۈپ قايتا يېزىڭ، مەسىلەن 2026-03-15."),
    ],
)
def test_a_date_that_does_not_exist_is_explained_next_to_the_field(
    app: Flask, signed_in: ClientRequest, roster: None, language: str, message: str
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    key = to_the_date_question(signed_in, application_id)
    signed_in.client.get(f"/language/{language}")
    response = answer(signed_in, application_id, key, {"date": "2026-02-30"})
    page = signed_in.parse(response)
    assert response.status_code == 200
    assert page.select_one("#date-error").get_text(strip=True).endswith(message)
    assert page.select_one(".error-summary a[href='#date']").get_text(strip=True) == message
    assert key not in kept(app, application_id)


@pytest.mark.parametrize(
    "typed", ["２０２５－０９－０３", "٢٠٢٥-٠٩-٠٣", "۲۰۲۵/۹/۳", "2025年9月3日", " 2025.9.3 "]
)
def test_dates_from_any_keyboard_are_read(
    app: Flask, signed_in: ClientRequest, roster: None, typed: str
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    key = to_the_date_question(signed_in, application_id)
    assert answer(signed_in, application_id, key, {"date": typed}).status_code == 303
    assert kept(app, application_id)[key]["date"] == "2025-09-03"
    check = signed_in.get("apply.check", application_id=application_id).get_text()
    assert "2025年9月3日" in check


def test_a_date_still_to_come_is_refused(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    key = to_the_date_question(signed_in, application_id)
    response = answer(signed_in, application_id, key, {"date": "2099-01-01"})
    assert "结论日期不能晚于今天。" in signed_in.parse(response).select_one("#date-error").text


def test_a_number_in_words_gets_only_the_friendly_message(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    response = answer(signed_in, application_id, "months_disabled", {"months": "三年"})
    errors = [
        e.get_text(" ", strip=True) for e in signed_in.parse(response).select(".error-message")
    ]
    assert len(errors) == 1
    assert "请只用数字填写月数，例如 2 年就填 24。" in errors[0]
    assert "整数" not in signed_in.parse(response).get_text()


def test_an_optional_number_left_empty_is_fine(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    response = answer(signed_in, application_id, "rehabilitation", {"choice": "no", "months": ""})
    assert response.status_code == 303
    assert kept(app, application_id)["rehabilitation"] == {"choice": "no", "months": None}
    response = answer(signed_in, application_id, "months_disabled", {"months": " "})
    assert "请填写大约几个月" in signed_in.parse(response).select_one("#months-error").text


@pytest.mark.parametrize("typed", ["２４", "٢٤", " 24 "])
def test_numbers_from_any_keyboard_are_read(
    app: Flask, signed_in: ClientRequest, roster: None, typed: str
) -> None:
    application_id = person_starts_application(app, signed_in)
    assert (
        answer(signed_in, application_id, "months_disabled", {"months": typed}).status_code == 303
    )
    assert kept(app, application_id)["months_disabled"] == {"months": 24}


def test_a_kept_answer_that_no_longer_reads_is_asked_again(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    """As if saved before dates were checked: every page still opens, and the question is
    shown as needing an answer."""
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    answer(signed_in, application_id, "months_disabled", {"months": "24"})
    key = to_the_date_question(signed_in, application_id)
    with app.app_context():
        application = db.session.get(Application, application_id)
        application.answers = {**application.answers, key: {"date": "2026-02-30"}}
        db.session.commit()
    task_list = signed_in.get("apply.task_list", application_id=application_id)
    health = next(
        item for item in task_list.select(".task-list__item") if "健康和护理情况" in item.text
    )
    assert "未完成" in health.get_text()
    check = signed_in.get("apply.check", application_id=application_id)
    assert "2026-02-30" not in check.get_text()
    question = signed_in.get("apply.question_page", application_id=application_id, key=key)
    assert question.select_one("#date")["value"] == ""
    for key in ("months_disabled", "rehabilitation", "reason"):
        signed_in.get("apply.question_page", application_id=application_id, key=key)
    signed_in.get("apply.record", application_id=application_id)
    signed_in.get("apply.mine")
    signed_in.get("apply.materials", application_id=application_id)


def test_a_phone_number_in_full_width_digits_signs_in(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.post("auth.phone", {"phone": "１３８ ００１３ ８０００"})
    client_request.post(
        "auth.code", {"code": "".join(chr(0xFF10 + int(d)) for d in latest_sms_code(app))}
    )
    assert "138****8000" in client_request.get("home.index").select_one(".account-menu__who").text
