"""The bot's own API (/api/v1/bot/…): a chat user's applications, handoffs and bindings.

Only the bot's action server may call it: every request carries
``Authorization: Bearer <CHANGHU_BOT_SECRET>`` (compared in constant time), else 401. The
bot passes a person's sender id through from WeChat, so this secret is what stops anyone
else from reading a bound account's applications by guessing sender ids.

- ``GET /applications?sender_id=`` → 200 ``{"region", "applications": [...]}``, only the
  bound account's, names masked, each look logged; 404 ``{"error": "not_bound"}``.
- ``POST /handoffs`` ``{"sender_id", "reason", "language", "last_message", "region"?}`` → 201
  ``{"id", "created": true}`` for a new handoff; 200 with the same body and
  ``"created": false`` while one is already open for that sender (the bot may retry).
- ``GET /handoffs/<sender_id>`` → 200 ``{"open": false}`` or ``{"open": true, "id", "reason",
  "opened_at"}``.
- ``POST /bindings`` ``{"sender_id", "code"}`` → 201 ``{"bound": true, "region"}``; 400
  ``{"error": "<sentence>", "reason": "wrong_code|expired|too_many_tries|invalid"}``.

Other errors are ``{"error": "<a sentence in the request's language>"}`` like the rest of
/api/v1 (400 for a bad field or body). Answers are personal: ``no-store``.
"""

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import gettext as _

from portal import limits
from portal.api.service import ApiError
from portal.chat import service
from portal.extensions import csrf
from portal.policy import region_codes

bp = Blueprint("bot_api", __name__, url_prefix="/api/v1/bot")
# A server-to-server API authenticated by the bearer secret, not a browser form with a session.
csrf.exempt(bp)


@bp.before_request
def _require_bot_secret() -> None:
    secret = current_app.config.get("BOT_SHARED_SECRET") or ""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    # An unset secret refuses everything rather than accepting an empty token.
    if (
        not secret
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(token.strip().encode(), secret.encode())
    ):
        raise ApiError(401, _("没有权限访问。"))


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> tuple[Response, int]:
    response = jsonify(error=str(error))
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="changhu-bot"'
    return response, error.status


@bp.after_request
def _personal(response: Response) -> Response:
    response.cache_control.no_store = True
    response.vary.update(("Accept-Language", "Authorization"))
    return response


def _sender_id(value: object) -> str:
    if not service.valid_sender_id(value):
        raise ApiError(400, _("缺少 sender_id，或者格式不对。"))
    return str(value)


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, _("请求内容必须是一个 JSON 对象。"))
    return body


def _text_field(body: dict[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = body.get(name)
    if value not in choices:
        raise ApiError(
            400, _("“%(field)s”只能是：%(choices)s。", field=name, choices="、".join(choices))
        )
    return str(value)


@bp.get("/applications")
def applications() -> Response | tuple[Response, int]:
    sender_id = _sender_id(request.args.get("sender_id"))
    body = service.applications_for_bot(sender_id)
    if body is None:
        # A code, not a sentence: the bot answers with its own text and the binding link.
        return jsonify(error="not_bound"), 404
    return jsonify(body)


@bp.post("/handoffs")
def create_handoff() -> tuple[Response, int]:
    body = _json_body()
    sender_id = _sender_id(body.get("sender_id"))
    reason = _text_field(body, "reason", service.HANDOFF_REASONS)
    language = _text_field(body, "language", service.LANGUAGES)
    last_message = body.get("last_message", "")
    if not isinstance(last_message, str) or len(last_message) > service.MAX_LAST_MESSAGE:
        raise ApiError(
            400,
            _(
                "“last_message”必须是不超过 %(count)s 个字的文字。",
                count=service.MAX_LAST_MESSAGE,
            ),
        )
    region = body.get("region")
    if region is not None:
        region = _text_field(body, "region", tuple(region_codes()))
    handoff, created = service.request_handoff(sender_id, reason, language, last_message, region)
    return jsonify(id=handoff.id, created=created), 201 if created else 200


@bp.get("/handoffs/<sender_id>")
def handoff(sender_id: str) -> Response:
    return jsonify(service.handoff_state(_sender_id(sender_id)))


@bp.post("/bindings")
def create_binding() -> tuple[Response, int]:
    body = _json_body()
    sender_id = _sender_id(body.get("sender_id"))
    code = body.get("code")
    if not isinstance(code, str) or not service.BINDING_CODE.fullmatch(code):
        return jsonify(
            error=_("绑定码是 6 位数字。请发送“绑定”加上长护通网页上的数字，例如：绑定 123456。"),
            reason="invalid",
        ), 400
    if not limits.spend("BINDING_TRIES_OVERALL", "every chat user"):
        # Guesses spread over many chat users meet this ceiling; 400 like the other refusals,
        # so the bot says the sentence as it is.
        return jsonify(
            error=_("现在绑定的人太多了，请过一个小时再发绑定码。"), reason="too_many_tries"
        ), 400
    try:
        binding = service.bind(sender_id, code)
    except service.BindingRefused as refused:
        return jsonify(error=str(refused), reason=refused.reason), 400
    account = service.account_of(binding)
    return jsonify(bound=True, region=service.region_of(account)), 201


@bp.route("/<path:unknown>", methods=["GET", "POST"])
def not_found(unknown: str) -> Response:
    raise ApiError(404, _("没有找到这个地址。"))
