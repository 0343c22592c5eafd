"""A chat handed from the real trained bot to the hotline inbox, answered by a person, closed,
and the bot answering again: on WeChat and on the portal's own chat page."""

import uuid
from typing import Any

from flask import Flask
from sqlalchemy import select

from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.models import Handoff, StaffRole
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform
from tests.functional.staff import StaffClient, make_staff, staff_signs_in
from tests.integration.conftest import post

QUESTION = "宁夏申请要带什么材料"


def hotline_member(app: Flask) -> StaffClient:
    name = f"hotline-{uuid.uuid4().hex[:8]}"
    return staff_signs_in(app, app.test_client(), make_staff(app, name, StaffRole.HOTLINE, None))


def open_handoff(app: Flask, sender: str) -> Handoff:
    with app.app_context():
        handoff = chat.open_handoff(sender)
        assert handoff is not None, transcript.messages_of(sender)
        db.session.expunge(handoff)
        return handoff


def staff_answer_and_close(app: Flask, handoff_id: int, text: str) -> None:
    staff = hotline_member(app)
    inbox = staff.client.get(staff.url("staff_inbox.waiting")).get_data(as_text=True)
    assert staff.url("staff_inbox.chat", handoff_id=handoff_id) in inbox
    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    staff.post("staff_inbox.reply", {"reply-text": text}, handoff_id=handoff_id)
    staff.post("staff_inbox.close", handoff_id=handoff_id)
    with app.app_context():
        closed = db.session.get(Handoff, handoff_id)
        assert closed is not None and closed.closed_at is not None
        assert closed.resumed_at is not None  # the bot heard that it answers again


def test_a_wechat_user_asks_for_a_person_is_answered_and_the_bot_answers_again(
    app: Flask, portal: str, platform: WeChatPlatform, wechat_api: FakeWeChatAPI, bot: Any
) -> None:
    user = f"oHL{uuid.uuid4().hex[:20]}"
    reply, _ = post(portal, platform, platform.text(user, "转人工"))
    assert reply is not None and "人工" in reply, reply
    handoff = open_handoff(app, user)
    assert handoff.reason == "user_request"

    # While the person has the chat, the bot stays quiet.
    quiet, _ = post(portal, platform, platform.text(user, "我妈妈的申请到哪一步了"))
    assert quiet is None

    staff_answer_and_close(app, handoff.id, "您好，您母亲的申请已受理。")
    assert wechat_api.custom_texts(user) == ["您好，您母亲的申请已受理。"]
    again, _ = post(portal, platform, platform.text(user, QUESTION))
    assert again is not None and "身份证" in again, again


def test_a_portal_chat_asks_for_a_person_is_answered_and_the_bot_answers_again(
    app: Flask, portal: str, bot: Any
) -> None:
    browser = app.test_client()
    page = browser.get("/assistant/").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]

    def says(text: str) -> None:
        response = browser.post("/assistant/", data={"csrf_token": token, "text": text})
        assert response.status_code == 303, response.get_data(as_text=True)[:300]

    says(QUESTION)
    with app.app_context():
        sender = db.session.scalars(
            select(Handoff.sender_id).where(Handoff.sender_id.like("web-%"))
        ).first()
    assert sender is None  # the bot answered: no person needed
    page = browser.get("/assistant/").get_data(as_text=True)
    assert "身份证" in page

    says("转人工")
    with app.app_context():
        sender = db.session.scalars(
            select(Handoff.sender_id).where(Handoff.sender_id.like("web-%"))
        ).one()
    handoff = open_handoff(app, sender)
    staff_answer_and_close(app, handoff.id, "您好，请问还有什么问题？")
    assert "请问还有什么问题" in browser.get("/assistant/").get_data(as_text=True)

    says("黑龙江申请要带什么材料")
    with app.app_context():
        latest = transcript.last_message(sender, "bot")
        assert latest is not None and "身份证" in latest.text, latest.text if latest else None
