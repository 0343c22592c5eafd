"""People to call back: from a handoff, a complaint, a missed WeChat window or a call, with the
time promised to them and, once called, the outcome."""

from datetime import datetime

from sqlalchemy import select

from portal import races
from portal.extensions import db
from portal.models import CallBack, StaffUser, utcnow

SOURCES = ("handoff", "complaint", "window", "call")
OUTCOMES = ("reached", "no_answer", "wrong_number")


def create(staff: StaffUser, key: str, **fields: object) -> CallBack:
    """One task per form, however often it is sent."""
    found = _by_key(key)
    if found is not None:
        return found
    task = CallBack(submission_key=key, created_by_id=staff.id, created_at=utcnow(), **fields)
    return races.add_once(task, lambda: _by_key(key))[0]


def _by_key(key: str) -> CallBack | None:
    return db.session.scalar(select(CallBack).filter_by(submission_key=key))


def tasks(staff: StaffUser, done: bool) -> list[CallBack]:
    query = select(CallBack)
    if staff.region_code:
        query = query.where(
            (CallBack.region_code == staff.region_code) | CallBack.region_code.is_(None)
        )
    if done:
        query = query.where(CallBack.done_at.is_not(None)).order_by(CallBack.done_at.desc())
    else:
        query = query.where(CallBack.done_at.is_(None)).order_by(CallBack.promised_at)
    return list(db.session.scalars(query.limit(200)))


def task_for(staff: StaffUser, task_id: int) -> CallBack | None:
    task = db.session.get(CallBack, task_id)
    if task is None or (staff.region_code and task.region_code not in (None, staff.region_code)):
        return None
    return task


def record_outcome(task: CallBack, staff: StaffUser, outcome: str, note: str) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    task.outcome = outcome
    task.outcome_note = note
    task.done_by_id = staff.id
    task.done_at = utcnow()
    db.session.commit()


def overdue(task: CallBack, now: datetime | None = None) -> bool:
    return task.done_at is None and task.promised_at < (now or utcnow())
