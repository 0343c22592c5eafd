"""One ningxia application from submission to its final conclusion, driven through the console
by each role in turn, with every date checked against the policy engine (POLICY.md §1, §3)."""

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
import time_machine
from babel.dates import format_date
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from portal.clock import CHINA
from portal.extensions import db
from portal.models import AccessLog, Case, CaseStep, StaffRole
from portal.policy import compute_deadline, default_calendar
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
    post_file,
)
from tests.functional.staff import StaffAccount, StaffClient, make_staff, staff_signs_in

REGION = "ningxia"
SUBMITTED = date(2026, 3, 2)  # a Monday


def long(day: date) -> str:
    return format_date(day, format="long", locale="zh")


def due(rule: str, start: date) -> date:
    return compute_deadline(REGION, rule, start).due


def working_days_left(today: date, until: date) -> int:
    return default_calendar().working_days_between(today, until)


class World:
    """The clock, and a fresh browser per person per day (sessions end overnight)."""

    def __init__(self, app: Flask, new_client: Callable[[], FlaskClient], clock: object) -> None:
        self.app, self.new_client, self.clock = app, new_client, clock
        self.staff: dict[str, StaffAccount] = {}

    def day(self, on: date, hour: int = 9) -> None:
        self.clock.move_to(datetime(on.year, on.month, on.day, hour, tzinfo=CHINA))  # type: ignore[attr-defined]

    @property
    def today(self) -> date:
        return datetime.now(CHINA).date()

    def as_staff(self, username: str) -> StaffClient:
        return staff_signs_in(self.app, self.new_client(), self.staff[username])

    def as_citizen(self) -> ClientRequest:
        citizen = ClientRequest(self.new_client())
        sign_in_as(citizen)
        return citizen

    def case(self) -> Case:
        with self.app.app_context():
            found = db.session.scalar(select(Case))
            assert found is not None
            db.session.expunge(found)
            return found


@pytest.fixture
def world(app: Flask, new_client: Callable[[], FlaskClient], roster: None) -> Iterator[World]:
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=CHINA), tick=False) as clock:
        world = World(app, new_client, clock)
        team = {
            "reviewer": (StaffRole.REVIEWER, False, ""),
            "specialist": (StaffRole.SPECIALIST, False, ""),
            "expert.a": (StaffRole.ASSESSOR, True, "康评评估中心"),
            "assessor.a": (StaffRole.ASSESSOR, False, "康评评估中心"),
            "expert.b": (StaffRole.ASSESSOR, True, "安和评估所"),
            "expert.b2": (StaffRole.ASSESSOR, True, "安和评估所"),
            "expert.c": (StaffRole.ASSESSOR, True, "石嘴山评估站"),
            "expert.c2": (StaffRole.ASSESSOR, True, "石嘴山评估站"),
        }
        for username, (role, expert, organisation) in team.items():
            world.staff[username] = make_staff(
                app, username, role, expert=expert, organisation=organisation
            )
        yield world


def page_text(page: BeautifulSoup | None) -> str:
    assert page is not None
    return " ".join(page.get_text().split())


def citizen_submits(world: World) -> int:
    citizen = world.as_citizen()
    person_consents(citizen)
    person_adds(citizen)
    person_self_assesses(world.app, citizen, MA_XIULAN["name"])
    application_id = person_completes_application(world.app, citizen, MA_XIULAN["name"])
    citizen.post("apply.submit", application_id=application_id)
    return application_id


def queue_row(staff: StaffClient) -> str:
    rows = staff.get("staff_cases.queue").select("#queue tbody tr")
    return " ".join(rows[0].get_text().split())


def test_an_application_from_submission_to_its_final_conclusion(world: World) -> None:
    # --- day 0: submitted; the agency has 5 working days to answer (000:14)
    application_id = citizen_submits(world)
    case_id = world.case().id
    reviewer = world.as_staff("reviewer")
    review_due = due("acceptance_review", SUBMITTED)
    row = queue_row(reviewer)
    assert "待受理审核" in row
    assert f"还剩 {working_days_left(SUBMITTED, review_due)} 个工作日" in row
    assert long(review_due) in row
    page = reviewer.get("staff_cases.case_file", case_id=case_id)
    assert "640****0022" in page_text(page) and "640104194403120022" not in str(page)

    # The reviewer asks for what is missing, in one complete list.
    refused = reviewer.act(case_id, "materials_requested", _expected_status=200)
    assert "请至少选一项缺少的材料" in page_text(refused)
    reviewer.act(case_id, "materials_requested", codes="medical_records", other="户口本复印件")
    assert world.case().step is CaseStep.MATERIALS_REQUESTED

    # --- day 1: the applicant answers in place; the review starts again from today
    world.day(date(2026, 3, 3))
    citizen = world.as_citizen()
    page = citizen.get("apply.confirmation", application_id=application_id)
    assert "户口本复印件" in page_text(page)
    citizen.post("requested.send", application_id=application_id)  # nothing uploaded yet
    assert world.case().step is CaseStep.MATERIALS_REQUESTED
    for key, content, name in (
        ("medical_records", files.pdf(), "出院记录.pdf"),
        ("other_0", files.photo_with_location(), "户口本.jpg"),
    ):
        response = post_file(
            citizen,
            f"/apply/{application_id}/requested-materials",
            content,
            name,
            file_field=f"{key}-document",
            material_code=key,
        )
        assert response.status_code == 303
    citizen.post("requested.send", application_id=application_id)
    assert world.case().step is CaseStep.SUBMITTED
    received = date(2026, 3, 3)
    reviewer = world.as_staff("reviewer")
    page = reviewer.get("staff_cases.case_file", case_id=case_id)
    assert long(due("acceptance_review", received)) in page_text(page)

    # The reviewer opens each file through the viewer (logged) and accepts.
    links = [a["href"] for a in page.select("a[href*='/files/']")]
    assert len(links) >= 3
    served = []
    for link in links:
        response = reviewer.client.get(link)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
        served.append(response.get_data())
    # The viewer hands out the files themselves; the database holds none of them in plain.
    assert all(content.startswith((b"%PDF", b"\xff\xd8\xff")) for content in served)
    with world.app.app_context():
        raws = db.session.scalars(text("SELECT content FROM uploads WHERE content IS NOT NULL"))
        stored = [bytes(raw) for raw in raws]
    assert not any(content[:64] in raw for content in served for raw in stored)
    world.day(date(2026, 3, 4))
    reviewer = world.as_staff("reviewer")
    reviewer.act(case_id, "accepted")
    delivery_due = due("conclusion_delivery", received)

    # --- the specialist schedules the visit: 2 assessors, 1 an expert (000:15(1))
    specialist = world.as_staff("specialist")
    row = queue_row(specialist)
    assert f"还剩 {working_days_left(world.today, delivery_due)} 个工作日" in row
    ids = {name: account.id for name, account in world.staff.items()}
    page = specialist.act(
        case_id,
        "assessment_scheduled",
        _expected_status=200,
        visit_on="2026-03-06",
        assessors=[ids["assessor.a"]],
    )
    assert "至少要 2 名评估人员" in page_text(page)
    specialist.act(
        case_id,
        "assessment_scheduled",
        visit_on="2026-03-06",
        assessors=[ids["expert.a"], ids["assessor.a"], ids["expert.b2"]],
    )
    case_page = page_text(specialist.get("staff_cases.case_file", case_id=case_id))
    assert long(date(2026, 3, 6)) in case_page and "须有监护人或委托代理人在场" in case_page

    # Each assessor declares; one has a family tie and steps aside (回避).
    world.as_staff("expert.b2").act(case_id, "assessor_declared", tie="yes")
    for name in ("expert.a", "assessor.a"):
        world.as_staff(name).act(case_id, "assessor_declared", tie="no")

    # --- day 4: the visit; the assessor records the level, two experts confirm (000:15(2))
    world.day(date(2026, 3, 6))
    world.as_staff("assessor.a").act(
        case_id, "conclusion_recorded", level="4", qualifies="yes", summary="卧床，需全面照护"
    )
    world.as_staff("expert.a").act(case_id, "conclusion_confirmed")
    assert world.case().step is CaseStep.CONCLUSION_PROPOSED
    expert_b = world.as_staff("expert.b")
    expert_b.act(case_id, "assessor_declared", tie="no")
    expert_b.act(case_id, "conclusion_confirmed")
    assert world.case().step is CaseStep.CONCLUDED
    concluded = date(2026, 3, 6)

    # --- publicity for the region's period (000:15(3)); public, masked
    reviewer = world.as_staff("reviewer")
    refused = reviewer.act(case_id, "delivered", _expected_status=200, delivered_on="2026-03-06")
    assert "要先公示" in page_text(refused)
    reviewer.act(case_id, "publicity_started")
    publicity_end = due("publicity_end", concluded)
    public = ClientRequest(world.new_client())
    listing = public.get("publicity.index", region=REGION)
    text_of_listing = page_text(listing)
    assert "马*兰" in text_of_listing and "640****0022" in text_of_listing
    assert "马秀兰" not in text_of_listing and long(publicity_end) in text_of_listing

    # A third party objects under their real name; the agency checks and dismisses it.
    objection_url = listing.select_one("a[href$='/objection']")["href"]
    form = {
        "name": "王大伟",
        "id_number": "110105194912310029",
        "phone": "13911112222",
        "statement": "老人能自己下楼买菜",
    }
    response = public.client.post(objection_url, data={"csrf_token": public.csrf_token(), **form})
    assert response.status_code == 422 or "身份证号码不对" in response.get_data(as_text=True)
    form["id_number"] = "11010519491231002X"
    response = public.client.post(objection_url, data={"csrf_token": public.csrf_token(), **form})
    assert response.status_code == 303
    page = page_text(reviewer.get("staff_cases.case_file", case_id=case_id))
    assert "老人能自己下楼买菜" in page and "11010519491231002X" not in page
    objection_id = world_event_id(world, "third_party_objection")
    reviewer.act(
        case_id,
        "third_party_objection_ruled",
        objection_id=str(objection_id),
        upheld="no",
        note="走访邻居核实，不属实",
    )
    refused = reviewer.act(case_id, "delivered", _expected_status=200, delivered_on="2026-03-06")
    end = publicity_end
    assert f"公示期到 {end.year}年{end.month}月{end.day}日 为止" in page_text(refused)

    # --- the day after publicity ends: the letter is delivered; the objection window runs
    delivered = publicity_end + timedelta(days=1)
    world.day(delivered)
    reviewer = world.as_staff("reviewer")
    reviewer.act(case_id, "delivered", delivered_on=delivered.isoformat())
    assert world.case().step is CaseStep.DELIVERED
    letter = page_text(reviewer.get("staff_cases.letter", case_id=case_id))
    assert "重度失能Ⅱ级" in letter
    assert long(due("validity_end", concluded)) in letter
    assert long(due("benefit_start", delivered)) in letter
    assert long(due("objection", delivered)) in letter
    row = queue_row(reviewer)
    assert "异议期" in row and long(due("objection", delivered)) in row

    # --- the applicant objects in writing; the agency orders a re-evaluation (000:15(5))
    world.day(delivered + timedelta(days=2))
    reviewer = world.as_staff("reviewer")
    reviewer.act(
        case_id,
        "objection_filed",
        received_on=world.today.isoformat(),
        request="请求复评",
        facts="夜里需要翻身",
        reasons="评估时没有看到夜间情况",
        grounds="000:15(5)",
    )
    objection_panel = page_text(reviewer.get("staff_cases.case_file", case_id=case_id))
    assert "申请人的异议" in objection_panel and "夜里需要翻身" in objection_panel
    assert "晚于异议期" not in objection_panel  # filed in time
    reviewer.act(case_id, "re_evaluation_ordered")
    specialist = world.as_staff("specialist")
    visit = (world.today + timedelta(days=1)).isoformat()
    for first_round in ("expert.a", "expert.b"):  # the first assessment's people step aside
        page = specialist.act(
            case_id,
            "assessment_scheduled",
            _expected_status=200,
            visit_on=visit,
            assessors=[ids[first_round], ids["expert.c"]],
        )
        assert "须回避" in page_text(page)
    page = specialist.act(  # …and so does the first institution (安和评估所 confirmed it)
        case_id,
        "assessment_scheduled",
        _expected_status=200,
        visit_on=visit,
        assessors=[ids["expert.b2"], ids["expert.c"]],
    )
    assert "须回避" in page_text(page)
    specialist.act(
        case_id,
        "assessment_scheduled",
        visit_on=visit,
        assessors=[ids["expert.c"], ids["expert.c2"]],
    )
    world.day(world.today + timedelta(days=1))
    for name in ("expert.c", "expert.c2"):
        world.as_staff(name).act(case_id, "assessor_declared", tie="no")
    world.as_staff("expert.c").act(
        case_id, "conclusion_recorded", level="3", qualifies="yes", summary="复评"
    )
    world.as_staff("expert.c2").act(case_id, "conclusion_confirmed")
    assert world.case().step is CaseStep.RE_EVALUATED
    re_evaluated = world.today

    # --- the final conclusion is delivered the same way
    reviewer = world.as_staff("reviewer")
    reviewer.act(case_id, "delivered", delivered_on=re_evaluated.isoformat())
    assert world.case().step is CaseStep.FINAL
    letter = page_text(reviewer.get("staff_cases.letter", case_id=case_id))
    assert "重度失能Ⅰ级" in letter and "最终评估结论" in letter
    assert long(due("validity_end", re_evaluated)) in letter

    # One person, one file: everything in order.
    page = reviewer.get("staff_people.person_file", person_id=world_person(world))
    labels = [item.strong.get_text(strip=True) for item in page.select(".timeline li")]
    assert labels[:4] == ["提交申请", "要求补充材料", "补交材料", "受理"]
    order = [
        "安排上门评估",
        "专家确认结论",
        "开始公示",
        "第三人实名反映",
        "核实第三人反映",
        "送达结论书",
        "申请人提出异议",
        "决定复评",
    ]
    assert [label for label in dict.fromkeys(labels) if label in order] == order
    assert labels[-1] == "送达结论书"

    # Every look at the file was logged, and the database holds no plaintext ID number.
    with world.app.app_context():
        actions = set(
            db.session.scalars(select(AccessLog.action).where(AccessLog.staff_user_id.is_not(None)))
        )
        assert {"case_file", "material", "conclusion_letter", "person_file"} <= actions
        for id_number in ("640104194403120022", "11010519491231002X"):
            assert not database_contains(id_number)


def world_event_id(world: World, kind: str) -> int:
    from portal.models import CaseEvent

    with world.app.app_context():
        found = db.session.scalar(select(CaseEvent.id).filter_by(kind=kind))
        assert found is not None
        return found


def world_person(world: World) -> int:
    return world.case().insured_person_id


def database_contains(needle: str) -> bool:
    """Searches every text column of every table for the plain value."""
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.type.python_type is not str:
                continue
            query = text(f"SELECT 1 FROM {table.name} WHERE CAST({column.name} AS TEXT) LIKE :v")  # noqa: S608
            if db.session.execute(query, {"v": f"%{needle}%"}).first():
                return True
    return False
