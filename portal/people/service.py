"""The insured people an account acts for, matched against the insured roster (参保名单)."""

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    AccessLog,
    Account,
    ActingAs,
    Application,
    ApplicationStatus,
    InsuredPerson,
    Relation,
    Representation,
    Upload,
    utcnow,
)
from portal.uploads.service import erase_unused

# Between the parts of a name people type a space, '·', '•', '.', '・', '-' or nothing; Uyghur
# keyboards add the tatweel (ـ) and zero-width joiners. None of them tells two people apart.
_NOT_PART_OF_A_NAME = re.compile(r"[\s·•.・\-‐ـ\u200c\u200d\u200e\u200f]+")


class NotOnRoster(Exception):
    """No insured person with that name and ID number."""


class AlreadyAdded(Exception):
    """This account already acts for that person (perhaps added a moment ago, in another tab)."""


def find_on_roster(name: str, id_number: str) -> InsuredPerson:
    """The person with this ID number, if the name is theirs in either script on the card."""
    person = db.session.scalar(
        select(InsuredPerson).filter_by(id_number_lookup=InsuredPerson.lookup_for(id_number))
    )
    if person is None or _plain(name) not in {
        _plain(n) for n in (person.name, person.name_ug) if n
    }:
        raise NotOnRoster
    return person


def _plain(name: str) -> str:
    # NFKC turns Arabic presentation forms (from some keyboards and copy-paste) into letters.
    return _NOT_PART_OF_A_NAME.sub("", unicodedata.normalize("NFKC", name))


def representations_of(account: Account) -> list[Representation]:
    """The people this account acts for now."""
    query = (
        select(Representation)
        .filter_by(account_id=account.id, removed_at=None)
        .order_by(Representation.id)
    )
    return list(db.session.scalars(query))


def representation_of(account: Account, representation_id: int) -> Representation | None:
    """None unless this account acts for that person: other people's files stay hidden, and
    the attempt is logged in that person's file."""
    found = db.session.get(Representation, representation_id)
    if found is not None and found.account_id != account.id:
        log_access(account, found.insured_person_id, "refused:representation")
        return None
    if found is None or found.removed_at is not None:
        return None
    return found


def existing_representation(account: Account, person: InsuredPerson) -> Representation | None:
    """Also one removed from the list: an application made through it still needs it."""
    return db.session.scalar(
        select(Representation).filter_by(account_id=account.id, insured_person_id=person.id)
    )


def add_representation(
    account: Account,
    person: InsuredPerson,
    relation: Relation,
    acting_as: ActingAs,
    power_of_attorney: Upload | None,
) -> Representation:
    """Commits the representation together with its power-of-attorney upload, if any. A
    person removed before is added back with the new relation and document. Neither is kept
    when the account already acts for the person (another tab, a double tap): AlreadyAdded."""
    representation = existing_representation(account, person)
    if representation is not None and representation.removed_at is None:
        db.session.rollback()
        raise AlreadyAdded
    if power_of_attorney is not None:
        db.session.flush()  # gives the pending upload its id, in the same transaction
    representation = representation or Representation(
        account_id=account.id, insured_person_id=person.id
    )
    representation.relation = relation
    representation.acting_as = acting_as
    representation.power_of_attorney_id = power_of_attorney.id if power_of_attorney else None
    representation.removed_at = None
    db.session.add(representation)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise AlreadyAdded from error
    return representation


def remove_representation(representation: Representation) -> int:
    """Stop acting for a person: their unsent drafts go with their files, and so does the
    power of attorney unless a submitted application keeps it; submitted applications stay
    with the agency. Returns how many drafts were deleted."""
    drafts = db.session.scalars(
        select(Application).filter_by(
            account_id=representation.account_id,
            insured_person_id=representation.insured_person_id,
            status=ApplicationStatus.DRAFT,
        )
    ).all()
    files = [link.upload_id for draft in drafts for link in draft.materials]
    if representation.power_of_attorney_id is not None:
        files.append(representation.power_of_attorney_id)
    for draft in drafts:
        db.session.delete(draft)
    representation.power_of_attorney_id = None
    representation.removed_at = utcnow()
    db.session.flush()
    erase_unused(files)
    db.session.commit()
    return len(drafts)


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
