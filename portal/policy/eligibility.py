"""Pre-check before applying: which refusal rules (不予受理, POLICY.md §1) already apply.

Only what is known is judged: a fact left as ``None`` never produces a refusal. A region
only applies the refusal rules its profile lists; the facts each rule needs are below.
Rules that depend on what the agency sees (materials, fund scope, "no clear change") are
never decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.policy.deadlines import add_months
from portal.policy.profiles import RegionProfile, load_profile
from portal.policy.text import Text

SIX_MONTHS = 6


@dataclass(frozen=True)
class KnownFacts:
    region: str
    today: date
    insured: bool | None = None
    insured_since: date | None = None
    months_disabled: int | None = None  # how long the person has been unable to care for themselves
    months_treated: int | None = None
    last_failed_conclusion: date | None = None  # date of the last conclusion that did not qualify
    receives_work_injury_care_allowance: bool | None = None


@dataclass(frozen=True)
class Refusal:
    rule: str
    source: str
    message: Text
    instead: Text
    possible_from: date | None = None  # when the rule stops applying, where that is certain

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "message": self.message.to_dict(),
            "instead": self.instead.to_dict(),
            "possible_from": self.possible_from.isoformat() if self.possible_from else None,
        }


@dataclass(frozen=True)
class _Outcome:
    applies: bool
    possible_from: date | None = None


def _not_insured(facts: KnownFacts) -> _Outcome:
    return _Outcome(facts.insured is False)


def _work_injury_care_allowance(facts: KnownFacts) -> _Outcome:
    return _Outcome(facts.receives_work_injury_care_allowance is True)


def _disabled_under_6_months(facts: KnownFacts) -> _Outcome:
    # "6个月以上" includes six months itself.
    return _Outcome(facts.months_disabled is not None and facts.months_disabled < SIX_MONTHS)


def _recent_failed_conclusion(facts: KnownFacts) -> _Outcome:
    if facts.last_failed_conclusion is None:
        return _Outcome(False)
    # Six calendar months end on the corresponding day (民法典 art. 202); from that day on
    # the rule no longer applies, matching reassessment_earliest.
    earliest = add_months(facts.last_failed_conclusion, SIX_MONTHS)
    return _Outcome(facts.today < earliest, earliest)


def _insured_and_treated_under_6_months(facts: KnownFacts) -> _Outcome:
    if facts.insured_since is None or facts.months_treated is None:
        return _Outcome(False)
    insured_from = add_months(facts.insured_since, SIX_MONTHS)
    insured_short = facts.today < insured_from
    treated_short = facts.months_treated < SIX_MONTHS
    # Both must be short: either one reaching six months lifts the rule.
    return _Outcome(insured_short and treated_short, insured_from)


_CHECKS: dict[str, Callable[[KnownFacts], _Outcome]] = {
    "not_insured": _not_insured,
    "work_injury_care_allowance": _work_injury_care_allowance,
    "disabled_under_6_months": _disabled_under_6_months,
    "recent_failed_conclusion": _recent_failed_conclusion,
    "insured_and_treated_under_6_months": _insured_and_treated_under_6_months,
}


def checkable_rules() -> tuple[str, ...]:
    """Refusal rules this module can decide from known facts."""
    return tuple(_CHECKS)


def check_eligibility(facts: KnownFacts, profile: RegionProfile | None = None) -> list[Refusal]:
    """Every refusal that applies to ``facts`` in their region, in the profile's order."""
    profile = profile or load_profile(facts.region)
    refusals = []
    for rule in profile.refusals:
        check = _CHECKS.get(rule.code)
        if check is None:
            continue
        outcome = check(facts)
        if outcome.applies:
            refusals.append(
                Refusal(
                    rule=rule.code,
                    source=rule.source,
                    message=rule.message,
                    instead=rule.instead,
                    possible_from=outcome.possible_from,
                )
            )
    return refusals
