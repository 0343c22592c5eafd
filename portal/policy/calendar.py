"""Working days in mainland China: weekends, statutory holidays and make-up working days (调休).

Where a year's schedule comes from, first match wins:

1. ``holiday_schedules/<year>.toml`` — the State Council's notice, added by staff (official);
2. the ``holidays`` library, for years whose official notice it already encodes (official);
3. otherwise the statutory holiday dates alone, no make-up days: the result is *provisional*
   and every deadline that depends on that year says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from holidays.countries.china import China, ChinaStaticHolidays

from portal.policy.errors import ProfileError

SCHEDULES_DIR = Path(__file__).parent / "holiday_schedules"
_SATURDAY = 5


def _last_official_library_year() -> int:
    # The library keeps each year's official 调休 swaps in this table; a year is in it only
    # once the State Council's notice for that year has been encoded.
    swaps: dict[int, Any] = getattr(ChinaStaticHolidays, "special_public_holidays", {})
    return max(swaps, default=0)


def _china(year: int, *, observed: bool) -> Any:
    # The library's constructor is not annotated; keep the untyped call in one place.
    factory: Any = China
    return factory(years=year, observed=observed)


@dataclass(frozen=True)
class YearSchedule:
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]  # weekend days that are working days (调休上班)
    official: bool
    source: str


class WorkdayCalendar:
    def __init__(self, schedules_dir: Path | None = None) -> None:
        self.schedules_dir = schedules_dir or SCHEDULES_DIR
        self._years: dict[int, YearSchedule] = {}

    def schedule(self, year: int) -> YearSchedule:
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def is_provisional(self, year: int) -> bool:
        return not self.schedule(year).official

    def is_working_day(self, day: date) -> bool:
        schedule = self.schedule(day.year)
        if day in schedule.workdays:
            return True
        return day.weekday() < _SATURDAY and day not in schedule.holidays

    def is_statutory_holiday(self, day: date) -> bool:
        schedule = self.schedule(day.year)
        return day in schedule.holidays and day not in schedule.workdays

    def day_after_holiday(self, day: date) -> date:
        """``day``, or, when it falls in a statutory holiday, the day after the holiday ends
        (民法典 art. 203). The holiday is the whole run of days off around a statutory day:
        2026-10-03 (a Saturday inside National Day) moves to Thu 2026-10-08. An ordinary
        weekend is no statutory holiday and moves nothing."""
        if self.is_working_day(day):
            return day
        first = last = day
        while not self.is_working_day(first - timedelta(days=1)):
            first -= timedelta(days=1)
        while not self.is_working_day(last + timedelta(days=1)):
            last += timedelta(days=1)
        run = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
        if any(self.is_statutory_holiday(d) for d in run):
            return last + timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start``; ``start`` itself is never counted."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )

    def any_provisional(self, start: date, end: date) -> bool:
        return any(self.is_provisional(year) for year in range(start.year, end.year + 1))

    def _load(self, year: int) -> YearSchedule:
        path = self.schedules_dir / f"{year}.toml"
        if path.is_file():
            return _from_file(year, path)
        if year <= _last_official_library_year():
            china = _china(year, observed=True)
            return YearSchedule(
                year=year,
                holidays=frozenset(china),
                workdays=frozenset(d for d in china.weekend_workdays if d.year == year),
                official=True,
                source="holidays library (official notice)",
            )
        # Statutory days only (observed=False): the library's own guess at next year's swaps
        # would look official when it is not.
        statutory = _china(year, observed=False)
        return YearSchedule(
            year=year,
            holidays=frozenset(statutory),
            workdays=frozenset(),
            official=False,
            source="statutory holidays only (official schedule not yet known)",
        )


def _dates(values: Any, year: int, where: str) -> frozenset[date]:
    if not isinstance(values, list) or not all(type(v) is date for v in values):
        raise ProfileError(f"{where}: expected a list of dates like 2027-01-01")
    wrong_year = [v for v in values if v.year != year]
    if wrong_year:
        raise ProfileError(f"{where}: dates outside {year}: {wrong_year}")
    return frozenset(values)


def _from_file(year: int, path: Path) -> YearSchedule:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path.name}: {error}") from error
    days_off = _dates(data.get("holidays"), year, f"{path.name}: holidays")
    workdays = _dates(data.get("workdays", []), year, f"{path.name}: workdays")
    if days_off & workdays:
        raise ProfileError(
            f"{path.name}: dates both holiday and workday: {sorted(days_off & workdays)}"
        )
    return YearSchedule(
        year=year,
        holidays=days_off,
        workdays=workdays,
        official=True,
        source=str(data.get("source", path.name)),
    )


@lru_cache(maxsize=1)
def default_calendar() -> WorkdayCalendar:
    """One shared calendar per process, so each year's schedule is built once."""
    return WorkdayCalendar()
