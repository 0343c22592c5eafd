"""Due dates of the periods in POLICY.md §3, counted as the Civil Code says.

- The starting day is never counted (民法典 art. 201).
- N working days end on the N-th working day after the start.
- N months / years end on the corresponding day of the final month, or on that month's last
  day when it has no such day (民法典 art. 202): 2026-08-31 + 6 months = 2027-02-28.
- A period for doing something, counted in days, months or years, that ends on a statutory
  holiday ends on the day after the holiday (民法典 art. 203): xinjiang's 30-day extension
  from 2026-09-03 would end on Sat 2026-10-03, inside National Day, so it ends on 10-08.
- ``month_start`` periods (benefits, service-mode changes) begin on the first day of the
  month after the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from portal.policy.calendar import WorkdayCalendar, default_calendar
from portal.policy.documents import Citation, cite
from portal.policy.errors import RuleNotApplicable, UnknownRule
from portal.policy.profiles import PERIOD_RULES, Period, PeriodUnit, RegionProfile, load_profile

# Periods for doing something, to which art. 203 applies: the agency's review and delivery,
# the person's objection. A validity, a waiting time (the earliest reassessment), a
# publicity notice or the month benefits start in are not.
FOR_DOING_SOMETHING = frozenset({"acceptance_review", "conclusion_delivery", "objection"})
# Art. 203 speaks of days, months and years; a working-day period never ends on a holiday.
_CALENDAR_UNITS = frozenset({"days", "months", "years"})


@dataclass(frozen=True)
class Deadline:
    region: str
    rule: str
    start: date
    due: date
    working_days: int | None
    provisional: bool  # depends on a year whose official holiday schedule is not yet known
    source: str
    # The day the period would have ended, when art. 203 moved it past a statutory holiday.
    moved_from: date | None = None

    @property
    def citation(self) -> Citation:
        return cite(self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "rule": self.rule,
            "from": self.start.isoformat(),
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "provisional": self.provisional,
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "source": self.source,
            "citation": self.citation.to_dict(),
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


@dataclass(frozen=True)
class _End:
    due: date
    provisional: bool
    moved_from: date | None = None


def _end(rule: str, start: date, count: int, unit: PeriodUnit, calendar: WorkdayCalendar) -> _End:
    due = _advance(start, count, unit, calendar)
    if unit == "working_days":
        return _End(due, calendar.any_provisional(start, due))
    if rule not in FOR_DOING_SOMETHING or unit not in _CALENDAR_UNITS:
        return _End(due, provisional=False)
    moved = calendar.day_after_holiday(due)
    # Whether the last day is a holiday depends on that year's schedule.
    provisional = calendar.any_provisional(due, moved)
    return _End(moved, provisional, due if moved != due else None)


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

    Raises ``UnknownRule`` for a rule no profile knows, and ``RuleNotApplicable`` when the
    region's document does not state the period — the portal must then say "not stated"
    rather than show a guessed date.
    """
    if rule not in PERIOD_RULES:
        raise UnknownRule(rule, PERIOD_RULES)
    profile = load_profile(region) if isinstance(region, str) else region
    period = profile.period(rule)
    if period.count is None or period.unit is None or period.source is None:
        raise RuleNotApplicable(profile.code, rule, "the region's document does not state it")
    calendar = calendar or default_calendar()
    end = _end(rule, start, period.count, period.unit, calendar)
    source = period.source
    if extended:
        end, source = _extend(profile, period, end, calendar)
    return Deadline(
        region=profile.code,
        rule=rule,
        start=start,
        due=end.due,
        working_days=period.count if period.unit == "working_days" else None,
        provisional=end.provisional,
        source=source,
        moved_from=end.moved_from,
    )


def _extend(
    profile: RegionProfile, period: Period, end: _End, calendar: WorkdayCalendar
) -> tuple[_End, str]:
    extension = period.extension
    if extension is None or period.source is None:
        raise RuleNotApplicable(profile.code, period.rule, "no extension is allowed")
    # "延期30日" extends the original time limit, so the extra days run from the original due date.
    extended = _end(period.rule, end.due, extension.count, extension.unit, calendar)
    source = period.source
    parts = [part.strip() for part in source.split(";")]
    for part in extension.source.split(";"):
        if part.strip() not in parts:
            parts.append(part.strip())
    provisional = end.provisional or extended.provisional
    return _End(extended.due, provisional, extended.moved_from), "; ".join(parts)
