"""Care after approval (POLICY.md §4): the person chooses a service mode and a designated
institution (000:18, 001:15, 002:15) and may change them; the LTC specialist enters the care
plan — type, frequency, duration, staffing (000:19, 001:16, 002:16) — which the person or
their agent confirms or sends back with a request."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from portal.cases.actors import CITIZEN, Actor
from portal.cases.dates import event_date
from portal.cases.engine import Change, TransitionRefused, events_of, last_event, transition
from portal.clock import china_date
from portal.extensions import db
from portal.models import Case, CaseEvent, CaseStep, Institution, StaffRole, utcnow
from portal.policy import RuleNotApplicable, Text, compute_deadline, load_profile

SPECIALIST = {StaffRole.SPECIALIST.value}
APPROVED = frozenset({CaseStep.DELIVERED, CaseStep.FINAL})
# Care goes on while an objection to the conclusion is handled (the person may want a higher
# level); each care transition checks for itself that the delivered conclusion qualifies.
CARE_STEPS = APPROVED | {
    CaseStep.CARE,
    CaseStep.OBJECTION,
    CaseStep.RE_EVALUATION,
    CaseStep.RE_EVALUATION_SCHEDULED,
    CaseStep.RE_EVALUATION_PROPOSED,
    CaseStep.RE_EVALUATED,
}
CHOICE_KINDS = ("service_chosen", "service_changed")
# The codes of Institution.service_types, and the region profile's names for them.
SERVICE_MODES = {
    "home": "home_care",
    "community": "community_care",
    "institution": "institutional_care",
}


def mode_name(region: str, mode: str) -> Text:
    """The region's own words for a service mode (000:17, 001:14, 002:14)."""
    wanted = SERVICE_MODES[mode]
    return next(t.name for t in load_profile(region).service_types if t.code == wanted)


def approved(case: Case) -> bool:
    """The conclusion last delivered qualifies for benefits (a re-evaluation's counts once
    its letter is delivered)."""
    delivered = last_event(case, "delivered")
    return delivered is not None and bool((delivered.data or {}).get("qualifies"))


def _check_approved(case: Case) -> None:
    if not approved(case):
        raise TransitionRefused(_("评估结论达到待遇享受条件、结论书送达以后，才能办理护理服务。"))


def check_in_care(case: Case) -> None:
    _check_approved(case)
    if service_choice(case) is None:
        raise TransitionRefused(_("请先选择护理方式和定点护理机构。"))


# ------------------------------------------------------------------ service mode and institution


@dataclass(frozen=True)
class ServiceChoice:
    mode: str
    institution_id: int
    institution_name: str
    chosen_on: date
    # A change: when it takes effect, where the region's document says (tianjin 004:(五)).
    effective_on: date | None
    effect_source: str | None
    changed: bool


def service_choice(case: Case) -> ServiceChoice | None:
    event = last_event(case, *CHOICE_KINDS)
    if event is None:
        return None
    data = event.data or {}
    effective = data.get("effective_on")
    return ServiceChoice(
        mode=str(data["mode"]),
        institution_id=int(data["institution_id"]),
        institution_name=str(data["institution_name"]),
        chosen_on=event_date(event),
        effective_on=date.fromisoformat(effective) if effective else None,
        effect_source=data.get("effect_source"),
        changed=event.kind == "service_changed",
    )


def change_effect(region: str, changed_on: date, mode_changed: bool) -> tuple[date, str] | None:
    """When a change of service mode takes effect (the month after in tianjin, 004:(五)), or
    None where the region's document does not say — or when only the institution changes,
    which no document dates."""
    if not mode_changed:
        return None
    try:
        deadline = compute_deadline(region, "service_mode_change", changed_on)
    except RuleNotApplicable:
        return None
    return deadline.due, deadline.source


def _institution(case: Case, mode: str, institution_id: int) -> Institution:
    if mode not in SERVICE_MODES:
        raise TransitionRefused(_("请选择一种护理方式。"), "mode")
    found = db.session.get(Institution, institution_id)
    if found is None or found.region_code != case.region_code:
        raise TransitionRefused(_("请从本地区的定点护理机构中选择。"), "institution")
    if mode not in found.service_types:
        raise TransitionRefused(_("这家机构不提供您选的护理方式，请另选一家。"), "institution")
    return found


@transition("service_chosen", from_steps=CARE_STEPS, by={CITIZEN})
def choose_service(
    case: Case, actor: Actor, *, mode: str, institution_id: int, at: datetime | None = None
) -> Change:
    """The person or their guardian or agent chooses freely (000:18); in xinjiang and
    heilongjiang the agency then dispatches the chosen institution (001:15, 002:15)."""
    _check_approved(case)
    if service_choice(case) is not None:
        raise TransitionRefused(_("已经选过了。要换护理方式或机构，请办理变更。"))
    institution = _institution(case, mode, institution_id)
    return Change(
        CaseStep.CARE if case.step in APPROVED else case.step,
        {"mode": mode, "institution_id": institution.id, "institution_name": institution.name},
    )


@transition("service_changed", from_steps=CARE_STEPS, by={CITIZEN})
def change_service(
    case: Case, actor: Actor, *, mode: str, institution_id: int, at: datetime | None = None
) -> Change:
    check_in_care(case)
    current = service_choice(case)
    institution = _institution(case, mode, institution_id)
    if current is not None and (current.mode, current.institution_id) == (mode, institution.id):
        raise TransitionRefused(_("这就是现在的护理方式和机构，没有变化。"), "institution")
    mode_changed = current is None or current.mode != mode
    effect = change_effect(case.region_code, china_date(at or utcnow()), mode_changed)
    return Change(
        case.step,
        {
            "mode": mode,
            "institution_id": institution.id,
            "institution_name": institution.name,
            "mode_changed": mode_changed,
            "effective_on": effect[0].isoformat() if effect else None,
            "effect_source": effect[1] if effect else None,
        },
    )


# ------------------------------------------------------------------ the care plan


@dataclass(frozen=True)
class CarePlan:
    event_id: int
    proposed_on: date
    mode: str
    visits_per_week: int
    minutes_per_visit: int
    carers: int
    people: int
    items: str
    answer: str  # "pending", "confirmed" or "returned"
    answered_on: date | None = None
    request: str = ""


def care_plans(case: Case) -> list[CarePlan]:
    """Every plan the specialist entered, oldest first, each with the person's answer."""
    answers: dict[int, CaseEvent] = {}
    for event in events_of(case, "care_plan_confirmed", "care_plan_returned"):
        answers[int((event.data or {})["plan_event_id"])] = event
    plans = []
    for event in events_of(case, "care_plan_proposed"):
        data: dict[str, Any] = event.data or {}
        answer = answers.get(event.id)
        plans.append(
            CarePlan(
                event_id=event.id,
                proposed_on=event_date(event),
                mode=str(data["mode"]),
                visits_per_week=int(data["visits_per_week"]),
                minutes_per_visit=int(data["minutes_per_visit"]),
                carers=int(data["carers"]),
                people=int(data["people"]),
                items=str(data.get("items", "")),
                answer=(
                    "pending"
                    if answer is None
                    else "confirmed"
                    if answer.kind == "care_plan_confirmed"
                    else "returned"
                ),
                answered_on=event_date(answer) if answer else None,
                request=str((answer.data or {}).get("request", "")) if answer else "",
            )
        )
    return plans


def current_plan(case: Case) -> CarePlan | None:
    plans = care_plans(case)
    return plans[-1] if plans else None


def pending_plan(case: Case) -> CarePlan | None:
    plan = current_plan(case)
    return plan if plan is not None and plan.answer == "pending" else None


@transition("care_plan_proposed", from_steps=CARE_STEPS, by=SPECIALIST)
def propose_care_plan(
    case: Case,
    actor: Actor,
    *,
    mode: str,
    visits_per_week: int,
    minutes_per_visit: int,
    carers: int,
    people: int,
    items: str = "",
    at: datetime | None = None,
) -> Change:
    """Agreed with the institution and the person (000:19); it starts once they confirm."""
    check_in_care(case)
    if mode not in SERVICE_MODES:
        raise TransitionRefused(_("请选择服务类型。"), "mode")
    if pending_plan(case) is not None:
        raise TransitionRefused(_("上一份护理服务计划还在等参保人确认。"))
    return Change(
        case.step,
        {
            "mode": mode,
            "visits_per_week": visits_per_week,
            "minutes_per_visit": minutes_per_visit,
            "carers": carers,
            "people": people,
            "items": items.strip(),
        },
    )


def needs_care_plan(case: Case) -> bool:
    """The specialist has a plan to write: care chosen, and no plan yet or the last sent back."""
    if not approved(case) or service_choice(case) is None:
        return False
    plan = current_plan(case)
    return plan is None or plan.answer == "returned"


def _pending(case: Case) -> CarePlan:
    plan = pending_plan(case)
    if plan is None:
        raise TransitionRefused(_("没有等您确认的护理服务计划。"))
    return plan


@transition("care_plan_confirmed", from_steps=CARE_STEPS, by={CITIZEN})
def confirm_care_plan(
    case: Case, actor: Actor, *, plan_event_id: int, at: datetime | None = None
) -> Change:
    plan = _pending(case)
    if plan.event_id != plan_event_id:
        raise TransitionRefused(_("护理服务计划刚刚改过，请看一下新的计划。"))
    return Change(case.step, {"plan_event_id": plan.event_id})


@transition("care_plan_returned", from_steps=CARE_STEPS, by={CITIZEN})
def return_care_plan(
    case: Case, actor: Actor, *, plan_event_id: int, request: str, at: datetime | None = None
) -> Change:
    plan = _pending(case)
    if plan.event_id != plan_event_id:
        raise TransitionRefused(_("护理服务计划刚刚改过，请看一下新的计划。"))
    if not request.strip():
        raise TransitionRefused(_("请写明希望怎样修改护理服务计划。"), "request")
    return Change(case.step, {"plan_event_id": plan.event_id, "request": request.strip()})
