"""Complaints and reports on the portal (/complaints/): file one, one question per page, and
follow it under "my complaints" by its reference number."""

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from portal.auth.current import current_account, login_required, require_account
from portal.chat import service as chat
from portal.complaints import forms, service
from portal.complaints.labels import CONCERNED, CONTACT, EVENTS, HOLDERS, STATUS, TOPICS, label
from portal.extensions import db
from portal.forms import restore_form
from portal.models import Account, Complaint
from portal.policy import region_codes
from portal.policy.complaints import route
from portal.template_helpers import language, region_name
from portal.uploads.service import UploadRejected, store_upload

bp = Blueprint("complaints", __name__, url_prefix="/complaints")
CHANGE: dict[str, Any] = {"return": "check"}


@dataclass(frozen=True)
class Question:
    key: str
    form: type[FlaskForm]
    attribute: str


QUESTIONS = {
    q.key: q
    for q in (
        Question("region", forms.RegionForm, "region_code"),
        Question("topic", forms.TopicForm, "topic"),
        Question("concerned", forms.ConcernedForm, "concerned"),
        Question("institution", forms.InstitutionForm, "institution_name"),
        Question("what_happened", forms.WhatHappenedForm, "what_happened"),
        Question("identity", forms.IdentityForm, "anonymous"),
        Question("name", forms.NameForm, "contact_name"),
        Question("contact", forms.ContactForm, "contact_by"),
        Question("phone", forms.PhoneForm, "contact_phone"),
    )
}
# Where each answer leads; "evidence" and "check" are pages of their own.
FOLLOWING = {
    "region": "topic",
    "topic": "concerned",
    "concerned": "institution",
    "institution": "what_happened",
    "what_happened": "evidence",
    "identity": "name",
    "name": "contact",
    "contact": "phone",
}


def _regions() -> list[str]:
    return [code for code in region_codes() if code != "national"]


def _account_region(account: Account) -> str | None:
    return chat.region_of(account)


def _draft() -> Complaint:
    draft = service.draft_of(require_account())
    if draft is None:
        abort(404)
    return draft


def _wechat_bound(account: Account) -> bool:
    return chat.binding_of(account) is not None


@bp.get("/")
def index() -> str:
    account = current_account()
    return render_template(
        "complaints/index.html",
        complaints=service.complaints_of(account) if account else [],
        draft=service.draft_of(account) if account else None,
        form=forms.ConfirmForm(),
    )


@bp.post("/start")
@login_required
def start() -> Response:
    account = require_account()
    if not forms.ConfirmForm().validate_on_submit():
        return redirect(url_for("complaints.index"), 303)
    draft = service.start_draft(account, language(), _account_region(account))
    return redirect(_next_page(draft, None), 303)


def _next_page(draft: Complaint, after: str | None) -> str:
    if request.args.get("return") == "check":
        return url_for("complaints.check")
    key = FOLLOWING.get(after) if after else None
    if after is None:
        key = "region" if draft.region_code is None else "topic"
    if key == "contact" and not _wechat_bound(require_account()):
        draft.contact_by = "sms"
        db.session.commit()
        key = "phone"
    if key == "phone" and draft.contact_by != "sms":
        key = None
    if key == "evidence":
        return url_for("complaints.evidence")
    if key is None or (after == "identity" and draft.anonymous):
        return url_for("complaints.check")
    return url_for("complaints.question", key=key)


def _stored(question: Question, draft: Complaint) -> object:
    value = getattr(draft, question.attribute)
    if question.key == "identity":
        return None if value is None else ("anonymous" if value else "real_name")
    if question.key == "phone" and not value:
        return require_account().phone
    return value


@bp.route("/new/<key>", methods=["GET", "POST"])
@login_required
def question(key: str) -> str | Response:
    draft = _draft()
    asked = QUESTIONS.get(key)
    if asked is None:
        abort(404)
    form = asked.form(data={"answer": _stored(asked, draft)})
    if key == "region":
        form.answer.choices = forms.choices((code, region_name(code)) for code in _regions())
    if form.validate_on_submit():
        value = form.answer.data
        if key == "identity":
            anonymous = value == "anonymous"
            service.save(draft, anonymous=anonymous)
            if anonymous:
                service.save(draft, contact_name=None, contact_phone=None, contact_by="none")
            elif draft.contact_by == "none":
                service.save(draft, contact_by=None)
        else:
            service.save(draft, **{asked.attribute: value})
            if key == "contact" and value == "wechat":
                service.save(draft, contact_phone=None)
        return redirect(_next_page(draft, key), 303)
    restore_form(form)
    return render_template("complaints/question.html", form=form, question=asked, back=_back(key))


def _back(key: str) -> str:
    if request.args.get("return") == "check":
        return url_for("complaints.check")
    before = {after: key_ for key_, after in FOLLOWING.items()}.get(key)
    return url_for("complaints.question", key=before) if before else url_for("complaints.index")


@bp.route("/new/evidence", methods=["GET", "POST"])
@login_required
def evidence() -> str | Response:
    draft = _draft()
    account = require_account()
    form = forms.EvidenceForm()
    error = None
    if form.validate_on_submit():
        file = form.document.data
        if len(draft.evidence) >= service.MAX_EVIDENCE:
            error = _("最多上传 %(count)s 个文件。", count=service.MAX_EVIDENCE)
        else:
            try:
                upload = store_upload(
                    account.id, file.filename if file else "", file.read() if file else b""
                )
            except UploadRejected as rejected:
                db.session.rollback()
                error = str(rejected)
            else:
                service.add_evidence(draft, upload)
                flash(_("文件已上传：%(name)s", name=upload.original_name), "notice")
                return redirect(url_for("complaints.evidence"), 303)
    if error:
        form.document.errors = [error]
    return render_template(
        "complaints/evidence.html",
        draft=draft,
        form=form,
        remove_form=forms.ConfirmForm(),
        next_url=url_for("complaints.check")
        if request.args.get("return") == "check" or draft.anonymous is not None
        else url_for("complaints.question", key="identity"),
    )


@bp.post("/new/evidence/<int:evidence_id>/remove")
@login_required
def remove_evidence(evidence_id: int) -> Response:
    draft = _draft()
    if forms.ConfirmForm().validate_on_submit() and service.remove_evidence(draft, evidence_id):
        flash(_("文件已删除。"), "notice")
    return redirect(url_for("complaints.evidence"), 303)


@bp.get("/new/check")
@login_required
def check() -> str | Response:
    draft = _draft()
    missing = service.missing(draft)
    change: dict[str, Any] = {"return": "check"}
    rows = [
        _row(_("地区"), region_name(draft.region_code) if draft.region_code else "", "region"),
        _row(_("问题"), label(TOPICS, draft.topic), "topic"),
        _row(_("投诉的单位"), label(CONCERNED, draft.concerned), "concerned"),
        _row(_("单位名称"), draft.institution_name or _("没有填写"), "institution"),
        _row(_("发生了什么事"), draft.what_happened, "what_happened"),
        {
            "key": _("照片或文件"),
            "lines": [e.upload.original_name for e in draft.evidence] or [_("没有上传")],
            "href": url_for("complaints.evidence", **change),
        },
        _row(
            _("实名或匿名"),
            "" if draft.anonymous is None else (_("匿名") if draft.anonymous else _("实名")),
            "identity",
        ),
    ]
    if draft.anonymous is False:
        rows.append(_row(_("您的姓名"), draft.contact_name or "", "name"))
        rows.append(_row(_("答复方式"), label(CONTACT, draft.contact_by), "contact"))
        if draft.contact_by == "sms":
            rows.append(_row(_("手机号码"), draft.contact_phone or "", "phone"))
    return render_template(
        "complaints/check.html",
        rows=rows,
        missing=missing,
        first_missing=url_for("complaints.question", key=missing[0], **change) if missing else None,
        routing=route(draft.region_code, draft.concerned)
        if draft.region_code and draft.concerned
        else None,
        form=forms.ConfirmForm(),
    )


def _row(key: str, value: str, question_key: str) -> dict[str, object]:
    if question_key == "contact" and not _wechat_bound(require_account()):
        href = None
    else:
        href = url_for("complaints.question", key=question_key, **CHANGE)
    return {"key": key, "lines": [value] if value else [], "href": href}


@bp.post("/new/submit")
@login_required
def submit() -> Response:
    account = require_account()
    draft = service.draft_of(account)
    if draft is None:
        # Sent twice: the first send already filed it.
        filed = service.complaints_of(account)
        return redirect(
            url_for("complaints.detail", reference=filed[0].reference)
            if filed
            else url_for("complaints.index"),
            303,
        )
    if not forms.ConfirmForm().validate_on_submit() or service.missing(draft):
        return redirect(url_for("complaints.check"), 303)
    service.save(draft, language=language())
    service.submit(draft)
    flash(_("投诉已提交。"), "notice")
    return redirect(url_for("complaints.detail", reference=draft.reference), 303)


@bp.get("/<reference>")
@login_required
def detail(reference: str) -> str:
    complaint = service.complaint_of(require_account(), reference)
    if complaint is None:
        abort(404)
    return render_template(
        "complaints/detail.html",
        complaint=complaint,
        routing=route(complaint.region_code, complaint.concerned)
        if complaint.region_code and complaint.concerned
        else None,
    )


@bp.app_template_global()
def complaint_status(status: object) -> str:
    return label(STATUS, status)


@bp.app_template_global()
def complaint_topic(topic: object) -> str:
    return label(TOPICS, topic)


@bp.app_template_global()
def complaint_concerned(concerned: object) -> str:
    return label(CONCERNED, concerned)


@bp.app_template_global()
def complaint_event(kind: object) -> str:
    return label(EVENTS, kind)


@bp.app_template_global()
def complaint_contact(contact: object) -> str:
    return label(CONTACT, contact)


@bp.app_template_global()
def complaint_holder(holder: object) -> str:
    return label(HOLDERS, holder)
