"""Working-day calendar: 2026 official schedule, make-up days, provisional future years."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.policy.calendar import WorkdayCalendar, _last_official_library_year, default_calendar
from portal.policy.errors import ProfileError

LIBRARY_KNOWS_2027 = _last_official_library_year() >= 2027
FIRST_UNKNOWN_YEAR = _last_official_library_year() + 1


@pytest.fixture
def calendar(tmp_path):
    # An empty schedules folder: only the library and the statutory fallback are used.
    return WorkdayCalendar(tmp_path)


def test_2026_is_an_official_year(calendar):
    assert not calendar.is_provisional(2026)


@pytest.mark.skipif(LIBRARY_KNOWS_2027, reason="the holidays library now has 2027's notice")
def test_2027_is_provisional_until_its_notice_is_known(calendar):
    assert calendar.is_provisional(2027)


# 国办发明电〔2025〕7号: make-up working days of 2026.
@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 4),  # Sunday, New Year
        date(2026, 2, 14),  # Saturday, Spring Festival
        date(2026, 2, 28),  # Saturday, Spring Festival
        date(2026, 5, 9),  # Saturday, Labour Day
        date(2026, 9, 20),  # Sunday, National Day
        date(2026, 10, 10),  # Saturday, National Day
    ],
    ids=str,
)
def test_2026_make_up_days_are_working_days(calendar, day):
    assert day.weekday() >= 5
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [date(2026, 10, d) for d in range(1, 8)]  # National Day week, Thursday to Wednesday
    + [date(2026, 2, d) for d in range(15, 24)]  # Spring Festival, 15th to 23rd
    + [date(2026, 1, 1), date(2026, 1, 2), date(2026, 5, 4), date(2026, 5, 5), date(2026, 6, 19)]
    + [date(2026, 9, 25), date(2026, 4, 6)],
    ids=str,
)
def test_2026_holidays_are_not_working_days(calendar, day):
    assert not calendar.is_working_day(day)


def test_ordinary_weekend_and_weekday(calendar):
    assert not calendar.is_working_day(date(2026, 10, 17))  # an ordinary Saturday
    assert not calendar.is_working_day(date(2026, 10, 18))  # an ordinary Sunday
    assert calendar.is_working_day(date(2026, 10, 8))  # Thursday right after National Day


def test_national_day_week_count(calendar):
    # From Wed 2026-09-30: Oct 1–7 off; Thu 8 = 1, Fri 9 = 2, Sat 10 (make-up) = 3.
    assert calendar.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert calendar.working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2


def test_start_day_is_never_counted(calendar):
    # Monday 2026-10-12 is a working day, but counting starts the day after.
    assert calendar.add_working_days(date(2026, 10, 12), 1) == date(2026, 10, 13)


def test_count_must_be_positive(calendar):
    with pytest.raises(ValueError, match="at least 1"):
        calendar.add_working_days(date(2026, 1, 5), 0)


@pytest.mark.skipif(LIBRARY_KNOWS_2027, reason="the holidays library now has 2027's notice")
def test_unknown_year_uses_statutory_days_only(calendar):
    schedule = calendar.schedule(2027)
    assert date(2027, 1, 1) in schedule.holidays
    assert date(2027, 10, 3) in schedule.holidays
    assert schedule.workdays == frozenset()
    # No guessed swap day: Monday 2027-10-04 is a working day until the notice says otherwise.
    assert calendar.is_working_day(date(2027, 10, 4))


def test_schedule_file_makes_a_year_official(tmp_path):
    march = [date(FIRST_UNKNOWN_YEAR, 3, d) for d in range(1, 8)]
    tuesday = next(d for d in march if d.weekday() == 1)
    saturday = next(d for d in march if d.weekday() == 5)
    (tmp_path / f"{FIRST_UNKNOWN_YEAR}.toml").write_text(
        f'source = "test notice"\nholidays = [{tuesday}]\nworkdays = [{saturday}]\n',
        encoding="utf-8",
    )
    calendar = WorkdayCalendar(tmp_path)
    assert not calendar.is_provisional(FIRST_UNKNOWN_YEAR)
    assert calendar.schedule(FIRST_UNKNOWN_YEAR).source == "test notice"
    assert not calendar.is_working_day(tuesday)
    assert calendar.is_working_day(saturday)


def test_schedule_file_overrides_the_library(tmp_path):
    (tmp_path / "2026.toml").write_text("holidays = [2026-03-02]\n", encoding="utf-8")
    calendar = WorkdayCalendar(tmp_path)
    assert not calendar.is_working_day(date(2026, 3, 2))
    assert calendar.is_working_day(date(2026, 10, 5))  # the library's holiday no longer applies


@pytest.mark.parametrize(
    "content",
    [
        "holidays = [2025-01-01]\n",  # wrong year
        'holidays = ["2026-01-01"]\n',  # a string, not a date
        "workdays = [2026-01-04]\n",  # no holidays list
        "holidays = [2026-01-04]\nworkdays = [2026-01-04]\n",  # both
        "holidays = [\n",  # not TOML
    ],
)
def test_malformed_schedule_file_is_rejected(tmp_path, content):
    (tmp_path / "2026.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError):
        WorkdayCalendar(tmp_path).schedule(2026)


def test_default_calendar_is_shared():
    assert default_calendar() is default_calendar()


dates_2024_to_2027 = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=dates_2024_to_2027, count=st.integers(min_value=1, max_value=60))
def test_due_is_the_nth_working_day_after_start(start, count):
    calendar = default_calendar()
    due = calendar.add_working_days(start, count)
    assert due > start
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == count
    assert calendar.working_days_between(start, due - timedelta(days=1)) == count - 1


@settings(max_examples=200, deadline=None)
@given(start=dates_2024_to_2027, count=st.integers(min_value=1, max_value=40))
def test_one_more_working_day_is_strictly_later(start, count):
    calendar = default_calendar()
    assert calendar.add_working_days(start, count + 1) > calendar.add_working_days(start, count)
