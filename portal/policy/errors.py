"""Exceptions raised by the policy rules. Every one says exactly what was wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class PolicyError(Exception):
    """Base class for every error raised by ``portal.policy``."""


class UnknownRegion(PolicyError, LookupError):
    def __init__(self, code: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown region {code!r}; known regions: {', '.join(known)}")
        self.code = code
        self.known = tuple(known)


class UnknownRule(PolicyError, LookupError):
    def __init__(self, rule: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown rule {rule!r}; known rules: {', '.join(known)}")
        self.rule = rule
        self.known = tuple(known)


class RuleNotApplicable(PolicyError):
    """The region's document does not state the rule (and not all three provincial
    documents state it alike): the answer is "not stated", never another region's rule."""

    def __init__(self, region: str, rule: str, reason: str) -> None:
        super().__init__(f"{rule} is not applicable in {region}: {reason}")
        self.region = region
        self.rule = rule
        self.reason = reason


class ProfileError(PolicyError, ValueError):
    """A data file (region profile, form, holiday schedule) is malformed."""


class UnknownForm(PolicyError, LookupError):
    def __init__(self, code: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown self-assessment form {code!r}; known forms: {', '.join(known)}")
        self.code = code
        self.known = tuple(known)


@dataclass(frozen=True)
class AnswerProblem:
    item: str
    problem: str  # "missing" | "unknown_item" | "invalid_option"
    given: str | int | None = None

    def describe(self) -> str:
        if self.problem == "missing":
            return f"{self.item}: no answer"
        if self.problem == "unknown_item":
            return f"{self.item}: not a question of this form"
        return f"{self.item}: {self.given!r} is not one of its options"


class InvalidAnswers(PolicyError, ValueError):
    """Lists every wrong or missing answer at once, so the portal can show them together."""

    def __init__(self, form: str, problems: Sequence[AnswerProblem]) -> None:
        self.form = form
        self.problems = tuple(problems)
        details = "; ".join(p.describe() for p in self.problems)
        super().__init__(f"invalid answers for {form}: {details}")
