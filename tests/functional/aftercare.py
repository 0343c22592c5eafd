"""Cases after submission for the citizen's pages: a submitted application (made directly, the
application form has its own tests) and the staff steps driven through the real transitions
with back-dated moments, as portal/demo_cases.py does."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.cases import assessment, decisions, review
from portal.cases.actors import Actor
from portal.clock import china_midnight
from portal.extensions import db
from portal.models import (
    Account,
    Application,
    ApplicationStatus,
    Case,
    InsuredPerson,
    Relation,
    Representation,
    StaffRole,
    StaffUser,
)
from portal.policy import default_calendar
from tests.functional.staff import StaffAccount, StaffClient, make_staff, staff_signs_in

PEOPLE = {
    "ningxia": "马秀兰",
    "xinjiang": "阿依古丽·买买提",
    "heilongjiang": "王淑珍",
    "tianjin": "张桂英",
    "fuzhou": "陈美华",
}


def at(day: date, hour: int = 10) -> datetime:
    return china_midnight(day) + timedelta(hours=hour)


def working_days_before(day: date, count: int) -> date:
    calendar = default_calendar()
    while count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Staff:
    reviewer: int
    specialist: int
    experts: tuple[int, int]

    def actor(self, user_id: int) -> Actor:
        user = db.session.get(StaffUser, user_id)
        assert user is not None
        return Actor.of_staff(user)


def staff_of(app: Flask, region: str) -> Staff:
    """The region's reviewer, specialist and two experts (made once per test)."""
    names = {
        "reviewer": (StaffRole.REVIEWER, False),
        "specialist": (StaffRole.SPECIALIST, False),
        "expert.1": (StaffRole.ASSESSOR, True),
        "expert.2": (StaffRole.ASSESSOR, True),
    }
    ids = {}
    for name, (role, expert) in names.items():
        username = f"{name}.{region}"
        with app.app_context():
            found = db.session.scalar(select(StaffUser.id).filter_by(username=username))
        ids[name] = (
            found
            or make_staff(
                app, username, role, region, expert=expert, organisation=f"{region} 评估中心 {name}"
            ).id
        )
    return Staff(ids["reviewer"], ids["specialist"], (ids["expert.1"], ids["expert.2"]))


def console(app: Flask, client: FlaskClient, user_id: int) -> StaffClient:
    """The staff console, signed in as one of ``staff_of``'s people."""
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        assert user is not None
        account = StaffAccount(user.id, user.username, user.totp_secret)
    return staff_signs_in(app, client, account)


def submitted(app: Flask, region: str, phone: str, on: date, name: str | None = None) -> int:
    """An application submitted on ``on`` by the account of ``phone`` for the region's roster
    person (acting for themself); returns the application's id."""
    with app.app_context():
        person = db.session.scalar(select(InsuredPerson).filter_by(name=name or PEOPLE[region]))
        assert person is not None
        account = db.session.scalar(select(Account).filter_by(phone=phone)) or Account(phone=phone)
        db.session.add(account)
        db.session.flush()
        db.session.add(
            Representation(
                account_id=account.id, insured_person_id=person.id, relation=Relation.SELF
            )
        )
        moment = at(on, 9)
        application = Application(
            account_id=account.id,
            insured_person_id=person.id,
            region_code=region,
            status=ApplicationStatus.SUBMITTED,
            answers={"address": {"district": "一区"}},
            submitted_at=moment,
            pledge_accepted_at=moment,
        )
        db.session.add(application)
        db.session.flush()
        application.reference = f"T-{on:%Y%m%d}-{application.id:05d}"
        case = review.open_case(application, Actor.of_citizen(account), at=moment)
        db.session.add(case)
        db.session.commit()
        return application.id


def case_of(app: Flask, application_id: int) -> Case:
    found = db.session.scalar(select(Case).filter_by(application_id=application_id))
    assert found is not None
    return found


def accepted(app: Flask, application_id: int, on: date) -> None:
    with app.app_context():
        staff = staff_of(app, case_of(app, application_id).region_code)
        review.accept(case_of(app, application_id), staff.actor(staff.reviewer), at=at(on))


def visit_scheduled(app: Flask, application_id: int, on: date, visit_on: date) -> None:
    with app.app_context():
        case = case_of(app, application_id)
        staff = staff_of(app, case.region_code)
        assessment.schedule(
            case,
            staff.actor(staff.specialist),
            visit_on=visit_on,
            assessor_ids=list(staff.experts),
            at=at(on),
        )


def concluded(
    app: Flask, application_id: int, on: date, level: int = 4, valid_until: date | None = None
) -> None:
    """Both experts declare, one records the level (and the validity the letter states, if
    given), the other confirms, all on ``on``."""
    with app.app_context():
        case = case_of(app, application_id)
        staff = staff_of(app, case.region_code)
        first, second = (staff.actor(i) for i in staff.experts)
        for expert in (first, second):
            assessment.declare(case, expert, tie=False, at=at(on, 11))
        assessment.record_conclusion(
            case,
            first,
            level=level,
            qualifies=level >= 3,
            summary="",
            valid_until=valid_until,
            at=at(on, 15),
        )
        assessment.confirm(case, second, at=at(on, 16))


def publicised(app: Flask, application_id: int, on: date) -> None:
    with app.app_context():
        case = case_of(app, application_id)
        staff = staff_of(app, case.region_code)
        decisions.start_publicity(case, staff.actor(staff.reviewer), at=at(on))


def delivered(app: Flask, application_id: int, on: date) -> None:
    with app.app_context():
        case = case_of(app, application_id)
        staff = staff_of(app, case.region_code)
        decisions.deliver(case, staff.actor(staff.reviewer), delivered_on=on, at=at(on, 14))


def approved_case(
    app: Flask,
    region: str,
    phone: str,
    delivered_on: date,
    level: int = 4,
    valid_until: date | None = None,
) -> int:
    """A qualifying conclusion delivered on ``delivered_on``: submitted 30 working days before,
    accepted, visited, concluded and publicised in between."""
    submitted_on = working_days_before(delivered_on, 30)
    application_id = submitted(app, region, phone, submitted_on)
    accepted(app, application_id, working_days_before(delivered_on, 28))
    visit_on = working_days_before(delivered_on, 22)
    visit_scheduled(app, application_id, working_days_before(delivered_on, 25), visit_on)
    concluded(app, application_id, visit_on, level, valid_until)
    if level >= 3:
        publicised(app, application_id, working_days_before(delivered_on, 20))
    delivered(app, application_id, delivered_on)
    return application_id
