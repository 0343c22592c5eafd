"""Staff accounts of the agency and its third party: one role per post (000:58, 001:45),
managed through their whole life by an administrator, every change written down."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import EncryptedString, UTCDateTime, enum_column, utcnow


class StaffRole(enum.StrEnum):
    """One role per post (000:58 专岗专权, 001:45)."""

    HOTLINE = "hotline"  # 热线 / the third party's customer service (003:4(1))
    SPECIALIST = "specialist"  # 长护专员 of the third party (001:58, 002:58, 003:4(3))
    REVIEWER = "reviewer"  # 经办: the agency's caseworker, who decides
    ASSESSOR = "assessor"  # 评估人员 of a designated assessment institution; some are experts
    ADMIN = "admin"  # 系统管理员: accounts, audit, imports; decides no case

    @property
    def needs_second_factor(self) -> bool:
        """Those who decide cases or hand out access sign in with a one-time code too."""
        return self in (StaffRole.REVIEWER, StaffRole.ADMIN)


class StaffUser(db.Model):  # type: ignore[name-defined]
    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(64), default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole))
    # None: every region (a central hotline, the administrator).
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    # The assessment institution an assessor works for: a re-evaluation refuses the first
    # assessment's institution (000:15(5), 001:8(1)5, 002:8(6)).
    organisation: Mapped[str] = mapped_column(String(128), default="", server_default="")
    is_expert: Mapped[bool] = mapped_column(default=False, server_default=false())
    totp_secret: Mapped[str | None] = mapped_column(EncryptedString())
    # The last time step a code was accepted for: a code is never accepted twice.
    totp_last_step: Mapped[int | None]
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class StaffSession(db.Model):  # type: ignore[name-defined]
    """A signed-in staff browser. Kept on the server so signing out (or an administrator
    disabling the account) ends it at once, whatever cookie a browser still holds."""

    __tablename__ = "staff_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    staff_user: Mapped[StaffUser] = relationship()


class StaffAccountEvent(db.Model):  # type: ignore[name-defined]
    """The account's life (000:58): created, role changed, disabled … and each sign-in."""

    __tablename__ = "staff_account_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    # Who did it: an administrator, or None when the account holder (or the system) did.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    actor: Mapped[StaffUser | None] = relationship(foreign_keys=[actor_id])
