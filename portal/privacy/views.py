import json

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from portal.auth.current import login_required, require_account
from portal.preferences.service import is_safe_return_path
from portal.privacy import service
from portal.privacy.forms import ConsentForm

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/")
def notice() -> str:
    return render_template("privacy/notice.html")


@bp.route("/consent", methods=["GET", "POST"])
@login_required
def consent() -> str | BaseResponse:
    account = require_account()
    target = request.values.get("next")
    form = ConsentForm()
    if form.validate_on_submit():
        service.give_consent(account)
        return redirect(target if is_safe_return_path(target) else url_for("people.index"), 303)
    return render_template("privacy/consent.html", form=form, next=target)


@bp.get("/my-data")
@login_required
def my_data_page() -> str:
    return render_template("privacy/my_data.html", data=service.my_data(require_account()))


@bp.get("/my-data.json")
@login_required
def my_data() -> Response:
    account = require_account()
    body = json.dumps(service.everything_about(account), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": "attachment; filename=changhu-my-data.json",
            "Cache-Control": "no-store",
        },
    )
