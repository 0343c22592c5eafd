"""The applicant hears of each decision staff take on their case, once per event: in the inbox,
by SMS and on WeChat."""

from typing import Any

from flask import current_app

from portal.cases.engine import case_changed
from portal.extensions import db
from portal.models import Account, Case, CaseEvent
from portal.notifications.messages import NEWS
from portal.notifications.reminders import path_for
from portal.notifications.sender import notify


def tell_applicant(case: Case, event: CaseEvent) -> None:
    if event.staff_user_id is None or event.kind not in NEWS:
        return
    account = db.session.get(Account, case.application.account_id)
    if account is None:
        return
    data: dict[str, Any] = event.data or {}
    params = {"event": event.kind, "name": case.insured_person.name}
    params |= {key: str(data[key]) for key in ("visit_on", "resume_from") if key in data}
    notify(
        account,
        "case_news",
        params,
        key=f"event:{event.id}",
        link=path_for("status.timeline", application_id=case.application_id),
        case_id=case.id,
    )


def _on_case_changed(case: Case, event: CaseEvent, **_: object) -> None:
    try:
        tell_applicant(case, event)
    except Exception:  # the decision is saved already: a message never undoes or hides it
        db.session.rollback()
        current_app.logger.exception("the applicant was not told of event %s", event.id)


case_changed.connect(_on_case_changed)
