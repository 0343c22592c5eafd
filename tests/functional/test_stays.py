"""A hospital stay paused and resumed (ningxia 000:23(1): from the day after admission to the
day of discharge; elsewhere the document does not say, and the page says so); benefits
suspended by the agency and resumed after the person asks (000:24)."""

from collections.abc import Callable
from datetime import date, datetime

import time_machine
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.clock import CHINA
from portal.extensions import db
from portal.models import Case, CaseStep, Institution
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.staff import StaffAccount, staff_signs_in

PHONE = "13800138000"
DELIVERED = date(2026, 6, 1)


def long(day: date) -> str:
    return format_date(day, format="long", locale="zh")


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


def at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA), tick=False)


def in_care(app: Flask, citizen: ClientRequest, region: str) -> int:
    """Approved, delivered, and home care chosen."""
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, region, PHONE, DELIVERED)
    with app.app_context():
        home = next(
            i.id
            for i in db.session.scalars(select(Institution).filter_by(region_code=region))
            if "home" in i.service_types
        )
    with at(date(2026, 6, 2)):
        sign_in_as(citizen, PHONE)
        citizen.post("care.mode", {"mode": "home"}, application_id=application_id)
        citizen.post("care.institution", {"institution": str(home)}, application_id=application_id)
        citizen.post("care.send", application_id=application_id)
    return application_id


def events(app: Flask, *kinds: str) -> list[dict[str, object]]:
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None
        return [e.data or {} for e in case.events if e.kind in kinds]


def test_ningxia_pauses_care_the_day_after_admission_and_resumes_on_discharge(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    application_id = in_care(app, client_request, "ningxia")
    with at(date(2026, 7, 2)):
        sign_in_as(client_request, PHONE)
        page = client_request.get("care.hospital", application_id=application_id)
        assert page.select_one("h1").get_text(strip=True) == "哪一天住进医院？"
        assert "从住院的次日起暂停，出院当日恢复" in text_of(page)
        too_late = client_request.post(
            "care.hospital",
            {"day": "2026-07-03"},
            _expected_status=200,
            application_id=application_id,
        )
        assert "日期不能晚于今天" in text_of(
            client_request.parse(too_late).select_one(".error-summary")
        )
        client_request.post("care.hospital", {"day": "2026-06-30"}, application_id=application_id)
        timeline = client_request.get("status.timeline", application_id=application_id)
        assert f"护理服务从 {long(date(2026, 7, 1))} 起暂停" in text_of(
            timeline.select_one(".todo-panel")
        )
        assert "正在办" in text_of(timeline.select_one("[data-stage=care_changes]"))
    with at(date(2026, 7, 10)):
        sign_in_as(client_request, PHONE)
        page = client_request.get("care.hospital", application_id=application_id)
        assert page.select_one("h1").get_text(strip=True) == "哪一天出院？"
        before = client_request.post(
            "care.hospital",
            {"day": "2026-06-29"},
            _expected_status=200,
            application_id=application_id,
        )
        assert "出院的日期不能早于住院的日期" in text_of(client_request.parse(before))
        client_request.post("care.hospital", {"day": "2026-07-09"}, application_id=application_id)
        timeline = text_of(client_request.get("status.timeline", application_id=application_id))
    assert f"护理服务从 {long(date(2026, 7, 9))} 起恢复" in timeline
    assert events(app, "hospital_stay_reported", "discharge_reported") == [
        {"admitted_on": "2026-06-30", "pause_from": "2026-07-01", "source": "000:23(1)"},
        {
            "admitted_on": "2026-06-30",
            "discharged_on": "2026-07-09",
            "resume_on": "2026-07-09",
            "source": "000:23(1)",
        },
    ]


def test_outside_ningxia_a_hospital_stay_is_reported_without_a_made_up_date(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    application_id = in_care(app, client_request, "xinjiang")
    with at(date(2026, 7, 2)):
        sign_in_as(client_request, PHONE)
        page = text_of(client_request.get("care.hospital", application_id=application_id))
        assert "新疆维吾尔自治区的文件没有规定这一点" in page
        client_request.post("care.hospital", {"day": "2026-06-30"}, application_id=application_id)
        todo = text_of(client_request.get("status.timeline", application_id=application_id))
    assert "已经报告住院。出院以后请报告出院。" in todo
    assert events(app, "hospital_stay_reported") == [
        {"admitted_on": "2026-06-30", "pause_from": None, "source": None}
    ]


def test_suspended_benefits_resume_the_month_after_approval(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    application_id = in_care(app, client_request, "ningxia")
    staff = aftercare.staff_of(app, "ningxia")
    with app.app_context():
        from portal.models import StaffUser

        reviewer = db.session.get(StaffUser, staff.reviewer)
        assert reviewer is not None
        account = StaffAccount(reviewer.id, reviewer.username, reviewer.totp_secret)
        case_id = db.session.scalar(select(Case.id))
    with at(date(2026, 7, 6)):
        console = staff_signs_in(app, new_client(), account)
        console.act(case_id, "benefits_suspended", reason="no_basic_medical_insurance")
        sign_in_as(client_request, PHONE)
        timeline = client_request.get("status.timeline", application_id=application_id)
        assert "不享受基本医疗保险统筹待遇" in text_of(timeline)
        client_request.post(
            "care.resume", {"answer": "已经重新参加了基本医疗保险"}, application_id=application_id
        )
        client_request.get("care.resume", _expected_status=404, application_id=application_id)
        assert "已经重新参加了基本医疗保险" in text_of(
            console.get("staff_cases.case_file", case_id=case_id)
        )
    with at(date(2026, 7, 20)):
        console = staff_signs_in(app, new_client(), account)
        console.act(case_id, "benefits_resumed")
        sign_in_as(client_request, PHONE)
        timeline = text_of(client_request.get("status.timeline", application_id=application_id))
    assert f"待遇从 {long(date(2026, 8, 1))} 起恢复" in timeline
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case is not None and case.step is CaseStep.CARE
