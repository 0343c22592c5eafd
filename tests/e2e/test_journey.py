"""The whole citizen journey on a phone, in Chinese and in Uyghur: sign in, add a relative
with a power of attorney, self-assess, apply with a photo and a PDF, submit, follow it.
Every page on the way is audited (tests/e2e/audit.py) and photographed."""

import re
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.e2e.steps import (
    RELATIVES,
    person_adds_relative_with_power_of_attorney,
    person_applies,
    person_follows_their_application,
    person_self_assesses,
    person_signs_in,
    unused_phone,
    visitor_chooses_language,
)


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_relative_applies_for_their_mother(
    page: Page, live_app: Flask, language: str, tmp_path: Path
) -> None:
    relative = RELATIVES[language]
    visitor_chooses_language(page, language)
    person_signs_in(page, live_app, unused_phone())
    person_adds_relative_with_power_of_attorney(page, relative, tmp_path)
    person_self_assesses(page)
    reference = person_applies(page, tmp_path)
    assert re.fullmatch(r"(NX|XJ)-\d{8}-\d{5}", reference)
    expect(page.locator(".reference bdi")).to_have_count(1)
    person_follows_their_application(page, reference)
    page.goto(page.url.replace("/applications/", "/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ug" else "ltr")
