from datetime import datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.auth import service
from portal.auth.current import sign_in, sign_out
from portal.auth.forms import CodeForm, PhoneForm
from portal.extensions import htmx
from portal.models import utcnow
from portal.return_paths import safe_return_path
from portal.sms import DevelopmentGateway, gateway

bp = Blueprint("auth", __name__)
PENDING_PHONE = "sign_in_phone"


def _next_url() -> str:
    return safe_return_path(request.values.get("next"), url_for("home.index"))


@bp.route("/sign-in", methods=["GET", "POST"])
def phone() -> str | Response:
    form = PhoneForm()
    if form.validate_on_submit():
        try:
            service.send_code(form.phone.data, request.remote_addr or "unknown")
        except service.SignInError as error:
            form.phone.errors.append(str(error))
        else:
            session[PENDING_PHONE] = form.phone.data
            return redirect(url_for("auth.code", next=_next_url()), 303)
    return render_template("auth/phone.html", form=form, next=_next_url())


@bp.route("/sign-in/code", methods=["GET", "POST"])
def code() -> str | Response:
    phone = session.get(PENDING_PHONE)
    if not phone:
        return redirect(url_for("auth.phone", next=_next_url()), 303)
    form = CodeForm()
    if form.validate_on_submit():
        try:
            account = service.verify_code(phone, form.code.data, str(get_locale() or "zh"))
        except service.SignInError as error:
            form.code.errors.append(str(error))
        else:
            sign_in(account)
            return redirect(_next_url(), 303)
    latest = service.latest_code(phone)
    return render_template(
        "auth/code.html",
        form=form,
        phone=phone,
        next=_next_url(),
        seconds_left=_seconds_until(latest.expires_at if latest else None),
        resend_in=_seconds_until(latest.created_at + service.RESEND_AFTER if latest else None),
    )


@bp.post("/sign-in/resend")
def resend() -> Response:
    phone = session.get(PENDING_PHONE)
    if phone:
        try:
            service.send_code(phone, request.remote_addr or "unknown")
        except service.SignInError as error:
            flash(str(error), "notice")
        else:
            flash(_("新的验证码已经发出，请查看短信。"), "notice")
    return redirect(url_for("auth.code", next=_next_url()), 303)


@bp.post("/sign-out")
def sign_out_view() -> Response:
    sign_out()
    response = redirect(url_for("home.index"), 303)
    # Nothing of the signed-in pages stays in this browser: not in its cache, nor in the
    # page snapshots htmx keeps in localStorage (a shared phone's Back button).
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/dev/sms")
def development_outbox() -> str:
    sms = gateway()
    if not current_app.config["DEVELOPMENT_PAGES"] or not isinstance(sms, DevelopmentGateway):
        abort(404)
    return render_template("auth/development_outbox.html", messages=list(sms.outbox))


def _seconds_until(moment: datetime | None) -> int:
    return max(0, int((moment - utcnow()).total_seconds())) if moment else 0


@bp.post("/session/extend")
def extend_session() -> Response:
    """Any request refreshes the session; this one exists so a tap can ask for more time."""
    session.modified = True
    if htmx:
        return Response(status=204)
    back = urlsplit(request.referrer or "").path
    return redirect(safe_return_path(back, url_for("home.index")), 303)
