from flask import Blueprint, current_app, redirect, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from portal.i18n import LANGUAGE_COOKIE, supported_languages
from portal.preferences.service import (
    TEXT_SIZE_COOKIE,
    THEME_COOKIE,
    parse_text_size,
    parse_theme,
)
from portal.return_paths import safe_return_path

bp = Blueprint("preferences", __name__)


def _back() -> Response:
    return redirect(safe_return_path(request.values.get("next"), url_for("home.index")), 303)


def _remember(response: Response, name: str, value: str) -> Response:
    response.set_cookie(
        name,
        value,
        max_age=current_app.config["PREFERENCE_COOKIE_MAX_AGE"],
        samesite="Lax",
        httponly=True,
    )
    return response


@bp.get("/language/<code>")
def language(code: str) -> Response:
    if code not in supported_languages():
        raise NotFound
    # Only the cookie: a link changes nothing stored. The account's language (for texts sent
    # later) follows on the person's next POST or sign-in.
    return _remember(_back(), LANGUAGE_COOKIE, code)


@bp.post("/preferences/text-size")
def text_size() -> Response:
    size = parse_text_size(request.form.get("size"))
    response = _back()
    return _remember(response, TEXT_SIZE_COOKIE, str(size)) if size else response


@bp.post("/preferences/theme")
def theme() -> Response:
    chosen = parse_theme(request.form.get("theme"))
    response = _back()
    return _remember(response, THEME_COOKIE, chosen) if chosen else response
