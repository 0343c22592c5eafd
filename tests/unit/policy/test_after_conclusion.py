"""What follows a conclusion (POLICY.md §3), as each region's document words it: warnings
with the date and the article, never a refusal; "not stated" where a document is silent.

Dates are counted by hand from the State Council's 2026 holiday notice (see test_deadlines).
"""

from datetime import date

import pytest

from portal.policy.after_conclusion import (
    Lateness,
    benefit_start,
    objection_lateness,
    objection_window,
    reassessment,
    validity,
)
from portal.policy.calendar import WorkdayCalendar


@pytest.fixture
def calendar(tmp_path):
    return WorkdayCalendar(tmp_path)


# ------------------------------------------------------------------ objection


def test_ningxia_objection_10_working_days_from_delivery_written_late_not_accepted_000_15_5(
    calendar,
):
    # Delivered Wed 2026-09-30: 10-08 1, 10-09 2, 10-10 (make-up) 3, 10-12…16 4–8, 10-19 9,
    # 10-20 10.
    window = objection_window("ningxia", delivered_on=date(2026, 9, 30), calendar=calendar)
    assert (window.stated, window.opens, window.closes) == (
        True,
        date(2026, 9, 30),
        date(2026, 10, 20),
    )
    assert (window.count, window.unit, window.closes_at_least) == (10, "working_days", False)
    assert window.written is True and window.late_not_accepted is True
    assert window.source == "000:15(5)"
    assert objection_lateness(window, date(2026, 10, 20)) is Lateness.ON_TIME
    assert objection_lateness(window, date(2026, 10, 21)) is Lateness.LATE


def test_heilongjiang_objection_15_working_days_counted_from_delivery_as_the_portals_reading(
    calendar,
):
    """002:8(6) gives 15 working days and no start, no "written", no "late refused"."""
    # Delivered Thu 2026-04-30: May 1–5 off, 6 1 … 9 (make-up) 4, 11–15 5–9, 18–22 10–14, 25 15.
    window = objection_window("heilongjiang", delivered_on=date(2026, 4, 30), calendar=calendar)
    assert window.closes == date(2026, 5, 25)
    assert window.from_is_reading is True
    assert window.written is None and window.late_not_accepted is False
    assert window.source == "002:8(6)"
    assert objection_lateness(window, date(2026, 5, 26)) is Lateness.LATE


def test_xinjiang_objection_within_publicity_at_least_5_working_days_001_8(calendar):
    # Publicity from Thu 2026-02-12: 13 1, 14 (make-up) 2, 15–23 off, 24 3, 25 4, 26 5.
    window = objection_window("xinjiang", publicity_started_on=date(2026, 2, 12), calendar=calendar)
    assert (window.closes, window.closes_at_least) == (date(2026, 2, 26), True)
    assert window.written is True
    assert window.must_state is not None and "事实" in window.must_state.zh
    assert window.condition is not None
    # Past the least length the publicity may still run: its notice decides.
    assert objection_lateness(window, date(2026, 2, 27)) is Lateness.MAY_BE_LATE


def test_xinjiang_objection_ends_with_the_publicity_its_notice_states_001_8(calendar):
    window = objection_window(
        "xinjiang",
        publicity_started_on=date(2026, 2, 12),
        publicity_ends_on=date(2026, 3, 5),
        calendar=calendar,
    )
    assert (window.closes, window.closes_at_least) == (date(2026, 3, 5), False)
    assert objection_lateness(window, date(2026, 2, 27)) is Lateness.ON_TIME
    assert objection_lateness(window, date(2026, 3, 6)) is Lateness.LATE


def test_xinjiang_failed_conclusion_is_not_publicised_so_no_window_is_stated_001_8():
    window = objection_window("xinjiang", delivered_on=date(2026, 3, 1), publicised=False)
    assert (window.stated, window.closes, window.source) == (False, None, None)
    assert window.written is True  # still in writing, when made
    assert objection_lateness(window, date(2027, 1, 1)) is Lateness.NOT_STATED


@pytest.mark.parametrize("region", ["fuzhou", "tianjin"])
def test_objection_window_not_stated_outside_the_provincial_documents(region):
    window = objection_window(region, delivered_on=date(2026, 9, 30))
    assert not window.stated
    assert window.to_dict()["closes"] is None
    assert objection_lateness(window, date(2026, 12, 1)) is Lateness.NOT_STATED


def test_objection_window_needs_the_date_it_runs_from():
    with pytest.raises(ValueError, match="delivery"):
        objection_window("ningxia", publicity_started_on=date(2026, 9, 30))
    with pytest.raises(ValueError, match="publicity_start"):
        objection_window("xinjiang", delivered_on=date(2026, 9, 30))


def test_objection_window_to_dict_cites_the_article_in_words(calendar):
    data = objection_window("ningxia", delivered_on=date(2026, 9, 30), calendar=calendar).to_dict()
    assert data["closes"] == "2026-10-20"
    assert data["citation"]["zh"].endswith("第十五条第（五）项")


# ------------------------------------------------------------------ reassessment


@pytest.mark.parametrize(
    ("region", "conclusion", "earliest", "source"),
    [
        ("ningxia", date(2026, 3, 15), date(2026, 9, 15), "000:15(6)"),
        ("xinjiang", date(2026, 8, 31), date(2027, 2, 28), "001:8(1)6"),  # 民法典 art. 202
        ("heilongjiang", date(2026, 3, 31), date(2026, 9, 30), "002:8(7)1"),
    ],
)
def test_reassessment_earliest_date_and_both_conditions(region, conclusion, earliest, source):
    early = reassessment(region, conclusion, requested_on=earliest.replace(day=1))
    assert (early.earliest, early.early, early.source) == (earliest, True, source)
    on_time = reassessment(region, conclusion, requested_on=earliest)
    assert on_time.early is False
    change, age = on_time.conditions
    assert "变化" in change.zh and "6个月" in age.zh


# ------------------------------------------------------------------ validity


@pytest.mark.parametrize(
    ("region", "source"),
    [("ningxia", "000:15(2)"), ("xinjiang", "001:8(1)2"), ("heilongjiang", "002:8(3)")],
)
def test_validity_is_at_most_2_years_unless_the_letter_states_the_date(region, source):
    at_most = validity(region, date(2026, 5, 20))
    assert (at_most.until, at_most.at_most, at_most.source) == (date(2028, 5, 20), True, source)
    stated = validity(region, date(2026, 5, 20), letter_states=date(2027, 12, 31))
    assert (stated.until, stated.at_most, stated.source) == (date(2027, 12, 31), False, None)


# ------------------------------------------------------------------ benefits


def test_benefits_start_the_month_after_approval_ningxia_000_16():
    start = benefit_start("ningxia", approved_on=date(2026, 12, 15))
    assert (start.stated, start.runs_from, start.starts_on, start.source) == (
        True,
        "approval",
        date(2027, 1, 1),
        "000:16",
    )


def test_benefits_start_the_month_after_the_conclusion_xinjiang_001_8():
    start = benefit_start("xinjiang", concluded_on=date(2026, 1, 31))
    assert (start.runs_from, start.starts_on) == ("conclusion", date(2026, 2, 1))
    assert start.source == "001:8(2)4; 001:16"


@pytest.mark.parametrize("region", ["heilongjiang", "fuzhou", "tianjin"])
def test_benefit_start_not_stated_where_the_document_is_silent(region):
    start = benefit_start(region, approved_on=date(2026, 6, 1), concluded_on=date(2026, 6, 1))
    assert (start.stated, start.starts_on, start.source) == (False, None, None)


def test_benefit_start_needs_the_event_the_region_names():
    with pytest.raises(ValueError, match="approval"):
        benefit_start("ningxia", concluded_on=date(2026, 6, 1))
    with pytest.raises(ValueError, match="conclusion"):
        benefit_start("xinjiang", approved_on=date(2026, 6, 1))
