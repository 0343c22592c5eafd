"""Read-aloud audio and the WeChat voice-input configuration, as JSON for the page's scripts."""

from typing import Any

from flask import Blueprint, Response, abort, current_app, g, jsonify, request, send_file, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from portal.extensions import limiter
from portal.speech import service, wechat
from portal.wechat.client import WeChatUnavailable

bp = Blueprint("speech", __name__, url_prefix="/speech")

# The URL names (language, engine, text) by hash, so the file behind it never changes.
AUDIO_CACHE_CONTROL = "public, max-age=31536000, immutable"
SYNTHESISED = "speech_synthesised"


def _settings() -> service.SpeechSettings:
    return service.SpeechSettings.from_config(current_app.config)


def _state() -> service.SpeechState:
    state: service.SpeechState = current_app.extensions.setdefault(
        "changhu_speech", service.SpeechState()
    )
    return state


def _error(message: str, status: int) -> tuple[Response, int]:
    response = jsonify(error=message)
    response.headers["Cache-Control"] = "no-store"
    return response, status


# CSRF stays on: the page's script sends the token in X-CSRFToken, so other sites cannot
# spend our synthesis time through a visitor's browser. A script needs JSON, not the
# app's redirect back to a form.
@bp.errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> tuple[Response, int]:
    return _error(_("这个页面打开太久了，请刷新页面后再按一次。"), 400)


def _synthesised(response: Response) -> bool:
    return bool(g.get(SYNTHESISED))


@bp.errorhandler(429)
def too_many(error: Exception) -> tuple[Response, int]:
    return _error(_("朗读用得太频繁了，请过一会儿再按。页面上的其他功能可以照常使用。"), 429)


# Synthesis costs seconds of CPU: only new texts count against the limit, cached ones are free.
@bp.post("")
@limiter.limit(lambda: str(current_app.config["SPEECH_SYNTHESES_PER_IP"]), deduct_when=_synthesised)
def synthesize() -> tuple[Response, int]:
    payload: Any = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _error(_("请求的格式不对。"), 400)
    language, text = payload.get("lang"), payload.get("text")
    if not isinstance(text, str) or not isinstance(language, str):
        return _error(_("请求的格式不对。"), 400)
    try:
        speech = service.speak(language, text, _settings(), _state())
    except service.UnsupportedLanguage:
        return _error(_("不支持这种语言的朗读。"), 400)
    except service.EmptyText:
        return _error(_("没有要朗读的文字。"), 400)
    except service.TextTooLong:
        return _error(_("要朗读的文字太长了。"), 413)
    except service.SpeechUnavailable:
        return _error(_("现在无法朗读，请稍后再试。页面上的其他功能可以照常使用。"), 503)
    g.setdefault(SYNTHESISED, speech.synthesised)
    url = url_for("speech.audio", key=speech.key)
    return jsonify(url=url, engine=speech.engine), 200


@bp.get("/<key>.mp3")
def audio(key: str) -> Response:
    path = service.cached_audio(key, _settings())
    if path is None:
        abort(404)
    response = send_file(path, mimetype="audio/mpeg", conditional=True, etag=key)
    response.headers["Cache-Control"] = AUDIO_CACHE_CONTROL
    return response


@bp.get("/wechat-config")
def wechat_config() -> tuple[Response, int]:
    try:
        config = wechat.js_sdk_config(request.args.get("url", ""), allowed_host=request.host)
    except ValueError:
        return _error(_("请求的格式不对。"), 400)
    except WeChatUnavailable as error:
        current_app.logger.warning("WeChat JS-SDK configuration unavailable: %s", error)
        return _error(_("微信语音输入暂时不能用。"), 503)
    response = jsonify(config)
    response.headers["Cache-Control"] = "no-store"
    return response, 200
