"""The applicant answers a request for missing materials in place: every item of the one
complete list, uploaded here, then sent together (the review starts again that day)."""

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.apply import service
from portal.apply.forms import ConfirmForm, MaterialUploadForm
from portal.auth.current import login_required, require_account
from portal.cases import TransitionRefused, review
from portal.cases.actors import Actor
from portal.cases.engine import last_event
from portal.extensions import db
from portal.models import Application, ApplicationMaterial, Case, CaseStep, Upload
from portal.policy import Text
from portal.uploads.service import UploadRejected, store_upload

bp = Blueprint("requested", __name__)


@dataclass(frozen=True)
class RequestedItem:
    key: str
    name: Text | str
    uploads: list[Upload]


def _case(application_id: int) -> tuple[Application, Case]:
    application = service.application_of(require_account(), application_id)
    case = service.case_of(application) if application else None
    if application is None or case is None or case.step is not CaseStep.MATERIALS_REQUESTED:
        abort(404)
    return application, case


def requested_items(case: Case) -> list[RequestedItem]:
    asked = review.requested_items(case)
    event = last_event(case, "materials_requested")
    since = event.at if event else case.opened_at
    links = db.session.scalars(
        select(ApplicationMaterial).filter_by(application_id=case.application_id)
    )
    fresh: dict[str, list[Upload]] = {}
    for link in links:
        if link.upload.created_at >= since and link.upload.deleted_at is None:
            fresh.setdefault(link.material_code, []).append(link.upload)
    names = {m.code: m.name for m in service.profile_of(case.application).materials}
    items = [
        RequestedItem(code, names.get(code, code), fresh.get(code, []))
        for code in asked.get("codes", [])
    ]
    items += [
        RequestedItem(f"other_{i}", text, fresh.get(f"other_{i}", []))
        for i, text in enumerate(asked.get("other", []))
    ]
    return items


@bp.route("/apply/<int:application_id>/requested-materials", methods=["GET", "POST"])
@login_required
def upload(application_id: int) -> str | Response:
    application, case = _case(application_id)
    items = requested_items(case)
    # One form per item, each with its own field names and ids (the item's key as prefix);
    # the page's one CSRF token is checked for every POST by CSRFProtect.
    forms = {item.key: MaterialUploadForm(prefix=item.key, meta={"csrf": False}) for item in items}
    if request.method == "POST":
        key = request.form.get("material_code", "")
        if key not in forms:
            abort(400)
        form = forms[key]
        if form.validate_on_submit():
            file = form.document.data
            try:
                stored = store_upload(
                    require_account().id,
                    file.filename if file else "",
                    file.read() if file else b"",
                )
            except UploadRejected as error:
                db.session.rollback()
                form.document.errors = [str(error)]
            else:
                service.attach(application, key, stored)
                flash(_("文件已上传：%(name)s", name=stored.original_name), "notice")
                return redirect(url_for("requested.upload", application_id=application.id), 303)
    return render_template(
        "apply/requested_materials.html",
        application=application,
        case=case,
        items=items,
        forms=forms,
        note=review.requested_items(case).get("note", ""),
        send_form=ConfirmForm(),
    )


@bp.post("/apply/<int:application_id>/requested-materials/send")
@login_required
def send(application_id: int) -> Response:
    application, case = _case(application_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    uploads = {item.key: [u.id for u in item.uploads] for item in requested_items(case)}
    try:
        review.supply_materials(case, Actor.of_citizen(require_account()), uploads=uploads)
    except TransitionRefused as refused:
        flash(str(refused), "notice")
        return redirect(url_for("requested.upload", application_id=application.id), 303)
    flash(_("材料已经交给经办机构，经办机构会重新审核。"), "notice")
    return redirect(url_for("status.timeline", application_id=application.id), 303)
