"""Care pages: choose (or change) the service mode and the institution, confirm or send back
the care plan, report a hospital stay, ask to resume suspended benefits, rate the institution."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from portal.apply.forms import ConfirmForm
from portal.auth.current import login_required, require_account
from portal.care import forms, service
from portal.cases import TransitionRefused, care, stays
from portal.extensions import db
from portal.forms import restore_form
from portal.models import Application, Case, CaseStep
from portal.policy import load_profile
from portal.status import drafts, pages
from portal.status.access import citizen, owned_case
from portal.status.care_stages import stay_lines
from portal.status.forms import TextAnswerForm, TextQuestion
from portal.template_helpers import in_language

bp = Blueprint("care", __name__, url_prefix="/applications/<int:application_id>/care")

MODE_HINTS = {
    "home": _l("护理人员到家里来照护。"),
    "community": _l("在附近的社区护理点照护，不住在那里。"),
    "institution": _l("住在护理机构里，全天照护。"),
}
PLAN_CHANGE = TextQuestion(
    "request",
    _l("您希望护理服务计划怎样修改？"),
    _l("例如：希望每周多来一次；希望上午来，不要下午。"),
    _l("请写明希望怎样修改。"),
)
COMMENT = TextQuestion(
    "comment",
    _l("还有什么想说的？"),
    _l("可以不写。例如：护理员很耐心；来的时间不准。"),
    _l("请写几句，或者直接继续。"),
)


def _approved(application_id: int) -> tuple[Application, Case]:
    application, case = owned_case(application_id)
    if not care.approved(case):
        abort(404)
    return application, case


def _timeline(application: Application) -> Response:
    return redirect(url_for("status.timeline", application_id=application.id), 303)


def _refused(application: Application, refused: TransitionRefused) -> Response:
    db.session.rollback()
    flash(str(refused), "notice")
    return _timeline(application)


@bp.app_template_global()
def care_choice(case: Case) -> care.ServiceChoice | None:
    return care.service_choice(case)


@bp.app_template_global()
def care_plans(case: Case) -> list[care.CarePlan]:
    return care.care_plans(case)


@bp.app_template_global()
def care_stay_lines(case: Case) -> list[str]:
    return stay_lines(case)


# ------------------------------------------------------------------ mode and institution


@bp.route("/mode", methods=["GET", "POST"])
@login_required
def mode(application_id: int) -> str | Response:
    application, case = _approved(application_id)
    current = care.service_choice(case)
    answers = drafts.answers_of(case, service.CHOICE)
    form = forms.ModeForm(data={"mode": answers.get("mode") or (current.mode if current else None)})
    form.mode.choices = [
        SelectChoice(code, in_language(care.mode_name(case.region_code, code)))
        for code in care.SERVICE_MODES
    ]
    if form.validate_on_submit():
        drafts.save_answers(case, require_account(), service.CHOICE, mode=form.mode.data)
        return redirect(url_for("care.institution", application_id=application.id), 303)
    restore_form(form)
    return render_template(
        "care/mode.html",
        application=application,
        case=case,
        form=form,
        current=current,
        hints=MODE_HINTS,
    )


@bp.route("/institution", methods=["GET", "POST"])
@login_required
def institution(application_id: int) -> str | Response:
    application, case = _approved(application_id)
    chosen_mode = drafts.answers_of(case, service.CHOICE).get("mode")
    if chosen_mode not in care.SERVICE_MODES:
        return redirect(url_for("care.mode", application_id=application.id), 303)
    found = service.institutions_for(case, chosen_mode)
    current = care.service_choice(case)
    answers = drafts.answers_of(case, service.CHOICE)
    picked = request.args.get("pick", "")
    selected = (
        int(picked)
        if picked.isdigit() and any(i.id == int(picked) for i in found)
        else answers.get("institution") or (current.institution_id if current else None)
    )
    form = forms.InstitutionForm(data={"institution": str(selected) if selected else None})
    form.institution.choices = [SelectChoice(str(i.id), i.name) for i in found]
    if form.validate_on_submit():
        drafts.save_answers(
            case, require_account(), service.CHOICE, institution=int(form.institution.data)
        )
        return redirect(url_for("care.check", application_id=application.id), 303)
    restore_form(form)
    return render_template(
        "care/institution.html",
        application=application,
        case=case,
        form=form,
        institutions={str(i.id): i for i in found},
        mode=chosen_mode,
    )


@bp.get("/check")
@login_required
def check(application_id: int) -> str | Response:
    application, case = _approved(application_id)
    found = service.summary(case)
    if found is None:
        return redirect(url_for("care.mode", application_id=application.id), 303)
    return render_template(
        "care/check.html",
        application=application,
        case=case,
        summary=found,
        current=care.service_choice(case),
        form=ConfirmForm(),
    )


@bp.post("/send")
@login_required
def send(application_id: int) -> Response:
    application, case = _approved(application_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("care.check", application_id=application.id), 303)
    try:
        event = service.send_choice(case, citizen())
    except TransitionRefused as refused:
        return _refused(application, refused)
    if event is not None:
        flash(_("已经记下您选的护理方式和机构。"), "notice")
    return _timeline(application)


# ------------------------------------------------------------------ the care plan


@bp.get("/plan")
@login_required
def plan(application_id: int) -> str:
    application, case = _approved(application_id)
    plans = care.care_plans(case)
    if not plans:
        abort(404)
    return render_template(
        "care/plan.html",
        application=application,
        case=case,
        plans=plans,
        plan=plans[-1],
        form=ConfirmForm(),
    )


@bp.post("/plan/<int:plan_event_id>/confirm")
@login_required
def confirm_plan(application_id: int, plan_event_id: int) -> Response:
    application, case = _approved(application_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("care.plan", application_id=application.id), 303)
    try:
        care.confirm_care_plan(case, citizen(), plan_event_id=plan_event_id)
    except TransitionRefused as refused:
        return _refused(application, refused)
    flash(_("您已确认护理服务计划，护理机构会按计划服务。"), "notice")
    return _timeline(application)


@bp.route("/plan/<int:plan_event_id>/change", methods=["GET", "POST"])
@login_required
def return_plan(application_id: int, plan_event_id: int) -> str | Response:
    application, case = _approved(application_id)
    pending = care.pending_plan(case)
    if pending is None or pending.event_id != plan_event_id:
        return redirect(url_for("care.plan", application_id=application.id), 303)
    form = TextAnswerForm()
    if form.require(PLAN_CHANGE.missing):
        try:
            care.return_care_plan(
                case, citizen(), plan_event_id=plan_event_id, request=form.answer.data
            )
        except TransitionRefused as refused:
            return _refused(application, refused)
        flash(_("已经告诉长护专员您希望的修改，改好以后会请您再确认。"), "notice")
        return _timeline(application)
    return pages.question_page(
        application,
        case,
        form,
        PLAN_CHANGE,
        back=url_for("care.plan", application_id=application.id),
    )


# ------------------------------------------------------------------ hospital stays, resumption


@bp.route("/hospital", methods=["GET", "POST"])
@login_required
def hospital(application_id: int) -> str | Response:
    """One page, one question: the day of admission, or, during a stay, the day of discharge."""
    application, case = _approved(application_id)
    if care.service_choice(case) is None:
        abort(404)
    stay = stays.open_stay(case)
    form = forms.DischargedForm() if stay else forms.AdmittedForm()
    if form.validate_on_submit():
        try:
            if stay:
                stays.report_discharge(case, citizen(), discharged_on=form.day.data)
            else:
                stays.report_hospital_stay(case, citizen(), admitted_on=form.day.data)
        except TransitionRefused as refused:
            db.session.rollback()
            form.day.errors = [str(refused)]
        else:
            flash(_("已经报告出院。") if stay else _("已经报告住院。"), "notice")
            return _timeline(application)
    restore_form(form)
    return render_template(
        "care/hospital.html",
        application=application,
        case=case,
        form=form,
        stay=stay,
        rule=load_profile(case.region_code).provision("hospital_stay"),
    )


RESUME = TextQuestion(
    "answer",
    _l("暂停的原因已经消除了吗？请说明。"),
    _l("例如：已经重新参加了基本医疗保险；已经同意配合重新评估。"),
    _l("请写明暂停的原因怎样消除了。"),
)


@bp.route("/resume", methods=["GET", "POST"])
@login_required
def resume(application_id: int) -> str | Response:
    application, case = _approved(application_id)
    if case.step is not CaseStep.SUSPENDED or stays.resumption_requested(case):
        abort(404)
    form = TextAnswerForm()
    if form.require(RESUME.missing):
        try:
            stays.request_resumption(case, citizen(), statement=form.answer.data)
        except TransitionRefused as refused:
            return _refused(application, refused)
        flash(_("恢复待遇的申请已提交，经办机构审核后会告诉您。"), "notice")
        return _timeline(application)
    return pages.question_page(
        application,
        case,
        form,
        RESUME,
        back=url_for("status.timeline", application_id=application.id),
    )


# ------------------------------------------------------------------ rating the institution


def _rating_case(application_id: int) -> tuple[Application, Case, care.ServiceChoice]:
    application, case = _approved(application_id)
    choice = care.service_choice(case)
    if choice is None or not service.may_rate(case):
        abort(404)
    return application, case, choice


@bp.route("/rate", methods=["GET", "POST"])
@login_required
def rate(application_id: int) -> str | Response:
    application, case, choice = _rating_case(application_id)
    earlier = service.rating_of(case, choice.institution_id)
    form = forms.StarsForm(data={"stars": str(earlier.stars) if earlier else None})
    if form.validate_on_submit():
        drafts.save_answers(case, require_account(), service.RATING, stars=int(form.stars.data))
        return redirect(url_for("care.rate_comment", application_id=application.id), 303)
    restore_form(form)
    return render_template(
        "care/rate.html", application=application, case=case, form=form, choice=choice
    )


@bp.route("/rate/comment", methods=["GET", "POST"])
@login_required
def rate_comment(application_id: int) -> str | Response:
    application, case, choice = _rating_case(application_id)
    stars = drafts.answers_of(case, service.RATING).get("stars")
    if stars is None:
        return redirect(url_for("care.rate", application_id=application.id), 303)
    earlier = service.rating_of(case, choice.institution_id)
    form = TextAnswerForm(data={"answer": earlier.comment if earlier else ""})
    if form.validate_on_submit():
        service.rate(
            case, require_account(), choice.institution_id, int(stars), form.answer.data or ""
        )
        drafts.forget(case, service.RATING)
        flash(_("谢谢您的评价。"), "notice")
        return _timeline(application)
    return pages.question_page(
        application, case, form, COMMENT, back=url_for("care.rate", application_id=application.id)
    )
