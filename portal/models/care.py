"""After the conclusion: a citizen's request being filled in one question per page, and the
stars people give the institution that cares for them (003:4(13)). What the person chose, the
care plan and hospital stays are case events (portal/cases/care.py)."""

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import EncryptedJSON, EncryptedText, UTCDateTime, utcnow
from portal.models.reference import Institution


class RequestDraft(db.Model):  # type: ignore[name-defined]
    """The answers so far to an objection, a reassessment request or a choice of care: they
    survive closed tabs, and sending removes the draft in the same transaction, so a second
    press of the button finds nothing to send."""

    __tablename__ = "request_drafts"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Health facts and reasons in the person's words: encrypted like the application.
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON(), default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class InstitutionRating(db.Model):  # type: ignore[name-defined]
    """One rating per case and institution (the person may change it); the directory shows
    the average and the count, never the comments."""

    __tablename__ = "institution_ratings"
    __table_args__ = (UniqueConstraint("institution_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    stars: Mapped[int]
    comment: Mapped[str] = mapped_column(EncryptedText(), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    institution: Mapped[Institution] = relationship()
