"""The WeChat Official Account: the webhook WeChat calls, and binding a WeChat user by OAuth.

The webhook checks WeChat's signature on every request (a bad one: 403, logged), decrypts and
encrypts in safe mode (WECHAT_AES_KEY set), and answers malformed XML with 400, never 500.
"""

import secrets
from xml.parsers.expat import ExpatError

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
from flask_babel import gettext as _
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature
from werkzeug.wrappers import Response

from portal.auth.current import login_required, require_account
from portal.chat import service as chat
from portal.extensions import csrf
from portal.wechat import client, service
from portal.wechat.forms import ConfirmBindingForm

bp = Blueprint("wechat", __name__, url_prefix="/wechat")
# WeChat's servers post here, signed with the shared token: there is no browser session.
csrf.exempt(bp)

# WeChat's messages are a few hundred bytes; anything far larger is not from WeChat.
MAX_BODY = 64 * 1024
OAUTH_STATE = "wechat_oauth_state"
OPENID_TO_BIND = "wechat_openid_to_bind"


def _signed() -> bool:
    args = request.args
    try:
        check_signature(
            current_app.config["WECHAT_TOKEN"],
            args.get("signature", ""),
            args.get("timestamp", ""),
            args.get("nonce", ""),
        )
    except InvalidSignatureException:
        return False
    return True


def _refuse_unsigned() -> None:
    if not current_app.config["WECHAT_TOKEN"] or not _signed():
        current_app.logger.warning(
            "WeChat webhook: bad or missing signature from %s", request.remote_addr
        )
        abort(403)


def _crypto() -> WeChatCrypto | None:
    config = current_app.config
    if not config["WECHAT_AES_KEY"]:
        return None
    return WeChatCrypto(config["WECHAT_TOKEN"], config["WECHAT_AES_KEY"], config["WECHAT_APP_ID"])


@bp.get("")
def verify() -> Response:
    """WeChat's check of the server address: echo `echostr` when the signature is good."""
    _refuse_unsigned()
    return Response(request.args.get("echostr", ""), mimetype="text/plain")


@bp.post("")
def webhook() -> Response:
    _refuse_unsigned()
    if (request.content_length or 0) > MAX_BODY:
        abort(413)
    body = request.get_data()
    crypto = _crypto()
    args = request.args
    try:
        if crypto is not None:
            body = crypto.decrypt_message(
                body,
                args.get("msg_signature", ""),
                args.get("timestamp", ""),
                args.get("nonce", ""),
            )
        message = parse_message(body)
    except (InvalidSignatureException, InvalidAppIdException):
        current_app.logger.warning(
            "WeChat webhook: bad message signature from %s", request.remote_addr
        )
        abort(403)
    except (ExpatError, KeyError, TypeError, ValueError, AttributeError) as error:
        current_app.logger.warning("WeChat webhook: malformed message: %r", error)
        abort(400)
    if message is None or not chat.valid_sender_id(message.source):
        current_app.logger.warning("WeChat webhook: a message without a sender")
        abort(400)
    text = service.answer(service.incoming(message))
    if not text:
        # "success" tells WeChat that nothing more is coming and stops its retries.
        return Response("success", mimetype="text/plain")
    reply = create_reply(text, message).render()
    if crypto is not None:
        reply = crypto.encrypt_message(reply, args.get("nonce", ""), args.get("timestamp"))
    return Response(reply, mimetype="application/xml")


# ------------------------------------------------------------------ binding by OAuth


@bp.get("/bind")
@login_required
def bind_start() -> Response:
    """Inside WeChat: asks WeChat who this is (snsapi_base: no consent screen, OpenID only)."""
    state = secrets.token_urlsafe(16)
    session[OAUTH_STATE] = state
    try:
        oauth = client.oauth(url_for("wechat.bind_confirm", _external=True), state)
    except client.WeChatUnavailable:
        flash(_("现在不能用微信一键绑定。请用下面的绑定码绑定。"), "notice")
        return redirect(url_for("chat.bind"), 303)
    return redirect(oauth.authorize_url, 302)


@bp.route("/bind/confirm", methods=["GET", "POST"])
@login_required
def bind_confirm() -> str | Response:
    """WeChat sends the person back here with a code that names their OpenID."""
    account = require_account()
    form = ConfirmBindingForm()
    if request.method == "GET":
        expected = session.pop(OAUTH_STATE, None)
        code = request.args.get("code", "")
        if (
            not code
            or not expected
            or not secrets.compare_digest(request.args.get("state", ""), expected)
        ):
            flash(_("微信一键绑定没有完成，请再试一次。"), "notice")
            return redirect(url_for("chat.bind"), 303)
        try:
            openid = client.openid_for_code(client.oauth("", ""), code)
        except client.WeChatUnavailable:
            flash(
                _("现在连不上微信，绑定没有完成。请过一会儿再试，或用下面的绑定码绑定。"), "notice"
            )
            return redirect(url_for("chat.bind"), 303)
        session[OPENID_TO_BIND] = openid
        return render_template("wechat/bind_confirm.html", form=form)
    pending = session.get(OPENID_TO_BIND)
    if not form.validate_on_submit() or not chat.valid_sender_id(pending):
        return redirect(url_for("chat.bind"), 303)
    session.pop(OPENID_TO_BIND, None)
    chat.bind_account(str(pending), account.id)
    flash(_("绑定好了。在公众号里问“我的申请”，就能看到办理进度。"), "notice")
    return redirect(url_for("chat.bind"), 303)
