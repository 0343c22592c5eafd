"""The insured people an account acts for, matched against the insured roster (参保名单)."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import AccessLog, Account, InsuredPerson, Relation, Representation, Upload


class NotOnRoster(Exception):
    """No insured person with that name and ID number."""


class AlreadyAdded(Exception):
    """This account already acts for that person (perhaps added a moment ago, in another tab)."""


def find_on_roster(name: str, id_number: str) -> InsuredPerson:
    person = db.session.scalar(
        select(InsuredPerson).filter_by(id_number_lookup=InsuredPerson.lookup_for(id_number))
    )
    if person is None or _plain(person.name) != _plain(name):
        raise NotOnRoster
    return person


def _plain(name: str) -> str:
    """Roster names use '·' between Uyghur name parts; people type it many ways."""
    return "".join(name.split()).replace("•", "·").replace(".", "·").replace("・", "·")


def representations_of(account: Account) -> list[Representation]:
    query = select(Representation).filter_by(account_id=account.id).order_by(Representation.id)
    return list(db.session.scalars(query))


def representation_of(account: Account, representation_id: int) -> Representation | None:
    """None unless this account acts for that person: other people's files stay hidden, and
    the attempt is logged in that person's file."""
    found = db.session.get(Representation, representation_id)
    if found is not None and found.account_id != account.id:
        log_access(account, found.insured_person_id, "refused:representation")
        return None
    return found


def existing_representation(account: Account, person: InsuredPerson) -> Representation | None:
    return db.session.scalar(
        select(Representation).filter_by(account_id=account.id, insured_person_id=person.id)
    )


def add_representation(
    account: Account, person: InsuredPerson, relation: Relation, power_of_attorney: Upload | None
) -> Representation:
    """Commits the representation together with its power-of-attorney upload, if any; neither
    is kept when the account already acts for the person."""
    if power_of_attorney is not None:
        db.session.flush()  # gives the pending upload its id, in the same transaction
    representation = Representation(
        account_id=account.id,
        insured_person_id=person.id,
        relation=relation,
        power_of_attorney_id=power_of_attorney.id if power_of_attorney else None,
    )
    db.session.add(representation)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise AlreadyAdded from error
    return representation


def log_access(account: Account, person_id: int, action: str) -> None:
    """Every look at a person's file is recorded (查阅登记, 000:64, 001:51), and every refused
    attempt to look (action "refused:…")."""
    log_access_to(account, [person_id], action)


def log_access_to(account: Account, person_ids: Iterable[int], action: str) -> None:
    """One entry per person for a page or download that shows several people's data."""
    for person_id in dict.fromkeys(person_ids):
        db.session.add(
            AccessLog(insured_person_id=person_id, actor=f"account:{account.id}", action=action)
        )
    db.session.commit()
