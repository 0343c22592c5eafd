"""The applicant's timeline: each stage with its date, or its statutory due date while it is
pending; what to do now; the validity as the conclusion letter states it, recorded in the
console (else "at most until", 000:15(2)); and every case page hidden from other accounts."""

from collections.abc import Callable
from datetime import date, datetime
from itertools import count

import pytest
import time_machine
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient

from portal.cases import review
from portal.clock import CHINA
from portal.policy import compute_deadline, default_calendar
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.journey import post_file

PHONE = "13800138000"


def long(day: date, locale: str = "zh") -> str:
    return format_date(day, format="long", locale=locale)


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


@pytest.fixture
def citizen(client_request: ClientRequest, roster: None) -> ClientRequest:
    return client_request


def test_a_pending_review_shows_its_statutory_due_date(app: Flask, citizen: ClientRequest) -> None:
    submitted_on = date(2026, 3, 2)
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.submitted(app, "ningxia", PHONE, submitted_on)
        sign_in_as(citizen, PHONE)
        page = citizen.get("status.timeline", application_id=application_id)
    review = page.select_one("[data-stage=review]")
    due = compute_deadline("ningxia", "acceptance_review", submitted_on).due
    assert "正在办" in text_of(review) and f"最晚 {long(due)}" in text_of(review)
    assert "暂定" not in text_of(review)  # 2026's holidays are published
    assert "现在您不用做什么" in text_of(page)


def test_a_due_date_in_a_year_whose_holidays_are_not_published_is_marked_provisional(
    app: Flask, citizen: ClientRequest
) -> None:
    calendar = default_calendar()
    year = next(y for y in count(2026) if calendar.is_provisional(y))
    # Two working days before New Year: the 5 working days of the review end in that year.
    submitted_on = aftercare.working_days_before(date(year, 1, 1), 2)
    opened_at = datetime(year - 1, 12, submitted_on.day, 10, tzinfo=CHINA)
    with time_machine.travel(opened_at, tick=False):
        application_id = aftercare.submitted(app, "ningxia", PHONE, submitted_on)
        sign_in_as(citizen, PHONE)
        page = citizen.get("status.timeline", application_id=application_id)
    review = page.select_one("[data-stage=review]")
    assert review is not None
    due = compute_deadline("ningxia", "acceptance_review", submitted_on).due
    assert due.year == year and f"最晚 {long(due)}" in text_of(review)
    mark = review.select_one(".case-timeline__due .tag")
    assert mark is not None and text_of(mark) == "暂定"
    note = review.select_one(".case-timeline__note")
    assert note is not None and "以国家正式公布的放假安排为准" in text_of(note)


def test_each_requested_item_takes_its_file_and_says_its_own_error(
    app: Flask, citizen: ClientRequest
) -> None:
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.submitted(app, "ningxia", PHONE, date(2026, 3, 2))
        with app.app_context():
            staff = aftercare.staff_of(app, "ningxia")
            review.request_materials(
                aftercare.case_of(app, application_id),
                staff.actor(staff.reviewer),
                codes=["medical_records"],
                other=["户口本复印件"],
            )
        sign_in_as(citizen, PHONE)
        url = f"/apply/{application_id}/requested-materials"
        empty = post_file(
            citizen, url, b"", "blank.jpg", "other_0-document", material_code="other_0"
        )
    page = citizen.parse(empty)
    assert empty.status_code == 200
    # The big camera and album buttons for each item, with ids of its own.
    ids = [box["id"] for box in page.select("input[type=file]")]
    assert len(ids) == 4 and len(set(ids)) == 4
    errors = page.select(".material .error-message:not([hidden])")
    assert [e.find_parent("li", class_="material")["id"] for e in errors] == ["material-other_0"]
    summary_link = page.select_one(".error-summary a")
    assert summary_link is not None and summary_link["href"] == "#other_0-document"


VISIT = date(2026, 3, 4)  # a Wednesday; the conclusion is made that day


def case_id_of(app: Flask, application_id: int) -> int:
    with app.app_context():
        return aftercare.case_of(app, application_id).id


@pytest.mark.parametrize("stated", [date(2027, 12, 31), None], ids=["letter_states", "not"])
def test_the_validity_the_letter_states_is_shown_plainly_else_at_most_until(
    app: Flask, new_client: Callable[[], FlaskClient], citizen: ClientRequest, stated: date | None
) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False) as clock:
        application_id = aftercare.submitted(app, "ningxia", PHONE, date(2026, 3, 2))
        aftercare.accepted(app, application_id, date(2026, 3, 2))
        aftercare.visit_scheduled(app, application_id, date(2026, 3, 2), VISIT)
        staff = aftercare.staff_of(app, "ningxia")
        case_id = case_id_of(app, application_id)

        # On the visit's day the experts declare, one records the conclusion in the console
        # with the validity the department set (or none), the other confirms it.
        clock.move_to(datetime(2026, 3, 4, 10, tzinfo=CHINA))
        first, second = (aftercare.console(app, new_client(), i) for i in staff.experts)
        for expert in (first, second):
            expert.act(case_id, "assessor_declared", tie="no")
        recorded = {"level": "4", "qualifies": "yes"}
        if stated:
            for typed, error in (
                ("2026-02-30", "这个日期不存在"),
                ("2026-03-04", "有效期至的日期要在结论作出的日期以后。"),
            ):
                page = first.act(case_id, "conclusion_recorded", 200, **recorded, valid_until=typed)
                field_error = page.select_one("#conclusion_recorded-valid_until-error")
                assert field_error is not None and error in field_error.get_text()
                assert error in page.select_one(".error-summary").get_text()
            recorded["valid_until"] = stated.isoformat()
        first.act(case_id, "conclusion_recorded", **recorded)
        if stated:  # the expert asked to confirm sees it
            proposed = text_of(second.get("staff_cases.case_file", case_id=case_id))
            assert f"有效期至 {long(stated)}。" in proposed
        second.act(case_id, "conclusion_confirmed")

    aftercare.publicised(app, application_id, VISIT)
    delivered_on = date(2026, 3, 10)  # ningxia's 3 working days of publicity are over
    aftercare.delivered(app, application_id, delivered_on)
    at_most = compute_deadline("ningxia", "validity_end", VISIT).due  # 2 years: 2028-03-04

    with time_machine.travel(datetime(2026, 3, 11, 10, tzinfo=CHINA), tick=False):
        sign_in_as(citizen, PHONE)
        stage = text_of(
            citizen.get("status.timeline", application_id=application_id).select_one(
                "[data-stage=validity]"
            )
        )
        uyghur = text_of(
            citizen.get("status.timeline", application_id=application_id, lang="ug").select_one(
                "[data-stage=validity]"
            )
        )
        specialist = aftercare.console(app, new_client(), staff.specialist)
        letter = text_of(specialist.get("staff_cases.letter", case_id=case_id).select_one("dl"))
        panel = specialist.get("staff_cases.case_file", case_id=case_id).select_one(
            "[aria-labelledby=dates-heading]"
        )
    if stated:
        assert long(stated) in stage and "评估结论书写明有效期至这一天" in stage
        assert "最长" not in stage and "依据" not in stage
        assert "2027-يىلى 12-ئاينىڭ 31-كۈنى" in uyghur and "شۇ كۈنگىچە" in uyghur
        assert "ئەڭ ئۇزۇن" not in uyghur
        assert "有效期至 2027年12月31日。" in letter and "最长到" not in letter
        assert f"结论有效期至 {long(stated)}" in text_of(panel)
    else:
        assert long(at_most) in stage and "有效期最长到这一天" in stage and "依据" in stage
        assert "ئەڭ ئۇزۇن" in uyghur
        assert "一般不超过 2 年，最长到 2028年3月4日" in letter and "有效期至" not in letter
        assert f"结论有效期最长到 {long(at_most)}" in text_of(panel)


def test_a_scheduled_visit_shows_its_date_and_that_a_guardian_or_agent_must_be_there(
    app: Flask, citizen: ClientRequest
) -> None:
    visit_on = date(2026, 3, 6)
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.submitted(app, "ningxia", PHONE, date(2026, 3, 2))
        aftercare.accepted(app, application_id, date(2026, 3, 3))
        aftercare.visit_scheduled(app, application_id, date(2026, 3, 3), visit_on)
        sign_in_as(citizen, PHONE)
        page = citizen.get("status.timeline", application_id=application_id)
    todo = text_of(page.select_one(".todo-panel"))
    assert f"{long(visit_on)} 评估人员上门。那天须有监护人或委托代理人在场。" in todo
    visit = text_of(page.select_one("[data-stage=visit]"))
    assert long(visit_on) in visit and "须有至少 1 名监护人或委托代理人在场" in visit
