"""Complaints and reports (投诉举报): who receives them and who checks them, per region.

Every region's agency receives complaints (000:5, 001:30, 002:30, 003:14). Only fuzhou
(003:14) says who checks them: the agency checks complaints about the third party itself and
passes those about care or assessment institutions to the third party, which checks and
reports back. No document sets a time limit for answering (POLICY.md §5): there is none here.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

ROUTING_FILE = Path(__file__).parent / "routing.toml"

CONCERNED = (
    "care_institution",  # 定点护理机构
    "assessment_institution",  # 定点评估机构
    "third_party",  # 委托承办机构 / 第三方机构
    "agency",  # 医保经办机构
    "other",
)
Checker = Literal["agency", "third_party"]


@dataclass(frozen=True)
class Routing:
    """Where one complaint goes. `receiver_source` is None when the region's document does
    not say who receives complaints; `checker_source` is None when it does not say who checks
    (the agency then checks, as the receiver)."""

    checker: Checker
    receiver_source: str | None
    checker_source: str | None

    @property
    def passed_to_third_party(self) -> bool:
        return self.checker == "third_party"


@cache
def _table() -> dict[str, dict[str, object]]:
    with ROUTING_FILE.open("rb") as handle:
        return tomllib.load(handle)


def route(region_code: str, concerned: str) -> Routing:
    if concerned not in CONCERNED:
        raise ValueError(f"unknown party concerned: {concerned!r}")
    region = _table().get(region_code, {})
    receiver_source = region.get("receiver_source")
    source = str(receiver_source) if receiver_source else None
    checks_source = str(region.get("checks_source") or "") or None
    if concerned in _names(region, "third_party_checks"):
        return Routing("third_party", source, checks_source)
    if concerned in _names(region, "agency_checks"):
        return Routing("agency", source, checks_source)
    return Routing("agency", source, None)


def _names(region: dict[str, object], key: str) -> tuple[str, ...]:
    value = region.get(key, [])
    return tuple(str(item) for item in value) if isinstance(value, list) else ()
