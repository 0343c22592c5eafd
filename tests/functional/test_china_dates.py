"""Every date a person or a rule sees is China's date, whatever the server's time zone.

The clock stands at 2026-03-02 23:30 UTC: 07:30 on Tuesday 3 March in Beijing, while the
UTC date (and the server's, in these time zones) is still Monday 2 March.
"""

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from flask import Flask

from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    AYGUL,
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
    person_starts_application,
)
from tests.functional.test_roster_and_drafts import run

BEIJING_MORNING = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)


@pytest.fixture(params=["UTC", "America/Los_Angeles"])
def server_time_zone(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The process runs in a time zone other than China's, as many servers do."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def beijing_morning(server_time_zone: str) -> Iterator[Any]:
    with time_machine.travel(BEIJING_MORNING, tick=False) as traveller:
        yield traveller


def test_an_application_sent_at_0730_beijing_time_starts_that_day(
    app: Flask, client_request: ClientRequest, roster: None, beijing_morning
) -> None:
    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request)
    person_self_assesses(app, client_request, MA_XIULAN["name"])
    application_id = person_completes_application(app, client_request, MA_XIULAN["name"])
    client_request.post("apply.submit", application_id=application_id)
    page = client_request.get("apply.confirmation", application_id=application_id)
    assert page.select_one(".reference").get_text(strip=True) == f"NX-20260303-{application_id:05d}"
    # 5 working days from Tuesday 3 March (000:14), not from Monday 2 March.
    assert "最晚 2026年3月10日 前告诉您受理审核结果" in page.get_text()
    record = client_request.get("apply.record", application_id=application_id)
    assert "2026年3月3日" in record.select_one(".summary-list").get_text()
    mine = client_request.get("apply.mine").select_one(".summary-card__facts").get_text()
    assert "2026年3月10日" in mine


def test_a_draft_is_kept_until_a_chinese_date_and_the_reminder_says_so(
    app: Flask, client_request: ClientRequest, roster: None, beijing_morning
) -> None:
    sign_in_as(client_request)
    application_id = person_starts_application(app, client_request)
    # Kept 60 days from 07:30 on 3 March in Beijing: until 2 May there (1 May in UTC).
    task_list = client_request.get("apply.task_list", application_id=application_id)
    assert "草稿会保留到 2026年5月2日。" in task_list.get_text()
    assert "2026年5月2日" in client_request.get("apply.mine").select_one(".summary-card").get_text()
    beijing_morning.shift(timedelta(days=54))
    assert run(app, "remind-drafts")[1].strip() == "Reminders sent: 1"
    assert "草稿将在2026年5月2日删除" in app.extensions["changhu_sms"].outbox[0].text


def test_today_is_chinas_today_for_the_refusal_rules(
    app: Flask, client_request: ClientRequest, roster: None, beijing_morning
) -> None:
    """Xinjiang: six months after a failed conclusion of 3 September 2025 end on 3 March 2026
    (001:6(6)); in Beijing it is 3 March, so the rule no longer applies."""
    sign_in_as(client_request)
    application_id = person_starts_application(app, client_request, AYGUL, relation="child")
    for key, answer in (
        ("first_application", {"choice": "no"}),
        ("last_conclusion", {"choice": "failed"}),
    ):
        client_request.post("apply.question_page", answer, application_id=application_id, key=key)

    def refusal_panel_after(conclusion: str):
        client_request.post(
            "apply.question_page",
            {"date": conclusion},
            application_id=application_id,
            key="last_conclusion_date",
        )
        page = client_request.get("apply.task_list", application_id=application_id)
        return page.select_one(".warning-panel")

    assert refusal_panel_after("2025-09-03") is None
    assert "2026年3月4日" in refusal_panel_after("2025-09-04").get_text()
