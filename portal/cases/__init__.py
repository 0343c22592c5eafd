"""The case lifecycle: steps, transitions (one service function each), dates from events.

``Application.status`` is the citizen's form: draft → submitted (or withdrawn within minutes).
Submitting opens the case in the same transaction (``review.open_case``); from then on the
case's step is the truth about where things stand, and the application's status stays
``submitted`` (``withdrawn`` is itself a case transition that also sets it).

See ``portal/cases/engine.py`` for how to add a transition."""

from portal.cases import assessment, care, decisions, reassessment, review, stays
from portal.cases.actors import CITIZEN, PUBLIC, Actor
from portal.cases.engine import (
    TRANSITIONS,
    ActorNotAllowed,
    Change,
    StepNotAllowed,
    TransitionRefused,
    allowed,
    transition,
)

__all__ = [
    "CITIZEN",
    "PUBLIC",
    "TRANSITIONS",
    "Actor",
    "ActorNotAllowed",
    "Change",
    "StepNotAllowed",
    "TransitionRefused",
    "allowed",
    "assessment",
    "care",
    "decisions",
    "reassessment",
    "review",
    "stays",
    "transition",
]
