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
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from portal.policy.documents import check_source, document_order, documents, documents_cited
from portal.policy.errors import ProfileError, UnknownRegion
from portal.policy.region_profile import (
    APPLICANT_KINDS,
    PERIOD_RULES,
    PERIOD_UNITS,
    PROVISION_CODES,
    QUALIFIERS,
    ApplicantKind,
    Extension,
    Material,
    Period,
    PeriodUnit,
    Pledge,
    Provision,
    Qualifier,
    ReEvaluationBatch,
    ReEvaluationRule,
    RefusalRule,
    RegionProfile,
    SelfAssessmentRule,
    ServiceType,
)
from portal.policy.text import Text

# The types live in region_profile; importing them from here keeps working.
__all__ = [
    "APPLICANT_KINDS",
    "PERIOD_RULES",
    "PERIOD_UNITS",
    "PROVISION_CODES",
    "QUALIFIERS",
    "REGIONS_DIR",
    "ApplicantKind",
    "Extension",
    "Material",
    "Period",
    "PeriodUnit",
    "Pledge",
    "Provision",
    "Qualifier",
    "ReEvaluationRule",
    "RefusalRule",
    "RegionProfile",
    "SelfAssessmentRule",
    "ServiceType",
    "load_profile",
    "region_codes",
]

REGIONS_DIR = Path(__file__).parent / "regions"
FORMS_DIR = Path(__file__).parent / "self_assessment" / "forms"
NATIONAL = "national"
# The three provincial procedures; a national value must be stated by each of them.
PROVINCIAL_DOCUMENTS = frozenset({"000", "001", "002"})

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
        "re_evaluation",
        "periods",
        "provisions",
        *_FIELD_MERGED_SECTIONS,
    }
)


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


def _re_evaluation(entry: Mapping[str, Any] | None, where: str) -> ReEvaluationRule:
    if entry is None:
        return ReEvaluationRule()
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
        re_evaluation=_re_evaluation(data.get("re_evaluation"), f"{where}: re_evaluation"),
        provisions=tuple(_provisions(data.get("provisions", {}), where)),
    )
