"""Applications for a disability assessment: drafts, the task list, checks and submission."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from flask import g
from sqlalchemy import CursorResult, select, update

from portal import cases, races
from portal.apply.answers import storable, valid_answers
from portal.apply.questions import Context, Question, asked_questions
from portal.cases.actors import Actor
from portal.clock import china_date, china_today
from portal.extensions import db
from portal.models import (
    Account,
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    Case,
    Representation,
    Upload,
    utcnow,
)
from portal.people.service import existing_representation, log_access
from portal.policy import (
    ApplicantKind,
    KnownFacts,
    Material,
    Refusal,
    RegionProfile,
    check_eligibility,
    compute_deadline,
    load_profile,
)
from portal.self_assessment.service import latest_completed
from portal.uploads.earlier import EARLIER_FILES_SHOWN, EarlierUpload, earlier_uploads
from portal.uploads.service import erase_unused, uploads_of_application

DRAFT_KEPT_FOR = timedelta(days=60)
WITHDRAW_WITHIN = timedelta(minutes=10)
DRAFT_WARNING = timedelta(days=7)
# Made on this site, so not asked for again (000:13, 001:7, 002:7).
MADE_ONLINE = frozenset({"application_form", "self_assessment", "pledge"})
OPTIONAL_MATERIALS = frozenset({"other_required"})


def profile_of(application: Application) -> RegionProfile:
    return load_profile(application.region_code)


def representation_for(application: Application) -> Representation:
    account = db.session.get(Account, application.account_id)
    found = existing_representation(account, application.insured_person) if account else None
    if found is None:
        raise LookupError("application without a representation")
    return found


def answers_of(application: Application) -> dict[str, Any]:
    """The answers that still pass their questions; any other is asked again. Checked once per
    request and version of the answers (saving one replaces the dict)."""
    checked: dict[int, tuple[dict[str, Any], dict[str, Any]]] = g.setdefault("valid_answers", {})
    answers = application.answers
    found = checked.get(id(answers))
    if found is None or found[0] is not answers:
        found = checked[id(answers)] = (answers, valid_answers(answers))
    return found[1]


def context_of(application: Application) -> Context:
    return Context(
        profile_of(application), representation_for(application).relation, answers_of(application)
    )


def draft_for(account: Account, insured_person_id: int) -> Application | None:
    return db.session.scalar(
        select(Application).filter_by(
            account_id=account.id,
            insured_person_id=insured_person_id,
            status=ApplicationStatus.DRAFT,
        )
    )


def pending_for(account: Account, insured_person_id: int) -> Application | None:
    """The newest submitted application for this person that the agency has not yet decided."""
    return db.session.scalar(
        select(Application)
        .filter_by(
            account_id=account.id,
            insured_person_id=insured_person_id,
            status=ApplicationStatus.SUBMITTED,
        )
        .order_by(Application.id.desc())
        .limit(1)
    )


def start_or_resume(account: Account, representation: Representation) -> Application:
    """This person's draft, made now if there is none; two starts at once get the same one."""
    draft = draft_for(account, representation.insured_person_id)
    if draft is not None:
        return draft
    person = representation.insured_person
    draft = Application(
        account_id=account.id,
        insured_person_id=person.id,
        region_code=person.region_code,
        answers={},
        draft_expires_at=utcnow() + DRAFT_KEPT_FOR,
    )
    latest = latest_completed(account, person.id)
    draft.self_assessment_id = latest.id if latest else None
    # uq_applications_one_draft: a start at the same moment carries on with the same draft
    return races.add_once(draft, lambda: draft_for(account, person.id))[0]


def application_of(account: Account, application_id: int) -> Application | None:
    """None unless it is this account's: other people's applications stay hidden, and the
    attempt is logged in that person's file."""
    application = db.session.get(Application, application_id)
    if application is None:
        return None
    if application.account_id != account.id:
        log_access(account, application.insured_person_id, "refused:application")
        return None
    log_access(account, application.insured_person_id, "application")
    return application


def applications_of(account: Account) -> list[Application]:
    query = select(Application).filter_by(account_id=account.id).order_by(Application.id.desc())
    return list(db.session.scalars(query))


def save_answer(application: Application, question: Question, data: dict[str, Any]) -> None:
    """Every answer is saved at once: a draft survives closed tabs and other devices."""
    application.answers = {**application.answers, question.key: storable(data)}
    application.draft_expires_at = utcnow() + DRAFT_KEPT_FOR
    application.expiry_reminder_sent_at = None
    db.session.commit()


def next_question(application: Application, after: str | None = None) -> Question | None:
    context = context_of(application)
    asked = asked_questions(context)
    keys = [q.key for q in asked]
    start = keys.index(after) + 1 if after in keys else 0
    return next((q for q in asked[start:] if q.key not in context.answers), None)


# ------------------------------------------------------------------ task list


@dataclass(frozen=True)
class Task:
    key: str
    done: bool
    first_question: str | None = None
    # Questions and the pledge must be done to submit. Missing materials or a missing
    # self-assessment are a reason the agency may refuse (000:12.2(5)): warned, not blocked.
    needed_to_submit: bool = True


def tasks(application: Application) -> list[Task]:
    context = context_of(application)
    result = []
    for section in ("insured", "health", "applicant"):
        asked = asked_questions(context, section)
        if not asked:
            continue
        missing = [q for q in asked if q.key not in context.answers]
        result.append(Task(section, not missing, (missing or asked)[0].key))
    result.append(Task("materials", not missing_materials(application), needed_to_submit=False))
    if self_assessment_needed(application):
        done = application.self_assessment_id is not None
        result.append(Task("self_assessment", done, needed_to_submit=False))
    if profile_of(application).pledge is not None:
        result.append(Task("pledge", application.pledge_accepted_at is not None))
    return result


def self_assessment_needed(application: Application) -> bool:
    return any(m.code == "self_assessment" for m in required_materials(application))


# ------------------------------------------------------------------ materials


def required_materials(application: Application) -> list[Material]:
    """The region's materials for this applicant: only an agent gives a power of attorney."""
    applicant = cast(ApplicantKind, representation_for(application).acting_as.value)
    return [m for m in profile_of(application).materials if m.needed_from(applicant)]


@dataclass(frozen=True)
class MaterialStatus:
    material: Material
    made_online: bool
    optional: bool
    uploads: list[Upload]

    @property
    def done(self) -> bool:
        return self.made_online or self.optional or bool(self.uploads)


def materials_status(application: Application) -> list[MaterialStatus]:
    attached: dict[str, list[Upload]] = {}
    for link in application.materials:
        if link.upload.deleted_at is None:
            attached.setdefault(link.material_code, []).append(link.upload)
    statuses = []
    for material in required_materials(application):
        uploads = attached.get(material.code, [])
        if material.code == "power_of_attorney" and not uploads:
            power = representation_for(application).power_of_attorney_id
            found = db.session.get(Upload, power) if power else None
            uploads = [found] if found else []
        statuses.append(
            MaterialStatus(
                material,
                made_online=material.code in MADE_ONLINE,
                optional=material.code in OPTIONAL_MATERIALS,
                uploads=[u for u in uploads if u.deleted_at is None],
            )
        )
    return statuses


def missing_materials(application: Application) -> list[Material]:
    return [s.material for s in materials_status(application) if not s.done]


def missing_for_submission(application: Application) -> list[Material]:
    """Materials still missing, the self-assessment made online included."""
    missing = missing_materials(application)
    if self_assessment_needed(application) and application.self_assessment_id is None:
        missing += [m for m in required_materials(application) if m.code == "self_assessment"]
    return missing


def attach(application: Application, material_code: str, upload: Upload) -> None:
    """Commits the link together with the upload, if the upload is new."""
    db.session.flush()
    exists = db.session.scalar(
        select(ApplicationMaterial.id).filter_by(
            application_id=application.id, material_code=material_code, upload_id=upload.id
        )
    )
    if exists is None:
        db.session.add(
            ApplicationMaterial(
                application_id=application.id, material_code=material_code, upload_id=upload.id
            )
        )
    application.draft_expires_at = utcnow() + DRAFT_KEPT_FOR
    db.session.commit()


def earlier_for(application: Application, status: MaterialStatus) -> list[EarlierUpload]:
    """Files the account uploaded before that could stand for this material: those used for
    the same thing first, and not those already attached to it."""
    attached = frozenset(u.id for u in status.uploads)
    found = earlier_uploads(application.account_id, exclude=attached)
    found.sort(key=lambda earlier: earlier.kind != status.material.code)  # stable: newest first
    return found[:EARLIER_FILES_SHOWN]


def detach(application: Application, material_code: str, upload_id: int) -> None:
    """Takes the file off this material; its bytes are deleted if nothing else uses it."""
    for link in list(application.materials):
        if link.material_code == material_code and link.upload_id == upload_id:
            application.materials.remove(link)
    db.session.flush()
    erase_unused([upload_id])
    db.session.commit()


# ------------------------------------------------------------------ eligibility


def refusals(
    application: Application, today: date | None = None, *, at_submission: bool = False
) -> list[Refusal]:
    """Every refusal reason the known facts already give (POLICY.md §1): warnings shown
    early, with the article and what the person can do; they never stop a submission.
    Missing materials are a reason only ``at_submission``: while filling in, they are
    simply not uploaded yet."""
    context = context_of(application)
    asked = {q.key for q in asked_questions(context)}
    answers = {key: value for key, value in context.answers.items() if key in asked}
    person = application.insured_person
    last = answers.get("last_conclusion_date", {}).get("date")
    facts = KnownFacts(
        region=application.region_code,
        today=today or china_today(),
        insured=True,  # the person was found on the insured roster
        insured_since=person.enrolled_on,
        months_disabled=answers.get("months_disabled", {}).get("months"),
        months_treated=answers.get("months_treated", {}).get("months"),
        last_failed_conclusion=_date_or_none(last),
        clear_change_since_failed=_yes_no(answers.get("condition_changed", {}).get("choice")),
        receives_work_injury_care_allowance=_yes_no(
            answers.get("work_injury_allowance", {}).get("choice")
        ),
        missing_materials=tuple(m.name for m in missing_for_submission(application))
        if at_submission
        else None,
    )
    return check_eligibility(facts, context.profile)


def _date_or_none(value: str | None) -> date | None:
    """A stored answer that no longer parses is no fact: it never breaks a page."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _yes_no(choice: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(choice or "")


def warning_codes(application: Application) -> list[str]:
    return [refusal.rule for refusal in refusals(application, at_submission=True)]


# ------------------------------------------------------------------ pledge, submit, withdraw


def accept_pledge(application: Application) -> None:
    application.pledge_accepted_at = utcnow()
    db.session.commit()


def ready_to_submit(application: Application) -> bool:
    """Every part filled in. A refusal reason that seems to apply does not stop it: refusing
    is the agency's decision (000:14, 001:7, 002:7); the person confirms they were warned."""
    return all(task.done for task in tasks(application) if task.needed_to_submit)


def submit(application: Application, warnings_acknowledged: list[str] | None = None) -> bool:
    """Draft → submitted exactly once, however often the button is pressed: the update only
    matches a draft, so a second request changes nothing. Returns whether this call did it.

    ``warnings_acknowledged``: the refusal reasons the person was shown and submitted anyway.
    """
    now = utcnow()
    prefix = profile_of(application).reference_prefix
    reference = f"{prefix}-{china_date(now):%Y%m%d}-{application.id:05d}"
    result = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == ApplicationStatus.DRAFT)
        .values(
            status=ApplicationStatus.SUBMITTED,
            reference=reference,
            submitted_at=now,
            draft_expires_at=None,
            warnings_acknowledged=warnings_acknowledged or None,
        )
    )
    changed = cast(CursorResult[Any], result).rowcount
    if changed:
        # The case opens in the same transaction: no submitted application without its case.
        db.session.refresh(application)
        _keep_power_of_attorney(application)
        account = db.session.get(Account, application.account_id)
        actor = Actor.of_citizen(account) if account else Actor()
        db.session.add(cases.review.open_case(application, actor, at=now))
    db.session.commit()
    db.session.refresh(application)
    return bool(changed)


def _keep_power_of_attorney(application: Application) -> None:
    """The power of attorney given when the person was added becomes one of the submitted
    application's materials: the agency's record keeps it whatever happens to the account."""
    for status in materials_status(application):
        attached = {link.upload_id for link in application.materials}
        if status.material.code == "power_of_attorney":
            for upload in status.uploads:
                if upload.id not in attached:
                    db.session.add(
                        ApplicationMaterial(
                            application_id=application.id,
                            material_code=status.material.code,
                            upload_id=upload.id,
                        )
                    )


def can_withdraw(application: Application) -> bool:
    return (
        application.status is ApplicationStatus.SUBMITTED
        and application.submitted_at is not None
        and utcnow() - application.submitted_at <= WITHDRAW_WITHIN
    )


def withdraw(application: Application) -> bool:
    case = case_of(application)
    account = db.session.get(Account, application.account_id)
    if not can_withdraw(application) or case is None or account is None:
        return False
    try:
        cases.review.withdraw(case, Actor.of_citizen(account))
    except cases.TransitionRefused:
        return False  # the agency already took it up
    return True


def case_of(application: Application) -> Case | None:
    return db.session.scalar(select(Case).filter_by(application_id=application.id))


def remove_draft(application: Application) -> None:
    """The draft, its answers and the files nothing else uses; the caller commits."""
    if application.status is ApplicationStatus.DRAFT:
        files = uploads_of_application(application)
        db.session.delete(application)
        db.session.flush()
        erase_unused(files)


def delete_draft(application: Application) -> None:
    remove_draft(application)
    db.session.commit()


@dataclass(frozen=True)
class NextDate:
    kind: str  # "draft_expires" or "acceptance_review"
    due: date
    provisional: bool = False

    @property
    def person_must_act_soon(self) -> bool:
        """A deadline that is the person's own (a draft about to go) and a week or less away."""
        return self.kind == "draft_expires" and self.due - china_today() <= DRAFT_WARNING


def next_date(application: Application) -> NextDate | None:
    """The next date that matters to the person, from the policy engine where it is statutory."""
    if application.status is ApplicationStatus.DRAFT and application.draft_expires_at:
        return NextDate("draft_expires", china_date(application.draft_expires_at))
    if application.status is ApplicationStatus.SUBMITTED and application.submitted_at:
        deadline = compute_deadline(
            application.region_code, "acceptance_review", china_date(application.submitted_at)
        )
        return NextDate("acceptance_review", deadline.due, deadline.provisional)
    return None
