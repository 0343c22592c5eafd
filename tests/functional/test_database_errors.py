"""A database error rolls back and shows the portal's own error page, in the person's
language; the next request works as usual."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from tests.functional.conftest import ClientRequest
from tests.functional.journey import person_starts_application


@contextmanager
def database_fails_on(app: Flask, statement_start: str) -> Iterator[None]:
    """The database refuses one kind of statement, as a full disk or a lost server would."""

    def refuse(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(statement_start):
            raise OperationalError(statement, {}, Exception("disk I/O error"))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def test_a_failed_write_shows_the_portals_error_page_in_uyghur(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    signed_in.client.get("/language/ug")
    with database_fails_on(app, "INSERT INTO ACCESS_LOG"):
        page = signed_in.get_url(f"/apply/{application_id}/", _expected_status=500)
    assert page.html["lang"] == "ug"
    assert page.h1.get_text(strip=True) == "سىستېمىدا مەسىلە كۆرۈلدى، سەل تۇرۇپ قايتا سىناڭ"
    assert page.select_one("a.button[href='/']")
    again = signed_in.get("apply.task_list", application_id=application_id)
    assert again.select(".task-list__link")


def test_a_database_that_cannot_be_read_still_gets_an_error_page(
    app: Flask, signed_in: ClientRequest
) -> None:
    with database_fails_on(app, "SELECT"):
        page = signed_in.get_url("/", _expected_status=500)
        response = signed_in.client.get("/api/v1/institutions")
    assert page.h1.get_text(strip=True) == "系统出了问题，请稍后再试"
    assert response.status_code == 500
    assert response.json == {"error": "系统出了问题，请稍后再试"}
