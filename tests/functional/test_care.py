"""Care after approval: the person chooses a mode and an institution (000:18) and changes them,
the change taking effect when the region's document says (the month after in tianjin,
004:(五)); the specialist enters the care plan in the console (000:19); the person sends it
back with a request and confirms the revised one; then rates the institution (003:4(13))."""

from collections.abc import Callable
from datetime import date, datetime

import pytest
import time_machine
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.clock import CHINA
from portal.extensions import db
from portal.models import Case, CaseStep, Institution, InstitutionRating
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


def institution_id(app: Flask, region: str, offering: str, other_than: int | None = None) -> int:
    with app.app_context():
        for found in db.session.scalars(select(Institution).filter_by(region_code=region)):
            if offering in found.service_types and found.id != other_than:
                return found.id
    raise AssertionError(f"no {offering} institution in {region}")


def person_chooses(
    citizen: ClientRequest, application_id: int, mode: str, institution: int
) -> None:
    question = citizen.get("care.mode", application_id=application_id)
    assert question.select_one(f"input[name=mode][value={mode}]") is not None
    citizen.post("care.mode", {"mode": mode}, application_id=application_id)
    citizen.post(
        "care.institution", {"institution": str(institution)}, application_id=application_id
    )
    citizen.get("care.check", application_id=application_id)
    citizen.post("care.send", application_id=application_id)


def choice_of(app: Flask) -> dict[str, object]:
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case is not None
        return [e.data for e in case.events if e.kind.startswith("service_")][-1]


@pytest.mark.parametrize(
    ("region", "first", "then", "effective"),
    [
        # tianjin: a change of service mode counts from the month after (004:(五))
        ("tianjin", "institution", "home", date(2026, 7, 1)),
        # ningxia states no date for a change: "not stated", never tianjin's rule
        ("ningxia", "institution", "home", None),
    ],
)
def test_a_change_takes_effect_when_the_region_says(
    app: Flask,
    client_request: ClientRequest,
    roster: None,
    region: str,
    first: str,
    then: str,
    effective: date | None,
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, region, PHONE, DELIVERED)
    with at(date(2026, 6, 3)):
        sign_in_as(client_request, PHONE)
        timeline = client_request.get("status.timeline", application_id=application_id)
        assert "选择护理机构" in text_of(timeline.select_one(".todo-panel"))
        chosen = institution_id(app, region, first)
        person_chooses(client_request, application_id, first, chosen)
        assert choice_of(app)["institution_id"] == chosen
    with at(date(2026, 6, 18)):
        sign_in_as(client_request, PHONE)
        changed = institution_id(app, region, then, other_than=chosen)
        client_request.post("care.mode", {"mode": then}, application_id=application_id)
        client_request.post(
            "care.institution", {"institution": str(changed)}, application_id=application_id
        )
        check = text_of(client_request.get("care.check", application_id=application_id))
        client_request.post("care.send", application_id=application_id)
        timeline = text_of(client_request.get("status.timeline", application_id=application_id))
    data = choice_of(app)
    assert data["institution_id"] == changed and data["mode_changed"] is True
    if effective is not None:
        assert data["effective_on"] == effective.isoformat()
        assert long(effective) in check and long(effective) in timeline
    else:
        assert data["effective_on"] is None
        assert "本地区的文件没有规定变更从哪一天起生效" in check
        assert "本地区的文件没有规定变更从哪一天起生效" in timeline


def test_a_care_plan_sent_back_is_revised_and_confirmed(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    roster: None,
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
        staff = aftercare.staff_of(app, "ningxia")
    specialist = StaffAccount(staff.specialist, "specialist.ningxia", None)
    with at(date(2026, 6, 3)):
        sign_in_as(client_request, PHONE)
        person_chooses(
            client_request, application_id, "home", institution_id(app, "ningxia", "home")
        )
        with app.app_context():
            case_id = db.session.scalar(select(Case.id))
        console = staff_signs_in(app, new_client(), specialist)
        queue = text_of(console.get("staff_cases.queue"))
        assert "马秀兰" in queue  # a care plan to write
        console.act(
            case_id,
            "care_plan_proposed",
            mode="home",
            visits_per_week=3,
            minutes_per_visit=60,
            carers=1,
            people=1,
            items="助浴、翻身",
        )
        plan = client_request.get("care.plan", application_id=application_id)
        assert "每周 3 次" in text_of(plan) and "60 分钟" in text_of(plan)
        plan_id = plan.select_one("form[action*=confirm]")["action"].split("/")[-2]
        empty = client_request.post(
            "care.return_plan",
            {"answer": ""},
            _expected_status=200,
            application_id=application_id,
            plan_event_id=plan_id,
        )
        assert "请写明希望怎样修改" in text_of(client_request.parse(empty))
        client_request.post(
            "care.return_plan",
            {"answer": "希望每周来 5 次"},
            application_id=application_id,
            plan_event_id=plan_id,
        )
        case_page = text_of(console.get("staff_cases.case_file", case_id=case_id))
        assert "希望每周来 5 次" in case_page
        console.act(
            case_id,
            "care_plan_proposed",
            mode="home",
            visits_per_week=5,
            minutes_per_visit=60,
            carers=1,
            people=1,
            items="助浴、翻身",
        )
        # The first plan cannot be confirmed any more: only the revised one.
        client_request.post(
            "care.confirm_plan", application_id=application_id, plan_event_id=plan_id
        )
        revised = client_request.get("care.plan", application_id=application_id)
        assert "每周 5 次" in text_of(revised) and "确认这个计划" in text_of(revised)
        revised_id = revised.select_one("form[action*=confirm]")["action"].split("/")[-2]
        client_request.post(
            "care.confirm_plan", application_id=application_id, plan_event_id=revised_id
        )
        timeline = client_request.get("status.timeline", application_id=application_id)
        assert "已完成" in text_of(timeline.select_one("[data-stage=care_plan]"))
        assert "马秀兰" not in text_of(console.get("staff_cases.queue"))
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case is not None and case.step is CaseStep.CARE
        kinds = [e.kind for e in case.events if e.kind.startswith("care_plan")]
    assert kinds == [
        "care_plan_proposed",
        "care_plan_returned",
        "care_plan_proposed",
        "care_plan_confirmed",
    ]


def test_people_receiving_care_rate_their_institution(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
        staff = aftercare.staff_of(app, "ningxia")
    home = institution_id(app, "ningxia", "home")
    with at(date(2026, 6, 3)):
        sign_in_as(client_request, PHONE)
        person_chooses(client_request, application_id, "home", home)
        client_request.get("care.rate", _expected_status=404, application_id=application_id)
        with app.app_context():
            case_id = db.session.scalar(select(Case.id))
        console = staff_signs_in(
            app, new_client(), StaffAccount(staff.specialist, "specialist.ningxia", None)
        )
        console.act(
            case_id,
            "care_plan_proposed",
            mode="home",
            visits_per_week=3,
            minutes_per_visit=60,
            carers=1,
            people=1,
        )
        plan = client_request.get("care.plan", application_id=application_id)
        plan_id = plan.select_one("form[action*=confirm]")["action"].split("/")[-2]
        client_request.post(
            "care.confirm_plan", application_id=application_id, plan_event_id=plan_id
        )
        stars = client_request.get("care.rate", application_id=application_id)
        assert len(stars.select("input[name=stars]")) == 5
        client_request.post("care.rate", {"stars": "4"}, application_id=application_id)
        client_request.post(
            "care.rate_comment", {"answer": "护理员很耐心"}, application_id=application_id
        )
        # Rating again replaces the first rating.
        client_request.post("care.rate", {"stars": "5"}, application_id=application_id)
        client_request.post("care.rate_comment", {"answer": ""}, application_id=application_id)
    directory = ClientRequest(new_client()).get("institutions.directory", region="ningxia")
    card = directory.select_one(f"[data-institution='{home}']")
    assert "5.0 星（1 人评价）" in text_of(card)
    with app.app_context():
        ratings = db.session.scalars(select(InstitutionRating)).all()
        assert [(r.stars, r.comment) for r in ratings] == [(5, "")]
