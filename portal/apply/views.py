"""Applying for a disability assessment: task list → questions → check answers → submit."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from portal.apply import service
from portal.apply.answers import readable
from portal.apply.forms import (
    ConfirmForm,
    MaterialUploadForm,
    PersonForm,
    PledgeForm,
    WarningsForm,
)
from portal.apply.questions import SECTIONS, asked_questions, question
from portal.apply.status import case_status
from portal.auth.current import current_account, login_required, require_account
from portal.clock import china_date
from portal.errors.views import error_page
from portal.extensions import db
from portal.forms import autosave_response, is_autosave, restore_form
from portal.models import Application, ApplicationStatus, Upload
from portal.notifications.views import unread_count
from portal.people.service import log_access_to, representations_of
from portal.policy import compute_deadline
from portal.privacy.service import has_consented
from portal.self_assessment.service import latest_completed
from portal.status.summary import summary
from portal.template_helpers import person_name
from portal.uploads.service import UploadRejected, store_upload, too_large_message, upload_of

bp = Blueprint("apply", __name__)


def _application(application_id: int, *, draft: bool = False) -> Application:
    application = service.application_of(require_account(), application_id)
    if application is None:
        abort(404)
    if draft and application.status is not ApplicationStatus.DRAFT:
        abort(404)
    return application


@bp.route("/apply/", methods=["GET", "POST"])
@login_required
def start() -> str | Response:
    account = require_account()
    if not has_consented(account):
        return redirect(url_for("privacy.consent", next=request.full_path.rstrip("?")), 303)
    people = representations_of(account)
    by_person = {str(r.insured_person_id): r for r in people}
    # `?person=` only preselects: a GET makes no draft.
    form = PersonForm(data={"person": request.args.get("person")})
    form.person.choices = [
        SelectChoice(key, person_name(r.insured_person)) for key, r in by_person.items()
    ]
    pending = None
    if form.validate_on_submit():
        representation = by_person[form.person.data]
        person_id = representation.insured_person_id
        if service.draft_for(account, person_id) is None and not request.form.get("anyway"):
            pending = service.pending_for(account, person_id)
        if pending is None:
            application = service.start_or_resume(account, representation)
            return redirect(url_for("apply.task_list", application_id=application.id), 303)
    return render_template("apply/start.html", form=form, people=people, pending=pending)


@bp.get("/apply/<int:application_id>/")
@login_required
def task_list(application_id: int) -> str | Response:
    application = _application(application_id)
    if application.status is not ApplicationStatus.DRAFT:
        return redirect(url_for("apply.confirmation", application_id=application.id), 303)
    return render_template(
        "apply/task_list.html",
        application=application,
        tasks=service.tasks(application),
        refusals=service.refusals(application),
        sections=dict(SECTIONS),
    )


@bp.route("/apply/<int:application_id>/questions/<key>", methods=["GET", "POST"])
@login_required
def question_page(application_id: int, key: str) -> str | Response:
    application = _application(application_id, draft=True)
    asked = question(key)
    if asked is None or asked not in asked_questions(service.context_of(application)):
        abort(404)
    form = asked.form_class()(data=application.answers.get(key))
    if is_autosave():
        return autosave_response(form, lambda: service.save_answer(application, asked, form.data))
    if form.validate_on_submit():
        service.save_answer(application, asked, form.data)
        return redirect(_after(application, key), 303)
    restore_form(form)
    return render_template(
        "apply/question.html",
        application=application,
        question=asked,
        form=form,
        back_to=request.args.get("return"),
        refusals=service.refusals(application),
        rules=asked.rules_in(service.profile_of(application)),
    )


def _after(application: Application, key: str) -> str:
    if request.args.get("return") == "check":
        return url_for("apply.check", application_id=application.id)
    following = service.next_question(application, after=key)
    answered = question(key)
    if following is not None and answered is not None and following.section == answered.section:
        return url_for("apply.question_page", application_id=application.id, key=following.key)
    return url_for("apply.task_list", application_id=application.id)


@bp.get("/apply/<int:application_id>/materials")
@login_required
def materials(application_id: int) -> str:
    application = _application(application_id, draft=True)
    return render_template(
        "apply/materials.html",
        application=application,
        statuses=service.materials_status(application),
    )


@bp.route("/apply/<int:application_id>/materials/<code>", methods=["GET", "POST"])
@login_required
def material(application_id: int, code: str) -> str | Response:
    """One material: photograph it, choose a file, or use one uploaded before."""
    application = _application(application_id, draft=True)
    status = next(
        (s for s in service.materials_status(application) if s.material.code == code), None
    )
    if status is None or status.made_online:
        abort(404)
    account = require_account()
    form = MaterialUploadForm()
    if form.validate_on_submit():
        try:
            upload = _reused_or_new(account.id, form)
        except UploadRejected as error:
            db.session.rollback()
            form.document.errors = [str(error)]
        else:
            service.attach(application, code, upload)
            flash(_("文件已上传：%(name)s", name=upload.original_name), "notice")
            return redirect(url_for("apply.materials", application_id=application.id), 303)
    return _material_page(application, status, form)


def _material_page(
    application: Application, status: service.MaterialStatus, form: MaterialUploadForm
) -> str:
    return render_template(
        "apply/material.html",
        application=application,
        status=status,
        form=form,
        earlier=service.earlier_for(application, status),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str | Response, int]:
    """A request past MAX_CONTENT_LENGTH cannot be read at all: the message still stands next
    to the material's file field."""
    account = current_account()
    arguments = request.view_args or {}
    application = (
        service.application_of(account, arguments["application_id"])
        if account and request.endpoint == "apply.material"
        else None
    )
    status = next(
        (
            s
            for s in (service.materials_status(application) if application else [])
            if s.material.code == arguments.get("code") and not s.made_online
        ),
        None,
    )
    if application is None or application.status is not ApplicationStatus.DRAFT or not status:
        return error_page(error)
    form = MaterialUploadForm(formdata=None)
    form.document.errors = [too_large_message()]
    return _material_page(application, status, form), 413


def _reused_or_new(account_id: int, form: MaterialUploadForm) -> Upload:
    reuse = request.form.get("reuse_upload", "")
    if reuse.isdigit() and (earlier := upload_of(account_id, int(reuse))):
        return earlier
    file = form.document.data
    return store_upload(account_id, file.filename if file else "", file.read() if file else b"")


@bp.route(
    "/apply/<int:application_id>/materials/<code>/<int:upload_id>/remove", methods=["GET", "POST"]
)
@login_required
def remove_material(application_id: int, code: str, upload_id: int) -> str | Response:
    application = _application(application_id, draft=True)
    upload = upload_of(require_account().id, upload_id)
    if upload is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.detach(application, code, upload_id)
        flash(_("已从申请中删除：%(name)s", name=upload.original_name), "notice")
        return redirect(url_for("apply.material", application_id=application.id, code=code), 303)
    return render_template(
        "apply/remove_material.html", application=application, upload=upload, code=code, form=form
    )


@bp.route("/apply/<int:application_id>/self-assessment", methods=["GET", "POST"])
@login_required
def self_assessment(application_id: int) -> str | Response:
    application = _application(application_id, draft=True)
    latest = latest_completed(require_account(), application.insured_person_id)
    form = ConfirmForm()
    if form.validate_on_submit() and latest is not None:
        application.self_assessment_id = latest.id
        db.session.commit()
        return redirect(url_for("apply.task_list", application_id=application.id), 303)
    return render_template(
        "apply/self_assessment.html", application=application, latest=latest, form=form
    )


@bp.route("/apply/<int:application_id>/pledge", methods=["GET", "POST"])
@login_required
def pledge(application_id: int) -> str | Response:
    application = _application(application_id, draft=True)
    if service.profile_of(application).pledge is None:
        abort(404)  # the region's document asks for no pledge
    form = PledgeForm(data={"accept": application.pledge_accepted_at is not None})
    if form.validate_on_submit():
        service.accept_pledge(application)
        return redirect(url_for("apply.task_list", application_id=application.id), 303)
    return render_template(
        "apply/pledge.html",
        application=application,
        form=form,
        pledge=service.profile_of(application).pledge,
    )


@bp.get("/apply/<int:application_id>/check")
@login_required
def check(application_id: int) -> str | Response:
    application = _application(application_id)
    if application.status is not ApplicationStatus.DRAFT:
        return redirect(url_for("apply.confirmation", application_id=application.id), 303)
    context = service.context_of(application)
    rows = [
        (q, readable(q, context.answers[q.key]) if q.key in context.answers else None)
        for q in asked_questions(context)
    ]
    return render_template(
        "apply/check.html",
        application=application,
        rows=rows,
        statuses=service.materials_status(application),
        tasks=service.tasks(application),
        refusals=service.refusals(application, at_submission=True),
        ready=service.ready_to_submit(application),
        form=ConfirmForm(),
    )


@bp.post("/apply/<int:application_id>/submit")
@login_required
def submit(application_id: int) -> Response:
    application = _application(application_id)
    form = ConfirmForm()
    if application.status is ApplicationStatus.DRAFT:
        if not form.validate_on_submit() or not service.ready_to_submit(application):
            return redirect(url_for("apply.check", application_id=application.id), 303)
        if service.warning_codes(application):
            # Not refused: the person first reads why the agency may refuse, then decides.
            return redirect(url_for("apply.submit_anyway", application_id=application.id), 303)
        service.submit(application)
    return redirect(url_for("apply.confirmation", application_id=application.id), 303)


@bp.route("/apply/<int:application_id>/submit-anyway", methods=["GET", "POST"])
@login_required
def submit_anyway(application_id: int) -> str | Response:
    """A plain confirmation: "the agency may refuse this because …", then submit anyway."""
    application = _application(application_id)
    if application.status is not ApplicationStatus.DRAFT:
        return redirect(url_for("apply.confirmation", application_id=application.id), 303)
    warnings = service.refusals(application, at_submission=True)
    if not warnings or not service.ready_to_submit(application):
        return redirect(url_for("apply.check", application_id=application.id), 303)
    codes = ",".join(refusal.rule for refusal in warnings)
    form = WarningsForm(data={"warnings": codes})
    # The reasons shown are the reasons confirmed: if an answer changed them meanwhile,
    # the page shows the new ones and asks again.
    if form.validate_on_submit() and form.warnings.data == codes:
        service.submit(application, warnings_acknowledged=codes.split(","))
        return redirect(url_for("apply.confirmation", application_id=application.id), 303)
    form.warnings.data = codes
    return render_template(
        "apply/submit_anyway.html", application=application, refusals=warnings, form=form
    )


@bp.get("/apply/<int:application_id>/confirmation")
@login_required
def confirmation(application_id: int) -> str | Response:
    application = _application(application_id)
    if application.status is ApplicationStatus.DRAFT:
        return redirect(url_for("apply.task_list", application_id=application.id), 303)
    profile = service.profile_of(application)
    submitted = china_date(application.submitted_at) if application.submitted_at else None
    acceptance = (
        compute_deadline(application.region_code, "acceptance_review", submitted)
        if submitted
        else None
    )
    case = service.case_of(application)
    return render_template(
        "apply/confirmation.html",
        application=application,
        case=case,
        case_status=case_status(case) if case else None,
        acceptance=acceptance,
        conclusion_period=profile.period("conclusion_delivery"),
        objection_period=profile.period("objection"),
        benefit_period=profile.period("benefit_start"),
        can_withdraw=service.can_withdraw(application),
    )


@bp.get("/apply/<int:application_id>/record")
@login_required
def record(application_id: int) -> str:
    application = _application(application_id)
    context = service.context_of(application)
    rows = [
        (q, readable(q, context.answers[q.key]))
        for q in asked_questions(context)
        if q.key in context.answers
    ]
    return render_template(
        "apply/record.html",
        application=application,
        rows=rows,
        statuses=service.materials_status(application),
        pledge=service.profile_of(application).pledge,
    )


@bp.route("/apply/<int:application_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(application_id: int) -> str | Response:
    application = _application(application_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if service.withdraw(application):
            flash(_("申请已撤回。"), "notice")
        else:
            flash(_("提交已超过 10 分钟，不能在网上撤回了。请打客服电话。"), "notice")
        return redirect(url_for("apply.mine"), 303)
    if not service.can_withdraw(application):
        flash(_("提交已超过 10 分钟，不能在网上撤回了。请打客服电话。"), "notice")
        return redirect(url_for("apply.confirmation", application_id=application.id), 303)
    return render_template("apply/withdraw.html", application=application, form=form)


@bp.route("/apply/<int:application_id>/delete", methods=["GET", "POST"])
@login_required
def delete_draft(application_id: int) -> str | Response:
    application = _application(application_id, draft=True)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.delete_draft(application)
        flash(_("草稿已删除。"), "notice")
        return redirect(url_for("apply.mine"), 303)
    return render_template("apply/delete_draft.html", application=application, form=form)


@bp.get("/applications/")
@login_required
def mine() -> str:
    account = require_account()
    applications = service.applications_of(account)
    acting_for = [r.insured_person for r in representations_of(account)]
    # Someone removed from "people I act for" still has the applications made for them.
    removed = {a.insured_person_id: a.insured_person for a in applications}
    for person in acting_for:
        removed.pop(person.id, None)
    shown = acting_for + list(removed.values())
    log_access_to(account, [person.id for person in shown], "my_applications")
    cases = {a.id: service.case_of(a) for a in applications}
    return render_template(
        "apply/mine.html",
        summaries={key: summary(case) for key, case in cases.items() if case},
        people=shown,
        acting_for={person.id for person in acting_for},
        applications=applications,
        next_dates={a.id: service.next_date(a) for a in applications},
        unread=unread_count(account.id),
    )
