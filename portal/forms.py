"""Keeping what people typed when a session or its CSRF token has expired.

A POST whose token no longer validates is not thrown away: its fields are put in the session
and the person is sent back to the same page (through sign-in if needed), where the form is
filled in again and they are asked to submit once more.
"""

from typing import Any

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from portal.return_paths import safe_return_path

RESTORED_FORM = "restored_form"


def _keep_typed_fields(error: CSRFError) -> Response:
    if not _has_page(request.path):
        # A POST-only action (a preference, a confirmation): nothing typed to keep.
        flash(_("为了安全，请再操作一次。"), "notice")
        return redirect(safe_return_path(request.form.get("next"), url_for("home.index")), 303)
    fields = [(key, value) for key, value in request.form.items(multi=True) if key != "csrf_token"]
    session[RESTORED_FORM] = {"path": request.path, "fields": fields}
    return redirect(request.full_path.rstrip("?"), 303)


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


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _keep_typed_fields)
