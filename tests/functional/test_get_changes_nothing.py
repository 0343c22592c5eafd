"""A GET changes nothing stored: links can be followed, prefetched or shared safely."""

from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.models import Account
from tests.functional.conftest import ClientRequest


def account_language(app: Flask) -> str:
    with app.app_context():
        return str(db.session.scalar(select(Account.language)))


def test_following_the_language_link_changes_only_the_cookie(
    app: Flask, signed_in: ClientRequest
) -> None:
    response = signed_in.client.get("/language/ug?next=/")
    assert "lang=ug" in response.headers["Set-Cookie"]
    assert account_language(app) == "zh"
    assert signed_in.get("home.index").html["lang"] == "ug"


def test_the_account_takes_the_language_on_the_next_post(
    app: Flask, signed_in: ClientRequest
) -> None:
    signed_in.client.get("/language/ug?next=/")
    signed_in.post("preferences.text_size", {"size": "2", "next": "/"})
    assert account_language(app) == "ug"
