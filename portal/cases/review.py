"""The acceptance review (受理审核, 000:14, 001:7, 002:7): the agency accepts, asks for the
missing materials in one complete list, or refuses with reasons from the region's rules. The
decision is the agency's: the reviewer who made it is recorded with it."""

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from portal.cases.actors import CITIZEN, Actor
from portal.cases.engine import Change, TransitionRefused, last_event, transition
from portal.models import (
    Application,
    ApplicationStatus,
    Case,
    CaseEvent,
    CaseStep,
    StaffRole,
    utcnow,
)
from portal.policy import load_profile

REVIEWER = StaffRole.REVIEWER.value


def open_case(application: Application, actor: Actor, at: datetime | None = None) -> Case:
    """A submitted application becomes a case at the step 'submitted'. The caller commits, in
    the same transaction as the submission."""
    answers = application.answers or {}
    case = Case(
        application_id=application.id,
        insured_person_id=application.insured_person_id,
        region_code=application.region_code,
        district=str(answers.get("address", {}).get("district", ""))[:64],
        step=CaseStep.SUBMITTED,
    )
    if at is not None:
        case.opened_at = case.updated_at = at
    case.events.append(
        CaseEvent(
            kind="submitted",
            step_before=None,
            step_after=CaseStep.SUBMITTED.value,
            account_id=actor.account.id if actor.account else None,
            **({"at": at} if at else {}),
        )
    )
    return case


@transition("withdrawn", from_steps={CaseStep.SUBMITTED}, by={CITIZEN})
def withdraw(case: Case, actor: Actor, *, at: datetime | None = None) -> Change:
    """The applicant takes it back (within minutes of submitting: portal/apply decides when)."""
    case.application.status = ApplicationStatus.WITHDRAWN
    case.application.withdrawn_at = at or utcnow()
    return Change(CaseStep.WITHDRAWN)


@transition("accepted", from_steps={CaseStep.SUBMITTED}, by={REVIEWER})
def accept(case: Case, actor: Actor, *, note: str = "", at: datetime | None = None) -> Change:
    return Change(CaseStep.ACCEPTED, {"note": note} if note else {})


@transition("materials_requested", from_steps={CaseStep.SUBMITTED}, by={REVIEWER})
def request_materials(
    case: Case,
    actor: Actor,
    *,
    codes: list[str],
    other: list[str] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Change:
    """One complete list: every missing item at once, as the portal's own practice."""
    known = {m.code for m in load_profile(case.region_code).materials}
    other = [item.strip() for item in other or [] if item.strip()]
    if not codes and not other:
        raise TransitionRefused(_("请至少选一项缺少的材料，或写明其他材料。"), "codes")
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise TransitionRefused(_("材料不在本地区的清单里。"), "codes")
    return Change(CaseStep.MATERIALS_REQUESTED, {"codes": codes, "other": other, "note": note})


def requested_items(case: Case) -> dict[str, Any]:
    event = last_event(case, "materials_requested")
    return dict(event.data or {}) if event else {}


@transition("materials_supplied", from_steps={CaseStep.MATERIALS_REQUESTED}, by={CITIZEN})
def supply_materials(
    case: Case, actor: Actor, *, uploads: dict[str, list[int]], at: datetime | None = None
) -> Change:
    """The applicant sends what was asked for; the review starts again from today."""
    asked = requested_items(case)
    other = asked.get("other", [])
    wanted = list(asked.get("codes", [])) + [f"other_{i}" for i in range(len(other))]
    missing = [key for key in wanted if not uploads.get(key)]
    if missing:
        raise TransitionRefused(_("还有材料没有上传，请每一项都上传以后再提交。"), missing[0])
    return Change(CaseStep.SUBMITTED, {"uploads": uploads})


@transition("refused", from_steps={CaseStep.SUBMITTED}, by={REVIEWER})
def refuse(
    case: Case, actor: Actor, *, reasons: list[str], note: str = "", at: datetime | None = None
) -> Change:
    """不予受理, with each reason from the region's rules (000:12, 001:6, 002:6)."""
    profile = load_profile(case.region_code)
    if not reasons:
        raise TransitionRefused(_("请至少选一个不予受理的理由。"), "reasons")
    if any(profile.refusal(code) is None for code in reasons):
        raise TransitionRefused(_("理由不在本地区的规定里。"), "reasons")
    return Change(CaseStep.REFUSED, {"reasons": reasons, "note": note})


@transition(
    "conclusion_deadline_extended",
    from_steps={
        CaseStep.ACCEPTED,
        CaseStep.ASSESSMENT_SCHEDULED,
        CaseStep.CONCLUSION_PROPOSED,
        CaseStep.CONCLUDED,
    },
    by={REVIEWER},
)
def extend_conclusion_deadline(
    case: Case, actor: Actor, *, reason: str, at: datetime | None = None
) -> Change:
    """Complex injuries or many diseases: 30 more days where the region allows it (001:8)."""
    period = load_profile(case.region_code).period("conclusion_delivery")
    if period.extension is None:
        raise TransitionRefused(_("本地区的规定没有延期的办法。"))
    if last_event(case, "conclusion_deadline_extended") is not None:
        raise TransitionRefused(_("这个案件已经延期过了。"))
    if not reason.strip():
        raise TransitionRefused(_("请写明延期的原因。"), "reason")
    return Change(case.step, {"reason": reason.strip()})
