"""What follows a conclusion, as each region's document words it (POLICY.md §3): the
objection window, the earliest reassessment, the validity and the start of benefits.

The portal warns and never refuses: a late objection or an early reassessment request gets
the date and the article, and can still be filed — the agency decides. Where a document
does not state a value, the answer says so (``stated`` is False) instead of borrowing
another region's rule.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.policy.calendar import WorkdayCalendar
from portal.policy.deadlines import compute_deadline
from portal.policy.documents import cite
from portal.policy.profiles import PeriodUnit, RegionProfile, load_profile
from portal.policy.text import Text


def _profile(region: str | RegionProfile) -> RegionProfile:
    return load_profile(region) if isinstance(region, str) else region


def _citation(source: str | None) -> dict[str, str] | None:
    return cite(source).to_dict() if source else None


def _texts(texts: tuple[Text, ...]) -> list[dict[str, str]]:
    return [text.to_dict() for text in texts]


# ------------------------------------------------------------------ objection (异议 → 复评)


@dataclass(frozen=True)
class ObjectionWindow:
    """When the insured person (or guardian, agent) may object to a conclusion."""

    region: str
    stated: bool  # False: the document sets no window for this conclusion
    runs_from: str | None  # "delivery" of the letter, or "publicity_start"
    opens: date | None  # the date of that event
    closes: date | None  # the last day to object; None when not stated
    # True: the window is the publicity period, which lasts *at least* until ``closes``
    # (xinjiang "不少于5个工作日"); the publicity notice states its actual end.
    closes_at_least: bool = False
    count: int | None = None
    unit: PeriodUnit | None = None
    provisional: bool = False
    written: bool | None = None  # None: the document does not say
    late_not_accepted: bool = False  # 逾期不再受理 (ningxia)
    must_state: Text | None = None  # what a written objection states (xinjiang)
    condition: Text | None = None
    from_is_reading: bool = False  # heilongjiang: no start stated; the portal's reading
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "stated": self.stated,
            "from": self.runs_from,
            "from_is_reading": self.from_is_reading,
            "opens": self.opens.isoformat() if self.opens else None,
            "closes": self.closes.isoformat() if self.closes else None,
            "closes_at_least": self.closes_at_least,
            "count": self.count,
            "unit": self.unit,
            "provisional": self.provisional,
            "written": self.written,
            "late_not_accepted": self.late_not_accepted,
            "must_state": self.must_state.to_dict() if self.must_state else None,
            "condition": self.condition.to_dict() if self.condition else None,
            "source": self.source,
            "citation": _citation(self.source),
        }


def objection_window(
    region: str | RegionProfile,
    *,
    delivered_on: date | None = None,
    publicity_started_on: date | None = None,
    publicity_ends_on: date | None = None,
    publicised: bool = True,
    calendar: WorkdayCalendar | None = None,
) -> ObjectionWindow:
    """The objection window for a conclusion delivered / publicised on the given dates.

    Pass the date the region's window runs from (``Period.runs_from``): ``delivered_on`` in
    ningxia and heilongjiang, ``publicity_started_on`` in xinjiang, where the window is the
    publicity period — so ``publicity_ends_on``, when the notice states it, is its end, and
    a conclusion that was not publicised (a failed one, ``publicised=False``) has no stated
    window. Raises ``ValueError`` when that date is missing.
    """
    profile = _profile(region)
    period = profile.period("objection")
    terms: dict[str, Any] = {
        "written": period.written,
        "late_not_accepted": period.late_not_accepted,
        "must_state": period.must_state,
        "condition": period.condition,
    }
    if not period.stated or (period.publicised_only and not publicised):
        return ObjectionWindow(
            region=profile.code, stated=False, runs_from=None, opens=None, closes=None, **terms
        )
    starts = {"delivery": delivered_on, "publicity_start": publicity_started_on}
    opens = starts.get(period.runs_from or "")
    if opens is None:
        raise ValueError(f"{profile.code}: the objection window runs from {period.runs_from}")
    if period.publicised_only and publicity_ends_on is not None:
        closes, at_least, provisional = publicity_ends_on, False, False
    else:
        deadline = compute_deadline(profile, "objection", opens, calendar=calendar)
        closes, provisional = deadline.due, deadline.provisional
        at_least = period.qualifier == "at_least"
    return ObjectionWindow(
        region=profile.code,
        stated=True,
        runs_from=period.runs_from,
        opens=opens,
        closes=closes,
        closes_at_least=at_least,
        count=period.count,
        unit=period.unit,
        provisional=provisional,
        from_is_reading=period.from_is_reading,
        source=period.source,
        **terms,
    )


class Lateness(enum.StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # after the window closed: warn with the date, let them file
    MAY_BE_LATE = "may_be_late"  # after the least length of the publicity; its end decides
    NOT_STATED = "not_stated"  # the document sets no window: nothing to be late for


def objection_lateness(window: ObjectionWindow, filed_on: date) -> Lateness:
    """Whether an objection filed on ``filed_on`` is late. A warning, never a refusal."""
    if not window.stated or window.closes is None:
        return Lateness.NOT_STATED
    if filed_on <= window.closes:
        return Lateness.ON_TIME
    return Lateness.MAY_BE_LATE if window.closes_at_least else Lateness.LATE


# ------------------------------------------------------------------ reassessment (重新评估)


@dataclass(frozen=True)
class Reassessment:
    """A request to be assessed again: both conditions must hold (000:15(6), 001:8, 002:8(7))."""

    region: str
    earliest: date  # the day the conclusion is 6 months old
    early: bool  # requested before ``earliest``: warn, let them request
    conditions: tuple[Text, ...]  # a change in the disability AND a conclusion ≥ 6 months old
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "earliest": self.earliest.isoformat(),
            "early": self.early,
            "conditions": _texts(self.conditions),
            "source": self.source,
            "citation": _citation(self.source),
        }


def reassessment(
    region: str | RegionProfile, conclusion_on: date, *, requested_on: date
) -> Reassessment:
    profile = _profile(region)
    period = profile.period("reassessment_earliest")
    deadline = compute_deadline(profile, "reassessment_earliest", conclusion_on)
    return Reassessment(
        region=profile.code,
        earliest=deadline.due,
        early=requested_on < deadline.due,
        conditions=period.conditions,
        source=deadline.source,
    )


# ------------------------------------------------------------------ validity (有效期)


@dataclass(frozen=True)
class Validity:
    """How long a severe-disability conclusion holds: "generally at most 2 years", so
    "at most until …" unless the conclusion letter states the date."""

    region: str
    until: date
    at_most: bool  # True: the letter states no date; the document's "一般不超过" limit
    source: str | None  # None when the date is the letter's own

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "until": self.until.isoformat(),
            "at_most": self.at_most,
            "source": self.source,
            "citation": _citation(self.source),
        }


def validity(
    region: str | RegionProfile, conclusion_on: date, *, letter_states: date | None = None
) -> Validity:
    profile = _profile(region)
    if letter_states is not None:
        return Validity(region=profile.code, until=letter_states, at_most=False, source=None)
    deadline = compute_deadline(profile, "validity_end", conclusion_on)
    return Validity(region=profile.code, until=deadline.due, at_most=True, source=deadline.source)


# ------------------------------------------------------------------ benefits (待遇)


@dataclass(frozen=True)
class BenefitStart:
    region: str
    stated: bool  # False: the document does not say when benefits start
    runs_from: str | None  # "approval" (ningxia 000:16) or "conclusion" (xinjiang 001:8)
    starts_on: date | None
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "stated": self.stated,
            "from": self.runs_from,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "source": self.source,
            "citation": _citation(self.source),
        }


def benefit_start(
    region: str | RegionProfile,
    *,
    approved_on: date | None = None,
    concluded_on: date | None = None,
) -> BenefitStart:
    """The first day of benefits, from the event the region's document names; raises
    ``ValueError`` when that event's date is not given."""
    profile = _profile(region)
    period = profile.period("benefit_start")
    if not period.stated:
        return BenefitStart(profile.code, False, None, None, None)
    event = {"approval": approved_on, "conclusion": concluded_on}.get(period.runs_from or "")
    if event is None:
        raise ValueError(f"{profile.code}: benefits start from the {period.runs_from}")
    deadline = compute_deadline(profile, "benefit_start", event)
    return BenefitStart(profile.code, True, period.runs_from, deadline.due, deadline.source)
