"""`flask send-reminders` (and the daily job): people are reminded 3 working days before each
of their own dates — the last day to object, the assessment visit — and a few months before
their conclusion's validity ends; staff are alerted to statutory deadlines at risk.

Safe to run any number of times: each reminder has a key naming its event, and a key is
written once (portal/notifications/sender.py)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal.cases import dates
from portal.cases.care import approved
from portal.cases.reassessment import open_reassessment
from portal.clock import china_today
from portal.extensions import db
from portal.models import Account, Case, CaseStep, StaffUser
from portal.notifications.sender import notify
from portal.objection.service import state as objection_state
from portal.policy import add_months

REMIND_WORKING_DAYS = 3
# A reassessment takes up to 30 working days: the reminder leaves time to ask for one.
VALIDITY_NOTICE_MONTHS = 3
OBJECTION_STEPS = frozenset({CaseStep.PUBLICITY, CaseStep.DELIVERED, CaseStep.CARE})
VISIT_STEPS = frozenset({CaseStep.ASSESSMENT_SCHEDULED, CaseStep.RE_EVALUATION_SCHEDULED})
# The agency's own statutory deadlines; publicity is a minimum and objections are the person's.
STAFF_DEADLINES = frozenset({"acceptance_review", "conclusion_delivery"})


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    params: dict[str, Any]


def send_reminders(today: date | None = None) -> Counter[str]:
    """Returns how many of each kind were sent by this run."""
    today = today or china_today()
    sent: Counter[str] = Counter()
    open_cases = select(Case).where(Case.step.not_in([CaseStep.REFUSED, CaseStep.WITHDRAWN]))
    for case in db.session.scalars(open_cases.order_by(Case.id)).all():
        account = db.session.get(Account, case.application.account_id)
        if account is not None:
            for reminder in person_reminders(case, today):
                if notify(
                    account,
                    reminder.kind,
                    reminder.params,
                    key=reminder.key,
                    link=path_for("status.timeline", application_id=case.application_id),
                    case_id=case.id,
                ):
                    sent[reminder.kind] += 1
        if alerted := alert_staff(case, today):
            sent["deadline_at_risk"] += alerted
    return sent


def person_reminders(case: Case, today: date) -> list[Reminder]:
    name = case.insured_person.name
    found = []
    objection = objection_state(case, today)
    closes, window = objection.closes, objection.window
    if objection.possible and window and window.opens and closes and _within(closes, today):
        found.append(
            Reminder(
                "objection_closes",
                f"reminder:objection:{case.id}:{window.opens.isoformat()}",
                {"name": name, "closes": closes.isoformat()},
            )
        )
    planned = dates.visit(case)
    if case.step in VISIT_STEPS and planned is not None and _within(planned[0], today):
        found.append(
            Reminder(
                "visit_soon",
                f"reminder:visit:{case.id}:{planned[1]}:{planned[0].isoformat()}",
                {"name": name, "visit_on": planned[0].isoformat()},
            )
        )
    validity = dates.validity(case) if approved(case) else None
    if (
        validity is not None
        and add_months(validity.until, -VALIDITY_NOTICE_MONTHS) <= today <= validity.until
        and open_reassessment(case) is None
    ):
        found.append(
            Reminder(
                "validity_ends",
                f"reminder:validity:{case.id}:{validity.until.isoformat()}",
                {
                    "name": name,
                    "until": validity.until.isoformat(),
                    "at_most": validity.at_most,
                },
            )
        )
    return found


def _within(due: date, today: date) -> bool:
    return today <= due and dates.working_days_left(due, today) <= REMIND_WORKING_DAYS


def alert_staff(case: Case, today: date) -> int:
    from portal.staff.cases.service import QUEUE_STEPS, can_view

    clock = dates.running_clock(case, today)
    if clock is None or clock.rule not in STAFF_DEADLINES or clock.due is None:
        return 0
    if clock.days_left is None or clock.days_left > REMIND_WORKING_DAYS:
        return 0
    sent = 0
    staff = db.session.scalars(select(StaffUser).where(StaffUser.disabled_at.is_(None))).all()
    for user in staff:
        if case.step not in QUEUE_STEPS.get(user.role, ()) or not can_view(user, case):
            continue
        if notify(
            user,
            "deadline_at_risk",
            {
                "reference": case.application.reference or "",
                "rule": clock.rule,
                "due": clock.due.isoformat(),
                "days_left": str(clock.days_left),
            },
            key=f"at-risk:{clock.rule}:{case.id}:{clock.due.isoformat()}:{user.id}",
            link=path_for("staff_cases.case_file", case_id=case.id),
            case_id=case.id,
        ):
            sent += 1
    return sent


def path_for(endpoint: str, **values: object) -> str:
    """A page's path, inside a request or in a background job."""
    adapter = current_app.url_map.bind(
        "localhost", script_name=current_app.config["APPLICATION_ROOT"]
    )
    return str(adapter.build(endpoint, values))
