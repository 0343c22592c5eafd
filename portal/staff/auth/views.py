"""Staff sign-in at /staff/sign-in: password, then a TOTP code for the roles that need one
(set up at the first sign-in), then the console."""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from portal.extensions import db, limiter
from portal.models import StaffUser
from portal.return_paths import safe_return_path
from portal.staff.auth import service
from portal.staff.auth.forms import CodeForm, PasswordSignInForm
from portal.staff.session import current_staff, staff_sign_in, staff_sign_out

bp = Blueprint("staff_auth", __name__, url_prefix="/staff")
PENDING = "pending_staff_id"
ENROLLING = "enrolling_secret"


def sign_in_limit() -> str:
    # Per address (behind ProxyFix, the real client): enough for a few mistyped passwords,
    # far too few to guess one; the per-account lock-out stops slower guessing.
    limit: str = current_app.config["STAFF_SIGN_IN_LIMIT"]
    return limit


SIGN_IN_LIMIT = sign_in_limit


def _next_url() -> str:
    home = url_for("staff_home.home")
    target = safe_return_path(request.values.get("next"), home)
    return target if target.startswith("/staff") else home


def _pending() -> StaffUser | None:
    user_id = session.get(PENDING)
    return db.session.get(StaffUser, user_id) if user_id else None


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def sign_in() -> str | Response:
    if current_staff() is not None:
        return redirect(_next_url(), 303)
    form = PasswordSignInForm()
    if form.validate_on_submit():
        try:
            user = service.check_password(form.username.data, form.password.data)
        except service.SignInRefused as refused:
            form.password.errors.append(str(refused))
        else:
            if not service.needs_code(user):
                return _finish(user)
            session.clear()
            session[PENDING] = user.id
            step = "staff_auth.code" if user.totp_secret else "staff_auth.set_up_code"
            return redirect(url_for(step, next=_next_url()), 303)
    return render_template("staff/auth/sign_in.html", form=form, next=_next_url())


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def code() -> str | Response:
    user = _pending()
    if user is None or user.totp_secret is None:
        return redirect(url_for("staff_auth.sign_in"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        try:
            service.check_code(user, form.code.data)
        except service.SignInRefused as refused:
            form.code.errors.append(str(refused))
        else:
            return _finish(user)
    return render_template("staff/auth/code.html", form=form, next=_next_url())


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def set_up_code() -> str | Response:
    user = _pending()
    if user is None or user.totp_secret is not None:
        return redirect(url_for("staff_auth.sign_in"), 303)
    secret = session.get(ENROLLING) or service.enrolment(user).secret
    session[ENROLLING] = secret
    form = CodeForm()
    if form.validate_on_submit():
        try:
            service.check_code(user, form.code.data, secret=secret)
        except service.SignInRefused as refused:
            form.code.errors.append(str(refused))
        else:
            return _finish(user)
    return render_template(
        "staff/auth/set_up_code.html",
        form=form,
        enrolment=service.enrolment(user, secret),
        next=_next_url(),
    )


def _finish(user: StaffUser) -> Response:
    target = _next_url()
    service.signed_in(user)
    staff_sign_in(user)
    return redirect(target, 303)


@bp.post("/sign-out")
def sign_out() -> Response:
    staff_sign_out()
    response = redirect(url_for("staff_auth.sign_in"), 303)
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.get("/dev/codes")
def development_codes() -> str:
    """Development only, like /dev/sms: the codes the demo accounts' authenticators show."""
    if not current_app.config["DEVELOPMENT_PAGES"]:
        abort(404)
    users = db.session.query(StaffUser).filter(StaffUser.totp_secret.is_not(None)).all()
    return render_template(
        "staff/auth/development_codes.html",
        codes=[(user, service.current_code(user)) for user in users],
    )
