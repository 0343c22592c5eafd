"""Error pages in the page shell and the person's language, with a way forward. Under /api/
the same errors are JSON, like every other answer of the API."""

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.extensions import db

DATABASE_FAILED = "database_failed"


def _heading(code: int) -> str:
    headings = {
        400: _("这个请求没有办成"),
        403: _("您没有权限查看这个页面"),
        404: _("找不到这个页面"),
        405: _("这个地址不能这样打开"),
        413: _("文件太大了"),
        429: _("操作太频繁了，请稍后再试"),
    }
    return headings.get(code, _("系统出了问题，请稍后再试") if code >= 500 else headings[400])


def error_page(error: HTTPException) -> tuple[str | Response, int]:
    code = error.code or 500
    if request.path.startswith("/api/"):
        return jsonify(error=_heading(code)), code
    return render_template("errors/error.html", code=code, heading=_heading(code)), code


def _database_error(error: SQLAlchemyError) -> tuple[str | Response, int]:
    """The transaction is rolled back, so the error page (and the next request) can use the
    session again; the page then asks nothing more of the database."""
    current_app.logger.exception("database error", exc_info=error)
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.exception("rollback failed")
    g.setdefault(DATABASE_FAILED, True)
    return error_page(InternalServerError(original_exception=error))


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, error_page)
    app.register_error_handler(SQLAlchemyError, _database_error)
