"""The case lifecycle: steps, transitions (one service function each), dates from events.

See ``portal/cases/engine.py`` for how to add a transition."""

from portal.cases import assessment, decisions, review
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
    "decisions",
    "review",
    "transition",
]
