from datetime import date

import pytest

from portal.digits import ascii_digits
from portal.fields import parse_written_date


def test_digits_from_every_keyboard_are_ascii() -> None:
    assert ascii_digits("１３８００１３８０００") == "13800138000"
    assert ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert ascii_digits("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002x"


@pytest.mark.parametrize(
    "written", ["2026-03-15", "2026/3/15", "2026.03.15", "2026年3月15日", "2026 年 3 月 15 日"]
)
def test_dates_as_people_write_them(written: str) -> None:
    assert parse_written_date(written) == date(2026, 3, 15)


@pytest.mark.parametrize("written", ["", "15/03/2026", "2026-3", "三月十五", "2026-03-15x"])
def test_what_is_not_a_date(written: str) -> None:
    assert parse_written_date(written) is None


def test_a_day_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(ValueError):
        parse_written_date("2026-02-30")
