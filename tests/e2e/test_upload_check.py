"""A file over the limit is named, with its size and the limit, as soon as it is chosen, and
never sent: nobody waits minutes for an upload that would be refused."""

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.e2e.steps import person_signs_in
from tests.e2e.test_sign_out import mothers_application

PHONE = "15900159000"


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_file_too_large_is_named_before_it_is_sent(
    page: Page, live_app: Flask, tmp_path: Path
) -> None:
    page.goto("/")
    person_signs_in(page, live_app, PHONE)
    page.goto(f"/apply/{mothers_application(live_app, PHONE)}/materials/medical_records")
    posts: list[str] = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    photo = tmp_path / "手机照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * (12 * 1024 * 1024))
    field = page.locator("input#document")  # 从相册选择
    field.set_input_files(str(photo))
    error = page.locator("#document-error")
    expect(error).to_contain_text("这个文件有 \u206812.0 MB\u2069")
    expect(error).to_contain_text("不能超过 10MB")
    expect(field).to_have_attribute("aria-invalid", "true")
    page.locator("main form button.button--primary").click()
    expect(field).to_be_focused()
    assert posts == []
