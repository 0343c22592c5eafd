"""Objecting to a conclusion (异议 → 复评): the window with the date it closes, the request,
facts, reasons and grounds one per page, evidence, the written application to print; a late
objection is warned with the date the window closed and still filed (the agency decides)."""

from datetime import date, datetime

import pytest
import time_machine
from babel.dates import format_date
from flask import Flask
from sqlalchemy import select

from portal.clock import CHINA
from portal.extensions import db
from portal.models import ApplicationMaterial, Case, CaseStep
from portal.policy import compute_deadline
from tests import files
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.journey import post_file

PHONE = "13800138000"
DELIVERED = date(2026, 6, 1)
ANSWERS = {
    "request": "请求组织复评，重新认定失能等级。",
    "facts": "评估那天老人精神好，平时夜里要翻身三次。",
    "reasons": "评估在白天，没有看到夜里的情况。",
    "grounds": "医院的诊断证明和护理记录。",
}


def long(day: date) -> str:
    return format_date(day, format="long", locale="zh")


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


def at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA), tick=False)


@pytest.fixture
def delivered_case(app: Flask, roster: None) -> int:
    with at(DELIVERED):
        return aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)


def person_answers_every_question(citizen: ClientRequest, application_id: int) -> None:
    for key, answer in ANSWERS.items():
        citizen.post(
            "objection.question", {"answer": answer}, application_id=application_id, key=key
        )


def test_a_late_objection_is_warned_with_the_date_and_still_filed(
    app: Flask, client_request: ClientRequest, delivered_case: int
) -> None:
    closed = compute_deadline("ningxia", "objection", DELIVERED).due  # 10 working days, 000:15(5)
    late_day = date(2026, 6, 30)
    assert late_day > closed
    with at(late_day):
        sign_in_as(client_request, PHONE)
        start = client_request.get("objection.start", application_id=delivered_case)
        warning = text_of(start.select_one(".warning-panel"))
        assert "期限已经过了" in warning and long(closed) in warning
        assert "仍然可以提出" in warning
        person_answers_every_question(client_request, delivered_case)
        post_file(
            client_request,
            f"/applications/{delivered_case}/objection/evidence",
            files.photo_with_location(),
            "诊断证明.jpg",
        )
        check = client_request.get("objection.check", application_id=delivered_case)
        assert long(closed) in text_of(check.select_one(".warning-panel"))
        assert ANSWERS["facts"] in text_of(check) and "诊断证明.jpg" in text_of(check)
        response = client_request.post("objection.send", application_id=delivered_case)
        assert response.headers["Location"].endswith(
            f"/applications/{delivered_case}/objection/letter"
        )
        # A second press of the button files nothing more.
        client_request.post("objection.send", application_id=delivered_case)
        letter = client_request.get("objection.letter", application_id=delivered_case)
    assert ANSWERS["request"] in text_of(letter) and "申请人（签名）" in text_of(letter)
    assert "诊断证明.jpg" in text_of(letter)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None and case.step is CaseStep.OBJECTION
        filed = [e for e in case.events if e.kind == "objection_filed"]
        assert len(filed) == 1
        assert filed[0].data["late"] is True and filed[0].data["window_due"] == closed.isoformat()
        assert filed[0].account_id is not None
        evidence = db.session.scalars(
            select(ApplicationMaterial).filter_by(material_code="objection_evidence")
        ).all()
        assert len(evidence) == 1


def test_an_objection_in_time_shows_when_the_window_closes(
    app: Flask, client_request: ClientRequest, delivered_case: int
) -> None:
    closed = compute_deadline("ningxia", "objection", DELIVERED).due
    with at(date(2026, 6, 3)):
        sign_in_as(client_request, PHONE)
        timeline = client_request.get("status.timeline", application_id=delivered_case)
        assert f"最晚 {long(closed)}" in text_of(timeline.select_one("[data-stage=objection]"))
        start = client_request.get("objection.start", application_id=delivered_case)
        assert start.select_one(".warning-panel") is None
        assert long(closed) in text_of(start)
        response = client_request.post(
            "objection.question",
            {"answer": ""},
            _expected_status=200,
            application_id=delivered_case,
            key="request",
        )
        page = client_request.parse(response)
        assert "请写明您的复评请求" in text_of(page.select_one(".error-summary"))
        assert "请写明您的复评请求" in text_of(page.select_one(".error-message"))


def test_a_failed_xinjiang_conclusion_has_no_stated_window_and_can_be_objected_to(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    """001:8(一)5 sets the window as the publicity period; a failed conclusion is not
    publicised, so its window is not stated — said plainly, never another region's rule."""
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "xinjiang", PHONE, DELIVERED, level=1)
    with at(date(2026, 7, 20)):
        sign_in_as(client_request, PHONE)
        stage = text_of(
            client_request.get("status.timeline", application_id=application_id).select_one(
                "[data-stage=objection]"
            )
        )
        assert "没有规定提出异议的期限" in stage
        start = client_request.get("objection.start", application_id=application_id)
        assert start.select_one(".warning-panel") is None  # nothing to be late for
        assert "新疆维吾尔自治区的文件没有规定这一点" in text_of(start)
        person_answers_every_question(client_request, application_id)
        client_request.post("objection.send", application_id=application_id)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None and case.step is CaseStep.OBJECTION
        filed = next(e for e in case.events if e.kind == "objection_filed")
        assert filed.data["late"] is False and filed.data["window_due"] is None
