"""Due dates of the periods in POLICY.md §3, counted as the Civil Code says.

- The starting day is never counted (民法典 art. 201).
- N working days end on the N-th working day after the start.
- N months / years end on the corresponding day of the final month, or on that month's last
  day when it has no such day (民法典 art. 202): 2026-08-31 + 6 months = 2027-02-28.
- ``month_start`` periods (benefits, service-mode changes) begin on the first day of the
  month after the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from portal.policy.calendar import WorkdayCalendar, default_calendar
from portal.policy.errors import RuleNotApplicable, UnknownRule
from portal.policy.profiles import PERIOD_RULES, Period, PeriodUnit, RegionProfile, load_profile


@dataclass(frozen=True)
class Deadline:
    region: str
    rule: str
    start: date
    due: date
    working_days: int | None
    provisional: bool  # depends on a year whose official holiday schedule is not yet known
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "rule": self.rule,
            "from": self.start.isoformat(),
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "provisional": self.provisional,
            "source": self.source,
        }


def add_months(start: date, months: int) -> date:
    """Corresponding day ``months`` later, clamped to the month's last day (民法典 art. 202)."""
    result: date = start + relativedelta(months=months)
    return result


def first_day_of_month_after(start: date, months: int = 1) -> date:
    return add_months(start.replace(day=1), months)


def _advance(start: date, count: int, unit: PeriodUnit, calendar: WorkdayCalendar) -> date:
    if unit == "working_days":
        return calendar.add_working_days(start, count)
    if unit == "days":
        return start + timedelta(days=count)
    if unit == "months":
        return add_months(start, count)
    if unit == "years":
        return add_months(start, 12 * count)
    return first_day_of_month_after(start, count)


def compute_deadline(
    region: str | RegionProfile,
    rule: str,
    start: date,
    *,
    extended: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """Due date of ``rule`` in ``region`` for an event on ``start``.

    ``start`` is the date of the event the period runs from (``Period.runs_from``: for the
    xinjiang objection that is the publicity start, for ningxia the delivery of the letter).
    ``extended`` applies the region's extension for complex cases (xinjiang 001:8).

    Raises ``UnknownRule`` for a rule no profile knows, and ``RuleNotApplicable`` when no
    document sets the period for this region and there is no national default — the portal
    must then say "not stated" rather than show a guessed date.
    """
    if rule not in PERIOD_RULES:
        raise UnknownRule(rule, PERIOD_RULES)
    profile = load_profile(region) if isinstance(region, str) else region
    period = profile.period(rule)
    if period.count is None or period.unit is None:
        raise RuleNotApplicable(
            profile.code, rule, "no document sets this period and there is no national default"
        )
    calendar = calendar or default_calendar()
    due = _advance(start, period.count, period.unit, calendar)
    source = period.source
    provisional = period.unit == "working_days" and calendar.any_provisional(start, due)
    if extended:
        due, source, extra_provisional = _extend(profile, period, due, calendar)
        provisional = provisional or extra_provisional
    return Deadline(
        region=profile.code,
        rule=rule,
        start=start,
        due=due,
        working_days=period.count if period.unit == "working_days" else None,
        provisional=provisional,
        source=source,
    )


def _extend(
    profile: RegionProfile, period: Period, due: date, calendar: WorkdayCalendar
) -> tuple[date, str, bool]:
    extension = period.extension
    if extension is None:
        raise RuleNotApplicable(profile.code, period.rule, "no extension is allowed")
    # "延期30日" extends the original time limit, so the extra days run from the original due date.
    extended_due = _advance(due, extension.count, extension.unit, calendar)
    provisional = extension.unit == "working_days" and calendar.any_provisional(due, extended_due)
    source = period.source
    if extension.source not in source.split("; "):
        source = f"{source}; {extension.source}"
    return extended_due, source, provisional
