"""Uploads that would hurt the server, or that are too large to be read at all, are explained
next to their field, never a 500 or a bare error page; the page checks sizes before sending."""

import io

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.extensions import db
from portal.models import Upload
from portal.uploads.service import MAX_BYTES
from tests import files
from tests.functional.conftest import ClientRequest
from tests.functional.journey import AYGUL, person_starts_application, post_file

TOO_LARGE = "文件太大了。每个文件不能超过 10MB"
BEYOND_THE_REQUEST_LIMIT = b"\xff\xd8\xff\xe0" + b"\x00" * (13 * 1024 * 1024)  # > 12 MB


def send(client_request: ClientRequest, url: str, content: bytes, headers: dict | None = None):
    boundary, body = encode_multipart(
        {
            "csrf_token": client_request.csrf_token(),
            "document": FileStorage(io.BytesIO(content), filename="照片.jpg"),
        }
    )
    return client_request.client.post(
        url,
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=headers or {},
    )


@pytest.mark.parametrize("htmx", [False, True])
def test_a_file_beyond_the_request_limit_is_explained_next_to_its_field(
    app: Flask, signed_in: ClientRequest, roster: None, htmx: bool
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/materials/medical_records"
    response = send(
        signed_in, url, BEYOND_THE_REQUEST_LIMIT, {"HX-Request": "true"} if htmx else None
    )
    assert response.status_code == 413
    page = signed_in.parse(response)
    assert TOO_LARGE in page.select_one("#document-error").get_text()
    assert TOO_LARGE in page.select_one(".error-summary").get_text()
    assert page.select_one("h1").get_text(strip=True).startswith("加盖医院公章的住院病历")


def test_a_power_of_attorney_beyond_the_request_limit_is_explained_in_uyghur(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    signed_in.post("privacy.consent", {"agree": "y"})
    signed_in.post("people.who", AYGUL)
    signed_in.post("people.relation", {"relation": "child"})
    signed_in.client.get("/language/ug")
    response = send(signed_in, "/people/add/power-of-attorney", BEYOND_THE_REQUEST_LIMIT)
    assert response.status_code == 413
    page = signed_in.parse(response)
    assert page.html["lang"] == "ug"
    assert "10 مېگابايتتىن" in page.select_one("#document-error").get_text()
    assert page.select_one("input#document[type=file]")


def test_a_decompression_bomb_gets_a_message_not_a_500(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    response = post_file(
        signed_in,
        f"/apply/{application_id}/materials/medical_records",
        files.decompression_bomb_png(),
        "bomb.png",
    )
    assert response.status_code == 200
    error = signed_in.parse(response).select_one("#document-error").get_text()
    assert "超过 5000 万像素" in error
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Upload)) == 0


def test_an_empty_file_says_it_is_empty(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    application_id = person_starts_application(app, signed_in)
    response = post_file(signed_in, f"/apply/{application_id}/materials/id_document", b"", "空.jpg")
    error = signed_in.parse(response).select_one("#document-error").get_text()
    assert "这个文件是空的" in error


def test_the_page_names_the_limit_and_checks_before_sending(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    page = signed_in.get("apply.material", application_id=application_id, code="id_document")
    assert "每个不超过 10MB" in page.get_text()
    inputs = page.select("input[type=file]")
    assert inputs and all(i["data-max-bytes"] == str(MAX_BYTES) for i in inputs)
    assert all("__SIZE__" in i["data-too-large"] and "10MB" in i["data-too-large"] for i in inputs)
    assert all("是空的" in i["data-empty"] for i in inputs)
    assert page.select_one("script[src*='uploads']")
