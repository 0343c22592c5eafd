"""Typed SQLAlchemy 2 models. Every table change comes with an Alembic migration."""

from portal.models.accounts import (
    AccessLog,
    Account,
    ActingAs,
    Consent,
    OneTimeCode,
    Relation,
    Representation,
    SignIn,
)
from portal.models.applications import (
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    SelfAssessment,
)
from portal.models.base import EncryptedString, utcnow
from portal.models.care import InstitutionRating, RequestDraft
from portal.models.cases import AssessmentMember, Case, CaseEvent, CaseStep
from portal.models.chat import (
    ChatBinding,
    ChatBindingCode,
    ChatBindingTries,
    ChatMessage,
    Handoff,
    SharedSecret,
    WeChatDelivery,
)
from portal.models.hotline import (
    CallBack,
    CallerConsent,
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintStatus,
)
from portal.models.notifications import Delivery, Notification
from portal.models.reference import (
    Institution,
    InsuranceType,
    InsuredPerson,
    Region,
)
from portal.models.staff import StaffAccountEvent, StaffRole, StaffSession, StaffUser
from portal.models.uploads import Upload

__all__ = [
    "AccessLog",
    "Account",
    "ActingAs",
    "Application",
    "ApplicationMaterial",
    "ApplicationStatus",
    "AssessmentMember",
    "CallBack",
    "CallerConsent",
    "Case",
    "CaseEvent",
    "CaseStep",
    "ChatBinding",
    "ChatBindingCode",
    "ChatBindingTries",
    "ChatMessage",
    "Complaint",
    "ComplaintEvent",
    "ComplaintEvidence",
    "ComplaintStatus",
    "Consent",
    "Delivery",
    "EncryptedString",
    "Handoff",
    "Institution",
    "InstitutionRating",
    "InsuranceType",
    "InsuredPerson",
    "Notification",
    "OneTimeCode",
    "Region",
    "Relation",
    "Representation",
    "RequestDraft",
    "SelfAssessment",
    "SharedSecret",
    "SignIn",
    "StaffAccountEvent",
    "StaffRole",
    "StaffSession",
    "StaffUser",
    "Upload",
    "WeChatDelivery",
    "utcnow",
]
