"""Citizen accounts, one-time sign-in codes, the people an account acts for, and consents."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import UTCDateTime, enum_column, utcnow
from portal.models.reference import InsuredPerson

if TYPE_CHECKING:
    from portal.models.hotline import CallerConsent, Complaint


class Account(db.Model):  # type: ignore[name-defined]
    """A citizen who signs in with a phone number; may act for several insured people."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    # The language of the pages they last used: texts sent later (reminders) are in it too.
    language: Mapped[str] = mapped_column(String(8), default="zh", server_default="zh")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SignIn(db.Model):  # type: ignore[name-defined]
    """A signed-in session, held on the server: the cookie carries a random token and only its
    hash is kept here. Signing out deletes the row, so a copy of the cookie stops working."""

    __tablename__ = "sign_ins"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class OneTimeCode(db.Model):  # type: ignore[name-defined]
    """A 6-digit sign-in code, kept only as a hash."""

    __tablename__ = "one_time_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    requested_ip: Mapped[str] = mapped_column(String(45), index=True)


class Relation(enum.StrEnum):
    """The applicant's relation to the insured person (xinjiang annex 1)."""

    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER_RELATIVE = "other_relative"
    CARER = "carer"
    OTHER = "other"


class ActingAs(enum.StrEnum):
    """In what capacity the applicant acts (000:12, 001:6, 002:6): only an authorised agent
    (委托代理人) gives a power of attorney; a guardian (监护人) acts by law."""

    SELF = "self"
    GUARDIAN = "guardian"
    AGENT = "agent"


class Representation(db.Model):  # type: ignore[name-defined]
    """An account acting for an insured person: themself, as guardian, or as an agent."""

    __tablename__ = "representations"
    __table_args__ = (UniqueConstraint("account_id", "insured_person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    insured_person_id: Mapped[int] = mapped_column(ForeignKey("insured_people.id"))
    relation: Mapped[Relation] = mapped_column(enum_column(Relation))
    acting_as: Mapped[ActingAs] = mapped_column(
        enum_column(ActingAs), default=ActingAs.AGENT, server_default=ActingAs.AGENT.value
    )
    power_of_attorney_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Removed from "people I act for": kept, so applications already made still say by whom.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    insured_person: Mapped[InsuredPerson] = relationship()


class Consent(db.Model):  # type: ignore[name-defined]
    """Separate, explicit consent before sensitive personal data is collected (PIPL 28–29)."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(64))
    notice_version: Mapped[str] = mapped_column(String(16))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AccessLog(db.Model):  # type: ignore[name-defined]
    """Every look at a person's file (查阅登记, 000:64, 001:51), and at a complaint's evidence
    (a complaint may name no insured person)."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    insured_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("insured_people.id"), index=True
    )
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))  # "account:12" or "staff:3"
    action: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # For staff looks: who (searchable), from which screen, and which document if one.
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    screen: Mapped[str] = mapped_column(String(64), default="", server_default="")
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    # A hotline look on the phone: the caller's consent it was made under.
    caller_consent_id: Mapped[int | None] = mapped_column(ForeignKey("caller_consents.id"))
    complaint: Mapped["Complaint | None"] = relationship()
    caller_consent: Mapped["CallerConsent | None"] = relationship()
