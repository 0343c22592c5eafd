"""Care status rules read from the region's provisions: only ningxia's document states them
(000:23(1), 000:24); elsewhere they are not stated and no date is made up."""

from datetime import date

import pytest

from portal.policy.care import hospital_stay, resumption, suspension


def test_ningxia_pauses_care_from_the_day_after_admission_and_resumes_on_discharge() -> None:
    stay = hospital_stay("ningxia", date(2026, 6, 30), date(2026, 7, 9))
    assert (stay.stated, stay.pause_from, stay.resume_on) == (
        True,
        date(2026, 7, 1),
        date(2026, 7, 9),
    )
    assert stay.source == "000:23(1)"


@pytest.mark.parametrize("region", ["xinjiang", "heilongjiang", "fuzhou", "tianjin"])
def test_elsewhere_a_hospital_stay_and_a_suspension_are_not_stated(region: str) -> None:
    stay = hospital_stay(region, date(2026, 6, 30), date(2026, 7, 9))
    assert (stay.stated, stay.pause_from, stay.resume_on, stay.source) == (False, None, None, None)
    assert suspension(region) is None
    assert resumption(region, "false_materials", approved_on=date(2026, 7, 9)).stated is False


def test_ningxia_resumes_the_month_after_approval_or_after_the_new_conclusion() -> None:
    other = resumption("ningxia", "false_materials", approved_on=date(2026, 12, 31))
    assert (other.starts_on, other.source) == (date(2027, 1, 1), "000:24.2(2)")
    reassessed = resumption(
        "ningxia",
        "refused_reassessment",
        approved_on=date(2026, 9, 3),
        reassessed_on=date(2026, 8, 20),
    )
    assert (reassessed.starts_on, reassessed.source) == (date(2026, 9, 1), "000:24.2(1)")
    with pytest.raises(ValueError):
        resumption("ningxia", "refused_reassessment", approved_on=date(2026, 9, 3))
