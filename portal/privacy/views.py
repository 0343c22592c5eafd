import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from portal.apply.forms import ConfirmForm
from portal.auth.current import current_account, login_required, require_account
from portal.people.service import log_access_to, representations_of
from portal.privacy import service
from portal.privacy.forms import ConsentForm
from portal.return_paths import safe_return_path

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/")
def notice() -> str:
    account = current_account()
    consented = account is not None and service.has_consented(account)
    return render_template("privacy/notice.html", consented=consented)


@bp.route("/consent", methods=["GET", "POST"])
@login_required
def consent() -> str | BaseResponse:
    account = require_account()
    target = request.values.get("next")
    form = ConsentForm()
    if form.validate_on_submit():
        service.give_consent(account)
        return redirect(safe_return_path(target, url_for("people.index")), 303)
    return render_template("privacy/consent.html", form=form, next=target)


@bp.route("/withdraw", methods=["GET", "POST"])
@login_required
def withdraw() -> str | BaseResponse:
    account = require_account()
    if not service.has_consented(account):
        return redirect(url_for("privacy.notice"), 303)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.withdraw_consent(account)
        flash(_("已撤回同意。没有提交的草稿、自评和文件都已删除。"), "notice")
        return redirect(url_for("privacy.notice"), 303)
    return render_template("privacy/withdraw.html", form=form)


@bp.get("/my-data")
@login_required
def my_data_page() -> str:
    return render_template("privacy/my_data.html", data=service.my_data(require_account()))


@bp.get("/my-data.json")
@login_required
def my_data() -> Response:
    account = require_account()
    everything = service.everything_about(account)
    # The download shows ID numbers and health answers in full: a look at each person's file.
    log_access_to(account, [r.insured_person_id for r in representations_of(account)], "my_data")
    body = json.dumps(everything, ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": "attachment; filename=changhu-my-data.json",
            "Cache-Control": "no-store",
        },
    )
