"""The answers of a request on a case (an objection, a reassessment, a choice of care) while
the person fills it in one question per page. Sending takes the draft away in the same
transaction as the case event, so a double press or a retried request sends once."""

from typing import Any

from sqlalchemy import delete, select

from portal.extensions import db
from portal.models import Account, Case, RequestDraft, Upload
from portal.uploads.service import upload_of


def draft_of(case: Case, kind: str) -> RequestDraft | None:
    return db.session.scalar(select(RequestDraft).filter_by(case_id=case.id, kind=kind))


def answers_of(case: Case, kind: str) -> dict[str, Any]:
    found = draft_of(case, kind)
    return dict(found.answers) if found else {}


def save_answers(case: Case, account: Account, kind: str, **answers: Any) -> None:
    found = draft_of(case, kind)
    if found is None:
        found = RequestDraft(case_id=case.id, account_id=account.id, kind=kind, answers={})
        db.session.add(found)
    found.answers = {**found.answers, **answers}
    db.session.commit()


def evidence_of(case: Case, account: Account, kind: str) -> list[Upload]:
    ids = answers_of(case, kind).get("evidence", [])
    return [u for i in ids if (u := upload_of(account.id, int(i))) is not None]


def add_evidence(case: Case, account: Account, kind: str, upload: Upload) -> None:
    db.session.flush()
    ids = [i for i in answers_of(case, kind).get("evidence", []) if i != upload.id]
    save_answers(case, account, kind, evidence=[*ids, upload.id])


def remove_evidence(case: Case, account: Account, kind: str, upload_id: int) -> None:
    ids = [i for i in answers_of(case, kind).get("evidence", []) if i != upload_id]
    save_answers(case, account, kind, evidence=ids)


def take(case: Case, kind: str) -> dict[str, Any] | None:
    """Removes the draft (not yet committed) and returns its answers; None if another request
    took it first. The caller's transition commits the removal with its event."""
    found = draft_of(case, kind)
    if found is None:
        return None
    answers = dict(found.answers)
    taken = db.session.execute(
        delete(RequestDraft)
        .where(RequestDraft.id == found.id)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return None
    db.session.expunge(found)
    return answers


def forget(case: Case, kind: str) -> None:
    db.session.execute(delete(RequestDraft).filter_by(case_id=case.id, kind=kind))
    db.session.commit()
