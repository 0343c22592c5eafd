"""Self-assessments and applications for a disability assessment (失能等级评估申请)."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import EncryptedJSON, UTCDateTime, enum_column, utcnow
from portal.models.reference import InsuredPerson
from portal.models.uploads import Upload


class SelfAssessment(db.Model):  # type: ignore[name-defined]
    """An indicative self-assessment (自评) on the form the region's profile names."""

    __tablename__ = "self_assessments"
    __table_args__ = (
        # One unfinished self-assessment per account and person, even when starts race.
        Index(
            "uq_self_assessments_one_unfinished",
            "account_id",
            "insured_person_id",
            unique=True,
            sqlite_where=text("completed_at IS NULL"),
            postgresql_where=text("completed_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    insured_person_id: Mapped[int] = mapped_column(ForeignKey("insured_people.id"))
    form_code: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON(), default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    insured_person: Mapped[InsuredPerson] = relationship()


class ApplicationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"


class Application(db.Model):  # type: ignore[name-defined]
    __tablename__ = "applications"
    __table_args__ = (
        # One draft per (account, insured person), even when two starts race.
        Index(
            "uq_applications_one_draft",
            "account_id",
            "insured_person_id",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    insured_person_id: Mapped[int] = mapped_column(ForeignKey("insured_people.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column(ApplicationStatus), default=ApplicationStatus.DRAFT
    )
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON(), default=dict)
    self_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("self_assessments.id"))
    pledge_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The refusal reasons the person was warned of and submitted anyway (rule codes); the
    # agency decides. Health information, so encrypted like the answers.
    warnings_acknowledged: Mapped[list[str] | None] = mapped_column(EncryptedJSON())
    reference: Mapped[str | None] = mapped_column(String(32), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    draft_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expiry_reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    insured_person: Mapped[InsuredPerson] = relationship()
    self_assessment: Mapped[SelfAssessment | None] = relationship()
    materials: Mapped[list["ApplicationMaterial"]] = relationship(
        back_populates="application", cascade="all, delete-orphan"
    )


class ApplicationMaterial(db.Model):  # type: ignore[name-defined]
    """A proof attached to an application for one of the region's required materials."""

    __tablename__ = "application_materials"
    __table_args__ = (UniqueConstraint("application_id", "material_code", "upload_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    material_code: Mapped[str] = mapped_column(String(64))
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"))

    application: Mapped[Application] = relationship(back_populates="materials")
    upload: Mapped[Upload] = relationship()
