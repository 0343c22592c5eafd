"""Reassessment on request (重新评估, 000:15(6), 001:8, 002:8(7)): the disability has changed
and no longer matches the conclusion, and the conclusion is at least 6 months old. An early
request is warned with the earliest date and still sent — the agency decides. It runs as the
first assessment did (000:15(6) "流程同第十五条"), so it opens a new case with the same
answers and materials, which the console then works like any other."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal.cases.actors import CITIZEN, Actor
from portal.cases.care import APPROVED
from portal.cases.dates import conclusion_on
from portal.cases.engine import Change, TransitionRefused, events_of, transition
from portal.cases.review import open_case
from portal.clock import china_date, china_today
from portal.extensions import db
from portal.models import (
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    Case,
    CaseStep,
    utcnow,
)
from portal.policy import Reassessment, load_profile, reassessment

EVIDENCE = "reassessment_evidence"
# Evidence for an earlier request belongs to that request, not to the new application.
REQUEST_EVIDENCE = frozenset({EVIDENCE, "objection_evidence"})
FROM_STEPS = APPROVED | {CaseStep.CARE, CaseStep.SUSPENDED}


def reassessment_cases(case: Case) -> list[Case]:
    ids = [int((e.data or {})["new_case_id"]) for e in events_of(case, "reassessment_requested")]
    return [found for i in ids if (found := db.session.get(Case, i)) is not None]


def open_reassessment(case: Case) -> Case | None:
    """The reassessment asked for and not yet closed, if any."""
    done = FROM_STEPS
    return next(
        (c for c in reassessment_cases(case) if not c.step.closed and c.step not in done), None
    )


@transition("reassessment_requested", from_steps=FROM_STEPS, by={CITIZEN})
def request_reassessment(
    case: Case,
    actor: Actor,
    *,
    change: str,
    evidence: list[int],
    at: datetime | None = None,
) -> Change:
    now = at or utcnow()
    if not change.strip():
        raise TransitionRefused(_("请写明身体状况有什么变化。"), "change")
    if open_reassessment(case) is not None:
        raise TransitionRefused(_("重新评估的申请已经交了，正在办理。"))
    timing = reassessment_timing(case, china_date(now))
    new_case = _new_case(case, actor, change.strip(), evidence, now)
    return Change(
        case.step,
        {
            "change": change.strip(),
            "evidence": evidence,
            "earliest": timing.earliest.isoformat() if timing else None,
            "early": timing is not None and timing.early,
            "new_case_id": new_case.id,
        },
    )


def reassessment_timing(case: Case, today: date | None = None) -> Reassessment | None:
    """The earliest day to ask (the conclusion 6 months old) and whether today is early,
    with both conditions in the region's words (000:15(6), 001:8, 002:8(7))."""
    concluded = conclusion_on(case)
    if concluded is None:
        return None
    return reassessment(case.region_code, concluded, requested_on=today or china_today())


def _new_case(case: Case, actor: Actor, change: str, evidence: list[int], now: datetime) -> Case:
    earlier = case.application
    application = Application(
        account_id=earlier.account_id,
        insured_person_id=earlier.insured_person_id,
        region_code=earlier.region_code,
        status=ApplicationStatus.SUBMITTED,
        answers={**earlier.answers, "reassessment": {"of_case": case.id, "change": change}},
        self_assessment_id=earlier.self_assessment_id,
        submitted_at=now,
    )
    db.session.add(application)
    db.session.flush()
    prefix = load_profile(application.region_code).reference_prefix
    application.reference = f"{prefix}-{china_date(now):%Y%m%d}-{application.id:05d}"
    links = db.session.scalars(
        select(ApplicationMaterial).filter_by(application_id=earlier.id)
    ).all()
    kept = [
        (link.material_code, link.upload_id)
        for link in links
        if link.material_code not in REQUEST_EVIDENCE
    ]
    for code, upload_id in kept + [(EVIDENCE, upload_id) for upload_id in dict.fromkeys(evidence)]:
        db.session.add(
            ApplicationMaterial(
                application_id=application.id, material_code=code, upload_id=upload_id
            )
        )
    new_case = open_case(application, actor, at=now)
    db.session.add(new_case)
    db.session.flush()
    return new_case
