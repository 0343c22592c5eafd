"""Region profiles: the rules of one region, read from ``regions/<code>.toml``.

Every region falls back to ``national``: a value a region file does not set is taken from
``national.toml`` and reported with the source ``national default``. Adding a region means
adding a file; no code changes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from portal.policy.errors import ProfileError, RuleNotApplicable, UnknownRegion, UnknownRule
from portal.policy.text import Text

REGIONS_DIR = Path(__file__).parent / "regions"
NATIONAL = "national"
NATIONAL_DEFAULT = "national default"

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

ApplicantKind = Literal["self", "guardian", "agent"]
APPLICANT_KINDS: tuple[ApplicantKind, ...] = ("self", "guardian", "agent")

SELF_ASSESSMENT_FORMS = ("national_standard", "xinjiang_six_item")

# "000:15(5)", "001:附件3", several joined by "; ", or the fallback marker.
_SOURCE_PART = re.compile(r"^\d{3}:\S+$")

# In these sections a region entry only replaces the fields it sets, so a region can cite
# its own article for a national rule and keep the shared wording.
_FIELD_MERGED_SECTIONS = ("refusals", "materials", "service_types")
# In these a region entry replaces the whole national entry: a period or a threshold is one
# legal statement and must not mix fields from two documents.
_ENTRY_REPLACED_SECTIONS = ("periods", "benefit_thresholds")
_TABLE_SECTIONS = ("name", "self_assessment", "pledge", "re_evaluation")


def _check_source(source: str, where: str) -> str:
    if source == NATIONAL_DEFAULT:
        return source
    parts = [part.strip() for part in source.split(";")]
    if not all(_SOURCE_PART.match(part) for part in parts):
        raise ProfileError(f"{where}: source {source!r} is not like '000:15(5)'")
    return source


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
        }


@dataclass(frozen=True)
class Period:
    rule: str
    runs_from: str
    source: str
    count: int | None = None  # None: no document states this period
    unit: PeriodUnit | None = None
    extension: Extension | None = None

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
            "source": self.source,
            "extension": self.extension.to_dict() if self.extension else None,
        }


@dataclass(frozen=True)
class RefusalRule:
    """A reason to refuse an application (不予受理), with what the person can do instead."""

    code: str
    source: str
    message: Text
    instead: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "source": self.source,
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

    @property
    def agent_needs(self) -> bool:
        return "agent" in self.needed_by

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "needed_by": list(self.needed_by),
            "agent_only": self.agent_only,
            "agent_needs": self.agent_needs,
            "source": self.source,
        }


@dataclass(frozen=True)
class ServiceType:
    code: str
    name: Text
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name.to_dict(), "source": self.source}


@dataclass(frozen=True)
class SelfAssessmentRule:
    form: str
    required: bool  # must the self-assessment be filled in before applying
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "required": self.required, "source": self.source}


@dataclass(frozen=True)
class BenefitThreshold:
    """Which self-assessment outcomes suggest applying, for one form."""

    form: str
    source: str
    levels: tuple[int, ...] = ()
    grades: tuple[str, ...] = ()
    note: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "levels": list(self.levels),
            "grades": list(self.grades),
            "source": self.source,
            "note": self.note.to_dict() if self.note else None,
        }


@dataclass(frozen=True)
class Pledge:
    text: Text
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text.to_dict(), "source": self.source}


ReEvaluationBatch = Literal["next_month"]


@dataclass(frozen=True)
class ReEvaluationRule:
    """How a re-evaluation (复评) after an objection runs, where the region says so: xinjiang
    does it with the next month's batch and does not publicise it again (001:8(1)5). ``None``
    means the document does not say."""

    source: str
    batch: ReEvaluationBatch | None = None
    publicised_again: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "publicised_again": self.publicised_again,
            "source": self.source,
        }


@dataclass(frozen=True)
class RegionProfile:
    code: str
    name: Text
    self_assessment: SelfAssessmentRule
    periods: tuple[Period, ...]
    refusals: tuple[RefusalRule, ...]
    materials: tuple[Material, ...]
    service_types: tuple[ServiceType, ...]
    benefit_thresholds: tuple[BenefitThreshold, ...]
    pledge: Pledge
    re_evaluation: ReEvaluationRule

    def period(self, rule: str) -> Period:
        for period in self.periods:
            if period.rule == rule:
                return period
        raise UnknownRule(rule, [p.rule for p in self.periods])

    def refusal(self, code: str) -> RefusalRule | None:
        return next((r for r in self.refusals if r.code == code), None)

    def threshold_for(self, form: str) -> BenefitThreshold:
        for threshold in self.benefit_thresholds:
            if threshold.form == form:
                return threshold
        raise RuleNotApplicable(self.code, "benefit_threshold", f"no threshold set for form {form}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "self_assessment": self.self_assessment.to_dict(),
            "periods": {p.rule: p.to_dict() for p in self.periods},
            "refusals": [r.to_dict() for r in self.refusals],
            "materials": [m.to_dict() for m in self.materials],
            "service_types": [s.to_dict() for s in self.service_types],
            "benefit_thresholds": {t.form: t.to_dict() for t in self.benefit_thresholds},
            "pledge": self.pledge.to_dict(),
            "re_evaluation": self.re_evaluation.to_dict(),
        }


def region_codes(regions_dir: Path | None = None) -> list[str]:
    """Codes of every region with a profile file, ``national`` included."""
    return sorted(path.stem for path in (regions_dir or REGIONS_DIR).glob("*.toml"))


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
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code) or not path.is_file():
        raise UnknownRegion(code, region_codes(regions_dir))
    national = _read(regions_dir / f"{NATIONAL}.toml")
    own = national if code == NATIONAL else _read(path)
    merged = _merge(national, own, is_national=code == NATIONAL, where=path.name)
    return _profile_from(code, merged, path.name)


def _national_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {**entry, "source": NATIONAL_DEFAULT}


def _merge(
    national: Mapping[str, Any], own: Mapping[str, Any], *, is_national: bool, where: str
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for section in _TABLE_SECTIONS:
        if section in own and not is_national:
            if section != "name" and "source" not in own[section]:
                raise ProfileError(f"{where}: {section} needs a source")
            merged[section] = dict(own[section])
        else:
            merged[section] = _national_entry(national.get(section, {}))
    for section in (*_FIELD_MERGED_SECTIONS, *_ENTRY_REPLACED_SECTIONS):
        base = {key: _national_entry(entry) for key, entry in national.get(section, {}).items()}
        if is_national:
            merged[section] = base
            continue
        for key, entry in own.get(section, {}).items():
            # A replaced entry must cite its own article, or it would pass as national.
            replaces = key not in base or section in _ENTRY_REPLACED_SECTIONS
            if replaces and "source" not in entry and entry.get("applies", True):
                raise ProfileError(f"{where}: {section}.{key} needs a source")
            if section in _FIELD_MERGED_SECTIONS and key in base:
                base[key] = {**base[key], **entry}
            else:
                base[key] = dict(entry)
        merged[section] = {k: v for k, v in base.items() if v.get("applies", True)}
    unknown = set(own) - {
        "code",
        *_TABLE_SECTIONS,
        *_FIELD_MERGED_SECTIONS,
        *_ENTRY_REPLACED_SECTIONS,
    }
    if unknown:
        raise ProfileError(f"{where}: unknown sections {sorted(unknown)}")
    return merged


def _source(entry: Mapping[str, Any], where: str) -> str:
    return _check_source(str(entry.get("source", NATIONAL_DEFAULT)), where)


def _unit(value: Any, where: str) -> PeriodUnit:
    if value not in PERIOD_UNITS:
        raise ProfileError(f"{where}: unit {value!r} is not one of {PERIOD_UNITS}")
    return cast(PeriodUnit, value)


def _period(rule: str, entry: Mapping[str, Any], where: str) -> Period:
    if rule not in PERIOD_RULES:
        raise ProfileError(f"{where}: unknown period {rule!r}")
    if "from" not in entry:
        raise ProfileError(f"{where}: needs 'from', the event the period runs from")
    count = entry.get("count")
    if count is not None and (not isinstance(count, int) or count < 1):
        raise ProfileError(f"{where}: count must be a positive integer")
    if (count is None) != ("unit" not in entry):
        raise ProfileError(f"{where}: give both count and unit, or neither (not stated)")
    extension = None
    if "extension" in entry:
        ext = entry["extension"]
        extension = Extension(
            count=int(ext["count"]),
            unit=_unit(ext["unit"], where),
            condition=Text.from_data(ext["condition"], f"{where}.extension.condition"),
            source=_source(ext, where),
        )
    return Period(
        rule=rule,
        runs_from=str(entry["from"]),
        source=_source(entry, where),
        count=count,
        unit=_unit(entry["unit"], where) if "unit" in entry else None,
        extension=extension,
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


def _threshold(form: str, entry: Mapping[str, Any], where: str) -> BenefitThreshold:
    return BenefitThreshold(
        form=form,
        source=_source(entry, where),
        levels=tuple(int(level) for level in entry.get("levels", ())),
        grades=tuple(str(grade) for grade in entry.get("grades", ())),
        note=Text.from_data(entry["note"], f"{where}.note") if "note" in entry else None,
    )


def _profile_from(code: str, data: Mapping[str, Any], where: str) -> RegionProfile:
    assessment = data["self_assessment"]
    if assessment.get("form") not in SELF_ASSESSMENT_FORMS:
        raise ProfileError(f"{where}: self_assessment.form must be one of {SELF_ASSESSMENT_FORMS}")
    periods = tuple(
        _period(rule, entry, f"{where}: periods.{rule}") for rule, entry in data["periods"].items()
    )
    missing = sorted(set(PERIOD_RULES) - {p.rule for p in periods})
    if missing:
        raise ProfileError(f"{where}: periods missing {missing}")
    return RegionProfile(
        code=code,
        name=Text.from_data(data["name"], f"{where}: name"),
        self_assessment=SelfAssessmentRule(
            form=str(assessment["form"]),
            required=bool(assessment.get("required", False)),
            source=_source(assessment, f"{where}: self_assessment"),
        ),
        periods=periods,
        refusals=tuple(
            RefusalRule(
                code=key,
                source=_source(entry, f"{where}: refusals.{key}"),
                message=Text.from_data(entry.get("message"), f"{where}: refusals.{key}.message"),
                instead=Text.from_data(entry.get("instead"), f"{where}: refusals.{key}.instead"),
            )
            for key, entry in data["refusals"].items()
        ),
        materials=tuple(
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
        benefit_thresholds=tuple(
            _threshold(form, entry, f"{where}: benefit_thresholds.{form}")
            for form, entry in data["benefit_thresholds"].items()
        ),
        pledge=Pledge(
            text=Text.from_data(data["pledge"], f"{where}: pledge"),
            source=_source(data["pledge"], f"{where}: pledge"),
        ),
        re_evaluation=_re_evaluation(data["re_evaluation"], f"{where}: re_evaluation"),
    )


def _re_evaluation(entry: Mapping[str, Any], where: str) -> ReEvaluationRule:
    batch = entry.get("batch")
    if batch not in (None, "next_month"):
        raise ProfileError(f"{where}: batch must be 'next_month' or left out (not stated)")
    publicised_again = entry.get("publicised_again")
    if publicised_again is not None and not isinstance(publicised_again, bool):
        raise ProfileError(f"{where}: publicised_again must be true, false or left out")
    return ReEvaluationRule(
        source=_source(entry, where),
        batch=cast(ReEvaluationBatch | None, batch),
        publicised_again=publicised_again,
    )
