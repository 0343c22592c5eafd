"""Work queues, the case file with its decisions, the file viewer and the conclusion letter."""

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from portal.apply.answers import readable
from portal.apply.questions import asked_questions
from portal.apply.service import context_of, representation_for
from portal.audit.service import log_staff_look
from portal.cases import TransitionRefused, assessment, dates, decisions, review
from portal.cases.actors import Actor
from portal.cases.engine import last_event
from portal.extensions import db, htmx
from portal.http_headers import own_content_security_policy
from portal.models import AssessmentMember, Case, StaffRole, StaffUser
from portal.policy import load_profile
from portal.staff.admin.views import region_choices
from portal.staff.cases import actions, service
from portal.staff.session import require_staff, roles_required
from portal.uploads.service import open_for

bp = Blueprint("staff_cases", __name__, url_prefix="/staff")
CASE_ROLES = (StaffRole.REVIEWER, StaffRole.SPECIALIST, StaffRole.ASSESSOR)
FILE_ROLES = CASE_ROLES
LETTER_ROLES = (StaffRole.REVIEWER, StaffRole.SPECIALIST)


def _visible_case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    if not service.can_view(require_staff(), case):
        abort(403)
    return case


@bp.get("/queue")
@roles_required(*CASE_ROLES)
def queue() -> str:
    user = require_staff()
    region = request.args.get("region") or None
    if user.region_code is not None:
        region = None
    district = request.args.get("district") or None
    items = service.queue(user, region=region, district=district)
    template = "staff/cases/_queue.html" if htmx else "staff/cases/queue.html"
    return render_template(
        template,
        items=items,
        region=region,
        district=district,
        regions=region_choices() if user.region_code is None else [],
        districts=service.districts(user, region),
    )


@bp.get("/cases/<int:case_id>")
@roles_required(*CASE_ROLES)
def case_file(case_id: int) -> str:
    return _render_case(_visible_case(case_id), require_staff())


def _render_case(
    case: Case, user: StaffUser, submitted: str | None = None, form: object = None
) -> str:
    """The whole case file: each time it is shown is a look at it (查阅登记, 000:64, 001:51),
    also when a decision that failed shows it again."""
    log_staff_look(user, case.insured_person_id, "case_file")
    actor = Actor.of_staff(user)
    available = actions.available(case, actor)
    # A decision no longer offered (someone else took it, or it cannot apply) says why on top.
    unoffered = (
        [*form.form_errors, *(m for f in form for m in f.errors)]  # type: ignore[attr-defined]
        if submitted and form is not None and submitted not in {a.kind for a in available}
        else []
    )
    forms = {
        a.kind: form if a.kind == submitted and form is not None else actions.form_for(a, case)
        for a in available
    }
    application = case.application
    rows = [
        (q, readable(q, application.answers[q.key]))
        for q in asked_questions(context_of(application))
        if q.key in application.answers
    ]
    return render_template(
        "staff/cases/case.html",
        case=case,
        person=case.insured_person,
        representation=representation_for(application),
        rows=rows,
        files=service.files_of(case),
        profile=load_profile(case.region_code),
        actions=available,
        forms=forms,
        dates=dates,
        clock=dates.running_clock(case),
        period=dates.waiting_period(case),
        team=_team(case),
        requested=review.requested_items(case),
        proposed=assessment.proposed(case),
        conclusion=decisions.conclusion(case),
        open_objections=decisions.open_third_party_objections(case),
        objection=last_event(case, "objection_filed"),
        unoffered=unoffered,
    )


def _team(case: Case) -> dict[int, list[AssessmentMember]]:
    return {round_: assessment.members(case, round_) for round_ in (1, 2)}


@bp.post("/cases/<int:case_id>/actions/<kind>")
@roles_required(*CASE_ROLES)
def act(case_id: int, kind: str) -> str | BaseResponse:
    case = _visible_case(case_id)
    action = actions.BY_KIND.get(kind)
    if action is None:
        abort(404)
    user = require_staff()
    actor = Actor.of_staff(user)
    form = actions.form_for(action, case, submitted=True)
    if form.validate():
        try:
            action.run(case, actor, form)
        except TransitionRefused as refused:
            db.session.rollback()
            target = getattr(form, refused.field or "", None)
            if target is not None and hasattr(target, "errors"):
                target.errors = [*list(target.errors), str(refused)]
            else:
                form.form_errors.append(str(refused))
        else:
            return _after_decision(case)
    if htmx:
        return render_template("staff/cases/_action.html", case=case, action=action, form=form)
    return _render_case(case, user, submitted=kind, form=form)


def _after_decision(case: Case) -> BaseResponse:
    target = url_for("staff_cases.case_file", case_id=case.id)
    if htmx:
        # The form replaced itself while it had errors; once decided, the whole file changes.
        response = Response(status=204)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


@bp.get("/cases/<int:case_id>/files/<int:upload_id>")
# A PDF opens in the browser's viewer; nothing in it may run scripts or reach out.
@own_content_security_policy(
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
)
@roles_required(*FILE_ROLES)
def view_file(case_id: int, upload_id: int) -> Response:
    """Streams the file to staff only; the look is logged before a byte is sent."""
    case = _visible_case(case_id)
    if service.file_of(case, upload_id) is None:
        abort(404)
    opened = open_for(require_staff(), upload_id, case.insured_person_id)
    if opened is None:
        abort(404)
    response = Response(opened.content, mimetype=opened.media_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/cases/<int:case_id>/letter")
@roles_required(*LETTER_ROLES)
def letter(case_id: int) -> str:
    """The conclusion letter (评估结论书), to print: level, validity, benefit start, how to
    object and by when."""
    case = _visible_case(case_id)
    found = decisions.conclusion(case)
    if not found:
        abort(404)
    log_staff_look(require_staff(), case.insured_person_id, "conclusion_letter")
    return render_template(
        "staff/cases/letter.html",
        case=case,
        person=case.insured_person,
        conclusion=found,
        profile=load_profile(case.region_code),
        dates=dates,
        level_name=_level_name(int(found["level"])),
    )


def _level_name(level: int) -> str:
    from portal.policy import load_form
    from portal.policy.assessment import CONCLUSION_FORM
    from portal.template_helpers import in_language

    return in_language(load_form(CONCLUSION_FORM).level(level).name)
