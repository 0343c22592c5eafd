"""Pure long-term care insurance rules: region profiles, working days, deadlines,
self-assessment and eligibility. No Flask, no database, nothing else from ``portal``."""

from portal.policy.attorney_forms import AttorneyForm, attorney_form
from portal.policy.calendar import WorkdayCalendar, YearSchedule, default_calendar
from portal.policy.deadlines import Deadline, add_months, compute_deadline
from portal.policy.eligibility import KnownFacts, Refusal, check_eligibility
from portal.policy.errors import (
    AnswerProblem,
    InvalidAnswers,
    PolicyError,
    ProfileError,
    RuleNotApplicable,
    UnknownForm,
    UnknownRegion,
    UnknownRule,
)
from portal.policy.profiles import (
    NATIONAL_DEFAULT,
    PERIOD_RULES,
    BenefitThreshold,
    Material,
    Period,
    Pledge,
    RefusalRule,
    RegionProfile,
    ServiceType,
    load_profile,
    region_codes,
)
from portal.policy.self_assessment import Form, SelfAssessmentResult, form_for, load_form, score
from portal.policy.text import Text

__all__ = [
    "NATIONAL_DEFAULT",
    "PERIOD_RULES",
    "AnswerProblem",
    "AttorneyForm",
    "BenefitThreshold",
    "Deadline",
    "Form",
    "InvalidAnswers",
    "KnownFacts",
    "Material",
    "Period",
    "Pledge",
    "PolicyError",
    "ProfileError",
    "Refusal",
    "RefusalRule",
    "RegionProfile",
    "RuleNotApplicable",
    "SelfAssessmentResult",
    "ServiceType",
    "Text",
    "UnknownForm",
    "UnknownRegion",
    "UnknownRule",
    "WorkdayCalendar",
    "YearSchedule",
    "add_months",
    "attorney_form",
    "check_eligibility",
    "compute_deadline",
    "default_calendar",
    "form_for",
    "load_form",
    "load_profile",
    "region_codes",
    "score",
]
