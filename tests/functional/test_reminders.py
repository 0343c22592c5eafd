"""`flask send-reminders`: people are reminded 3 working days before their own dates (the last
day to object, the assessment visit) and months before their conclusion's validity ends, by
the inbox, SMS and a WeChat template message; staff are alerted to deadlines at risk. Run any
number of times, it never sends the same reminder twice."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import time_machine
from babel.dates import format_date
from flask import Flask
from sqlalchemy import select

from portal.cases.actors import Actor
from portal.cases.reassessment import request_reassessment
from portal.clock import CHINA
from portal.extensions import db
from portal.models import Account, ChatBinding, Delivery, Notification, StaffUser
from portal.notifications.reminders import VALIDITY_NOTICE_MONTHS
from portal.policy import add_months, compute_deadline
from portal.sms import HttpApiGateway
from tests.fakes.server import serving
from tests.fakes.sms_provider import FakeSmsProvider
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.functional import aftercare

PHONE = "13800138000"
OPENID = "oWeChatReminder000000000001"
DELIVERED = date(2026, 6, 1)


def at(day: date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=CHINA), tick=False
    )


@pytest.fixture
def sms_provider(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSmsProvider]:
    with serving(FakeSmsProvider()) as provider:
        assert isinstance(provider, FakeSmsProvider)
        gateway = HttpApiGateway(provider.url + "/send", "key", timeout_seconds=2)
        monkeypatch.setitem(app.extensions, "changhu_sms", gateway)
        yield provider


@pytest.fixture
def templates(
    app: Flask, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch
) -> FakeWeChatAPI:
    monkeypatch.setitem(app.config, "WECHAT_TEMPLATE_BACKEND", "api")
    return wechat_api


def long(day: date) -> str:
    return format_date(day, format="long", locale="zh")


def run(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def test_send_reminders_twice_sends_once(
    app: Flask, roster: None, sms_provider: FakeSmsProvider, templates: FakeWeChatAPI
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
        with app.app_context():
            account = db.session.scalar(select(Account).filter_by(phone=PHONE))
            assert account is not None
            db.session.add(ChatBinding(sender_id=OPENID, account_id=account.id))
            db.session.commit()
    closes = compute_deadline("ningxia", "objection", DELIVERED).due
    three_before = aftercare.working_days_before(closes, 3)
    before = len(sms_provider.messages())
    with at(aftercare.working_days_before(three_before, 1)):
        assert "none" in run(app)  # 4 working days before: not yet
    with at(three_before):
        assert "objection_closes 1" in run(app)
        assert "none" in run(app)
    with at(closes):
        assert "none" in run(app)
    texts = [text for _phone, text in sms_provider.messages()[before:]]
    assert len(texts) == 1 and "提出异议的期限快到了" in texts[0]
    assert f"/applications/{application_id}/" in texts[0]
    sent = templates.template_messages()
    assert [m["touser"] for m in sent] == [OPENID]
    assert sent[0]["data"]["first"]["value"] == "提出异议的期限快到了"
    with app.app_context():
        reminder = db.session.scalar(select(Notification).filter_by(kind="objection_closes"))
        assert reminder is not None
        assert (reminder.sms, reminder.wechat) == (Delivery.SENT, Delivery.SENT)


def test_the_visit_reminder_goes_out_three_working_days_before_the_visit_once(
    app: Flask, roster: None, sms_provider: FakeSmsProvider
) -> None:
    visit_on = date(2026, 3, 20)
    with at(date(2026, 3, 4)):
        application_id = aftercare.submitted(app, "ningxia", PHONE, date(2026, 3, 2))
        aftercare.accepted(app, application_id, date(2026, 3, 3))
        aftercare.visit_scheduled(app, application_id, date(2026, 3, 4), visit_on)
    three_before = aftercare.working_days_before(visit_on, 3)
    before = len(sms_provider.messages())
    with at(aftercare.working_days_before(three_before, 1)):
        assert "visit_soon" not in run(app)  # 4 working days before: not yet
    with at(three_before):
        assert "visit_soon 1" in run(app)
        assert "visit_soon" not in run(app)
    with at(visit_on):
        assert "visit_soon" not in run(app)
    texts = [text for _phone, text in sms_provider.messages()[before:]]
    assert len(texts) == 1
    assert "上门评估快到了" in texts[0] and long(visit_on) in texts[0]
    assert f"/applications/{application_id}/" in texts[0]


def validity_ends() -> date:
    """ningxia: a conclusion is valid for at most 2 years (aftercare concludes on the visit,
    22 working days before delivery)."""
    concluded = aftercare.working_days_before(DELIVERED, 22)
    return compute_deadline("ningxia", "validity_end", concluded).due


def test_the_validity_reminder_goes_out_months_before_the_conclusion_ends_once(
    app: Flask, roster: None, sms_provider: FakeSmsProvider
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
    until = validity_ends()
    notice = add_months(until, -VALIDITY_NOTICE_MONTHS)
    assert VALIDITY_NOTICE_MONTHS >= 1  # time enough to ask for a reassessment first
    before = len(sms_provider.messages())
    with at(notice - timedelta(days=1)):
        assert "validity_ends" not in run(app)
    with at(notice):
        assert "validity_ends 1" in run(app)
        assert "validity_ends" not in run(app)
    with at(until):
        assert "validity_ends" not in run(app)
    texts = [text for _phone, text in sms_provider.messages()[before:]]
    assert len(texts) == 1
    assert "评估结论的有效期快到了" in texts[0] and long(until) in texts[0]
    assert "重新评估" in texts[0] and f"/applications/{application_id}/" in texts[0]


def test_no_validity_reminder_once_a_reassessment_is_asked_for(
    app: Flask, roster: None, sms_provider: FakeSmsProvider
) -> None:
    with at(DELIVERED):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, DELIVERED)
    notice = add_months(validity_ends(), -VALIDITY_NOTICE_MONTHS)
    with at(notice - timedelta(days=7)), app.app_context():
        case = aftercare.case_of(app, application_id)
        account = db.session.scalar(select(Account).filter_by(phone=PHONE))
        assert account is not None
        request_reassessment(case, Actor.of_citizen(account), change="摔伤后卧床", evidence=[])
    with at(notice):
        assert "validity_ends" not in run(app)
    assert not any("有效期" in text for _phone, text in sms_provider.messages())


def test_staff_are_alerted_to_a_deadline_at_risk_once(app: Flask, roster: None) -> None:
    submitted_on = date(2026, 3, 2)
    aftercare.submitted(app, "ningxia", PHONE, submitted_on)
    aftercare.staff_of(app, "ningxia")
    due = compute_deadline("ningxia", "acceptance_review", submitted_on).due
    with at(aftercare.working_days_before(due, 2)):
        assert "deadline_at_risk 1" in run(app)  # the region's reviewer decides acceptance
        assert "none" in run(app)
    with app.app_context():
        alerted = db.session.scalars(select(Notification).filter_by(kind="deadline_at_risk")).all()
        users = {db.session.get(StaffUser, n.staff_user_id).username for n in alerted}  # type: ignore[union-attr]
        assert users == {"reviewer.ningxia"}
        assert all(n.sms is Delivery.NONE for n in alerted)


def test_the_daily_jobs_run_by_the_consumer_in_china_time(app: Flask) -> None:
    """Nothing depends on cron: the consumer `make run` starts runs them every morning."""
    from portal import jobs
    from portal.notifications import tasks

    periodic = {task.name: task for task in jobs.huey._registry.periodic_tasks}
    assert {"send-reminders", "remind-drafts", "purge-drafts"} <= set(periodic)
    # 09:00 in Beijing is 01:00 UTC.
    reminders = tasks.send_reminders_daily.task_class()
    assert reminders.validate_datetime(datetime(2027, 3, 1, 1, 0))
    assert not reminders.validate_datetime(datetime(2027, 3, 1, 9, 0))
