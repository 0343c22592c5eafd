"""Demo cases at every step, so `make run` shows a living console (development only). The
roster people of the README (马秀兰, 阿依古丽·买买提) stay free for trying the citizen pages.

Each case is driven through the real transitions with back-dated moments, so its dates come
from the policy engine like any other case's: some are due soon, some are overdue.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PIL import Image
from sqlalchemy import select

from portal.cases import assessment, care, decisions, review, stays
from portal.cases.actors import Actor
from portal.clock import china_midnight, china_today
from portal.extensions import db
from portal.models import (
    Account,
    ActingAs,
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    Case,
    Institution,
    InsuredPerson,
    Relation,
    Representation,
    StaffUser,
)
from portal.policy import default_calendar, load_profile
from portal.uploads.service import store_upload

DISTRICTS = {"ningxia": ("金凤区", "兴庆区", "西夏区"), "xinjiang": ("天山区", "沙依巴克区")}


@dataclass
class Demo:
    """What one demo case needs: its people and a moment some working days ago."""

    region: str
    case: Case
    staff: dict[str, Actor]

    def at(self, working_days_ago: int, hour: int = 10) -> datetime:
        return china_midnight(working_day(-working_days_ago)) + timedelta(hours=hour)

    def day(self, working_days_ago: int) -> date:
        return working_day(-working_days_ago)

    def ids(self, *names: str) -> list[int]:
        return [self.staff[name].staff.id for name in names]  # type: ignore[union-attr]


def working_day(offset: int) -> date:
    """The working day ``offset`` working days from today (negative: before)."""
    calendar = default_calendar()
    day = china_today()
    step = 1 if offset > 0 else -1
    remaining = abs(offset)
    while remaining:
        day += timedelta(days=step)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def _staff(region: str) -> dict[str, Actor]:
    short = {"ningxia": "nx", "xinjiang": "xj"}[region]
    names = ("reviewer", "specialist", "expert.1", "assessor.1", "expert.2", "expert.3", "expert.4")
    found = {}
    for name in names:
        role, _, number = name.partition(".")
        username = f"{role}.{short}" + (f".{number}" if number else "")
        user = db.session.scalar(select(StaffUser).filter_by(username=username))
        if user is not None:
            found[name] = Actor.of_staff(user)
    return found


def _photo() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (600, 400), (230, 230, 220)).save(output, format="JPEG")
    return output.getvalue()


def _submitted(name: str, region: str, phone: str, days_ago: int) -> Case | None:
    person = db.session.scalar(select(InsuredPerson).filter_by(name=name))
    if person is None or db.session.scalar(select(Case.id).filter_by(insured_person_id=person.id)):
        return None
    account = db.session.scalar(select(Account).filter_by(phone=phone)) or Account(phone=phone)
    db.session.add(account)
    db.session.flush()
    db.session.add(
        Representation(
            account_id=account.id,
            insured_person_id=person.id,
            relation=Relation.SELF,
            acting_as=ActingAs.SELF,
        )
    )
    moment = china_midnight(working_day(-days_ago)) + timedelta(hours=9)
    application = Application(
        account_id=account.id,
        insured_person_id=person.id,
        region_code=region,
        status=ApplicationStatus.SUBMITTED,
        answers={
            "address": {"district": DISTRICTS[region][days_ago % len(DISTRICTS[region])]},
            "reason": {"text": "中风后卧床，吃饭穿衣都要人帮"},
        },
        submitted_at=moment,
        pledge_accepted_at=moment,
    )
    db.session.add(application)
    db.session.flush()
    prefix = load_profile(region).reference_prefix
    application.reference = f"{prefix}-{moment:%Y%m%d}-{application.id:05d}"
    for code in ("id_document", "medical_records"):
        upload = store_upload(account.id, f"{code}.jpg", _photo())
        db.session.flush()
        db.session.add(
            ApplicationMaterial(
                application_id=application.id, material_code=code, upload_id=upload.id
            )
        )
    case = review.open_case(application, Actor.of_citizen(account), at=moment)
    db.session.add(case)
    db.session.commit()
    return case


def _visit(demo: Demo, days_ago: int, *team: str) -> None:
    """Scheduled the working day before the visit (or this morning), declared on the day."""
    scheduled = demo.at(days_ago + 1) if days_ago > 0 else demo.at(0, 11)
    assessment.schedule(
        demo.case,
        demo.staff["specialist"],
        visit_on=demo.day(days_ago),
        assessor_ids=demo.ids(*team),
        at=scheduled,
    )
    for name in team:
        assessment.declare(demo.case, demo.staff[name], tie=False, at=demo.at(days_ago, 12))


def _conclude(demo: Demo, days_ago: int, level: int, *team: str) -> None:
    _visit(demo, days_ago, *team)
    recorder, confirmer = team
    assessment.record_conclusion(
        demo.case, demo.staff[recorder], level=level, qualifies=level >= 3, at=demo.at(days_ago, 15)
    )
    assessment.confirm(demo.case, demo.staff[confirmer], at=demo.at(days_ago, 16))


def _accepted(demo: Demo, days_ago: int) -> None:
    review.accept(demo.case, demo.staff["reviewer"], at=demo.at(days_ago))


Step = Callable[[Demo], None]


def _materials(demo: Demo) -> None:
    review.request_materials(
        demo.case,
        demo.staff["reviewer"],
        codes=["medical_records"],
        other=["近三个月的诊断证明"],
        note="出院记录看不清，请重新拍照。",
        at=demo.at(1),
    )


def _refused(demo: Demo) -> None:
    review.refuse(
        demo.case,
        demo.staff["reviewer"],
        reasons=["work_injury_care_allowance"],
        note="正在领取工伤保险生活护理费。",
        at=demo.at(2),
    )


def _scheduled(demo: Demo) -> None:
    _accepted(demo, 6)
    assessment.schedule(
        demo.case,
        demo.staff["specialist"],
        visit_on=working_day(1),
        assessor_ids=demo.ids("expert.1", "assessor.1"),
        at=demo.at(1),
    )
    assessment.declare(demo.case, demo.staff["expert.1"], tie=False, at=demo.at(1))


def _proposed(demo: Demo) -> None:
    _accepted(demo, 12)
    _visit(demo, 2, "assessor.1", "expert.1")
    assessment.record_conclusion(
        demo.case,
        demo.staff["assessor.1"],
        level=4,
        qualifies=True,
        summary="卧床，需要全面照护。",
        at=demo.at(2, 15),
    )
    assessment.confirm(demo.case, demo.staff["expert.1"], at=demo.at(1))


def _concluded_failed(demo: Demo) -> None:
    _accepted(demo, 15)
    _conclude(demo, 3, 1, "expert.1", "expert.4")


def _publicity(demo: Demo) -> None:
    _accepted(demo, 16)
    _conclude(demo, 5, 4, "expert.1", "expert.4")
    decisions.start_publicity(demo.case, demo.staff["reviewer"], at=demo.at(1))
    decisions.third_party_objects(
        demo.case,
        Actor.of_public(),
        name="王大伟",
        id_number="11010519491231002X",
        phone="13911112222",
        statement="老人上个月还自己去菜市场。",
        at=demo.at(0, 9),
    )


def _publicity_over(demo: Demo) -> None:
    _accepted(demo, 20)
    _conclude(demo, 10, 5, "expert.1", "expert.4")
    decisions.start_publicity(demo.case, demo.staff["reviewer"], at=demo.at(8))


def _delivered(demo: Demo) -> None:
    _publicity_over(demo)
    decisions.deliver(demo.case, demo.staff["reviewer"], delivered_on=demo.day(3), at=demo.at(3))


def _objection(demo: Demo) -> None:
    _delivered(demo)
    decisions.file_objection(
        demo.case,
        demo.staff["reviewer"],
        received_on=demo.day(1),
        request="请求复评",
        facts="夜里要翻身三次",
        reasons="评估在白天，没看到夜间情况",
        grounds="《宁夏回族自治区长期护理保险经办规程》第十五条",
        at=demo.at(1),
    )


def _re_evaluation(demo: Demo) -> None:
    _objection(demo)
    decisions.order_re_evaluation(demo.case, demo.staff["reviewer"], at=demo.at(0, 9))
    assessment.schedule(
        demo.case,
        demo.staff["specialist"],
        visit_on=working_day(2),
        assessor_ids=demo.ids("expert.2", "expert.3"),
        at=demo.at(0, 11),
    )


def _accepted_today(demo: Demo) -> None:
    _accepted(demo, 0)


def _re_evaluated(demo: Demo) -> None:
    """Re-evaluated today: the final conclusion waits to be delivered."""
    _objection(demo)
    decisions.order_re_evaluation(demo.case, demo.staff["reviewer"], at=demo.at(0, 9))
    _visit(demo, 0, "expert.2", "expert.3")
    assessment.record_conclusion(
        demo.case, demo.staff["expert.2"], level=5, qualifies=True, at=demo.at(0, 15)
    )
    assessment.confirm(demo.case, demo.staff["expert.3"], at=demo.at(0, 16))


def _final(demo: Demo) -> None:
    _accepted(demo, 40)
    _conclude(demo, 30, 3, "expert.1", "expert.4")
    decisions.start_publicity(demo.case, demo.staff["reviewer"], at=demo.at(29))
    decisions.deliver(demo.case, demo.staff["reviewer"], delivered_on=demo.day(20), at=demo.at(20))
    decisions.file_objection(
        demo.case,
        demo.staff["reviewer"],
        received_on=demo.day(18),
        request="请求复评",
        at=demo.at(18),
    )
    decisions.order_re_evaluation(demo.case, demo.staff["reviewer"], at=demo.at(17))
    _visit(demo, 10, "expert.2", "expert.3")
    assessment.record_conclusion(
        demo.case, demo.staff["expert.2"], level=4, qualifies=True, at=demo.at(10, 15)
    )
    assessment.confirm(demo.case, demo.staff["expert.3"], at=demo.at(10, 16))
    decisions.deliver(demo.case, demo.staff["reviewer"], delivered_on=demo.day(8), at=demo.at(8))


def _in_care(demo: Demo) -> None:
    """Home care chosen after the letter; the specialist's care plan waits for the person."""
    _delivered(demo)
    account = db.session.get(Account, demo.case.application.account_id)
    home = db.session.scalar(
        select(Institution.id).filter_by(region_code=demo.region, district="兴庆区")
    )
    if account is None or home is None:
        return
    care.choose_service(
        demo.case, Actor.of_citizen(account), mode="home", institution_id=home, at=demo.at(2)
    )
    care.propose_care_plan(
        demo.case,
        demo.staff["specialist"],
        mode="home",
        visits_per_week=3,
        minutes_per_visit=90,
        carers=1,
        people=1,
        items="助浴、翻身、喂饭",
        at=demo.at(1),
    )


def _suspended(demo: Demo) -> None:
    """In care, then suspended by the agency (000:24.1); the person asks to resume."""
    _in_care(demo)
    account = db.session.get(Account, demo.case.application.account_id)
    plan = care.pending_plan(demo.case)
    if account is None or plan is None:
        return
    citizen = Actor.of_citizen(account)
    care.confirm_care_plan(demo.case, citizen, plan_event_id=plan.event_id, at=demo.at(1, 15))
    stays.suspend(
        demo.case, demo.staff["reviewer"], reason="not_at_contracted_institution", at=demo.at(0, 9)
    )
    stays.request_resumption(
        demo.case, citizen, statement="已经回到签约的护理机构接受服务。", at=demo.at(0, 10)
    )


# (person, region, citizen's phone, working days since submission, what happened since)
CASES: tuple[tuple[str, str, str, int, Step | None], ...] = (
    ("马玉梅", "ningxia", "13900000001", 1, None),
    ("杨德福", "ningxia", "13900000002", 7, None),  # the review is overdue
    ("丁秀英", "ningxia", "13900000003", 3, _materials),
    ("海生贵", "ningxia", "13900000004", 4, _refused),
    ("金凤兰", "ningxia", "13900000005", 8, _scheduled),
    ("马占福", "ningxia", "13900000006", 14, _proposed),
    ("苏桂芳", "ningxia", "13900000007", 17, _concluded_failed),
    ("冯有才", "ningxia", "13900000008", 18, _publicity),
    ("白淑琴", "ningxia", "13900000009", 22, _delivered),
    ("田志强", "ningxia", "13900000010", 22, _objection),
    ("罗秀珍", "ningxia", "13900000011", 22, _re_evaluation),
    ("周桂兰", "ningxia", "13900000012", 42, _final),
    ("李凤英", "ningxia", "13900000015", 2, _accepted_today),
    ("张福德", "ningxia", "13900000016", 22, _re_evaluated),
    ("买买提·艾力", "xinjiang", "13900000013", 2, None),
    ("帕提古丽·吾买尔", "xinjiang", "13900000014", 18, _publicity),
    ("马桂花", "ningxia", "13900000017", 24, _in_care),
    ("马福贵", "ningxia", "13900000018", 24, _suspended),
)


def add_demo_cases() -> None:
    """Adds the demo cases whose people have none yet."""
    for name, region, phone, days_ago, happened in CASES:
        staff = _staff(region)
        case = _submitted(name, region, phone, days_ago)
        if case is None or happened is None:
            continue
        happened(Demo(region, case, staff))
