"""Indicative self-assessment: form definitions and scoring."""

from portal.policy.self_assessment.forms import Form, Item, Option, form_codes, form_for, load_form
from portal.policy.self_assessment.scoring import IndicatorScore, SelfAssessmentResult, score

__all__ = [
    "Form",
    "IndicatorScore",
    "Item",
    "Option",
    "SelfAssessmentResult",
    "form_codes",
    "form_for",
    "load_form",
    "score",
]
