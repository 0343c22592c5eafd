"""The call-back list: who to call, by when (the time promised), and what came of it."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.hotline import callbacks
from portal.models import CallBack, Complaint, StaffRole
from portal.staff.hotline.forms import CallBackForm, OutcomeForm
from portal.staff.session import require_staff, roles_required

bp = Blueprint("staff_call_backs", __name__, url_prefix="/staff/call-backs")


def _task(task_id: int) -> CallBack:
    task = callbacks.task_for(require_staff(), task_id)
    if task is None:
        abort(404)
    return task


@bp.get("/")
@roles_required(StaffRole.HOTLINE)
def tasks() -> str:
    done = request.args.get("done") == "1"
    return render_template(
        "staff/call_backs/index.html",
        done=done,
        tasks=callbacks.tasks(require_staff(), done),
        overdue=callbacks.overdue,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(StaffRole.HOTLINE)
def new() -> Response | tuple[str, int]:
    staff = require_staff()
    complaint = _complaint_of(request.args.get("complaint", ""))
    form = CallBackForm()
    if request.method == "GET":
        form.key.data = secrets.token_urlsafe(24)
        if complaint is not None:
            form.name.data = complaint.contact_name or ""
            form.phone.data = complaint.contact_phone or ""
            form.about.data = _("投诉 %(reference)s", reference=complaint.reference)
    if form.validate_on_submit():
        callbacks.create(
            staff,
            form.key.data or secrets.token_urlsafe(24),
            source="complaint" if complaint else "call",
            complaint_id=complaint.id if complaint else None,
            region_code=complaint.region_code if complaint else staff.region_code,
            name=form.name.data or "",
            phone=form.phone.data or "",
            about=form.about.data or "",
            promised_at=form.promised_utc(),
        )
        flash(_("已加入回电任务。"), "notice")
        return redirect(url_for("staff_call_backs.tasks"), 303)
    status = 400 if form.errors else 200
    return render_template("staff/call_backs/new.html", form=form, complaint=complaint), status


def _complaint_of(value: str) -> Complaint | None:
    from portal.complaints import handling

    complaint = db.session.get(Complaint, int(value)) if value.isdigit() else None
    if complaint is None or not handling.can_see(require_staff(), complaint):
        return None
    return complaint


@bp.route("/<int:task_id>", methods=["GET", "POST"])
@roles_required(StaffRole.HOTLINE)
def task(task_id: int) -> Response | tuple[str, int]:
    found = _task(task_id)
    form = OutcomeForm()
    if found.done_at is None and form.validate_on_submit():
        callbacks.record_outcome(
            found, require_staff(), form.outcome.data or "", form.note.data or ""
        )
        flash(_("回电结果已记录。"), "notice")
        return redirect(url_for("staff_call_backs.tasks"), 303)
    status = 400 if form.errors else 200
    return render_template("staff/call_backs/task.html", task=found, form=form), status
