"""One stage of the applicant's timeline."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from portal.policy import Deadline

State = Literal["done", "now", "next", "closed"]


@dataclass(frozen=True)
class Due:
    """A statutory last day while the stage is pending."""

    on: date
    provisional: bool = False  # counted over a year whose holidays are not yet published
    at_least: bool = False  # a minimum (publicity "不少于"): the notice states its end
    in_principle: bool = False  # "原则上" (000:15(3), 001:8)

    @classmethod
    def of(cls, deadline: Deadline | None, **words: bool) -> "Due | None":
        return cls(deadline.due, deadline.provisional, **words) if deadline else None


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    state: State
    on: date | None = None  # the day it happened, or the day planned (a visit)
    due: Due | None = None
    lines: list[str] = field(default_factory=list)
    source: str | None = None
    link: tuple[str, str] | None = None  # (words, address): what the person can do here
