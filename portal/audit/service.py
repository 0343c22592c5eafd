"""查阅登记 (000:64, 001:51): every look at a person's file by staff, with who, when, which file
and from which screen; and the administrator's search over it."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import request
from sqlalchemy import Select, or_, select

from portal import id_numbers
from portal.clock import china_midnight
from portal.extensions import db
from portal.models import AccessLog, InsuredPerson, StaffUser

PAGE_SIZE = 200


def log_staff_look(
    staff: StaffUser,
    person_id: int | None,
    action: str,
    *,
    upload_id: int | None = None,
    complaint_id: int | None = None,
    caller_consent_id: int | None = None,
) -> None:
    """Written and committed before anything of the file is shown. A complaint's evidence is
    logged with its complaint (a complaint may name no insured person), a hotline look with the
    caller's consent."""
    db.session.add(
        AccessLog(
            insured_person_id=person_id,
            complaint_id=complaint_id,
            actor=f"staff:{staff.id}",
            action=action,
            staff_user_id=staff.id,
            screen=(request.endpoint or "")[:64],
            upload_id=upload_id,
            caller_consent_id=caller_consent_id,
        )
    )
    db.session.commit()


@dataclass(frozen=True)
class AuditQuery:
    person: str = ""  # a name or an ID number
    staff: str = ""  # a username or a name
    date_from: date | None = None
    date_to: date | None = None


def search(query: AuditQuery) -> list[AccessLog]:
    statement: Select[tuple[AccessLog]] = select(AccessLog)
    if query.person.strip():
        statement = statement.where(AccessLog.insured_person_id.in_(_people(query.person)))
    if query.staff.strip():
        like = f"%{query.staff.strip()}%"
        staff_ids = select(StaffUser.id).where(
            or_(StaffUser.username.ilike(like), StaffUser.full_name.ilike(like))
        )
        statement = statement.where(AccessLog.staff_user_id.in_(staff_ids))
    if query.date_from:
        statement = statement.where(AccessLog.at >= china_midnight(query.date_from))
    if query.date_to:
        statement = statement.where(
            AccessLog.at < china_midnight(query.date_to + timedelta(days=1))
        )
    statement = statement.order_by(AccessLog.at.desc(), AccessLog.id.desc()).limit(PAGE_SIZE)
    return list(db.session.scalars(statement))


def _people(text: str) -> Select[Any]:
    value = id_numbers.normalise(text)
    if id_numbers.has_valid_shape(value):
        return select(InsuredPerson.id).filter_by(id_number_lookup=InsuredPerson.lookup_for(value))
    return select(InsuredPerson.id).where(InsuredPerson.name.contains(text.strip()))
