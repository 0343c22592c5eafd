"""Binding the person's WeChat chat to their account, so the bot can tell them their status."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import limits
from portal.auth.current import login_required, require_account
from portal.chat import service
from portal.chat.forms import BindingCodeForm, UnbindForm
from portal.wechat.client import WeChatSettings

bp = Blueprint("chat", __name__, url_prefix="/chat")
# The plain code lives only in this person's own session between the POST that makes it and
# the page that shows it (the database keeps only its hash); it is dropped once it stops working.
SHOWN_CODE = "chat_binding_code"


@bp.route("/bind", methods=["GET", "POST"])
@login_required
def bind() -> str | Response:
    account = require_account()
    form = BindingCodeForm()
    if form.validate_on_submit():
        if not limits.spend("BINDING_CODES_PER_ACCOUNT", str(account.id)):
            flash(_("获取绑定码的次数太多了，请一小时后再试。"), "notice")
            return redirect(url_for("chat.bind"), 303)
        issued = service.issue_binding_code(account)
        session[SHOWN_CODE] = issued.code
        return redirect(url_for("chat.bind"), 303)
    code = session.get(SHOWN_CODE)
    if code and not service.code_is_active(account, code):
        session.pop(SHOWN_CODE, None)
        code = None
    return render_template(
        "chat/bind.html",
        form=form,
        unbind_form=UnbindForm(),
        one_tap=_inside_wechat() and WeChatSettings.from_config().configured,
        binding=service.binding_of(account),
        code=code,
        minutes_left=service.code_minutes_left(account) if code else None,
    )


def _inside_wechat() -> bool:
    # WeChat's browser says so in its User-Agent; only there can WeChat's OAuth name the user.
    return "MicroMessenger" in request.headers.get("User-Agent", "")


@bp.route("/unbind", methods=["GET", "POST"])
@login_required
def unbind() -> Response:
    """One tap on the binding page's button unbinds; a GET only shows that page."""
    account = require_account()
    if UnbindForm().validate_on_submit() and service.unbind(account):
        flash(_("已解除绑定。公众号不能再查看您的申请进度了。"), "notice")
    return redirect(url_for("chat.bind"), 303)
