"""The hotline's work: complaints and reports (投诉举报) with their trail, and call-backs.

A complaint's history is append-only ComplaintEvents (who, when, what); its status, holder and
owner are kept beside them for the queues, changed only with an event in one transaction.
"""

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import EncryptedString, EncryptedText, UTCDateTime, enum_column, utcnow
from portal.models.staff import StaffUser
from portal.models.uploads import Upload


class ComplaintStatus(enum.StrEnum):
    DRAFT = "draft"  # a citizen is still filling it in
    RECEIVED = "received"  # at the agency, nobody has taken it yet
    CHECKING = "checking"  # its owner checks it
    WITH_THIRD_PARTY = "with_third_party"  # passed to the third party to check (003:14)
    REPORTED_BACK = "reported_back"  # the third party's findings are back at the agency
    ANSWERED = "answered"  # the reply is written: closed

    @property
    def open(self) -> bool:
        return self not in (ComplaintStatus.DRAFT, ComplaintStatus.ANSWERED)


class Complaint(db.Model):  # type: ignore[name-defined]
    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(32), unique=True)
    # A form's one-time key: the same form sent twice makes one complaint.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[ComplaintStatus] = mapped_column(enum_column(ComplaintStatus), index=True)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # online | phone
    language: Mapped[str] = mapped_column(String(8), default="zh")
    # The citizen who follows it under "my complaints" (never shown to staff when anonymous).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    topic: Mapped[str | None] = mapped_column(String(32))
    concerned: Mapped[str | None] = mapped_column(String(32))
    institution_name: Mapped[str] = mapped_column(String(128), default="")
    what_happened: Mapped[str] = mapped_column(EncryptedText(), default="")
    anonymous: Mapped[bool | None]
    contact_name: Mapped[str | None] = mapped_column(EncryptedString())
    contact_phone: Mapped[str | None] = mapped_column(EncryptedString())
    contact_by: Mapped[str | None] = mapped_column(String(16))  # sms | wechat | none
    # agency | third_party: whose turn it is (003:14).
    holder: Mapped[str] = mapped_column(String(16), default="agency")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    # Set by staff as their own aim: the documents set no time limit (POLICY.md §5).
    target_date: Mapped[date | None] = mapped_column(Date)
    reply: Mapped[str | None] = mapped_column(EncryptedText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[StaffUser | None] = relationship(foreign_keys=[owner_id])
    recorded_by: Mapped[StaffUser | None] = relationship(foreign_keys=[recorded_by_id])
    events: Mapped[list["ComplaintEvent"]] = relationship(
        back_populates="complaint", order_by="ComplaintEvent.id", cascade="all"
    )
    evidence: Mapped[list["ComplaintEvidence"]] = relationship(
        back_populates="complaint", order_by="ComplaintEvidence.id", cascade="all, delete-orphan"
    )


class ComplaintEvent(db.Model):  # type: ignore[name-defined]
    """One step of a complaint: taken, a note, passed on, reported back, answered. Never
    updated or deleted; notes are internal, only the reply reaches the citizen."""

    __tablename__ = "complaint_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str | None] = mapped_column(EncryptedText())
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
    staff_user: Mapped[StaffUser | None] = relationship()


class ComplaintEvidence(db.Model):  # type: ignore[name-defined]
    __tablename__ = "complaint_evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"))

    complaint: Mapped[Complaint] = relationship(back_populates="evidence")
    upload: Mapped[Upload] = relationship()


class CallBack(db.Model):  # type: ignore[name-defined]
    """Someone to call back: from a handoff, a complaint, a missed WeChat window or a call."""

    __tablename__ = "call_backs"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(16))  # handoff | complaint | window | call
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(EncryptedString(), default="")
    phone: Mapped[str] = mapped_column(EncryptedString())
    about: Mapped[str] = mapped_column(EncryptedText(), default="")
    # The time promised to the person, in UTC like every stored moment.
    promised_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    outcome: Mapped[str | None] = mapped_column(String(16))  # reached | no_answer | wrong_number
    outcome_note: Mapped[str | None] = mapped_column(EncryptedText())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_by: Mapped[StaffUser] = relationship(foreign_keys=[created_by_id])
    done_by: Mapped[StaffUser | None] = relationship(foreign_keys=[done_by_id])


class CallerConsent(db.Model):  # type: ignore[name-defined]
    """A caller agreed that hotline staff look up a file for them (recorded before the look)."""

    __tablename__ = "caller_consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    caller_name: Mapped[str] = mapped_column(EncryptedString())
    relation: Mapped[str] = mapped_column(String(32))
    query_kind: Mapped[str] = mapped_column(String(16))  # phone | id_number
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
