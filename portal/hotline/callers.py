"""Looking up a caller's file on the phone: the caller's consent is recorded first, then the
person is found by the phone number of the account that acts for them or by the ID number;
what staff then see (status and deadlines, read-only) is logged as a look (000:64, 001:51)."""

from sqlalchemy import select

from portal import id_numbers
from portal.auth.service import is_mobile_number, normalise_phone
from portal.extensions import db
from portal.models import Account, CallerConsent, InsuredPerson, Representation, StaffUser, utcnow


def record_consent(staff: StaffUser, caller_name: str, relation: str, query: str) -> CallerConsent:
    consent = CallerConsent(
        staff_user_id=staff.id,
        caller_name=caller_name,
        relation=relation,
        query_kind="phone" if is_mobile_number(normalise_phone(query)) else "id_number",
        at=utcnow(),
    )
    db.session.add(consent)
    db.session.commit()
    return consent


def query_is_valid(query: str) -> bool:
    return is_mobile_number(normalise_phone(query)) or id_numbers.has_valid_shape(
        id_numbers.normalise(query)
    )


def find(staff: StaffUser, query: str) -> list[InsuredPerson]:
    phone = normalise_phone(query)
    if is_mobile_number(phone):
        statement = (
            select(InsuredPerson)
            .join(Representation, Representation.insured_person_id == InsuredPerson.id)
            .join(Account, Account.id == Representation.account_id)
            .where(Account.phone == phone)
        )
    else:
        value = id_numbers.normalise(query)
        statement = select(InsuredPerson).filter_by(
            id_number_lookup=InsuredPerson.lookup_for(value)
        )
    if staff.region_code:
        statement = statement.where(InsuredPerson.region_code == staff.region_code)
    return list(db.session.scalars(statement.order_by(InsuredPerson.id).limit(20)).unique())
