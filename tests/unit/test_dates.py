"""Dates in words, one style per language (../shared/UYGHUR.md): no month names, no ISO."""

from datetime import UTC, date, datetime

import pytest

from portal.clock import china_today
from portal.dates import Ending, day_text


@pytest.mark.parametrize(
    ("language", "ending", "expected"),
    [
        ("zh", "on", "2027年1月20日"),
        ("zh", "until", "2027年1月20日"),
        ("zh", "since", "2027年1月20日"),
        ("ug", "on", "2027-يىلى 1-ئاينىڭ 20-كۈنى"),
        ("ug", "until", "2027-يىلى 1-ئاينىڭ 20-كۈنىگىچە"),
        ("ug", "since", "2027-يىلى 1-ئاينىڭ 20-كۈنىدىن"),
    ],
)
def test_a_day_is_written_year_first_in_each_language(
    language: str, ending: Ending, expected: str
) -> None:
    assert day_text(date(2027, 1, 20), language, ending=ending) == expected


def test_the_uyghur_date_names_no_month_and_is_not_iso() -> None:
    text = day_text(date(2026, 12, 5), "ug")
    assert text == "2026-يىلى 12-ئاينىڭ 5-كۈنى"
    for month_name in ("يانۋار", "دېكابىر", "دېكابر"):
        assert month_name not in text
    assert "2026-12-05" not in text


def test_a_stored_moment_is_the_day_in_china() -> None:
    # 23:30 UTC on 2 March is 07:30 on 3 March in Beijing.
    moment = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert day_text(moment, "zh") == "2026年3月3日"
    assert day_text(moment, "ug") == "2026-يىلى 3-ئاينىڭ 3-كۈنى"


def test_a_day_of_this_year_may_drop_its_year_and_another_years_keeps_it() -> None:
    this_year = china_today().year
    assert day_text(date(this_year, 11, 30), "zh", ending="short") == "11月30日"
    assert day_text(date(this_year, 11, 30), "ug", ending="short") == "11-ئاينىڭ 30-كۈنى"
    last_year = date(this_year - 1, 11, 30)
    assert day_text(last_year, "ug", ending="short") == f"{this_year - 1}-يىلى 11-ئاينىڭ 30-كۈنى"
