"""One stage of the applicant's timeline."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from portal.policy import Deadline

State = Literal["done", "now", "next", "closed"]


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    state: State
    on: date | None = None  # the day it happened, or the day planned (a visit)
    due: Deadline | None = None  # the statutory last day, while it is pending
    due_at_least: bool = False  # the due date is a minimum (publicity)
    lines: list[str] = field(default_factory=list)
    source: str | None = None
    link: tuple[str, str] | None = None  # (words, address): what the person can do here
