"""Asking for a reassessment (重新评估): both conditions and the earliest date first, then what
changed, evidence, check and send. An early request is warned with the date and still sent."""

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.apply.forms import ConfirmForm
from portal.auth.current import login_required, require_account
from portal.cases import TransitionRefused, dates
from portal.cases.care import approved
from portal.cases.reassessment import (
    FROM_STEPS,
    open_reassessment,
    reassessment_timing,
    request_reassessment,
)
from portal.extensions import db
from portal.models import Application, Case
from portal.policy import Reassessment, Validity
from portal.status import drafts, pages
from portal.status.access import citizen, owned_case
from portal.status.forms import TextQuestion

bp = Blueprint(
    "reassessment", __name__, url_prefix="/applications/<int:application_id>/reassessment"
)
KIND = "reassessment"
CHANGE = TextQuestion(
    "change",
    _l("身体状况有什么变化？"),
    _l("例如：今年摔了一跤，现在下不了床，吃饭穿衣都要人帮。"),
    _l("请写明身体状况有什么变化。"),
)


@dataclass(frozen=True)
class Timing:
    reassessment: Reassessment | None
    validity: Validity | None


def _timing(case: Case) -> Timing:
    return Timing(reassessment_timing(case), dates.validity(case))


def _case(application_id: int) -> tuple[Application, Case]:
    application, case = owned_case(application_id)
    if not approved(case) or case.step not in FROM_STEPS:
        abort(404)
    pending = open_reassessment(case)
    if pending is not None:
        abort(404)
    return application, case


@bp.get("/")
@login_required
def start(application_id: int) -> str:
    application, case = _case(application_id)
    return render_template(
        "reassessment/start.html", application=application, case=case, timing=_timing(case)
    )


@bp.route("/change", methods=["GET", "POST"])
@login_required
def change(application_id: int) -> str | Response:
    application, case = _case(application_id)
    return pages.text_question(
        application,
        case,
        KIND,
        CHANGE,
        back=url_for("reassessment.start", application_id=application.id),
        after=url_for("reassessment.evidence", application_id=application.id),
    )


@bp.route("/evidence", methods=["GET", "POST"])
@login_required
def evidence(application_id: int) -> str | Response:
    application, case = _case(application_id)
    return pages.evidence(
        application,
        case,
        KIND,
        title=_("有证明可以拍照上传"),
        hint=_("例如新的诊断证明、住院病历。没有可以不传，直接继续。"),
        back=url_for("reassessment.change", application_id=application.id),
        after=url_for("reassessment.check", application_id=application.id),
        remove_endpoint="reassessment.remove_evidence",
    )


@bp.post("/evidence/<int:upload_id>/remove")
@login_required
def remove_evidence(application_id: int, upload_id: int) -> Response:
    application, case = _case(application_id)
    return pages.remove_evidence(
        case, KIND, upload_id, url_for("reassessment.evidence", application_id=application.id)
    )


@bp.get("/check")
@login_required
def check(application_id: int) -> str | Response:
    application, case = _case(application_id)
    answers = drafts.answers_of(case, KIND)
    if not answers.get("change"):
        return redirect(url_for("reassessment.change", application_id=application.id), 303)
    return render_template(
        "reassessment/check.html",
        application=application,
        case=case,
        timing=_timing(case),
        answers=answers,
        uploads=drafts.evidence_of(case, require_account(), KIND),
        form=ConfirmForm(),
    )


@bp.post("/send")
@login_required
def send(application_id: int) -> Response:
    application, case = owned_case(application_id)
    sent = open_reassessment(case)
    if sent is None and ConfirmForm().validate_on_submit():
        answers = drafts.take(case, KIND)
        if answers is not None and answers.get("change"):
            try:
                request_reassessment(
                    case,
                    citizen(),
                    change=str(answers["change"]),
                    evidence=[int(i) for i in answers.get("evidence", [])],
                )
            except TransitionRefused as refused:
                db.session.rollback()
                flash(str(refused), "notice")
                return redirect(url_for("status.timeline", application_id=application.id), 303)
            sent = open_reassessment(case)
            flash(_("重新评估的申请已提交。"), "notice")
    if sent is None:
        return redirect(url_for("reassessment.check", application_id=application.id), 303)
    return redirect(url_for("status.timeline", application_id=sent.application_id), 303)
