"""Cases moved along through the case services (no pages): for tests of the rules, and of what
staff and citizens see at a later step."""

from flask import Flask
from sqlalchemy import select

from portal.cases import assessment, review
from portal.cases.actors import Actor
from portal.clock import china_today
from portal.extensions import db
from portal.models import (
    Account,
    ActingAs,
    Application,
    ApplicationStatus,
    Case,
    InsuredPerson,
    Relation,
    Representation,
    StaffRole,
    StaffUser,
)
from tests.functional.staff import make_staff

# On the demo roster (the `roster` fixture).
PEOPLE = {"ningxia": "马秀兰", "xinjiang": "阿依古丽·买买提", "heilongjiang": "王淑珍"}
PHONE = "13800138000"


def case_team(app: Flask, region: str) -> dict[str, Actor]:
    """A reviewer and four expert assessors, two from each of two institutions (甲, 乙)."""
    made = {
        "reviewer": make_staff(app, f"reviewer.{region}", StaffRole.REVIEWER, region),
        "a1": make_staff(
            app, f"a1.{region}", StaffRole.ASSESSOR, region, expert=True, organisation="甲"
        ),
        "a2": make_staff(
            app, f"a2.{region}", StaffRole.ASSESSOR, region, expert=True, organisation="甲"
        ),
        "b1": make_staff(
            app, f"b1.{region}", StaffRole.ASSESSOR, region, expert=True, organisation="乙"
        ),
        "b2": make_staff(
            app, f"b2.{region}", StaffRole.ASSESSOR, region, expert=True, organisation="乙"
        ),
    }
    return {name: Actor.of_staff(db.session.get(StaffUser, a.id)) for name, a in made.items()}


def new_case(region: str, reference: str | None = None) -> Case:
    """A submitted application of the region's roster person, by the person themself."""
    person = db.session.scalar(select(InsuredPerson).filter_by(name=PEOPLE[region]))
    assert person is not None
    account = db.session.scalar(select(Account).filter_by(phone=PHONE))
    if account is None:
        account = Account(phone=PHONE)
        db.session.add(account)
        db.session.flush()
    if not db.session.scalar(
        select(Representation.id).filter_by(account_id=account.id, insured_person_id=person.id)
    ):
        db.session.add(
            Representation(
                account_id=account.id,
                insured_person_id=person.id,
                relation=Relation.SELF,
                acting_as=ActingAs.SELF,
            )
        )
    application = Application(
        account_id=account.id,
        insured_person_id=person.id,
        region_code=region,
        status=ApplicationStatus.SUBMITTED,
        answers={},
        reference=reference or f"T-{region}",
    )
    db.session.add(application)
    db.session.flush()
    case = review.open_case(application, Actor.of_citizen(account))
    db.session.add(case)
    db.session.commit()
    return case


def conclude(case: Case, team: dict[str, Actor], names: tuple[str, str], level: int = 4) -> None:
    """Schedules today, both declare, the first records, the second confirms."""
    assessment.schedule(
        case,
        team["reviewer"],
        visit_on=china_today(),
        assessor_ids=[team[n].staff.id for n in names],  # type: ignore[union-attr]
    )
    for name in names:
        assessment.declare(case, team[name], tie=False)
    assessment.record_conclusion(case, team[names[0]], level=level, qualifies=level >= 3)
    assessment.confirm(case, team[names[1]])
