"""Consent for sensitive personal information (PIPL arts. 28–29) and a person's own data."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from portal.apply.answers import readable
from portal.apply.questions import question
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
from portal.people.service import log_access
from portal.policy import Text, load_form
from portal.uploads.earlier import EarlierUpload, earlier_uploads
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
    """Exactly what the withdrawal page says. Deleted now: every draft with its answers and
    files, every self-assessment and power of attorney no submitted application uses. Kept:
    submitted applications with their materials and self-assessment (the agency's record,
    still processed), the account and the list of people it acts for."""
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
    # A draft's files went with it; powers of attorney go unless a sent application keeps
    # them. Files sent with an application, a complaint or an objection stay with those.
    released = []
    for representation in db.session.scalars(
        select(Representation).filter_by(account_id=account.id)
    ):
        if representation.power_of_attorney_id is not None:
            released.append(representation.power_of_attorney_id)
        representation.power_of_attorney_id = None
    db.session.flush()
    erase_unused(released)
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
                "name_ug": r.insured_person.name_ug,
                "id_number": mask_id_number(r.insured_person.id_number),
                "region": r.insured_person.region_code,
                "relation": r.relation.value,
                "removed_at": r.removed_at.isoformat() if r.removed_at else None,
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


Words = Text | str  # a policy text in both languages, or words already in the page's language


@dataclass(frozen=True)
class ReadableAnswers:
    """One self-assessment or application, its answers as the person gave them."""

    record: SelfAssessment | Application
    rows: list[tuple[Words, list[Words]]]  # (question, answer lines)


@dataclass(frozen=True)
class MyData:
    account: Account
    consents: list[Consent]
    people: list[Representation]
    self_assessments: list[ReadableAnswers]
    applications: list[ReadableAnswers]
    uploads: list[EarlierUpload]


def my_data(account: Account) -> MyData:
    """The same as `everything_about`, for reading on a page (PIPL art. 45)."""

    def rows(model: Any) -> list[Any]:
        query = select(model).filter_by(account_id=account.id).order_by(model.id)
        return list(db.session.scalars(query))

    people: list[Representation] = rows(Representation)
    for person_id in {r.insured_person_id for r in people}:
        log_access(account, person_id, "my_data")
    return MyData(
        account=account,
        consents=rows(Consent),
        people=people,
        self_assessments=[_assessment_answers(a) for a in rows(SelfAssessment)],
        applications=[_application_answers(a) for a in rows(Application)],
        uploads=earlier_uploads(account.id),
    )


def _assessment_answers(assessment: SelfAssessment) -> ReadableAnswers:
    lines: list[tuple[Words, list[Words]]] = []
    for item in load_form(assessment.form_code).items:
        option = item.option(assessment.answers.get(item.code, ""))
        if option is not None:
            lines.append((item.question, [option.label]))
    return ReadableAnswers(assessment, lines)


def _application_answers(application: Application) -> ReadableAnswers:
    lines: list[tuple[Words, list[Words]]] = []
    for key, answer in application.answers.items():
        asked = question(key)
        if asked is not None:
            lines.append((str(asked.title), list(readable(asked, answer))))
    return ReadableAnswers(application, lines)
