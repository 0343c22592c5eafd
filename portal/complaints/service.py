"""Complaints and reports (投诉举报) as citizens file them and follow them, and as the hotline
records them from a call. Every complaint goes to the agency first (003:14; POLICY.md §5)."""

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError

from portal.clock import china_date
from portal.extensions import db
from portal.models import (
    Account,
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintStatus,
    StaffUser,
    Upload,
    utcnow,
)

MAX_EVIDENCE = 6


def reference_for(complaint: Complaint, at: datetime) -> str:
    return f"TS-{china_date(at):%Y%m%d}-{complaint.id:05d}"


# ------------------------------------------------------------------ the citizen's draft


def draft_of(account: Account) -> Complaint | None:
    return db.session.scalar(
        select(Complaint)
        .filter_by(account_id=account.id, status=ComplaintStatus.DRAFT)
        .order_by(Complaint.id.desc())
        .limit(1)
    )


def start_draft(account: Account, language: str, region_code: str | None) -> Complaint:
    found = draft_of(account)
    if found is not None:
        return found
    draft = Complaint(
        status=ComplaintStatus.DRAFT,
        channel="online",
        account_id=account.id,
        language=language,
        region_code=region_code,
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def save(draft: Complaint, **values: Any) -> None:
    for name, value in values.items():
        setattr(draft, name, value)
    db.session.commit()


def add_evidence(draft: Complaint, upload: Upload) -> None:
    """The file and its link are committed together (store_upload left the file unsaved)."""
    db.session.add(ComplaintEvidence(complaint=draft, upload=upload))
    db.session.commit()


def remove_evidence(draft: Complaint, evidence_id: int) -> bool:
    for item in draft.evidence:
        if item.id == evidence_id:
            draft.evidence.remove(item)
            db.session.commit()
            return True
    return False


def missing(draft: Complaint) -> list[str]:
    """The questions still unanswered, in the order they are asked."""
    needed = {
        "region": draft.region_code,
        "topic": draft.topic,
        "concerned": draft.concerned,
        "what_happened": draft.what_happened.strip(),
        "identity": draft.anonymous is not None,
    }
    if draft.anonymous is False:
        needed["name"] = draft.contact_name
        needed["contact"] = draft.contact_by
        if draft.contact_by == "sms":
            needed["phone"] = draft.contact_phone
    return [key for key, value in needed.items() if not value]


def submit(draft: Complaint) -> bool:
    """Draft → received exactly once, however often the button is pressed."""
    now = utcnow()
    result = db.session.execute(
        update(Complaint)
        .where(Complaint.id == draft.id, Complaint.status == ComplaintStatus.DRAFT)
        .values(
            status=ComplaintStatus.RECEIVED,
            reference=reference_for(draft, now),
            submitted_at=now,
            holder="agency",
        )
    )
    changed = bool(cast(CursorResult[Any], result).rowcount)
    if changed:
        db.session.add(ComplaintEvent(complaint_id=draft.id, kind="submitted", at=now))
    db.session.commit()
    db.session.refresh(draft)
    return changed


def complaints_of(account: Account) -> list[Complaint]:
    return list(
        db.session.scalars(
            select(Complaint)
            .where(Complaint.account_id == account.id, Complaint.status != ComplaintStatus.DRAFT)
            .order_by(Complaint.submitted_at.desc())
        )
    )


def complaint_of(account: Account, reference: str) -> Complaint | None:
    found = db.session.scalar(select(Complaint).filter_by(reference=reference))
    if found is None or found.account_id != account.id:
        return None
    return found


# ------------------------------------------------------------------ a call to the hotline


def record_call(staff: StaffUser, submission_key: str, **fields: Any) -> Complaint:
    """A complaint the hotline typed while the caller spoke. The form's key makes a second
    send of the same form return the first complaint."""
    found = db.session.scalar(select(Complaint).filter_by(submission_key=submission_key))
    if found is not None:
        return found
    now = utcnow()
    phone = fields.get("contact_phone")
    # The phone's own account follows the complaint: its replies go to that phone anyway.
    account = db.session.scalar(select(Account).filter_by(phone=phone)) if phone else None
    complaint = Complaint(
        submission_key=submission_key,
        status=ComplaintStatus.RECEIVED,
        channel="phone",
        recorded_by_id=staff.id,
        account_id=account.id if account and not fields.get("anonymous") else None,
        language=account.language if account else "zh",
        holder="agency",
        submitted_at=now,
        created_at=now,
        **fields,
    )
    db.session.add(complaint)
    try:
        db.session.flush()
        complaint.reference = reference_for(complaint, now)
        db.session.add(
            ComplaintEvent(
                complaint_id=complaint.id, kind="recorded", staff_user_id=staff.id, at=now
            )
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return db.session.scalars(select(Complaint).filter_by(submission_key=submission_key)).one()
    return complaint
