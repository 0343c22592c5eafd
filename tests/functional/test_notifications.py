"""The notification sender (portal.notifications.notify), the interface other features use:
written once per key, sent by SMS and WeChat template message in the recipient's language,
each channel at most once even when retried; the inbox shows what was sent."""

from collections.abc import Iterator
from datetime import date, datetime

import pytest
import time_machine
from flask import Flask

from portal.clock import CHINA
from portal.extensions import db
from portal.models import Delivery, Notification
from portal.notifications import Contact, notify
from portal.notifications.tasks import deliver
from portal.sms import HttpApiGateway
from tests.fakes.server import serving
from tests.fakes.sms_provider import FakeSmsProvider
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as

PHONE = "13800138000"
OPENID = "oWeChatNotified00000000001"


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


def test_a_message_to_a_caller_is_sent_once_per_key_in_their_language(
    app: Flask, sms_provider: FakeSmsProvider, templates: FakeWeChatAPI
) -> None:
    caller = Contact(phone="13900139000", openid=OPENID, language="ug")
    with app.app_context():
        first = notify(
            caller, "message", {"text": "شىكايىتىڭىز بىر تەرەپ قىلىندى."}, key="complaint-7-reply-1"
        )
        again = notify(
            caller, "message", {"text": "شىكايىتىڭىز بىر تەرەپ قىلىندى."}, key="complaint-7-reply-1"
        )
        assert first is not None and again is None
        db.session.refresh(first)
        assert (first.sms, first.wechat) == (Delivery.SENT, Delivery.SENT)
    assert sms_provider.messages() == [
        (
            "13900139000",
            "【پەرۋىش سۇغۇرتىسى مۇلازىمىتى】شىكايىتىڭىز بىر تەرەپ قىلىندى.",
        )
    ]
    [template] = templates.template_messages()
    assert template["touser"] == OPENID and template["template_id"] == "reminder-template"


def test_a_failed_channel_is_tried_again_and_a_sent_one_is_not(
    app: Flask, sms_provider: FakeSmsProvider, templates: FakeWeChatAPI
) -> None:
    sms_provider.status = 500  # the provider is down: SMS waits for the retry
    templates.template_send_errcode = 43004  # unfollowed: WeChat will never take it
    with app.app_context():
        sent = notify(
            Contact(phone="13900139000", openid=OPENID), "message", {"text": "您好"}, key="k"
        )
        assert sent is not None
        db.session.refresh(sent)
        assert (sent.sms, sent.wechat) == (Delivery.PENDING, Delivery.FAILED)
    sms_provider.status = 200
    with app.app_context():
        deliver.call_local(sent.id)
        deliver.call_local(sent.id)  # a late duplicate of the retry
        assert db.session.get(Notification, sent.id).sms is Delivery.SENT  # type: ignore[union-attr]
    assert [text for _phone, text in sms_provider.messages()] == ["【长护通】您好"]
    template_calls = templates.hits_to("/cgi-bin/message/template/send")
    assert len(template_calls) == 1


def test_the_applicant_hears_of_each_decision_and_reads_it_in_the_inbox(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    delivered = date(2026, 6, 1)
    outbox = app.extensions["changhu_sms"].outbox  # the development gateway's
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.approved_case(app, "ningxia", PHONE, delivered)
        texts = [m.text for m in reversed(outbox) if m.phone == PHONE]
        assert [t.split("：")[0] for t in texts] == [
            "【长护通】受理",
            "【长护通】安排上门评估",
            "【长护通】开始公示",
            "【长护通】送达结论书",
        ]
        link = texts[-1].rsplit(" ", 1)[-1]
        assert link == f"http://portal.test/applications/{application_id}/"
        sign_in_as(client_request, PHONE)
        client_request.get_url(link.removeprefix("http://portal.test"))  # the link resolves
        mine = client_request.get("apply.mine")
        assert "您有 4 条新消息" in mine.get_text()
        inbox = client_request.get("inbox.index")
        items = inbox.select(".inbox__item--unread")
        assert len(items) == 4 and "结论书已送达" in items[0].get_text()
        opened = items[0].select_one("form")["action"]
        response = client_request.client.post(
            opened, data={"csrf_token": client_request.csrf_token()}
        )
        assert response.status_code == 303 and response.headers["Location"].endswith(
            f"/applications/{application_id}/"
        )
        assert len(client_request.get("inbox.index").select(".inbox__item--unread")) == 3
        client_request.post("inbox.read_all")
        assert not client_request.get("inbox.index").select(".inbox__item--unread")
        assert client_request.client.get(opened).status_code == 405  # opening is a POST
