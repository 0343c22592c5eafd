"""A submitted application becomes a case: its current step, and its history as append-only
events (who, when, what, data). Everything else — dates, queues, timelines — is read from the
events through portal/policy; no due date is ever stored."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.accounts import Account
from portal.models.applications import Application
from portal.models.base import EncryptedJSON, UTCDateTime, enum_column, utcnow
from portal.models.reference import InsuredPerson
from portal.models.staff import StaffUser


class CaseStep(enum.StrEnum):
    """The steps of POLICY.md §1, §3 and §6, in order. Stored as plain strings (no database
    constraint), so a new step needs no migration."""

    SUBMITTED = "submitted"  # waiting for the acceptance review (受理审核)
    MATERIALS_REQUESTED = "materials_requested"  # the applicant completes the list
    REFUSED = "refused"  # 不予受理: closed
    WITHDRAWN = "withdrawn"  # the applicant withdrew it: closed
    ACCEPTED = "accepted"  # to schedule the on-site assessment
    ASSESSMENT_SCHEDULED = "assessment_scheduled"
    CONCLUSION_PROPOSED = "conclusion_proposed"  # waiting for experts to confirm
    CONCLUDED = "concluded"  # confirmed: publicise (qualifying) or deliver (not qualifying)
    PUBLICITY = "publicity"  # 公示
    DELIVERED = "delivered"  # the letter is delivered; the objection window runs
    OBJECTION = "objection"  # the applicant objected: the agency orders a re-evaluation or not
    RE_EVALUATION = "re_evaluation"  # 复评 ordered: to schedule
    RE_EVALUATION_SCHEDULED = "re_evaluation_scheduled"
    RE_EVALUATION_PROPOSED = "re_evaluation_proposed"
    RE_EVALUATED = "re_evaluated"  # the final conclusion, to deliver
    FINAL = "final"  # the final conclusion is delivered
    # Care after approval (000:18–24): a mode and an institution are chosen. Care goes on
    # while an objection is handled, so its plan and hospital stays are read from events, not
    # from the step (portal/cases/care.py); suspended benefits (000:24) are a step.
    CARE = "care"
    SUSPENDED = "suspended"

    @property
    def closed(self) -> bool:
        return self in (CaseStep.REFUSED, CaseStep.WITHDRAWN)


class Case(db.Model):  # type: ignore[name-defined]
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    insured_person_id: Mapped[int] = mapped_column(ForeignKey("insured_people.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    # 片区 (003:5): where the person is cared for, for queues and filters.
    district: Mapped[str] = mapped_column(String(64), default="", server_default="")
    step: Mapped[CaseStep] = mapped_column(enum_column(CaseStep), index=True)
    # Raised by every transition: two people deciding at once cannot both succeed.
    version: Mapped[int] = mapped_column(default=0, server_default="0")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    application: Mapped[Application] = relationship()
    insured_person: Mapped[InsuredPerson] = relationship()
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all"
    )


class CaseEvent(db.Model):  # type: ignore[name-defined]
    """One thing that happened to a case. Never updated or deleted."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    step_before: Mapped[str | None] = mapped_column(String(32))
    step_after: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # Reasons, levels, a third party's identity: personal data, encrypted like the answers.
    data: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON())

    case: Mapped[Case] = relationship(back_populates="events")
    staff_user: Mapped[StaffUser | None] = relationship()
    account: Mapped[Account | None] = relationship()


class AssessmentMember(db.Model):  # type: ignore[name-defined]
    """An assessor on a case's assessment (round 1) or re-evaluation (round 2): on the visit,
    confirming the conclusion, or both. Kept in step with the events, for the queues."""

    __tablename__ = "assessment_members"
    __table_args__ = (UniqueConstraint("case_id", "round", "staff_user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    round: Mapped[int]
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    on_visit: Mapped[bool] = mapped_column(default=True)
    # 回避 (000:15(1), 001:8(1)1): each declares no family or interest tie before taking part.
    declared_no_tie_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recused_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    staff_user: Mapped[StaffUser] = relationship()
