"""Importing the insured roster (参保名单) that staff export from the insurance system."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal import id_numbers
from portal.extensions import db
from portal.models import InsuranceType, InsuredPerson, Region

COLUMNS = ("name", "id_number", "region", "insurance_type", "enrolled_on")
# The name in Uyghur script, where the ID card prints it (Xinjiang); may be left empty.
OPTIONAL_COLUMNS = ("name_ug",)


@dataclass(frozen=True)
class RosterProblem:
    line: int
    message: str


@dataclass(frozen=True)
class RosterResult:
    added: int
    updated: int
    problems: list[RosterProblem]


def import_roster(text: str) -> RosterResult:
    """All or nothing: one bad row means no row is imported, and every problem is listed."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        message = _("缺少这些列：%(columns)s", columns=", ".join(missing))
        return RosterResult(0, 0, [RosterProblem(1, message)])
    regions = set(db.session.scalars(select(Region.code)))
    rows, problems = [], []
    for line, row in enumerate(reader, start=2):
        parsed = _parse(row, regions)
        if isinstance(parsed, str):
            problems.append(RosterProblem(line, parsed))
        else:
            rows.append(parsed)
    if problems:
        return RosterResult(0, 0, problems)
    added = updated = 0
    for person in rows:
        existing = db.session.scalar(
            select(InsuredPerson).filter_by(id_number_lookup=person.id_number_lookup)
        )
        if existing is None:
            db.session.add(person)
            added += 1
        else:
            existing.name, existing.name_ug = person.name, person.name_ug
            existing.region_code = person.region_code
            existing.insurance_type, existing.enrolled_on = (
                person.insurance_type,
                person.enrolled_on,
            )
            updated += 1
    db.session.commit()
    return RosterResult(added, updated, [])


def _parse(row: dict[str, str], regions: set[str]) -> InsuredPerson | str:
    id_number = id_numbers.normalise(row["id_number"] or "")
    if not (row["name"] or "").strip():
        return _("姓名是空的")
    if not id_numbers.is_valid(id_number):
        return _("身份证号码不对：%(start)s…", start=id_number[:6])
    if row["region"] not in regions:
        return _("没有这个地区：%(region)s", region=row["region"])
    try:
        insurance_type = InsuranceType(row["insurance_type"])
        enrolled_on = date.fromisoformat(row["enrolled_on"])
    except ValueError:
        return _(
            "参保类型或参保日期不对（类型：%(types)s；日期如 2020-01-31）",
            types=", ".join(t.value for t in InsuranceType),
        )
    return InsuredPerson(
        name=row["name"].strip(),
        name_ug=(row.get("name_ug") or "").strip() or None,
        id_number=id_number,
        id_number_lookup=InsuredPerson.lookup_for(id_number),
        region_code=row["region"],
        insurance_type=insurance_type,
        enrolled_on=enrolled_on,
    )
