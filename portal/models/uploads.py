"""Uploaded proofs. The bytes live in the same database transaction as their record, so a
crash can never leave a record without its file or a file without its record. They are
encrypted at rest, and deleted (the bytes, the name and the hash) once nothing uses them:
the row then only says that a file of that size and type was there until `deleted_at`."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from portal.extensions import db
from portal.models.base import EncryptedBytes, UTCDateTime, utcnow


class Upload(db.Model):  # type: ignore[name-defined]
    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # Deferred: listing a person's files must not read (and decrypt) every file's bytes.
    content: Mapped[bytes | None] = deferred(mapped_column(EncryptedBytes()))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
