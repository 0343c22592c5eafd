"""The rules of one region as the portal holds them: what each field means, in which words
the document states it, and how it is shown to clients (``to_dict``, with a readable
citation beside every internal source code). Loaded from the data files by ``profiles``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from portal.policy.documents import cite
from portal.policy.errors import UnknownRule
from portal.policy.text import Text

PERIOD_RULES = (
    "acceptance_review",
    "conclusion_delivery",
    "publicity_end",
    "objection",
    "reassessment_earliest",
    "validity_end",
    "benefit_start",
    "service_mode_change",
)

PeriodUnit = Literal["working_days", "days", "months", "years", "month_start"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = ("working_days", "days", "months", "years", "month_start")
# How the document words the length: 原则上 (in principle), 不少于 (at least),
# 一般不超过 (generally at most).
Qualifier = Literal["in_principle", "at_least", "generally_at_most"]
QUALIFIERS: tuple[Qualifier, ...] = ("in_principle", "at_least", "generally_at_most")

ApplicantKind = Literal["self", "guardian", "agent"]
APPLICANT_KINDS: tuple[ApplicantKind, ...] = ("self", "guardian", "agent")

# Facts later features read (POLICY.md §4, §5); a misspelt key is refused on load.
PROVISION_CODES = (
    "hospital_stay",
    "death",
    "change_of_institution",
    "suspension",
    "resumption",
    "assessment_specialist",
    "result_delivery",
    "ratings",
    "districts",
    "yearly_follow_up",
    "complaints",
    "treatment_six_months_checked",
    "home_care_ratio",
    "family_caregivers",
    "refused_costs_not_passed_on",
    "own_share_paid_to_institution",
)


def _citation(source: str | None) -> dict[str, str] | None:
    return cite(source).to_dict() if source else None


@dataclass(frozen=True)
class Extension:
    """Extra time a document allows in some cases (xinjiang 001:8: complex cases +30 days)."""

    count: int
    unit: PeriodUnit
    condition: Text
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "unit": self.unit,
            "condition": self.condition.to_dict(),
            "source": self.source,
            "citation": _citation(self.source),
        }


@dataclass(frozen=True)
class Period:
    """A period of POLICY.md §3 as the region's document words it; ``count`` None: not stated."""

    rule: str
    runs_from: str | None
    source: str | None
    count: int | None = None
    unit: PeriodUnit | None = None
    qualifier: Qualifier | None = None
    extension: Extension | None = None
    condition: Text | None = None  # when the length holds (xinjiang: way （2） only)
    conditions: tuple[Text, ...] = ()  # all must hold (reassessment: a change AND 6 months)
    # The objection only:
    written: bool | None = None  # None: the document does not say
    late_not_accepted: bool = False  # 逾期不再受理
    must_state: Text | None = None  # what the written objection states
    publicised_only: bool = False  # the window is the publicity period
    from_is_reading: bool = False  # the document names no start; the portal's reading

    @property
    def stated(self) -> bool:
        return self.count is not None and self.unit is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "stated": self.stated,
            "count": self.count,
            "unit": self.unit,
            "from": self.runs_from,
            "from_is_reading": self.from_is_reading,
            "qualifier": self.qualifier,
            "condition": self.condition.to_dict() if self.condition else None,
            "conditions": [c.to_dict() for c in self.conditions],
            "written": self.written,
            "late_not_accepted": self.late_not_accepted,
            "must_state": self.must_state.to_dict() if self.must_state else None,
            "publicised_only": self.publicised_only,
            "source": self.source,
            "citation": _citation(self.source),
            "extension": self.extension.to_dict() if self.extension else None,
        }


@dataclass(frozen=True)
class RefusalRule:
    """A reason to refuse an application (不予受理): the rule as the document states it,
    what seems to apply to the person, and what the person can do instead."""

    code: str
    source: str
    rule: Text
    message: Text
    instead: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "source": self.source,
            "citation": _citation(self.source),
            "rule": self.rule.to_dict(),
            "message": self.message.to_dict(),
            "instead": self.instead.to_dict(),
        }


@dataclass(frozen=True)
class Material:
    code: str
    name: Text
    needed_by: tuple[ApplicantKind, ...]
    source: str

    @property
    def agent_only(self) -> bool:
        """Only needed when an authorised agent (委托代理人) applies."""
        return self.needed_by == ("agent",)

    def needed_from(self, applicant: ApplicantKind) -> bool:
        return applicant in self.needed_by

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "needed_by": list(self.needed_by),
            "agent_only": self.agent_only,
            "source": self.source,
            "citation": _citation(self.source),
        }


@dataclass(frozen=True)
class ServiceType:
    code: str
    name: Text
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "source": self.source,
            "citation": _citation(self.source),
        }


@dataclass(frozen=True)
class SelfAssessmentRule:
    form: str  # the form the portal offers; the region's own where its document names one
    required: bool  # must the self-assessment be filled in before applying
    source: str | None  # None: the document does not mention a self-assessment

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "required": self.required,
            "source": self.source,
            "citation": _citation(self.source),
        }


@dataclass(frozen=True)
class Pledge:
    text: Text
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text.to_dict(),
            "source": self.source,
            "citation": _citation(self.source),
        }


ReEvaluationBatch = Literal["next_month"]


@dataclass(frozen=True)
class ReEvaluationRule:
    """How a re-evaluation (复评) after an objection runs, where the region's document says:
    xinjiang does it with the next month's batch and does not publicise it again (001:8).
    ``None`` fields and source: the document does not say."""

    source: str | None = None
    batch: ReEvaluationBatch | None = None
    publicised_again: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "publicised_again": self.publicised_again,
            "source": self.source,
            "citation": _citation(self.source),
        }


@dataclass(frozen=True)
class Provision:
    """A fact a later feature reads (POLICY.md §4, §5), with its words and any values."""

    code: str
    text: Text
    source: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text.to_dict(),
            "source": self.source,
            "citation": _citation(self.source),
            "values": dict(self.values),
        }


@dataclass(frozen=True)
class RegionProfile:
    code: str
    name: Text
    document: str  # the seed file of the region's own document
    reference_prefix: str  # letters of its application reference numbers
    self_assessment: SelfAssessmentRule
    periods: tuple[Period, ...]
    refusals: tuple[RefusalRule, ...]
    materials: tuple[Material, ...]
    service_types: tuple[ServiceType, ...]
    pledge: Pledge | None  # None: the document asks for no pledge
    re_evaluation: ReEvaluationRule = ReEvaluationRule()
    provisions: tuple[Provision, ...] = ()

    def period(self, rule: str) -> Period:
        for period in self.periods:
            if period.rule == rule:
                return period
        raise UnknownRule(rule, [p.rule for p in self.periods])

    def refusal(self, code: str) -> RefusalRule | None:
        return next((r for r in self.refusals if r.code == code), None)

    def provision(self, code: str) -> Provision | None:
        if code not in PROVISION_CODES:
            raise UnknownRule(code, PROVISION_CODES)
        return next((p for p in self.provisions if p.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "document": self.document,
            "reference_prefix": self.reference_prefix,
            "self_assessment": self.self_assessment.to_dict(),
            "periods": {p.rule: p.to_dict() for p in self.periods},
            "refusals": [r.to_dict() for r in self.refusals],
            "materials": [m.to_dict() for m in self.materials],
            "service_types": [s.to_dict() for s in self.service_types],
            "pledge": self.pledge.to_dict() if self.pledge else None,
            "re_evaluation": self.re_evaluation.to_dict(),
            "provisions": {p.code: p.to_dict() for p in self.provisions},
        }
