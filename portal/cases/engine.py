"""The one way a case changes: a transition.

A transition is a function decorated with ``@transition(kind, from_steps=…, by=…)``. The
decorator checks that the case is at one of ``from_steps`` and that the actor may take it,
calls the function (which checks the rules and says where the case goes and what to record),
then writes an append-only ``CaseEvent`` and moves the case's step in the same transaction.
The step moves only if nobody changed the case in the meantime (its version), so two people
deciding at once cannot both succeed.

Adding a transition (issue 13: objections by citizens, care plans, hospital stays …):

1. add the step(s) it leads to in ``CaseStep`` (portal/models/cases.py; no migration needed);
2. write ``@transition("kind", from_steps={…}, by={CITIZEN} or {StaffRole.X})`` over a
   function ``(case, actor, *, at, …) -> Change`` in a module of ``portal/cases/`` that
   ``portal/cases/__init__.py`` imports; raise ``TransitionRefused`` with a message for people;
3. give the kind a label in ``portal/cases/labels.py`` (timelines and the one-person file read
   it), and compute any date it starts in ``portal/cases/dates.py`` through ``portal.policy``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from blinker import Namespace
from sqlalchemy import update

from portal.cases.actors import Actor
from portal.extensions import db
from portal.models import Case, CaseEvent, CaseStep, utcnow

P = ParamSpec("P")
# Sent after a transition is committed, with the case as sender and ``event=``: the
# notifications tell the applicant what happened (portal/notifications/news.py).
case_changed = Namespace().signal("case-changed")


class TransitionRefused(Exception):
    """Why this cannot be done now, in the reader's language; ``field`` names the form field
    the message belongs next to, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StepNotAllowed(TransitionRefused):
    pass


class ActorNotAllowed(TransitionRefused):
    pass


@dataclass(frozen=True)
class Change:
    to_step: CaseStep
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TransitionSpec:
    kind: str
    from_steps: frozenset[CaseStep]
    by: frozenset[str]  # staff role values, "citizen" or "public"


TRANSITIONS: dict[str, TransitionSpec] = {}
Body = Callable[Concatenate[Case, Actor, P], Change]


def transition(
    kind: str, *, from_steps: Iterable[CaseStep], by: Iterable[str]
) -> Callable[[Body[P]], Callable[Concatenate[Case, Actor, P], CaseEvent]]:
    spec = TransitionSpec(kind, frozenset(from_steps), frozenset(str(b) for b in by))
    if kind in TRANSITIONS:
        raise ValueError(f"transition {kind!r} defined twice")
    TRANSITIONS[kind] = spec

    def decorate(body: Body[P]) -> Callable[Concatenate[Case, Actor, P], CaseEvent]:
        @wraps(body)
        def run(case: Case, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> CaseEvent:
            check_allowed(case, actor, spec)
            at = kwargs.get("at")
            change = body(case, actor, *args, **kwargs)
            return record(case, kind, actor, change, at if isinstance(at, datetime) else None)

        run.spec = spec  # type: ignore[attr-defined]
        return run

    return decorate


def check_allowed(case: Case, actor: Actor, spec: TransitionSpec) -> None:
    from flask_babel import gettext as _

    if case.step not in spec.from_steps:
        raise StepNotAllowed(_("这个案件现在不能做这一步了，可能别人刚刚处理过。请刷新页面。"))
    if not actor.may(spec.by, case):
        raise ActorNotAllowed(_("您的岗位不能做这一步。"))


def allowed(case: Case, actor: Actor, kind: str) -> bool:
    spec = TRANSITIONS[kind]
    return case.step in spec.from_steps and actor.may(spec.by, case)


def record(
    case: Case, kind: str, actor: Actor, change: Change, at: datetime | None = None
) -> CaseEvent:
    """Writes the event and moves the step in one transaction (committed here)."""
    from flask_babel import gettext as _

    at = at or utcnow()
    before = case.step
    moved = db.session.execute(
        update(Case)
        .where(Case.id == case.id, Case.version == case.version)
        .values(step=change.to_step, version=Case.version + 1, updated_at=at)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise StepNotAllowed(_("这个案件现在不能做这一步了，可能别人刚刚处理过。请刷新页面。"))
    event = CaseEvent(
        case_id=case.id,
        kind=kind,
        step_before=before.value,
        step_after=change.to_step.value,
        at=at,
        staff_user_id=actor.staff.id if actor.staff else None,
        account_id=actor.account.id if actor.account else None,
        data=change.data or None,
    )
    db.session.add(event)
    db.session.commit()
    db.session.refresh(case)
    case_changed.send(case, event=event)
    return event


def events_of(case: Case, *kinds: str) -> list[CaseEvent]:
    return [e for e in case.events if not kinds or e.kind in kinds]


def last_event(case: Case, *kinds: str) -> CaseEvent | None:
    found = events_of(case, *kinds)
    return found[-1] if found else None
