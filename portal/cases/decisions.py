"""After the conclusion: publicity (公示) of a qualifying conclusion, a third party's real-name
objection during it, delivery of the letter, the applicant's objection and the re-evaluation it
may lead to (000:15(3)(5), 001:8(1)3 and 5, 002:8(4)(6))."""

from datetime import date, datetime
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from portal.cases.actors import CITIZEN, PUBLIC, Actor
from portal.cases.dates import (
    conclusion_event,
    conclusion_on,
    objection_window,
    publicity_end,
    publicity_over,
)
from portal.cases.engine import Change, TransitionRefused, events_of, last_event, transition
from portal.clock import china_date
from portal.dates import day_text
from portal.models import Case, CaseEvent, CaseStep, StaffRole, utcnow
from portal.policy import Lateness, load_profile, objection_lateness

REVIEWER = {StaffRole.REVIEWER.value}
# The third party delivers the result in fuzhou (003:4(4)); the agency elsewhere.
DELIVERERS = {StaffRole.REVIEWER.value, StaffRole.SPECIALIST.value}


def conclusion(case: Case) -> dict[str, Any]:
    """The latest confirmed conclusion: round, level, qualifies, summary."""
    event = conclusion_event(case)
    return dict(event.data or {}) if event else {}


def publicity_round(case: Case) -> int:
    event = last_event(case, "publicity_started")
    return int((event.data or {}).get("round", 1)) if event else 1


@transition(
    "publicity_started", from_steps={CaseStep.CONCLUDED, CaseStep.RE_EVALUATED}, by=REVIEWER
)
def start_publicity(case: Case, actor: Actor, *, at: datetime | None = None) -> Change:
    found = conclusion(case)
    if not found.get("qualifies"):
        raise TransitionRefused(_("未达到待遇享受条件的结论不公示，请直接送达结论书。"))
    publicised_again = load_profile(case.region_code).re_evaluation.publicised_again
    if case.step is CaseStep.RE_EVALUATED and publicised_again is False:
        raise TransitionRefused(_("本地区的复评结论是最终结论，不再公示（001:8）。"))
    return Change(CaseStep.PUBLICITY, {"round": found.get("round", 1)})


def open_third_party_objections(case: Case) -> list[CaseEvent]:
    ruled = {
        (e.data or {}).get("objection_id") for e in events_of(case, "third_party_objection_ruled")
    }
    return [e for e in events_of(case, "third_party_objection") if e.id not in ruled]


def accepts_third_party_objections(case: Case, today: date) -> bool:
    """During the first publicity only: a re-evaluation's conclusion is final."""
    if case.step is not CaseStep.PUBLICITY or publicity_round(case) != 1:
        return False
    end = publicity_end(case)
    return end is None or today <= end.due


@transition("third_party_objection", from_steps={CaseStep.PUBLICITY}, by={PUBLIC})
def third_party_objects(
    case: Case,
    actor: Actor,
    *,
    name: str,
    id_number: str,
    phone: str,
    statement: str,
    at: datetime | None = None,
) -> Change:
    """A real-name objection during publicity (000:15(5), 001:8, 002:8(6))."""
    if not accepts_third_party_objections(case, china_date(at or utcnow())):
        raise TransitionRefused(_("这条公示已经结束，不能再在网上反映了。请打电话联系经办机构。"))
    return Change(
        CaseStep.PUBLICITY,
        {"name": name, "id_number": id_number, "phone": phone, "statement": statement},
    )


@transition("third_party_objection_ruled", from_steps={CaseStep.PUBLICITY}, by=REVIEWER)
def rule_third_party_objection(
    case: Case,
    actor: Actor,
    *,
    objection_id: int,
    upheld: bool,
    note: str,
    at: datetime | None = None,
) -> Change:
    """Basically true (基本属实): a re-evaluation is organised; otherwise publicity goes on."""
    if objection_id not in {e.id for e in open_third_party_objections(case)}:
        raise TransitionRefused(_("这条反映已经处理过了。"))
    if not note.strip():
        raise TransitionRefused(_("请写明核实的情况。"), "note")
    data = {"objection_id": objection_id, "upheld": upheld, "note": note.strip()}
    if upheld:
        received = china_date(at or utcnow())
        return Change(CaseStep.RE_EVALUATION, {**data, "received_on": received.isoformat()})
    return Change(CaseStep.PUBLICITY, data)


@transition(
    "delivered",
    from_steps={CaseStep.CONCLUDED, CaseStep.PUBLICITY, CaseStep.RE_EVALUATED},
    by=DELIVERERS,
)
def deliver(case: Case, actor: Actor, *, delivered_on: date, at: datetime | None = None) -> Change:
    """The letter reaches the person (or their guardian or agent); the objection window runs
    from this date where the region counts it from delivery."""
    today = china_date(at or utcnow())
    found = conclusion(case)
    concluded = conclusion_on(case)
    if delivered_on > today or (concluded is not None and delivered_on < concluded):
        raise TransitionRefused(_("送达日期要在结论作出以后、今天或以前。"), "delivered_on")
    if case.step is CaseStep.CONCLUDED and found.get("qualifies"):
        raise TransitionRefused(_("达到待遇享受条件的结论要先公示，公示无异议后再送达。"))
    if case.step is CaseStep.PUBLICITY:
        if open_third_party_objections(case):
            raise TransitionRefused(_("公示期间有人反映情况，请先核实处理。"))
        if not publicity_over(case, today):
            end = publicity_end(case)
            raise TransitionRefused(
                _(
                    "公示期到 %(date)s 为止，之后才能送达。",
                    date=day_text(end.due, str(get_locale()), ending="until") if end else "",
                )
            )
    final = int(found.get("round", 1)) == 2
    return Change(
        CaseStep.FINAL if final else CaseStep.DELIVERED,
        {"delivered_on": delivered_on.isoformat(), **found},
    )


@transition(
    "objection_filed",
    # Choosing care (portal/cases/care.py) does not end the window.
    from_steps={CaseStep.PUBLICITY, CaseStep.DELIVERED, CaseStep.CARE},
    by={*REVIEWER, CITIZEN},
)
def file_objection(
    case: Case,
    actor: Actor,
    *,
    received_on: date,
    request: str,
    facts: str = "",
    reasons: str = "",
    grounds: str = "",
    evidence: list[int] | None = None,
    at: datetime | None = None,
) -> Change:
    """The applicant's objection (异议). A late one is marked with the date the window closed
    and still filed: the agency decides (000:15(5) refuses late ones in ningxia)."""
    if case.step is CaseStep.PUBLICITY and publicity_round(case) != 1:
        raise TransitionRefused(_("复评结论是最终结论，不能再提出异议。"))
    if received_on > china_date(at or utcnow()):
        raise TransitionRefused(_("收到日期不能晚于今天。"), "received_on")
    if not request.strip():
        raise TransitionRefused(_("请写明复评请求。"), "request")
    window = objection_window(case)
    lateness = objection_lateness(window, received_on) if window else Lateness.NOT_STATED
    return Change(
        CaseStep.OBJECTION,
        {
            "received_on": received_on.isoformat(),
            "request": request.strip(),
            "facts": facts.strip(),
            "reasons": reasons.strip(),
            "grounds": grounds.strip(),
            "evidence": evidence or [],
            "lateness": lateness.value,
            "late": lateness in (Lateness.LATE, Lateness.MAY_BE_LATE),
            "window_due": window.closes.isoformat() if window and window.closes else None,
            "returns_to": case.step.value,
        },
    )


@transition("re_evaluation_ordered", from_steps={CaseStep.OBJECTION}, by=REVIEWER)
def order_re_evaluation(
    case: Case, actor: Actor, *, note: str = "", at: datetime | None = None
) -> Change:
    return Change(CaseStep.RE_EVALUATION, {"note": note.strip()} if note.strip() else {})


@transition("objection_declined", from_steps={CaseStep.OBJECTION}, by=REVIEWER)
def decline_objection(case: Case, actor: Actor, *, note: str, at: datetime | None = None) -> Change:
    """The agency does not accept it (for example late in ningxia, 000:15(5)); the case goes
    back where it was."""
    if not note.strip():
        raise TransitionRefused(_("请写明不受理异议的理由。"), "note")
    filed = last_event(case, "objection_filed")
    back = CaseStep((filed.data or {}).get("returns_to", "delivered")) if filed else None
    return Change(back or CaseStep.DELIVERED, {"note": note.strip()})
