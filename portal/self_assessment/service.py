"""Self-assessment (自评) on the form the person's region uses; indicative only."""

from sqlalchemy import select

from portal import races
from portal.extensions import db
from portal.models import Account, Representation, SelfAssessment, utcnow
from portal.people.service import log_access
from portal.policy import Form, form_for, load_form, load_profile, score
from portal.policy.self_assessment.forms import Item


def form_of(assessment: SelfAssessment) -> Form:
    return load_form(assessment.form_code)


def start_or_resume(account: Account, representation: Representation) -> SelfAssessment:
    """An unfinished self-assessment for this person carries on where it stopped."""
    person = representation.insured_person
    unfinished = _unfinished(account, person.id)
    if unfinished is not None:
        return unfinished
    form = form_for(load_profile(person.region_code))
    assessment = SelfAssessment(
        account_id=account.id, insured_person_id=person.id, form_code=form.code, answers={}
    )
    # uq_self_assessments_one_unfinished: a start at the same moment uses the same one
    return races.add_once(assessment, lambda: _unfinished(account, person.id))[0]


def _unfinished(account: Account, person_id: int) -> SelfAssessment | None:
    return db.session.scalar(
        select(SelfAssessment).filter_by(
            account_id=account.id, insured_person_id=person_id, completed_at=None
        )
    )


def assessment_of(account: Account, assessment_id: int) -> SelfAssessment | None:
    """None unless the account acts for the person assessed."""
    assessment = db.session.get(SelfAssessment, assessment_id)
    if assessment is None:
        return None
    if assessment.account_id != account.id:
        log_access(account, assessment.insured_person_id, "refused:self_assessment")
        return None
    log_access(account, assessment.insured_person_id, "self_assessment")
    return assessment


def first_unanswered(assessment: SelfAssessment) -> int | None:
    items = form_of(assessment).items
    return next((i for i, item in enumerate(items) if item.code not in assessment.answers), None)


def save_answer(assessment: SelfAssessment, item: Item, option_code: str) -> None:
    # Reassigning the dict makes SQLAlchemy see the change to the JSON column.
    assessment.answers = {**assessment.answers, item.code: option_code}
    if first_unanswered(assessment) is None:
        assessment.result = score(
            assessment.form_code,
            assessment.answers,
            region=assessment.insured_person.region_code,
        ).to_dict()
        assessment.completed_at = assessment.completed_at or utcnow()
    db.session.commit()


def latest_completed(account: Account, insured_person_id: int) -> SelfAssessment | None:
    return db.session.scalar(
        select(SelfAssessment)
        .filter_by(account_id=account.id, insured_person_id=insured_person_id)
        .where(SelfAssessment.completed_at.is_not(None))
        .order_by(SelfAssessment.completed_at.desc())
        .limit(1)
    )


def option_meter(item: Item, option_code: str) -> int:
    """0–3: how much the person manages alone with this answer (options run from most able)."""
    codes = [option.code for option in item.options]
    position = codes.index(option_code)
    return round(3 * (len(codes) - 1 - position) / max(1, len(codes) - 1))
