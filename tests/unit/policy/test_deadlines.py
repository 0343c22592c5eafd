"""Deadlines of POLICY.md §3, one test per row and region, with dates worked out by hand."""

from datetime import date

import pytest

from portal.policy.calendar import WorkdayCalendar, _last_official_library_year
from portal.policy.deadlines import add_months, compute_deadline
from portal.policy.errors import RuleNotApplicable, UnknownRegion, UnknownRule

LIBRARY_KNOWS_2027 = _last_official_library_year() >= 2027


@pytest.fixture
def calendar(tmp_path):
    return WorkdayCalendar(tmp_path)


# Hand count for every working-day row (2026 official schedule, 国办发明电〔2025〕7号):
#
# A  from Mon 2026-09-28: Tue 29 = 1, Wed 30 = 2, Oct 1–7 off, Thu 8 = 3, Fri 9 = 4,
#    Sat 10 (make-up) = 5                                                    -> 2026-10-10
# B  30 from Mon 2026-09-28: as A to Sat Oct 10 = 5, then five full weeks
#    Oct 12–16, 19–23, 26–30, Nov 2–6, 9–13 = 6 … 30                          -> 2026-11-13
# C  3 from Fri 2026-09-18: Sat 19 off, Sun 20 (make-up) = 1, Mon 21 = 2, Tue 22 = 3
#                                                                            -> 2026-09-22
# D  10 from Wed 2026-09-30: Oct 1–7 off, Thu 8 = 1, Fri 9 = 2, Sat 10 (make-up) = 3,
#    Mon 12 … Fri 16 = 4 … 8, Mon 19 = 9, Tue 20 = 10                        -> 2026-10-20
# E  5 from Thu 2026-02-12: Fri 13 = 1, Sat 14 (make-up) = 2, Feb 15–23 off,
#    Tue 24 = 3, Wed 25 = 4, Thu 26 = 5                                       -> 2026-02-26
# F  15 from Thu 2026-04-30: May 1–5 off, Wed 6 = 1, Thu 7 = 2, Fri 8 = 3,
#    Sat 9 (make-up) = 4, Mon 11 … Fri 15 = 5 … 9, Mon 18 … Fri 22 = 10 … 14,
#    Mon 25 = 15                                                             -> 2026-05-25
# G  5 from Wed 2025-12-31: Jan 1–3 off, Sun 4 (make-up) = 1, Mon 5 … Thu 8 = 2 … 5
#                                                                            -> 2026-01-08
WORKING_DAY_ROWS = [
    ("ningxia", "acceptance_review", date(2026, 9, 28), date(2026, 10, 10), 5, "000:14"),
    ("xinjiang", "acceptance_review", date(2026, 9, 28), date(2026, 10, 10), 5, "001:7"),
    ("heilongjiang", "acceptance_review", date(2026, 9, 28), date(2026, 10, 10), 5, "002:7"),
    ("ningxia", "acceptance_review", date(2025, 12, 31), date(2026, 1, 8), 5, "000:14"),
    ("ningxia", "conclusion_delivery", date(2026, 9, 28), date(2026, 11, 13), 30, "000:15(3)"),
    (
        "xinjiang",
        "conclusion_delivery",
        date(2026, 9, 28),
        date(2026, 11, 13),
        30,
        "001:8(1)3; 001:8(2)3",
    ),
    ("heilongjiang", "conclusion_delivery", date(2026, 9, 28), date(2026, 11, 13), 30, "002:8(4)"),
    ("ningxia", "publicity_end", date(2026, 9, 18), date(2026, 9, 22), 3, "000:15(3)"),
    ("xinjiang", "publicity_end", date(2026, 2, 12), date(2026, 2, 26), 5, "001:8(2)3"),
    ("ningxia", "objection", date(2026, 9, 30), date(2026, 10, 20), 10, "000:15(5)"),
    (
        "xinjiang",
        "objection",
        date(2026, 2, 12),
        date(2026, 2, 26),
        5,
        "001:8(1)5; 001:8(2)5; 001:8(2)3",
    ),
    ("heilongjiang", "objection", date(2026, 4, 30), date(2026, 5, 25), 15, "002:8(6)"),
]


@pytest.mark.parametrize(
    ("region", "rule", "start", "due", "working_days", "source"),
    WORKING_DAY_ROWS,
    ids=[f"{r[1]}-{r[0]}-{r[5]}-from-{r[2]}" for r in WORKING_DAY_ROWS],
)
def test_working_day_periods(calendar, region, rule, start, due, working_days, source):
    deadline = compute_deadline(region, rule, start, calendar=calendar)
    assert deadline.due == due
    assert deadline.working_days == working_days
    assert deadline.source == source
    assert deadline.provisional is False


def test_acceptance_review_for_fuzhou_is_what_000_001_002_all_state(calendar):
    deadline = compute_deadline("fuzhou", "acceptance_review", date(2026, 9, 28), calendar=calendar)
    assert deadline.due == date(2026, 10, 10)
    assert deadline.source == "000:14; 001:7; 002:7"


def test_objection_ningxia_000_15_5_runs_from_delivery():
    from portal.policy.profiles import load_profile

    assert load_profile("ningxia").period("objection").runs_from == "delivery"
    assert load_profile("heilongjiang").period("objection").runs_from == "delivery"


def test_objection_xinjiang_001_8_runs_from_publicity_start_and_equals_publicity(calendar):
    from portal.policy.profiles import load_profile

    assert load_profile("xinjiang").period("objection").runs_from == "publicity_start"
    start = date(2026, 7, 1)
    objection = compute_deadline("xinjiang", "objection", start, calendar=calendar)
    publicity = compute_deadline("xinjiang", "publicity_end", start, calendar=calendar)
    assert objection.due == publicity.due


def test_conclusion_delivery_xinjiang_001_8_complex_case_extension(calendar):
    # 30 working days from 2026-09-28 is 2026-11-13 (row B), then 30 more calendar days.
    deadline = compute_deadline(
        "xinjiang", "conclusion_delivery", date(2026, 9, 28), extended=True, calendar=calendar
    )
    assert deadline.due == date(2026, 12, 13)
    assert deadline.working_days == 30
    assert deadline.source == "001:8(1)3; 001:8(2)3"
    assert deadline.moved_from is None  # a Sunday, no statutory holiday


def test_extension_where_none_is_allowed_ningxia_000_15_3(calendar):
    with pytest.raises(RuleNotApplicable, match="no extension"):
        compute_deadline(
            "ningxia", "conclusion_delivery", date(2026, 9, 28), extended=True, calendar=calendar
        )


CALENDAR_MONTH_ROWS = [
    # reassessment on request: corresponding day six months after the conclusion
    ("ningxia", "reassessment_earliest", date(2026, 3, 15), date(2026, 9, 15), "000:15(6)"),
    ("xinjiang", "reassessment_earliest", date(2026, 3, 31), date(2026, 9, 30), "001:8(1)6"),
    ("heilongjiang", "reassessment_earliest", date(2026, 8, 31), date(2027, 2, 28), "002:8(7)1"),
    # validity of a severe-disability conclusion: two years
    ("ningxia", "validity_end", date(2026, 5, 20), date(2028, 5, 20), "000:15(2)"),
    ("xinjiang", "validity_end", date(2026, 1, 10), date(2028, 1, 10), "001:8(1)2"),
    ("heilongjiang", "validity_end", date(2028, 2, 29), date(2030, 2, 28), "002:8(3)"),
    # a validity is no period for doing something: ending inside National Day moves nothing
    ("ningxia", "validity_end", date(2024, 10, 3), date(2026, 10, 3), "000:15(2)"),
    # benefits: the first day of the next month
    ("ningxia", "benefit_start", date(2026, 12, 15), date(2027, 1, 1), "000:16"),
    ("xinjiang", "benefit_start", date(2026, 1, 31), date(2026, 2, 1), "001:8(2)4; 001:16"),
    # change of service mode: paid under the new mode from the next month
    ("tianjin", "service_mode_change", date(2026, 5, 20), date(2026, 6, 1), "004:(五)"),
]


@pytest.mark.parametrize(
    ("region", "rule", "start", "due", "source"),
    CALENDAR_MONTH_ROWS,
    ids=[f"{r[1]}-{r[0]}-{r[4]}-from-{r[2]}" for r in CALENDAR_MONTH_ROWS],
)
def test_month_and_year_periods(calendar, region, rule, start, due, source):
    deadline = compute_deadline(region, rule, start, calendar=calendar)
    assert deadline.due == due
    assert deadline.working_days is None
    assert deadline.source == source
    # No holiday schedule is involved, so even dates in 2027 or later are final.
    assert deadline.provisional is False


def test_month_end_rule_2026_08_31_plus_6_months_is_2027_02_28():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("region", "rule"),
    [
        ("heilongjiang", "publicity_end"),  # 002:8(4) gives no length
        ("heilongjiang", "benefit_start"),  # 002 does not say when benefits start
        ("fuzhou", "benefit_start"),
        ("fuzhou", "objection"),
        ("tianjin", "publicity_end"),
        ("ningxia", "service_mode_change"),  # only tianjin 004:(五) sets it
    ],
)
def test_periods_no_document_sets_raise_rule_not_applicable(region, rule):
    with pytest.raises(RuleNotApplicable) as raised:
        compute_deadline(region, rule, date(2026, 6, 1))
    assert raised.value.region == region
    assert raised.value.rule == rule


def test_unknown_rule():
    with pytest.raises(UnknownRule) as raised:
        compute_deadline("ningxia", "appeal_to_court", date(2026, 6, 1))
    assert "objection" in raised.value.known


def test_unknown_region():
    with pytest.raises(UnknownRegion):
        compute_deadline("atlantis", "objection", date(2026, 6, 1))


def test_to_dict_has_exactly_the_api_fields(calendar):
    deadline = compute_deadline("ningxia", "objection", date(2026, 9, 30), calendar=calendar)
    assert deadline.to_dict() == {
        "region": "ningxia",
        "rule": "objection",
        "from": "2026-09-30",
        "due": "2026-10-20",
        "working_days": 10,
        "provisional": False,
        "moved_from": None,
        "source": "000:15(5)",
        "citation": {
            "zh": "《宁夏回族自治区长期护理保险经办规程》第十五条第（五）项",
            "ug": "\u2068《宁夏回族自治区长期护理保险经办规程》\u2069 15-ماددا، 5-تۈر",
        },
    }


@pytest.mark.skipif(LIBRARY_KNOWS_2027, reason="the holidays library now has 2027's notice")
def test_deadline_into_2027_is_provisional(calendar):
    # From Mon 2026-12-28: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Fri 2027-01-01 (statutory) off,
    # weekend, Mon 4 = 4, Tue 5 = 5.
    deadline = compute_deadline(
        "ningxia", "acceptance_review", date(2026, 12, 28), calendar=calendar
    )
    assert deadline.due == date(2027, 1, 5)
    assert deadline.provisional is True
    assert deadline.to_dict()["provisional"] is True


def test_adding_a_2027_schedule_removes_provisional(tmp_path):
    # A made-up notice for the test: Jan 1 off, Saturday Jan 2 a make-up working day.
    # Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Sat 2027-01-02 = 4, Sun off, Mon 4 = 5.
    (tmp_path / "2027.toml").write_text(
        'source = "test"\nholidays = [2027-01-01]\nworkdays = [2027-01-02]\n', encoding="utf-8"
    )
    calendar = WorkdayCalendar(tmp_path)
    deadline = compute_deadline(
        "ningxia", "acceptance_review", date(2026, 12, 28), calendar=calendar
    )
    assert deadline.due == date(2027, 1, 4)
    assert deadline.provisional is False


def test_deadline_inside_2026_is_not_provisional_even_near_year_end(calendar):
    # From Mon 2026-12-21: 22, 23, 24, 25, 28 -> stays in 2026.
    deadline = compute_deadline(
        "ningxia", "acceptance_review", date(2026, 12, 21), calendar=calendar
    )
    assert deadline.due == date(2026, 12, 28)
    assert deadline.provisional is False


# ------------------------------------------------------------------ 民法典 art. 203


def test_civil_code_art_203_xinjiang_extension_ending_in_national_day_ends_the_day_after(
    calendar,
):
    """Accepted Thu 2026-07-23: 30 working days end Thu 09-03 (001:8); "延期30日" more end on
    Sat 10-03, a statutory holiday inside National Day (10-01…10-07), so the period ends on
    the day after the holiday, Thu 10-08 (民法典 第二百零三条), not 10-03."""
    plain = compute_deadline(
        "xinjiang", "conclusion_delivery", date(2026, 7, 23), calendar=calendar
    )
    assert plain.due == date(2026, 9, 3)
    extended = compute_deadline(
        "xinjiang", "conclusion_delivery", date(2026, 7, 23), extended=True, calendar=calendar
    )
    assert extended.due == date(2026, 10, 8)
    assert extended.moved_from == date(2026, 10, 3)
    assert extended.to_dict()["moved_from"] == "2026-10-03"
    assert extended.provisional is False


def test_civil_code_art_203_a_sunday_inside_the_holiday_moves_too(calendar):
    # Accepted 2026-07-24: 30 working days end Fri 09-04; 30 days more end Sun 10-04, a day
    # off inside National Day (not itself a statutory date), so also 10-08.
    extended = compute_deadline(
        "xinjiang", "conclusion_delivery", date(2026, 7, 24), extended=True, calendar=calendar
    )
    assert (extended.due, extended.moved_from) == (date(2026, 10, 8), date(2026, 10, 4))


def test_civil_code_art_203_an_ordinary_weekend_is_no_statutory_holiday(calendar):
    # 2026-12-13 is a plain Sunday: art. 203 speaks of statutory holidays only.
    extended = compute_deadline(
        "xinjiang", "conclusion_delivery", date(2026, 9, 28), extended=True, calendar=calendar
    )
    assert (extended.due, extended.moved_from) == (date(2026, 12, 13), None)


def test_civil_code_art_203_the_day_after_may_be_a_make_up_working_day(calendar):
    # Mid-Autumn: Fri 2026-09-25 off, then the weekend; the day after the holiday is Mon 28.
    assert calendar.day_after_holiday(date(2026, 9, 25)) == date(2026, 9, 28)
    assert calendar.day_after_holiday(date(2026, 9, 26)) == date(2026, 9, 28)
    # National Day ends Wed 10-07; the next day, Thu 10-08, is a working day.
    assert calendar.day_after_holiday(date(2026, 10, 7)) == date(2026, 10, 8)
    # A working day stays, a plain weekend stays.
    assert calendar.day_after_holiday(date(2026, 10, 10)) == date(2026, 10, 10)
    assert calendar.day_after_holiday(date(2026, 11, 15)) == date(2026, 11, 15)
