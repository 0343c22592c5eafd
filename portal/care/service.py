"""Care after approval for the applicant: choosing and changing the mode and institution, the
care plan, and rating the institution (003:4(13))."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.cases import care
from portal.cases.actors import Actor
from portal.clock import china_today
from portal.extensions import db
from portal.institutions.service import offering
from portal.models import Account, Case, CaseEvent, Institution, InstitutionRating
from portal.status import drafts

CHOICE = "care_choice"
RATING = "rating"


@dataclass(frozen=True)
class ChoiceSummary:
    mode: str
    institution: Institution
    changing: bool
    mode_changed: bool
    effective: tuple[date, str] | None  # when a change takes effect, where the region says


def institutions_for(case: Case, mode: str) -> list[Institution]:
    return offering(case.region_code, mode)


def summary(case: Case, today: date | None = None) -> ChoiceSummary | None:
    """What the person is about to choose, from their draft; None if it is incomplete."""
    answers = drafts.answers_of(case, CHOICE)
    mode, institution_id = answers.get("mode"), answers.get("institution")
    institution = db.session.get(Institution, int(institution_id)) if institution_id else None
    if (
        mode not in care.SERVICE_MODES
        or institution is None
        or institution.region_code != case.region_code
    ):
        return None
    current = care.service_choice(case)
    mode_changed = current is not None and current.mode != mode
    effect = (
        care.change_effect(case.region_code, today or china_today(), mode_changed)
        if current
        else None
    )
    return ChoiceSummary(mode, institution, current is not None, mode_changed, effect)


def send_choice(case: Case, actor: Actor) -> CaseEvent | None:
    """Chooses, or changes, from the draft; None when the draft was sent already."""
    answers = drafts.take(case, CHOICE)
    if answers is None:
        return None
    run = care.change_service if care.service_choice(case) is not None else care.choose_service
    return run(
        case,
        actor,
        mode=str(answers.get("mode", "")),
        institution_id=int(answers.get("institution") or 0),
    )


def may_rate(case: Case) -> bool:
    """People receiving care rate their institution: a plan they confirmed is in force."""
    plan = care.current_plan(case)
    return (
        care.approved(case)
        and care.service_choice(case) is not None
        and plan is not None
        and any(p.answer == "confirmed" for p in care.care_plans(case))
    )


def rating_of(case: Case, institution_id: int) -> InstitutionRating | None:
    return db.session.scalar(
        select(InstitutionRating).filter_by(case_id=case.id, institution_id=institution_id)
    )


def rate(case: Case, account: Account, institution_id: int, stars: int, comment: str) -> None:
    """One rating per case and institution: rating again replaces it."""
    found = rating_of(case, institution_id)
    if found is None:
        found = InstitutionRating(
            case_id=case.id, institution_id=institution_id, account_id=account.id
        )
        db.session.add(found)
    found.stars, found.comment, found.account_id = stars, comment, account.id
    try:
        db.session.commit()
    except IntegrityError:  # rated at the same moment from another tab
        db.session.rollback()
        found = rating_of(case, institution_id)
        if found is not None:
            found.stars, found.comment = stars, comment
            db.session.commit()
