"""Complaints in the console: who sees which, whose turn it is, and each step staff take.

The agency (经办, the reviewer role) receives every complaint and answers it. In fuzhou
(003:14) it passes complaints about care or assessment institutions to the third party (the
hotline and specialist roles), which checks and reports back; complaints about the third
party are checked by the agency alone, so the third party's staff never see them.
"""

from datetime import date

from sqlalchemy import Select, or_, select

from portal.clock import china_today
from portal.complaints import notify
from portal.extensions import db
from portal.models import Complaint, ComplaintEvent, ComplaintStatus, StaffRole, StaffUser, utcnow
from portal.policy.complaints import route

AGENCY_ROLES = (StaffRole.REVIEWER,)
THIRD_PARTY_ROLES = (StaffRole.HOTLINE, StaffRole.SPECIALIST)
COMPLAINT_ROLES = AGENCY_ROLES + THIRD_PARTY_ROLES
MAX_TEXT = 4000


class NotAllowed(Exception):
    """This step is not open to this person at this point of the complaint."""


def side_of(staff: StaffUser) -> str:
    return "agency" if staff.role in AGENCY_ROLES else "third_party"


def visible(staff: StaffUser) -> Select[tuple[Complaint]]:
    query = select(Complaint).where(Complaint.status != ComplaintStatus.DRAFT)
    if staff.region_code:
        query = query.where(Complaint.region_code == staff.region_code)
    if side_of(staff) == "third_party":
        query = query.where(
            or_(Complaint.concerned.is_(None), Complaint.concerned != "third_party")
        )
    return query


def can_see(staff: StaffUser, complaint: Complaint) -> bool:
    found = db.session.scalar(visible(staff).where(Complaint.id == complaint.id))
    return found is not None


def queue(staff: StaffUser, which: str) -> list[Complaint]:
    query = visible(staff)
    if which == "mine":
        query = query.where(Complaint.owner_id == staff.id, Complaint.status != "answered")
    elif which == "answered":
        query = query.where(Complaint.status == ComplaintStatus.ANSWERED)
    elif which == "open":
        query = query.where(Complaint.status != ComplaintStatus.ANSWERED)
    else:  # waiting for this side
        query = query.where(
            Complaint.holder == side_of(staff), Complaint.status != ComplaintStatus.ANSWERED
        )
    order = Complaint.answered_at.desc() if which == "answered" else Complaint.submitted_at
    return list(db.session.scalars(query.order_by(order, Complaint.id).limit(200)))


def may_pass(complaint: Complaint) -> bool:
    return (
        complaint.region_code is not None
        and complaint.concerned is not None
        and route(complaint.region_code, complaint.concerned).passed_to_third_party
        and complaint.holder == "agency"
        and complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.CHECKING)
    )


def actions_for(staff: StaffUser, complaint: Complaint) -> list[str]:
    """The steps this person may take now, in the order the page offers them."""
    if not complaint.status.open:
        return ["note"]
    mine = complaint.holder == side_of(staff)
    found = []
    if mine and complaint.owner_id != staff.id:
        found.append("take")
    if side_of(staff) == "agency":
        found += ["answer", "target_date"]
        if may_pass(complaint):
            found.append("pass")
    elif mine:
        found.append("report_back")
    found.append("note")
    return found


def _event(
    complaint: Complaint, staff: StaffUser, kind: str, text: str | None = None, **data: object
) -> None:
    db.session.add(
        ComplaintEvent(
            complaint_id=complaint.id,
            kind=kind,
            staff_user_id=staff.id,
            text=text,
            data=data or None,
            at=utcnow(),
        )
    )


def act(
    staff: StaffUser, complaint: Complaint, action: str, text: str = "", on: date | None = None
) -> None:
    if action not in actions_for(staff, complaint):
        raise NotAllowed(action)
    if action == "take":
        complaint.owner_id = staff.id
        if complaint.status is ComplaintStatus.RECEIVED:
            complaint.status = ComplaintStatus.CHECKING
        _event(complaint, staff, "taken")
    elif action == "note":
        _event(complaint, staff, "note", text)
    elif action == "pass":
        complaint.status = ComplaintStatus.WITH_THIRD_PARTY
        complaint.holder = "third_party"
        complaint.owner_id = None
        _event(complaint, staff, "passed_to_third_party", text or None)
    elif action == "report_back":
        complaint.status = ComplaintStatus.REPORTED_BACK
        complaint.holder = "agency"
        complaint.owner_id = _who_passed(complaint)
        _event(complaint, staff, "reported_back", text)
    elif action == "target_date":
        if on is None or on < china_today():
            raise NotAllowed(action)
        complaint.target_date = on
        _event(complaint, staff, "target_date_set", on=on.isoformat())
    elif action == "answer":
        complaint.status = ComplaintStatus.ANSWERED
        complaint.reply = text
        complaint.answered_at = utcnow()
        complaint.owner_id = complaint.owner_id or staff.id
        _event(complaint, staff, "answered", text)
    db.session.commit()
    if action == "answer":
        notify.tell_of_reply(complaint.id)


def _who_passed(complaint: Complaint) -> int | None:
    passed = [e for e in complaint.events if e.kind == "passed_to_third_party"]
    return passed[-1].staff_user_id if passed else None
