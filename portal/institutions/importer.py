"""Importing the designated care institutions (定点护理机构) from CSV: all rows or none, every
problem listed with its line. An institution is matched by region and name."""

import csv
import io
import re

from flask_babel import gettext as _
from sqlalchemy import select

from portal.api.service import SERVICE_TYPES
from portal.extensions import db
from portal.models import Institution, Region
from portal.people.roster import RosterProblem, RosterResult

COLUMNS = ("region", "name", "district", "address", "phone", "service_types")
# Where the agency publishes them in Uyghur (xinjiang); optional.
UYGHUR_COLUMNS = ("name_ug", "district_ug", "address_ug")
PHONE = re.compile(r"^[0-9+\- ]{5,32}$")


def import_institutions(text: str) -> RosterResult:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return RosterResult(
            0, 0, [RosterProblem(1, _("缺少这些列：%(columns)s", columns=", ".join(missing)))]
        )
    regions = set(db.session.scalars(select(Region.code)))
    rows: list[Institution] = []
    problems: list[RosterProblem] = []
    for line, row in enumerate(reader, start=2):
        parsed = _parse(row, regions)
        if isinstance(parsed, str):
            problems.append(RosterProblem(line, parsed))
        else:
            rows.append(parsed)
    if problems:
        return RosterResult(0, 0, problems)
    added = updated = 0
    for new in rows:
        existing = db.session.scalar(
            select(Institution).filter_by(region_code=new.region_code, name=new.name)
        )
        if existing is None:
            db.session.add(new)
            added += 1
        else:
            existing.district, existing.address = new.district, new.address
            existing.phone, existing.service_types = new.phone, new.service_types
            existing.name_ug, existing.district_ug = new.name_ug, new.district_ug
            existing.address_ug = new.address_ug
            updated += 1
    db.session.commit()
    return RosterResult(added, updated, [])


def _parse(row: dict[str, str], regions: set[str]) -> Institution | str:
    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
    if values["region"] not in regions:
        return _("没有这个地区：%(region)s", region=values["region"])
    for key in ("name", "district", "address"):
        if not values[key]:
            return _("“%(column)s”一列是空的", column=key)
    if not PHONE.match(values["phone"]):
        return _("电话号码不对：%(phone)s", phone=values["phone"])
    types = [t.strip() for t in re.split(r"[;|]", values["service_types"]) if t.strip()]
    unknown = [t for t in types if t not in SERVICE_TYPES]
    if not types or unknown:
        return _("服务类型只能是 %(allowed)s，用分号隔开", allowed="; ".join(SERVICE_TYPES))
    return Institution(
        region_code=values["region"],
        name=values["name"][:128],
        district=values["district"][:64],
        address=values["address"][:255],
        phone=values["phone"],
        service_types=types,
        name_ug=(row.get("name_ug") or "").strip()[:128],
        district_ug=(row.get("district_ug") or "").strip()[:64],
        address_ug=(row.get("address_ug") or "").strip()[:255],
    )
