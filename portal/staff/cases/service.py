"""Which cases a staff member sees, and their work queue: the working days left before each
statutory deadline, overdue first."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.cases import assessment, care
from portal.cases.dates import Clock, Period, running_clock, waiting_period
from portal.clock import china_today
from portal.extensions import db
from portal.models import AssessmentMember, Case, CaseStep, StaffRole, StaffUser, Upload
from portal.models.applications import ApplicationMaterial

OPEN_STEPS = frozenset(step for step in CaseStep if not step.closed and step is not CaseStep.FINAL)
# In care the specialist works only the cases that need a care plan (care.needs_care_plan);
# the reviewer sees suspended benefits (a resumption to decide), not every case in care.
CARE_STEPS = frozenset({CaseStep.CARE})
QUEUE_STEPS = {
    StaffRole.REVIEWER: OPEN_STEPS - CARE_STEPS,
    StaffRole.SPECIALIST: frozenset(
        {
            CaseStep.ACCEPTED,
            CaseStep.ASSESSMENT_SCHEDULED,
            CaseStep.CONCLUSION_PROPOSED,
            CaseStep.CONCLUDED,
            CaseStep.PUBLICITY,
            CaseStep.RE_EVALUATION,
            CaseStep.RE_EVALUATION_SCHEDULED,
            CaseStep.RE_EVALUATION_PROPOSED,
            CaseStep.RE_EVALUATED,
            *CARE_STEPS,
        }
    ),
    StaffRole.ASSESSOR: frozenset(assessment.ASSESSING),
}
CASE_ROLES = frozenset(QUEUE_STEPS)


def _in_region(user: StaffUser, query: Select[Any]) -> Select[Any]:
    return query if user.region_code is None else query.filter_by(region_code=user.region_code)


def can_view(user: StaffUser, case: Case) -> bool:
    """Only those who need the file see it (000:64, 001:51)."""
    if user.role not in CASE_ROLES or user.region_code not in (None, case.region_code):
        return False
    if user.role is not StaffRole.ASSESSOR:
        return True
    member = db.session.scalar(
        select(AssessmentMember.id).filter_by(case_id=case.id, staff_user_id=user.id)
    )
    expert_may_confirm = user.is_expert and case.step in (
        CaseStep.CONCLUSION_PROPOSED,
        CaseStep.RE_EVALUATION_PROPOSED,
    )
    return member is not None or expert_may_confirm


@dataclass(frozen=True)
class QueueItem:
    case: Case
    clock: Clock | None
    period: Period | None = None

    def sort_key(self) -> tuple[int, int, int]:
        """Overdue duties first, then by the working days a duty has left; a case that only
        waits out a period (ended or not) comes after every duty."""
        if self.clock is None or self.clock.days_left is None:
            return (2, 0, self.case.id)
        return (0 if self.clock.overdue else 1, self.clock.days_left, self.case.id)


def queue(
    user: StaffUser,
    region: str | None = None,
    district: str | None = None,
    today: date | None = None,
) -> list[QueueItem]:
    steps = QUEUE_STEPS.get(user.role, frozenset())
    query = _in_region(user, select(Case).where(Case.step.in_(steps)))
    if region:
        query = query.filter_by(region_code=region)
    if district:
        query = query.filter_by(district=district)
    query = query.options(
        selectinload(Case.events), selectinload(Case.application), selectinload(Case.insured_person)
    )
    cases: list[Case] = list(db.session.scalars(query))
    found = [case for case in cases if can_view(user, case) and _needs(user, case)]
    today = today or china_today()
    items = [
        QueueItem(case, running_clock(case, today), waiting_period(case, today)) for case in found
    ]
    return sorted(items, key=QueueItem.sort_key)


def _needs(user: StaffUser, case: Case) -> bool:
    if case.step in CARE_STEPS:
        return user.role is StaffRole.SPECIALIST and care.needs_care_plan(case)
    return True


def districts(user: StaffUser, region: str | None = None) -> list[str]:
    query = _in_region(user, select(Case))
    if region:
        query = query.filter_by(region_code=region)
    found = db.session.scalars(query.with_only_columns(Case.district).distinct())
    return sorted(d for d in found if d)


def files_of(case: Case) -> list[tuple[str, Upload]]:
    """Every file of the application: its materials and the power of attorney."""
    links = db.session.scalars(
        select(ApplicationMaterial).filter_by(application_id=case.application_id)
    )
    found = [(link.material_code, link.upload) for link in links]
    from portal.apply.service import representation_for

    power = representation_for(case.application).power_of_attorney_id
    if power and all(upload.id != power for _code, upload in found):
        upload = db.session.get(Upload, power)
        if upload is not None:
            found.append(("power_of_attorney", upload))
    return found


def file_of(case: Case, upload_id: int) -> tuple[str, Upload] | None:
    return next(((code, u) for code, u in files_of(case) if u.id == upload_id), None)
