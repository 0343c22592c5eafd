"""The applicant's timeline: each stage with its date, or its statutory due date while it is
pending; what to do now; and every case page hidden from other accounts."""

from datetime import date, datetime

import pytest
import time_machine
from babel.dates import format_date
from flask import Flask

from portal.clock import CHINA
from portal.policy import compute_deadline
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as

PHONE = "13800138000"


def long(day: date, locale: str = "zh") -> str:
    return format_date(day, format="long", locale=locale)


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


@pytest.fixture
def citizen(client_request: ClientRequest, roster: None) -> ClientRequest:
    return client_request


def test_a_pending_review_shows_its_statutory_due_date(app: Flask, citizen: ClientRequest) -> None:
    submitted_on = date(2026, 3, 2)
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.submitted(app, "ningxia", PHONE, submitted_on)
        sign_in_as(citizen, PHONE)
        page = citizen.get("status.timeline", application_id=application_id)
    review = page.select_one("[data-stage=review]")
    due = compute_deadline("ningxia", "acceptance_review", submitted_on).due
    assert "正在办" in text_of(review) and f"最晚 {long(due)}" in text_of(review)
    assert "现在您不用做什么" in text_of(page)
