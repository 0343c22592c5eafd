"""The administrator: accounts and roles, the access log, imports from CSV."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from portal.apply.forms import ConfirmForm
from portal.audit.service import AuditQuery, search
from portal.extensions import db
from portal.institutions.importer import import_institutions
from portal.models import Region, StaffRole, StaffUser
from portal.people.roster import import_roster
from portal.policy import load_profile
from portal.staff.admin import accounts as account_service
from portal.staff.admin.forms import AuditForm, ImportForm, NewAccountForm, RoleForm
from portal.staff.session import require_staff, roles_required
from portal.template_helpers import in_language

bp = Blueprint("staff_admin", __name__, url_prefix="/staff/admin")
ADMIN = StaffRole.ADMIN


def region_choices() -> list[SelectChoice]:
    codes = db.session.scalars(select(Region.code).order_by(Region.code))
    names = [SelectChoice(code, in_language(load_profile(code).name)) for code in codes]
    return [SelectChoice("", _("所有地区")), *names]


def _account(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/accounts")
@roles_required(ADMIN)
def accounts() -> str:
    return render_template("staff/admin/accounts.html", users=account_service.accounts())


@bp.route("/accounts/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_account() -> str | Response:
    form = NewAccountForm()
    form.region.choices = region_choices()
    if form.validate_on_submit():
        new = account_service.NewAccount(
            username=form.username.data,
            full_name=form.full_name.data,
            role=form.chosen_role(),
            region_code=form.chosen_region(),
            organisation=form.organisation.data,
            is_expert=form.is_expert.data,
        )
        try:
            user, password = account_service.create(require_staff(), new)
        except account_service.AccountRefused as refused:
            form.username.errors.append(str(refused))
        else:
            return render_template("staff/admin/password.html", user=user, password=password)
    return render_template("staff/admin/new_account.html", form=form)


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def account(user_id: int) -> str | Response:
    user = _account(user_id)
    form = RoleForm(
        data={
            "role": user.role.value,
            "region": user.region_code or "",
            "organisation": user.organisation,
            "is_expert": user.is_expert,
        }
    )
    form.region.choices = region_choices()
    if form.validate_on_submit():
        try:
            account_service.change_role(
                require_staff(),
                user,
                form.chosen_role(),
                form.chosen_region(),
                form.organisation.data,
                form.is_expert.data,
            )
        except account_service.AccountRefused as refused:
            form.role.errors.append(str(refused))
        else:
            flash(_("已保存。"), "notice")
            return redirect(url_for("staff_admin.account", user_id=user.id), 303)
    return render_template(
        "staff/admin/account.html",
        user=user,
        form=form,
        confirm=ConfirmForm(),
        history=account_service.history(user),
    )


@bp.post("/accounts/<int:user_id>/<action>")
@roles_required(ADMIN)
def account_action(user_id: int, action: str) -> str | Response:
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    admin = require_staff()
    try:
        if action in ("disable", "enable"):
            account_service.set_disabled(admin, user, action == "disable")
        elif action == "reset-password":
            password = account_service.reset_password(admin, user)
            return render_template("staff/admin/password.html", user=user, password=password)
        elif action == "reset-second-factor":
            account_service.reset_second_factor(admin, user)
        elif action == "unlock":
            account_service.unlock(admin, user)
        else:
            abort(404)
    except account_service.AccountRefused as refused:
        flash(str(refused), "notice")
    else:
        flash(_("已保存。"), "notice")
    return redirect(url_for("staff_admin.account", user_id=user.id), 303)


@bp.get("/audit")
@roles_required(ADMIN)
def audit() -> str:
    form = AuditForm(request.args)
    searched = bool(request.args) and form.validate()
    entries = (
        search(
            AuditQuery(
                person=form.person.data or "",
                staff=form.staff.data or "",
                date_from=form.date_from.data,
                date_to=form.date_to.data,
            )
        )
        if searched
        else []
    )
    return render_template("staff/admin/audit.html", form=form, entries=entries, searched=searched)


@bp.route("/imports", methods=["GET", "POST"])
@roles_required(ADMIN)
def imports() -> str:
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        file = form.document.data
        raw = file.read() if file else b""
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.document.errors = [_("文件要用 UTF-8 编码保存的 CSV。")]
        else:
            if not text.strip():
                form.document.errors = [_("请选择一个 CSV 文件。")]
            else:
                importer = import_roster if form.kind.data == "roster" else import_institutions
                result = importer(text)
                if result.problems:
                    db.session.rollback()
    return render_template("staff/admin/imports.html", form=form, result=result)
