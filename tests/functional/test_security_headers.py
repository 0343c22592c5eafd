"""Security headers on every answer; cached files without a session; JSON errors in the API."""

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.config import Production
from tests.functional.conftest import ClientRequest


def policy(response) -> dict[str, list[str]]:
    directives = [d.split() for d in response.headers["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


def test_pages_allow_no_inline_script_and_no_framing(client: FlaskClient) -> None:
    response = client.get("/")
    csp = policy(response)
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain http in development


@pytest.mark.parametrize("path", ["/", "/staff/sign-in"])  # a citizen's page, the console's
def test_the_one_inline_style_carries_this_answers_nonce(
    client_request: ClientRequest, path: str
) -> None:
    response = client_request.client.get(path)
    page = client_request.parse(response)
    nonces = [f"'nonce-{style['nonce']}'" for style in page.select("style")]
    assert nonces and all(nonce in policy(response)["style-src"] for nonce in nonces)
    assert not page.select("script:not([src])"), "inline scripts would be refused"
    assert not page.select("[style], [onclick], [onload], [onsubmit], [onchange]")
    config = json.loads(page.select_one("meta[name=htmx-config]")["content"])
    assert config["includeIndicatorStyles"] is False and config["allowEval"] is False


def test_production_tells_browsers_to_use_https_only(
    app: Flask, monkeypatch: pytest.MonkeyPatch, other_app
) -> None:
    for name in ("SECRET_KEY", "DATA_KEY", "BOT_SHARED_SECRET"):
        monkeypatch.setattr(Production, name, "p" * 32)
    config = Production()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    client = other_app(config).test_client()
    assert client.get("/healthz").status_code == 200  # a health check over plain http
    response = client.get("/", base_url="https://changhu.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_static_files_carry_no_session_cookie(signed_in: ClientRequest) -> None:
    page = signed_in.get("home.index")
    for url in (page.select_one("link[rel=stylesheet]")["href"], page.select_one("script")["src"]):
        response = signed_in.client.get(url)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        response.close()
    assert "Set-Cookie" in signed_in.client.get("/").headers  # pages still refresh the session


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("POST", "/api/v1/regions", 405),
        ("DELETE", "/api/v1/institutions", 405),
        ("GET", "/api/v1/regions/nowhere", 404),
        ("GET", "/api/v1/regions/ningxia/deadlines/acceptance_review", 400),
        ("PUT", "/api/v1/bot/handoffs", 405),
    ],
)
def test_the_api_answers_every_error_in_json(
    client: FlaskClient, method: str, url: str, status: int
) -> None:
    response = client.open(url, method=method, headers={"Authorization": "Bearer test-bot-secret"})
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.json["error"]


def test_the_api_error_is_in_the_requests_language(client: FlaskClient) -> None:
    response = client.post("/api/v1/regions?lang=ug")
    assert response.json == {"error": "بۇ ئادرېسنى بۇنداق ئاچقىلى بولمايدۇ"}
