"""Consent for sensitive personal information (PIPL arts. 28–29) and a person's own data."""

from typing import Any

from sqlalchemy import delete, select

from portal.apply.service import remove_draft
from portal.crypto import mask_id_number
from portal.extensions import db
from portal.models import (
    Account,
    Application,
    ApplicationStatus,
    Consent,
    Representation,
    SelfAssessment,
    Upload,
    utcnow,
)
from portal.uploads.service import erase_unused

SENSITIVE_DATA = "sensitive_personal_information"
NOTICE_VERSION = "2026-11"


def has_consented(account: Account) -> bool:
    return (
        db.session.scalar(
            select(Consent.id).filter_by(
                account_id=account.id,
                purpose=SENSITIVE_DATA,
                notice_version=NOTICE_VERSION,
                withdrawn_at=None,
            )
        )
        is not None
    )


def give_consent(account: Account) -> None:
    if not has_consented(account):
        db.session.add(
            Consent(account_id=account.id, purpose=SENSITIVE_DATA, notice_version=NOTICE_VERSION)
        )
        db.session.commit()


def withdraw_consent(account: Account) -> None:
    """Exactly what the withdrawal page says. Deleted now: every draft with its answers, every
    self-assessment and file no submitted application uses (powers of attorney included).
    Kept: submitted applications with their materials and self-assessment (the agency's
    record, still processed), the account and the list of people it acts for."""
    now = utcnow()
    for consent in db.session.scalars(
        select(Consent).filter_by(account_id=account.id, withdrawn_at=None)
    ):
        consent.withdrawn_at = now
    for draft in db.session.scalars(
        select(Application).filter_by(account_id=account.id, status=ApplicationStatus.DRAFT)
    ):
        remove_draft(draft)
    sent = select(Application.self_assessment_id).where(
        Application.account_id == account.id, Application.self_assessment_id.is_not(None)
    )
    db.session.execute(
        delete(SelfAssessment).where(
            SelfAssessment.account_id == account.id, SelfAssessment.id.not_in(sent)
        )
    )
    for representation in db.session.scalars(
        select(Representation).filter_by(account_id=account.id)
    ):
        representation.power_of_attorney_id = None
    db.session.flush()
    erase_unused(db.session.scalars(select(Upload.id).filter_by(account_id=account.id)))
    db.session.commit()


def everything_about(account: Account) -> dict[str, Any]:
    """All that is held for this account, for the person to download (PIPL art. 45)."""

    def rows(model: Any) -> list[Any]:
        return list(db.session.scalars(select(model).filter_by(account_id=account.id)))

    return {
        "account": {"phone": account.phone, "created_at": account.created_at.isoformat()},
        "consents": [
            {
                "purpose": c.purpose,
                "notice_version": c.notice_version,
                "given_at": c.given_at.isoformat(),
            }
            for c in rows(Consent)
        ],
        "people": [
            {
                "name": r.insured_person.name,
                "id_number": mask_id_number(r.insured_person.id_number),
                "region": r.insured_person.region_code,
                "relation": r.relation.value,
            }
            for r in rows(Representation)
        ],
        "self_assessments": [
            {"form": s.form_code, "answers": s.answers, "result": s.result}
            for s in rows(SelfAssessment)
        ],
        "applications": [
            {
                "reference": a.reference,
                "status": a.status.value,
                "answers": a.answers,
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            }
            for a in rows(Application)
        ],
        "uploads": [
            {
                "name": u.original_name,
                "type": u.media_type,
                "size": u.size,
                "uploaded_at": u.created_at.isoformat(),
            }
            for u in rows(Upload)
            if u.deleted_at is None
        ],
    }
