"""Changes while in care (POLICY.md §4): a hospital stay reported by the person — care paused
from the day after admission and resumed on the day of discharge where the region's document
says so (ningxia 000:23(1); elsewhere the report is passed on and no date is made up) — and
benefits suspended by the agency and resumed, on the person's request or not (000:24)."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from portal.cases.actors import CITIZEN, Actor
from portal.cases.care import CARE_STEPS, check_in_care
from portal.cases.dates import conclusion_on
from portal.cases.engine import Change, TransitionRefused, last_event, transition
from portal.cases.reassessment import reassessment_cases
from portal.clock import china_date
from portal.models import Case, CaseStep, StaffRole, utcnow
from portal.policy.care import SUSPENSION_REASONS, hospital_stay, resumption, suspension

REVIEWER = {StaffRole.REVIEWER.value}


@dataclass(frozen=True)
class Stay:
    admitted_on: date
    pause_from: date | None  # None: the region's document does not say


def open_stay(case: Case) -> Stay | None:
    """A hospital stay reported and not yet ended by a discharge."""
    reported = last_event(case, "hospital_stay_reported", "discharge_reported")
    if reported is None or reported.kind != "hospital_stay_reported":
        return None
    data = reported.data or {}
    pause = data.get("pause_from")
    return Stay(
        date.fromisoformat(data["admitted_on"]), date.fromisoformat(pause) if pause else None
    )


def _day(value: date, at: datetime | None, field: str) -> None:
    if value > china_date(at or utcnow()):
        raise TransitionRefused(_("日期不能晚于今天。"), field)


@transition("hospital_stay_reported", from_steps=CARE_STEPS, by={CITIZEN})
def report_hospital_stay(
    case: Case, actor: Actor, *, admitted_on: date, at: datetime | None = None
) -> Change:
    check_in_care(case)
    _day(admitted_on, at, "day")
    if open_stay(case) is not None:
        raise TransitionRefused(_("上一次住院还没有报告出院。"), "day")
    rule = hospital_stay(case.region_code, admitted_on)
    return Change(
        case.step,
        {
            "admitted_on": admitted_on.isoformat(),
            "pause_from": rule.pause_from.isoformat() if rule.pause_from else None,
            "source": rule.source,
        },
    )


@transition("discharge_reported", from_steps=CARE_STEPS, by={CITIZEN})
def report_discharge(
    case: Case, actor: Actor, *, discharged_on: date, at: datetime | None = None
) -> Change:
    stay = open_stay(case)
    if stay is None:
        raise TransitionRefused(_("没有报告过住院。"))
    _day(discharged_on, at, "day")
    if discharged_on < stay.admitted_on:
        raise TransitionRefused(_("出院的日期不能早于住院的日期。"), "day")
    rule = hospital_stay(case.region_code, stay.admitted_on, discharged_on)
    return Change(
        case.step,
        {
            "admitted_on": stay.admitted_on.isoformat(),
            "discharged_on": discharged_on.isoformat(),
            "resume_on": rule.resume_on.isoformat() if rule.resume_on else None,
            "source": rule.source,
        },
    )


def suspension_reason(case: Case) -> str | None:
    event = last_event(case, "benefits_suspended")
    return (
        str((event.data or {}).get("reason")) if event and case.step is CaseStep.SUSPENDED else None
    )


@transition("benefits_suspended", from_steps={CaseStep.CARE}, by=REVIEWER)
def suspend(
    case: Case, actor: Actor, *, reason: str, note: str = "", at: datetime | None = None
) -> Change:
    """The agency suspends benefits in the cases the region's document lists (000:24.1)."""
    if suspension(case.region_code) is None:
        raise TransitionRefused(_("本地区的文件没有规定暂停待遇的情形。"))
    if reason not in SUSPENSION_REASONS:
        raise TransitionRefused(_("请选择暂停的原因。"), "reason")
    return Change(CaseStep.SUSPENDED, {"reason": reason, "note": note.strip()})


def resumption_requested(case: Case) -> bool:
    last = last_event(case, "benefits_suspended", "resumption_requested")
    return last is not None and last.kind == "resumption_requested"


@transition("resumption_requested", from_steps={CaseStep.SUSPENDED}, by={CITIZEN})
def request_resumption(
    case: Case, actor: Actor, *, statement: str, at: datetime | None = None
) -> Change:
    """Once the reason has gone, the person asks the agency to resume (000:24.2)."""
    if resumption_requested(case):
        raise TransitionRefused(_("恢复待遇的申请已经交了，经办机构正在审核。"))
    if not statement.strip():
        raise TransitionRefused(_("请写明暂停的原因怎样消除了。"), "answer")
    return Change(CaseStep.SUSPENDED, {"statement": statement.strip()})


@transition("benefits_resumed", from_steps={CaseStep.SUSPENDED}, by=REVIEWER)
def resume(case: Case, actor: Actor, *, note: str = "", at: datetime | None = None) -> Change:
    reason = suspension_reason(case) or ""
    reassessed = _reassessed_on(case) if reason == "refused_reassessment" else None
    if reason == "refused_reassessment" and reassessed is None:
        raise TransitionRefused(_("重新评估还没有达到待遇享受条件的结论，不能恢复。"))
    found = resumption(
        case.region_code, reason, approved_on=china_date(at or utcnow()), reassessed_on=reassessed
    )
    return Change(
        CaseStep.CARE,
        {
            "resume_from": found.starts_on.isoformat() if found.starts_on else None,
            "source": found.source,
            "note": note.strip(),
        },
    )


def _reassessed_on(case: Case) -> date | None:
    """The latest reassessment's conclusion, if it qualifies and is delivered."""
    from portal.cases.care import approved

    done = [c for c in reassessment_cases(case) if approved(c)]
    return conclusion_on(done[-1]) if done else None
