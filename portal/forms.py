"""Keeping what people typed when a session or its CSRF token has expired.

A POST whose token no longer validates is not thrown away: its fields are put in the session
and the person is sent back to the same page (through sign-in if needed), where the form is
filled in again and they are asked to submit once more.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from portal.clock import china_now
from portal.return_paths import safe_return_path

RESTORED_FORM = "restored_form"
AUTOSAVE_HEADER = "X-Autosave"


def _keep_typed_fields(error: CSRFError) -> Response:
    if not _has_page(request.path):
        # A POST-only action (a preference, a confirmation): nothing typed to keep.
        flash(_("为了安全，请再操作一次。"), "notice")
        fallback = _staff_page_behind() or url_for("home.index")
        return redirect(safe_return_path(request.form.get("next"), fallback), 303)
    fields = [(key, value) for key, value in request.form.items(multi=True) if key != "csrf_token"]
    session[RESTORED_FORM] = {"path": request.path, "fields": fields}
    return redirect(request.full_path.rstrip("?"), 303)


def _staff_page_behind() -> str | None:
    """A console decision goes back to the console page it was taken on."""
    if not request.path.startswith("/staff/"):
        return None
    behind = urlsplit(request.referrer or "").path
    return behind if behind.startswith("/staff/") else url_for("staff_home.home")


def _has_page(path: str) -> bool:
    try:
        current_app.url_map.bind("").match(path, method="GET")
    except HTTPException:
        return False
    return True


def restore_form(form: FlaskForm) -> bool:
    """Fill a GET form with the fields kept from an expired POST to this same page."""
    kept: dict[str, Any] | None = session.get(RESTORED_FORM)
    if request.method != "GET" or not kept or kept.get("path") != request.path:
        return False
    session.pop(RESTORED_FORM)
    form.process(MultiDict([tuple(pair) for pair in kept["fields"]]))
    # Flashed now, so it shows on this page (and not on a sign-in page in between).
    flash(_("为了安全，请再提交一次。您刚才填写的内容都还在。"), "notice")
    return True


def is_autosave() -> bool:
    """An answer sent as it changes (components/autosave.html), not the form's button."""
    return request.method == "POST" and request.headers.get(AUTOSAVE_HEADER) == "1"


def autosave_response(form: FlaskForm, save: Callable[[], object]) -> Response:
    """Saves a valid form and says so quietly. While it is not valid yet (a phone number half
    typed) nothing is saved and nothing is said: the errors come when the button is pressed.
    The header tells the script which answer it got (a sign-in page is neither)."""
    saved = form.validate_on_submit()
    if saved:
        save()
    response = make_response(
        render_template(
            "components/_autosave_status.html",
            saved_at=f"{china_now():%H:%M}" if saved else None,
        )
    )
    response.headers[AUTOSAVE_HEADER] = "saved" if saved else "not-saved"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _keep_typed_fields)
