"""Error pages in the page shell and the person's language, with a way forward."""

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException


def _render(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    return render_template("errors/error.html", code=code), code


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _render)
