"""Objecting to a conclusion: what it takes and by when, four questions one per page, evidence,
check and send, then the written application to print and sign."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.apply.forms import ConfirmForm
from portal.auth.current import login_required, require_account
from portal.cases import TransitionRefused, dates
from portal.extensions import db
from portal.models import Application, Case
from portal.objection import service
from portal.policy import load_profile
from portal.status import drafts, pages
from portal.status.access import citizen, owned_case

bp = Blueprint("objection", __name__, url_prefix="/applications/<int:application_id>/objection")


def _open(application_id: int) -> tuple[Application, Case, service.ObjectionState]:
    application, case = owned_case(application_id)
    found = service.state(case)
    return application, case, found


def _closed(application: Application, found: service.ObjectionState) -> Response:
    flash(str(service.WHY_NOT[found.why_not]), "notice")
    return redirect(url_for("status.timeline", application_id=application.id), 303)


@bp.get("/")
@login_required
def start(application_id: int) -> str | Response:
    application, case, found = _open(application_id)
    if not found.possible:
        return _closed(application, found)
    return render_template(
        "objection/start.html",
        application=application,
        case=case,
        state=found,
        first=url_for(
            "objection.question", application_id=application.id, key=service.QUESTIONS[0].key
        ),
        questions=service.QUESTIONS,
        period=load_profile(case.region_code).period("objection"),
    )


@bp.route("/questions/<key>", methods=["GET", "POST"])
@login_required
def question(application_id: int, key: str) -> str | Response:
    application, case, found = _open(application_id)
    asked = service.BY_KEY.get(key)
    if asked is None:
        abort(404)
    if not found.possible:
        return _closed(application, found)
    keys = [q.key for q in service.QUESTIONS]
    index = keys.index(key)
    back = (
        url_for("objection.question", application_id=application.id, key=keys[index - 1])
        if index
        else url_for("objection.start", application_id=application.id)
    )
    after = (
        url_for("objection.question", application_id=application.id, key=keys[index + 1])
        if index + 1 < len(keys)
        else url_for("objection.evidence", application_id=application.id)
    )
    if request.args.get("return") == "check":
        after = url_for("objection.check", application_id=application.id)
    return pages.text_question(application, case, service.KIND, asked, back=back, after=after)


@bp.route("/evidence", methods=["GET", "POST"])
@login_required
def evidence(application_id: int) -> str | Response:
    application, case, found = _open(application_id)
    if not found.possible:
        return _closed(application, found)
    return pages.evidence(
        application,
        case,
        service.KIND,
        title=_("有证据可以拍照上传"),
        hint=_("例如诊断证明、住院病历、护理记录的照片。没有可以不传，直接继续。"),
        back=url_for(
            "objection.question", application_id=application.id, key=service.QUESTIONS[-1].key
        ),
        after=url_for("objection.check", application_id=application.id),
        remove_endpoint="objection.remove_evidence",
    )


@bp.post("/evidence/<int:upload_id>/remove")
@login_required
def remove_evidence(application_id: int, upload_id: int) -> Response:
    application, case, _found = _open(application_id)
    return pages.remove_evidence(
        case, service.KIND, upload_id, url_for("objection.evidence", application_id=application.id)
    )


@bp.get("/check")
@login_required
def check(application_id: int) -> str | Response:
    application, case, found = _open(application_id)
    if not found.possible:
        return _closed(application, found)
    answers = drafts.answers_of(case, service.KIND)
    missing = service.missing_answers(answers)
    if missing:
        return redirect(
            url_for("objection.question", application_id=application.id, key=missing[0].key), 303
        )
    return render_template(
        "objection/check.html",
        application=application,
        case=case,
        state=found,
        answers=answers,
        questions=service.QUESTIONS,
        uploads=drafts.evidence_of(case, require_account(), service.KIND),
        form=ConfirmForm(),
    )


@bp.post("/send")
@login_required
def send(application_id: int) -> Response:
    application, case, found = _open(application_id)
    letter = url_for("objection.letter", application_id=application.id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("objection.check", application_id=application.id), 303)
    if not found.possible:
        # Sent already by an earlier press of the button: show what was sent.
        return redirect(letter, 303) if service.filed(case) else _closed(application, found)
    if service.missing_answers(drafts.answers_of(case, service.KIND)):
        return redirect(url_for("objection.check", application_id=application.id), 303)
    try:
        event = service.send(case, citizen())
    except TransitionRefused as refused:
        db.session.rollback()
        flash(str(refused), "notice")
        return redirect(url_for("status.timeline", application_id=application.id), 303)
    if event is not None and load_profile(case.region_code).period("objection").written:
        flash(_("异议已提交。请打印书面申请，签名后交给经办机构。"), "notice")
    elif event is not None:
        flash(_("异议已提交。需要书面申请的，可以打印这一份，签名后交给经办机构。"), "notice")
    return redirect(letter, 303)


@bp.get("/letter")
@login_required
def letter(application_id: int) -> str:
    application, case = owned_case(application_id)
    event = service.filed(case)
    if event is None:
        abort(404)
    return render_template(
        "objection/letter.html",
        application=application,
        case=case,
        event=event,
        data=event.data or {},
        uploads=service.evidence_files(event),
        dates=dates,
    )
