import json

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from portal.auth.current import login_required, require_account
from portal.privacy import service
from portal.privacy.forms import ConsentForm
from portal.return_paths import safe_return_path

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
        return redirect(safe_return_path(target, url_for("people.index")), 303)
    return render_template("privacy/consent.html", form=form, next=target)


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
