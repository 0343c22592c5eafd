"""Pre-check before applying: which refusal reasons (不予受理, POLICY.md §1) seem to apply.

The agency decides after reviewing the materials (000:14, 001:7, 002:7); the portal only
warns, early, and lets the person apply anyway. Only what is known is judged: a fact left
as ``None`` never produces a warning. A region only applies the refusal rules its profile
lists; the facts each rule needs are below. Rules that depend on what the agency sees
(whether materials are true, the fund's scope) are never decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.policy.deadlines import add_months
from portal.policy.documents import Citation, cite
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
    last_failed_conclusion: date | None = None  # date of the last conclusion that did not pass
    # since that failed conclusion: has the condition or an ability clearly changed?
    clear_change_since_failed: bool | None = None
    receives_work_injury_care_allowance: bool | None = None
    # materials not (yet) given, by name; None while the person is still filling in
    missing_materials: tuple[Text, ...] | None = None


@dataclass(frozen=True)
class Refusal:
    """A reason the agency may refuse the application for; the person may still apply."""

    rule: str
    source: str
    message: Text
    instead: Text
    statement: Text  # the rule as the document states it
    possible_from: date | None = None  # when the rule stops applying, where that is certain
    details: tuple[Text, ...] = ()  # e.g. the materials still missing

    @property
    def citation(self) -> Citation:
        return cite(self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "citation": self.citation.to_dict(),
            "statement": self.statement.to_dict(),
            "message": self.message.to_dict(),
            "instead": self.instead.to_dict(),
            "possible_from": self.possible_from.isoformat() if self.possible_from else None,
            "details": [detail.to_dict() for detail in self.details],
        }


@dataclass(frozen=True)
class _Outcome:
    applies: bool
    possible_from: date | None = None
    details: tuple[Text, ...] = ()


def _not_insured(facts: KnownFacts) -> _Outcome:
    return _Outcome(facts.insured is False)


def _work_injury_care_allowance(facts: KnownFacts) -> _Outcome:
    return _Outcome(facts.receives_work_injury_care_allowance is True)


def _disabled_under_6_months(facts: KnownFacts) -> _Outcome:
    # "6个月以上" includes six months itself.
    return _Outcome(facts.months_disabled is not None and facts.months_disabled < SIX_MONTHS)


def _recent_failed_conclusion(facts: KnownFacts) -> _Outcome:
    # Only a failed (未通过) conclusion counts (001:6.2(6)); a passed one is never asked for.
    if facts.last_failed_conclusion is None:
        return _Outcome(False)
    # Six calendar months end on the corresponding day (民法典 art. 202); from that day on
    # the rule no longer applies, matching reassessment_earliest.
    earliest = add_months(facts.last_failed_conclusion, SIX_MONTHS)
    return _Outcome(facts.today < earliest, earliest)


def _incomplete_materials(facts: KnownFacts) -> _Outcome:
    missing = facts.missing_materials or ()
    return _Outcome(bool(missing), details=missing)


def _no_clear_change_since_failed(facts: KnownFacts) -> _Outcome:
    # The other ground of 001:6.2(6), joined by "或" (or): enough on its own.
    return _Outcome(facts.clear_change_since_failed is False)


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
    "no_clear_change_since_failed": _no_clear_change_since_failed,
    "incomplete_materials": _incomplete_materials,
    "insured_and_treated_under_6_months": _insured_and_treated_under_6_months,
}


def checkable_rules() -> tuple[str, ...]:
    """Refusal rules this module can decide from known facts."""
    return tuple(_CHECKS)


def check_eligibility(facts: KnownFacts, profile: RegionProfile | None = None) -> list[Refusal]:
    """Every refusal reason that seems to apply to ``facts`` in their region, in the
    profile's order: warnings to show, never a bar to applying."""
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
                    statement=rule.rule,
                    possible_from=outcome.possible_from,
                    details=outcome.details,
                )
            )
    return refusals
