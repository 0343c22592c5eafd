"""Reassessment on request (重新评估, 000:15(6)): both conditions and the earliest date shown
first; asked before the conclusion is 6 months old, it is warned with that date and still
sent, as a new case the console works like the first (the agency decides)."""

from collections.abc import Callable
from datetime import date, datetime

import time_machine
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.clock import CHINA
from portal.extensions import db
from portal.models import Application, ApplicationMaterial, Case, CaseStep
from tests import files
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.journey import post_file
from tests.functional.staff import StaffAccount, staff_signs_in

PHONE = "13800138000"
DELIVERED = date(2026, 6, 1)


def long(day: date) -> str:
    return format_date(day, format="long", locale="zh")


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


def at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA), tick=False)


def test_an_early_reassessment_is_warned_with_the_date_and_still_sent(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
    # Concluded on the visit, 2026-04-28 (aftercare.approved_case): 6 months later, 民法典 202.
    earliest = date(2026, 10, 28)
    with at(date(2026, 8, 3)):
        sign_in_as(client_request, PHONE)
        start = client_request.get("reassessment.start", application_id=application_id)
        warning = text_of(start.select_one(".warning-panel"))
        assert long(earliest) in warning and "仍然可以现在提交" in warning
        conditions = [text_of(li) for li in start.select("ol.steps li")]
        assert len(conditions) == 2 and "6个月" in conditions[1].replace(" ", "")
        missing = client_request.post(
            "reassessment.change",
            {"answer": ""},
            _expected_status=200,
            application_id=application_id,
        )
        assert "请写明身体状况有什么变化" in text_of(client_request.parse(missing))
        client_request.post(
            "reassessment.change",
            {"answer": "七月摔伤，现在卧床不起"},
            application_id=application_id,
        )
        post_file(
            client_request,
            f"/applications/{application_id}/reassessment/evidence",
            files.photo_with_location(),
            "新诊断证明.jpg",
        )
        check = text_of(client_request.get("reassessment.check", application_id=application_id))
        assert long(earliest) in check and "新诊断证明.jpg" in check
        response = client_request.post("reassessment.send", application_id=application_id)
        again = client_request.post("reassessment.send", application_id=application_id)
        assert again.headers["Location"] == response.headers["Location"]
        new_timeline = client_request.get_url(response.headers["Location"])
    assert "提交申请" in text_of(new_timeline)
    staff = aftercare.staff_of(app, "ningxia")
    with app.app_context():
        from portal.models import StaffUser

        reviewer = db.session.get(StaffUser, staff.reviewer)
        assert reviewer is not None
        account = StaffAccount(reviewer.id, reviewer.username, reviewer.totp_secret)
        new_case_id = db.session.scalar(select(func.max(Case.id)))
    console = staff_signs_in(app, new_client(), account)
    case_page = text_of(console.get("staff_cases.case_file", case_id=new_case_id))
    assert "七月摔伤，现在卧床不起" in case_page and "重新评估的证明" in case_page
    with app.app_context():
        cases = db.session.scalars(select(Case).order_by(Case.id)).all()
        assert [c.step for c in cases] == [CaseStep.DELIVERED, CaseStep.SUBMITTED]
        request = next(e for e in cases[0].events if e.kind == "reassessment_requested")
        assert request.data["early"] is True and request.data["earliest"] == earliest.isoformat()
        assert request.data["new_case_id"] == cases[1].id
        new = db.session.get(Application, cases[1].application_id)
        assert new is not None and new.answers["reassessment"]["change"] == "七月摔伤，现在卧床不起"
        codes = set(
            db.session.scalars(
                select(ApplicationMaterial.material_code).filter_by(application_id=new.id)
            )
        )
        assert "reassessment_evidence" in codes


def test_the_reassessment_page_gives_the_validity_the_letter_states(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    stated = date(2027, 12, 31)
    with at(DELIVERED):
        application_id = aftercare.approved_case(
            app, "ningxia", PHONE, DELIVERED, valid_until=stated
        )
    with at(date(2026, 8, 3)):
        sign_in_as(client_request, PHONE)
        start = text_of(client_request.get("reassessment.start", application_id=application_id))
        uyghur = text_of(
            client_request.get("reassessment.start", application_id=application_id, lang="ug")
        )
    assert f"现在的评估结论有效期至 {long(stated)}。" in start and "最长" not in start
    assert "2027-يىلى 12-ئاينىڭ 31-كۈنىگىچە كۈچكە ئىگە" in uyghur
