"""Care status rules that only some documents state (POLICY.md §4), read from the region's
provisions: a hospital stay pauses care from the day after admission and resumes it on the
day of discharge (000:23(1)); suspended benefits resume from the month after the new
reassessment conclusion, or after the resumption is approved (000:24). Where a region's
document does not state them, ``stated`` is False and no date is made up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.policy.deadlines import first_day_of_month_after
from portal.policy.profiles import load_profile
from portal.policy.region_profile import Provision, RegionProfile

# The cases of 000:24.1, in the document's order.
SUSPENSION_REASONS = (
    "refused_reassessment",  # 拒不配合重新评估
    "not_at_contracted_institution",  # 未按规定在签约定点护理机构接受护理服务
    "false_materials",  # 提供虚假材料骗取长护险待遇
    "no_basic_medical_insurance",  # 不享受基本医疗保险统筹待遇
)


def _profile(region: str | RegionProfile) -> RegionProfile:
    return load_profile(region) if isinstance(region, str) else region


@dataclass(frozen=True)
class HospitalStay:
    stated: bool
    pause_from: date | None  # the day after admission
    resume_on: date | None  # the day of discharge
    source: str | None


def hospital_stay(
    region: str | RegionProfile, admitted_on: date, discharged_on: date | None = None
) -> HospitalStay:
    rule = _profile(region).provision("hospital_stay")
    if rule is None:
        return HospitalStay(False, None, None, None)
    return HospitalStay(True, admitted_on + timedelta(days=1), discharged_on, rule.source)


def suspension(region: str | RegionProfile) -> Provision | None:
    """The cases in which benefits are suspended, where the document states them."""
    return _profile(region).provision("suspension")


@dataclass(frozen=True)
class Resumption:
    stated: bool
    starts_on: date | None
    source: str | None


def resumption(
    region: str | RegionProfile,
    reason: str,
    *,
    approved_on: date,
    reassessed_on: date | None = None,
) -> Resumption:
    """After refusing a reassessment: the month after the new conclusion (000:24.2(1)), so
    ``reassessed_on`` is needed; otherwise the month after approval (000:24.2(2))."""
    rule = _profile(region).provision("resumption")
    if rule is None:
        return Resumption(False, None, None)
    # The provision cites its two items in order: (1) after a reassessment, (2) otherwise.
    items = [part.strip() for part in rule.source.split(";")]
    after_reassessment, otherwise = (items[0], items[-1]) if len(items) == 2 else (rule.source,) * 2
    if reason == "refused_reassessment":
        if reassessed_on is None:
            raise ValueError("resuming after a refused reassessment needs the new conclusion")
        return Resumption(True, first_day_of_month_after(reassessed_on), after_reassessment)
    return Resumption(True, first_day_of_month_after(approved_on), otherwise)
