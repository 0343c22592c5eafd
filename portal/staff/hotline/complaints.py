"""Complaints in the console: the queue, one complaint with its trail and the steps open to
this person, and the hotline's form for a complaint made by phone."""

import secrets
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.complaints import handling, service
from portal.complaints.forms import PhoneComplaintForm, choices
from portal.extensions import db
from portal.http_headers import own_content_security_policy
from portal.models import Complaint, StaffRole
from portal.policy import region_codes
from portal.policy.complaints import route
from portal.staff.hotline.forms import OptionalTextForm, TargetDateForm, TextForm
from portal.staff.session import require_staff, roles_required
from portal.template_helpers import region_name
from portal.uploads.service import open_complaint_evidence

bp = Blueprint("staff_complaints", __name__, url_prefix="/staff/complaints")
QUEUES = ("waiting", "mine", "open", "answered")
ACTION_FORMS: dict[str, type[Any]] = {
    "take": OptionalTextForm,
    "note": TextForm,
    "pass": OptionalTextForm,
    "report_back": TextForm,
    "target_date": TargetDateForm,
    "answer": TextForm,
}


def _complaint(complaint_id: int) -> Complaint:
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or not handling.can_see(require_staff(), complaint):
        abort(404)
    return complaint


@bp.get("/")
@roles_required(*handling.COMPLAINT_ROLES)
def queue() -> str:
    which = request.args.get("which", "waiting")
    if which not in QUEUES:
        which = "waiting"
    return render_template(
        "staff/complaints/queue.html",
        which=which,
        queues=QUEUES,
        complaints=handling.queue(require_staff(), which),
    )


@bp.get("/<int:complaint_id>")
@roles_required(*handling.COMPLAINT_ROLES)
def complaint(complaint_id: int) -> str:
    found = _complaint(complaint_id)
    return _page(found, {})


def _page(found: Complaint, forms: dict[str, object], status: int = 200) -> str:
    staff = require_staff()
    actions = handling.actions_for(staff, found)
    filled = {
        action: forms.get(action) or ACTION_FORMS[action](prefix=action) for action in actions
    }
    return render_template(
        "staff/complaints/complaint.html",
        complaint=found,
        actions=actions,
        forms=filled,
        routing=route(found.region_code, found.concerned)
        if found.region_code and found.concerned
        else None,
    )


@bp.post("/<int:complaint_id>/<action>")
@roles_required(*handling.COMPLAINT_ROLES)
def act(complaint_id: int, action: str) -> str | Response | tuple[str, int]:
    found = _complaint(complaint_id)
    staff = require_staff()
    if action not in ACTION_FORMS:
        abort(404)
    if action not in handling.actions_for(staff, found):
        flash(_("这一步现在不能做：投诉可能已经被别人处理了。"), "notice")
        return redirect(url_for("staff_complaints.complaint", complaint_id=found.id), 303)
    form = ACTION_FORMS[action](prefix=action)
    if not form.validate_on_submit():
        return _page(found, {action: form}), 400
    try:
        handling.act(
            staff,
            found,
            action,
            text=form.text.data if hasattr(form, "text") else "",
            on=form.on.data if hasattr(form, "on") else None,
        )
    except handling.NotAllowed:
        db.session.rollback()
        flash(_("这一步现在不能做：投诉可能已经被别人处理了。"), "notice")
    return redirect(url_for("staff_complaints.complaint", complaint_id=found.id), 303)


@bp.get("/<int:complaint_id>/files/<int:upload_id>")
@own_content_security_policy(
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
)
@roles_required(*handling.COMPLAINT_ROLES)
def evidence_file(complaint_id: int, upload_id: int) -> Response:
    """Streams the evidence to staff who may handle the complaint; the look is logged first."""
    found = _complaint(complaint_id)
    opened = open_complaint_evidence(require_staff(), found.id, upload_id)
    if opened is None:
        abort(404)
    response = Response(opened.content, mimetype=opened.media_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/phone", methods=["GET", "POST"])
@roles_required(StaffRole.HOTLINE)
def phone() -> Response | tuple[str, int]:
    staff = require_staff()
    form = PhoneComplaintForm()
    regions = (
        [staff.region_code]
        if staff.region_code
        else [code for code in region_codes() if code != "national"]
    )
    # A central hotline chooses the region each time: no region is taken for granted.
    form.region.choices = choices(
        ((code, region_name(code)) for code in regions), blank=not staff.region_code
    )
    if request.method == "GET":
        form.key.data = secrets.token_urlsafe(24)
        form.region.data = staff.region_code or ""
    if form.validate_on_submit():
        anonymous = bool(form.anonymous.data)
        recorded = service.record_call(
            staff,
            form.key.data or secrets.token_urlsafe(24),
            region_code=form.region.data,
            topic=form.topic.data,
            concerned=form.concerned.data,
            institution_name=form.institution.data or "",
            what_happened=form.content.data or "",
            anonymous=anonymous,
            contact_name=None if anonymous else form.caller_name.data,
            contact_phone=None if anonymous else form.phone.data or None,
            contact_by="sms" if form.reply_by_sms.data else "none",
        )
        flash(
            _("已记录，投诉编号 %(reference)s。请把编号告诉来电人。", reference=recorded.reference),
            "notice",
        )
        return redirect(url_for("staff_complaints.complaint", complaint_id=recorded.id), 303)
    status = 400 if form.errors else 200
    return render_template("staff/complaints/phone.html", form=form), status
