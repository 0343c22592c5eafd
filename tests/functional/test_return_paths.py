"""Every `next=` returns to a page of this site, however the path is disguised."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.functional.conftest import ClientRequest, latest_sms_code, sign_in_as

DISGUISED = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/\r\n/x", "//evil.example"]


def stays_on_site(location: str) -> bool:
    """Read the Location as a browser does: tabs and newlines dropped, backslashes as slashes."""
    as_read = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return as_read.startswith("/") and not as_read.startswith("//")


@pytest.mark.parametrize("target", DISGUISED)
def test_sign_in_returns_only_to_this_site(
    app: Flask, client_request: ClientRequest, target: str
) -> None:
    client_request.client.post(
        "/sign-in",
        data={"csrf_token": client_request.csrf_token(), "phone": "13800138000"},
        query_string={"next": target},
    )
    response = client_request.client.post(
        "/sign-in/code",
        data={"csrf_token": client_request.csrf_token(), "code": latest_sms_code(app)},
        query_string={"next": target},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", DISGUISED)
def test_language_change_returns_only_to_this_site(client: FlaskClient, target: str) -> None:
    response = client.get("/language/ug", query_string={"next": target})
    assert response.status_code == 303
    assert stays_on_site(response.headers["Location"])


@pytest.mark.parametrize("target", DISGUISED)
@pytest.mark.parametrize(
    ("url", "field"), [("/preferences/text-size", {"size": "2"}), ("/preferences/theme", {})]
)
def test_preferences_return_only_to_this_site(
    client_request: ClientRequest, url: str, field: dict[str, str], target: str
) -> None:
    response = client_request.client.post(
        url, data={"csrf_token": client_request.csrf_token(), "next": target, **field}
    )
    assert response.status_code == 303
    assert stays_on_site(response.headers["Location"])


@pytest.mark.parametrize("target", DISGUISED)
def test_consent_returns_only_to_this_site(client_request: ClientRequest, target: str) -> None:
    sign_in_as(client_request)
    response = client_request.client.post(
        "/privacy/consent",
        data={"csrf_token": client_request.csrf_token(), "agree": "y"},
        query_string={"next": target},
    )
    assert response.status_code == 303
    assert stays_on_site(response.headers["Location"])


def test_a_path_on_this_site_is_kept(client: FlaskClient) -> None:
    response = client.get("/language/ug", query_string={"next": "/apply/?x=1"})
    assert response.headers["Location"] == "/apply/?x=1"
