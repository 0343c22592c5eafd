"""Every date of a case, read from its events through the policy engine. Nothing here is
stored: change a region's profile or the holiday calendar and every date follows.

受理 (acceptance), from which both the review (5 working days) and the conclusion letter (30
working days) run (000:14, 000:15(3), 001:7, 001:8, 002:7, 002:8(4)), is read as the day the
agency received the complete application: the day it was submitted, or, after a request for
missing materials, the day the applicant sent them.
"""

from dataclasses import dataclass
from datetime import date

from portal.cases.engine import last_event
from portal.clock import china_date, china_today
from portal.models import Case, CaseEvent, CaseStep
from portal.policy import (
    BenefitStart,
    Deadline,
    ObjectionWindow,
    RuleNotApplicable,
    Validity,
    after_conclusion,
    compute_deadline,
    default_calendar,
    load_profile,
    re_evaluation_month,
)

RECEIVED = ("submitted", "materials_supplied")
CONCLUDING = (CaseStep.CONCLUDED.value, CaseStep.RE_EVALUATED.value)


def event_date(event: CaseEvent) -> date:
    return china_date(event.at)


def _date_of(case: Case, *kinds: str) -> date | None:
    event = last_event(case, *kinds)
    return event_date(event) if event else None


def _data_date(event: CaseEvent | None, key: str) -> date | None:
    value = (event.data or {}).get(key) if event else None
    return date.fromisoformat(value) if value else None


def received_on(case: Case) -> date:
    found = _date_of(case, *RECEIVED)
    return found or china_date(case.opened_at)


def _deadline(case: Case, rule: str, start: date | None, extended: bool = False) -> Deadline | None:
    """None when the event it runs from has not happened, or no document states the period."""
    if start is None:
        return None
    try:
        return compute_deadline(case.region_code, rule, start, extended=extended)
    except RuleNotApplicable:
        return None


def acceptance_review(case: Case) -> Deadline | None:
    return _deadline(case, "acceptance_review", received_on(case))


def accepted_on(case: Case) -> date | None:
    return _date_of(case, "accepted")


def conclusion_delivery(case: Case) -> Deadline | None:
    """30 working days from acceptance; xinjiang may extend complex cases by 30 days (001:8)."""
    if accepted_on(case) is None:
        return None
    extended = last_event(case, "conclusion_deadline_extended") is not None
    return _deadline(case, "conclusion_delivery", received_on(case), extended=extended)


def visit(case: Case) -> tuple[date, int] | None:
    """The scheduled visit's date and round (1: assessment, 2: re-evaluation)."""
    event = last_event(case, "assessment_scheduled")
    if event is None or event.data is None:
        return None
    return date.fromisoformat(event.data["visit_on"]), int(event.data["round"])


def conclusion_event(case: Case) -> CaseEvent | None:
    """The event that completed the latest conclusion (its second expert confirmation)."""
    done = [e for e in case.events if e.step_after in CONCLUDING and e.step_before != e.step_after]
    return done[-1] if done else None


def conclusion_on(case: Case) -> date | None:
    event = conclusion_event(case)
    return event_date(event) if event else None


def publicity_start(case: Case) -> date | None:
    return _date_of(case, "publicity_started")


def publicity_end(case: Case) -> Deadline | None:
    return _deadline(case, "publicity_end", publicity_start(case))


def publicity_period_stated(case: Case) -> bool:
    return load_profile(case.region_code).period("publicity_end").stated


def publicity_over(case: Case, today: date | None = None) -> bool:
    """The minimum publicity period has passed. Where the document states none, the agency
    ends it when it sees fit."""
    end = publicity_end(case)
    return end is None or (today or china_today()) > end.due


def delivered_on(case: Case) -> date | None:
    return _data_date(last_event(case, "delivered"), "delivered_on")


def objection_window(case: Case) -> ObjectionWindow | None:
    """The applicant's objection window, as the region's document words it: from delivery
    (ningxia 000:15(5); heilongjiang as the portal reads 002:8(6)) or the publicity period
    itself (xinjiang 001:8(1)5, which states none for a conclusion never publicised). None
    before the event it runs from."""
    started = publicity_start(case)
    try:
        return after_conclusion.objection_window(
            case.region_code,
            delivered_on=delivered_on(case),
            publicity_started_on=started,
            publicised=started is not None,
        )
    except ValueError:
        return None


def validity(case: Case) -> Validity | None:
    """Until the date the conclusion letter states (recorded with the conclusion), else at
    most until the document's limit (一般不超过2年)."""
    event = conclusion_event(case)
    if event is None:
        return None
    return after_conclusion.validity(
        case.region_code, event_date(event), letter_states=_data_date(event, "valid_until")
    )


def benefit_start(case: Case) -> BenefitStart | None:
    """The month after approval (ningxia 000:16, read as the letter's delivery) or after the
    conclusion (xinjiang 001:8(2)4); ``stated`` False where the document does not say."""
    try:
        return after_conclusion.benefit_start(
            case.region_code, approved_on=delivered_on(case), concluded_on=conclusion_on(case)
        )
    except ValueError:
        return None


def objection_received_on(case: Case) -> date | None:
    event = last_event(case, "objection_filed", "third_party_objection_ruled")
    if event is None:
        return None
    return _data_date(event, "received_on") or event_date(event)


def re_evaluation_batch(case: Case) -> date | None:
    """xinjiang: the first day of the month whose batch does the re-evaluation (001:8(1)5)."""
    received = objection_received_on(case)
    if received is None:
        return None
    return re_evaluation_month(load_profile(case.region_code), received)


def working_days_left(due: date, today: date | None = None) -> int:
    """Working days from today to the due date: 0 on the day itself, negative when overdue."""
    today = today or china_today()
    calendar = default_calendar()
    if due >= today:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


@dataclass(frozen=True)
class Clock:
    """The agency's statutory duty at the case's current step (the acceptance review, the
    conclusion letter's delivery): the deadline that can be overdue."""

    rule: str
    due: date | None  # None: the document does not state this period
    provisional: bool = False
    days_left: int | None = None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass(frozen=True)
class Period:
    """A period the case waits out at its current step: publicity, or the applicant's
    objection window. Nobody is late when it ends: the end of publicity lets the letter be
    delivered, and the end of the objection window closes it."""

    rule: str  # publicity_end | objection
    ends: date | None  # None: the document does not state this period
    provisional: bool = False
    days_left: int | None = None
    ended: bool = False


def running_clock(case: Case, today: date | None = None) -> Clock | None:
    rule, deadline = _duty(case)
    if rule is None:
        return None
    due = deadline.due if deadline else None
    days = working_days_left(due, today) if due else None
    return Clock(rule, due, bool(deadline and deadline.provisional), days)


def _duty(case: Case) -> tuple[str | None, Deadline | None]:
    step = case.step
    if step is CaseStep.SUBMITTED:
        return "acceptance_review", acceptance_review(case)
    if step in (
        CaseStep.ACCEPTED,
        CaseStep.ASSESSMENT_SCHEDULED,
        CaseStep.CONCLUSION_PROPOSED,
        CaseStep.CONCLUDED,
        CaseStep.PUBLICITY,  # the letter is due 30 working days from acceptance all the same
    ):
        return "conclusion_delivery", conclusion_delivery(case)
    return None, None


def waiting_period(case: Case, today: date | None = None) -> Period | None:
    """The period the case waits out at its current step, if any."""
    today = today or china_today()
    if case.step is CaseStep.PUBLICITY:
        end = publicity_end(case)
        return _period(
            "publicity_end", end.due if end else None, bool(end and end.provisional), today
        )
    if case.step is CaseStep.DELIVERED:
        window = objection_window(case)
        if window is None:
            return None
        return _period("objection", window.closes, window.provisional, today)
    return None


def _period(rule: str, ends: date | None, provisional: bool, today: date) -> Period:
    if ends is None:
        return Period(rule, None)
    return Period(rule, ends, provisional, working_days_left(ends, today), ended=today > ends)
