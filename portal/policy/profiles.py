"""Region profiles: the rules of one region, read from ``regions/<code>.toml``.

A region file sets what its own document states. What it does not set comes from
``national.toml``, which holds only what all three provincial procedures (000, 001, 002)
state alike, each value citing all three (POLICY.md). A region whose own document is among
them keeps only its document's part of such a source. Anything else a region does not set
is *not stated*: a period without a count, a pledge of ``None``, a self-assessment that is
not required. Adding a region means adding a file; no code changes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from portal.policy.documents import (
    check_source,
    cite,
    document_order,
    documents,
    documents_cited,
)
from portal.policy.errors import ProfileError, UnknownRegion, UnknownRule
from portal.policy.text import Text

REGIONS_DIR = Path(__file__).parent / "regions"
FORMS_DIR = Path(__file__).parent / "self_assessment" / "forms"
NATIONAL = "national"
# The three provincial procedures; a national value must be stated by each of them.
PROVINCIAL_DOCUMENTS = frozenset({"000", "001", "002"})

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

_PERIOD_KEYS = frozenset(
    {
        "count",
        "unit",
        "from",
        "source",
        "qualifier",
        "extension",
        "condition",
        "conditions",
        "written",
        "late_not_accepted",
        "must_state",
        "publicised_only",
        "from_is_reading",
    }
)
_OBJECTION_ONLY = frozenset(
    {"written", "late_not_accepted", "must_state", "publicised_only", "from_is_reading"}
)
# In these a region entry only replaces the fields it sets, so it can cite its own article
# for a shared rule and keep the shared wording.
_FIELD_MERGED_SECTIONS = ("refusals", "materials", "service_types")
_TOP_LEVEL = frozenset(
    {
        "code",
        "document",
        "reference_prefix",
        "name",
        "self_assessment",
        "pledge",
        "periods",
        "provisions",
        *_FIELD_MERGED_SECTIONS,
    }
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
            "provisions": {p.code: p.to_dict() for p in self.provisions},
        }


def region_codes(regions_dir: Path | None = None) -> list[str]:
    """Codes of every region with a profile file (``national`` is not a region)."""
    directory = regions_dir or REGIONS_DIR
    return sorted(path.stem for path in directory.glob("*.toml") if path.stem != NATIONAL)


def load_profile(code: str, regions_dir: Path | None = None) -> RegionProfile:
    if regions_dir is None:
        return _load_default(code)
    return _build_profile(code, regions_dir)


@cache
def _load_default(code: str) -> RegionProfile:
    return _build_profile(code, REGIONS_DIR)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path.name}: {error}") from error


def _build_profile(code: str, regions_dir: Path) -> RegionProfile:
    path = regions_dir / f"{code}.toml"
    if code == NATIONAL or not re.fullmatch(r"[a-z][a-z0-9_]*", code) or not path.is_file():
        raise UnknownRegion(code, region_codes(regions_dir))
    national = _read(regions_dir / f"{NATIONAL}.toml")
    _check_national(national)
    own = _read(path)
    where = path.name
    unknown = set(own) - _TOP_LEVEL
    if unknown:
        raise ProfileError(f"{where}: unknown sections {sorted(unknown)}")
    document = str(own.get("document", ""))
    if document not in documents():
        raise ProfileError(f"{where}: document must be one of {sorted(documents())}")
    return _profile_from(code, document, _merge(national, own, document, where), where)


def _check_national(national: Mapping[str, Any]) -> None:
    """Every value in national.toml is one all three provincial documents state."""
    for section in ("periods", *_FIELD_MERGED_SECTIONS):
        for key, entry in national.get(section, {}).items():
            stated = section != "periods" or "count" in entry
            cited = documents_cited(str(entry.get("source", "")))
            if stated and not cited >= PROVINCIAL_DOCUMENTS:
                raise ProfileError(
                    f"national.toml: {section}.{key} must cite 000, 001 and 002, "
                    f"or it is not a rule all three state"
                )


def _narrowed(source: str, document: str) -> str:
    """A shared source as the region's own document words it, where it is among them."""
    own = [part.strip() for part in source.split(";") if part.strip().startswith(f"{document}:")]
    return "; ".join(own) if own else source


def _merge(
    national: Mapping[str, Any], own: Mapping[str, Any], document: str, where: str
) -> dict[str, Any]:
    merged: dict[str, Any] = {key: own[key] for key in own if key not in ("periods", "code")}
    merged["periods"] = {}
    for rule, entry in national.get("periods", {}).items():
        merged["periods"][rule] = _inherited(entry, document)
    for rule, entry in own.get("periods", {}).items():
        if "count" in entry and "source" not in entry:
            raise ProfileError(f"{where}: periods.{rule} needs a source")
        merged["periods"][rule] = dict(entry)
    for section in _FIELD_MERGED_SECTIONS:
        shared = national.get(section, {})
        base = {key: _inherited(entry, document) for key, entry in shared.items()}
        for key, entry in own.get(section, {}).items():
            if key not in base and "source" not in entry and entry.get("applies", True):
                raise ProfileError(f"{where}: {section}.{key} needs a source")
            base[key] = {**base.get(key, {}), **entry}
        merged[section] = {k: v for k, v in base.items() if v.get("applies", True)}
    return merged


def _inherited(entry: Mapping[str, Any], document: str) -> dict[str, Any]:
    if "source" not in entry:
        return dict(entry)
    return {**entry, "source": _narrowed(str(entry["source"]), document)}


def _source(entry: Mapping[str, Any], where: str) -> str:
    if "source" not in entry:
        raise ProfileError(f"{where} needs a source")
    return check_source(str(entry["source"]), where)


def _unit(value: Any, where: str) -> PeriodUnit:
    if value not in PERIOD_UNITS:
        raise ProfileError(f"{where}: unit {value!r} is not one of {PERIOD_UNITS}")
    return cast(PeriodUnit, value)


def _optional_text(entry: Mapping[str, Any], key: str, where: str) -> Text | None:
    return Text.from_data(entry[key], f"{where}.{key}") if key in entry else None


def _period(rule: str, entry: Mapping[str, Any], where: str) -> Period:
    if rule not in PERIOD_RULES:
        raise ProfileError(f"{where}: unknown period {rule!r}")
    unknown = set(entry) - _PERIOD_KEYS
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
    if rule != "objection" and set(entry) & _OBJECTION_ONLY:
        raise ProfileError(f"{where}: {sorted(set(entry) & _OBJECTION_ONLY)} are for objections")
    count = entry.get("count")
    if count is not None and (not isinstance(count, int) or count < 1):
        raise ProfileError(f"{where}: count must be a positive integer")
    if (count is None) != ("unit" not in entry):
        raise ProfileError(f"{where}: give both count and unit, or neither (not stated)")
    if count is not None and "from" not in entry:
        raise ProfileError(f"{where}: needs 'from', the event the period runs from")
    qualifier = entry.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise ProfileError(f"{where}: qualifier must be one of {QUALIFIERS}")
    return Period(
        rule=rule,
        runs_from=str(entry["from"]) if "from" in entry else None,
        source=_source(entry, where) if count is not None else None,
        count=count,
        unit=_unit(entry["unit"], where) if "unit" in entry else None,
        qualifier=cast(Qualifier | None, qualifier),
        extension=_extension(entry["extension"], where) if "extension" in entry else None,
        condition=_optional_text(entry, "condition", where),
        conditions=tuple(
            Text.from_data(c, f"{where}.conditions") for c in entry.get("conditions", ())
        ),
        written=cast(bool | None, entry.get("written")),
        late_not_accepted=bool(entry.get("late_not_accepted", False)),
        must_state=_optional_text(entry, "must_state", where),
        publicised_only=bool(entry.get("publicised_only", False)),
        from_is_reading=bool(entry.get("from_is_reading", False)),
    )


def _extension(entry: Mapping[str, Any], where: str) -> Extension:
    return Extension(
        count=int(entry["count"]),
        unit=_unit(entry["unit"], where),
        condition=Text.from_data(entry["condition"], f"{where}.extension.condition"),
        source=_source(entry, f"{where}.extension"),
    )


def _material(code: str, entry: Mapping[str, Any], where: str) -> Material:
    needed_by = tuple(entry.get("needed_by", APPLICANT_KINDS))
    if not needed_by or any(kind not in APPLICANT_KINDS for kind in needed_by):
        raise ProfileError(f"{where}: needed_by must list some of {APPLICANT_KINDS}")
    return Material(
        code=code,
        name=Text.from_data(entry.get("name"), f"{where}.name"),
        needed_by=cast(tuple[ApplicantKind, ...], needed_by),
        source=_source(entry, where),
    )


def _self_assessment(entry: Mapping[str, Any], where: str) -> SelfAssessmentRule:
    forms = sorted(path.stem for path in FORMS_DIR.glob("*.toml"))
    if entry.get("form") not in forms:
        raise ProfileError(f"{where}: self_assessment.form must be one of {forms}")
    required = bool(entry.get("required", False))
    if required and "source" not in entry:
        raise ProfileError(f"{where}: a required self-assessment needs a source")
    return SelfAssessmentRule(
        form=str(entry["form"]),
        required=required,
        source=_source(entry, f"{where}: self_assessment") if "source" in entry else None,
    )


def _provisions(data: Mapping[str, Any], where: str) -> Iterable[Provision]:
    for code, entry in data.items():
        if code not in PROVISION_CODES:
            raise ProfileError(f"{where}: unknown provision {code!r}")
        yield Provision(
            code=code,
            text=Text.from_data(entry.get("text"), f"{where}: provisions.{code}.text"),
            source=_source(entry, f"{where}: provisions.{code}"),
            values={k: v for k, v in entry.items() if k not in ("text", "source")},
        )


def _pledge(entry: Mapping[str, Any], where: str) -> Pledge:
    return Pledge(
        text=Text.from_data(entry, f"{where}: pledge"), source=_source(entry, f"{where}: pledge")
    )


_Sourced = TypeVar("_Sourced", RefusalRule, Material)


def _in_document_order(entries: Iterable[_Sourced]) -> tuple[_Sourced, ...]:
    """As the document lists them, so a page reads in the same order as the article."""
    return tuple(sorted(entries, key=lambda entry: document_order(entry.source)))


def _profile_from(code: str, document: str, data: Mapping[str, Any], where: str) -> RegionProfile:
    if "self_assessment" not in data:
        raise ProfileError(f"{where}: needs [self_assessment] with the form the portal offers")
    prefix = str(data.get("reference_prefix", ""))
    if not re.fullmatch(r"[A-Z]{2}", prefix):
        raise ProfileError(f"{where}: reference_prefix must be two capital letters")
    periods = tuple(
        _period(rule, entry, f"{where}: periods.{rule}") for rule, entry in data["periods"].items()
    )
    missing = sorted(set(PERIOD_RULES) - {p.rule for p in periods})
    if missing:
        raise ProfileError(f"{where}: periods missing {missing}")
    pledge = data.get("pledge")
    return RegionProfile(
        code=code,
        name=Text.from_data(data.get("name"), f"{where}: name"),
        document=document,
        reference_prefix=prefix,
        self_assessment=_self_assessment(data["self_assessment"], where),
        periods=periods,
        refusals=_in_document_order(
            RefusalRule(
                code=key,
                source=_source(entry, f"{where}: refusals.{key}"),
                rule=Text.from_data(entry.get("rule"), f"{where}: refusals.{key}.rule"),
                message=Text.from_data(entry.get("message"), f"{where}: refusals.{key}.message"),
                instead=Text.from_data(entry.get("instead"), f"{where}: refusals.{key}.instead"),
            )
            for key, entry in data["refusals"].items()
        ),
        materials=_in_document_order(
            _material(key, entry, f"{where}: materials.{key}")
            for key, entry in data["materials"].items()
        ),
        service_types=tuple(
            ServiceType(
                code=key,
                name=Text.from_data(entry.get("name"), f"{where}: service_types.{key}.name"),
                source=_source(entry, f"{where}: service_types.{key}"),
            )
            for key, entry in data["service_types"].items()
        ),
        pledge=_pledge(pledge, where) if pledge is not None else None,
        provisions=tuple(_provisions(data.get("provisions", {}), where)),
    )
