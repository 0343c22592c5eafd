"""Typed SQLAlchemy 2 models. Every table change comes with an Alembic migration."""

from portal.models.accounts import (
    AccessLog,
    Account,
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
from portal.models.chat import (
    ChatBinding,
    ChatBindingCode,
    ChatBindingTries,
    ChatMessage,
    Handoff,
    SharedSecret,
    WeChatDelivery,
)
from portal.models.reference import (
    Institution,
    InsuranceType,
    InsuredPerson,
    Region,
    StaffRole,
    StaffUser,
)
from portal.models.uploads import Upload

__all__ = [
    "AccessLog",
    "Account",
    "Application",
    "ApplicationMaterial",
    "ApplicationStatus",
    "ChatBinding",
    "ChatBindingCode",
    "ChatBindingTries",
    "ChatMessage",
    "Consent",
    "EncryptedString",
    "Handoff",
    "Institution",
    "InsuranceType",
    "InsuredPerson",
    "OneTimeCode",
    "Region",
    "Relation",
    "Representation",
    "SelfAssessment",
    "SharedSecret",
    "SignIn",
    "StaffRole",
    "StaffUser",
    "Upload",
    "WeChatDelivery",
    "utcnow",
]
