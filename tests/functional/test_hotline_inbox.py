"""The handoff inbox: chats waiting for a person, claimed, answered on their own channel and
closed; outside WeChat's 48-hour window, an SMS or a call-back instead. The bot is down here
(a closed port): the chats reach the inbox the way the bot and the webhook put them there."""

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.chat import service as chat
from portal.chat import transcript
from portal.extensions import db
from portal.models import AccessLog, CallBack, ChatMessage, Handoff, StaffRole, WeChatDelivery
from tests.fakes.rasa_bot import FakeBot
from tests.fakes.server import serving
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.hotline import text_of
from tests.functional.journey import person_adds, person_consents
from tests.functional.staff import StaffClient, make_staff, staff_signs_in
from tests.functional.wechat import OPENID, user_sends

HTMX = {"HX-Request": "true"}


def hotline_member(
    app: Flask, new_client: Callable[[], FlaskClient], name: str = "hotline"
) -> StaffClient:
    return staff_signs_in(app, new_client(), make_staff(app, name, StaffRole.HOTLINE, None))


def inbox_rows(staff: StaffClient) -> list[str]:
    response = staff.client.get(staff.url("staff_inbox.waiting"), headers=HTMX)
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert fragment.select_one("#inbox-list[hx-trigger^='every']") is not None
    return [" ".join(row.get_text(" ").split()) for row in fragment.select("tbody tr")]


def open_handoff_id(app: Flask, sender: str) -> int:
    with app.app_context():
        handoff = chat.open_handoff(sender)
        assert handoff is not None
        return handoff.id


def test_a_wechat_chat_handed_off_is_claimed_answered_and_closed(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    new_client: Callable[[], FlaskClient],
    client_request: ClientRequest,
    roster: None,
) -> None:
    # The person binds WeChat to their account, so staff see whose chat it is (masked).
    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request)
    user_sends(client, platform, platform.text(OPENID, "我妈妈的申请怎么样了"))  # bot down: handoff
    with app.app_context():
        from portal.models import Account

        account = db.session.scalar(select(Account).filter_by(phone="13800138000"))
        handoff = chat.open_handoff(OPENID)
        handoff.account_id = account.id  # type: ignore[union-attr]
        db.session.commit()
    staff = hotline_member(app, new_client)
    [row] = inbox_rows(staff)
    for shown in (
        "微信公众号",
        "宁夏",
        "小助手暂时不能回答",
        "138****8000",
        "马*兰",
        "我妈妈的申请怎么样了",
        "还没人接",
    ):
        assert shown in row
    assert "13800138000" not in row

    handoff_id = open_handoff_id(app, OPENID)
    page = staff.get("staff_inbox.chat", handoff_id=handoff_id)
    assert "我妈妈的申请怎么样了" in text_of(page)
    with app.app_context():
        looks = db.session.scalars(select(AccessLog).filter_by(action="handoff_chat")).all()
        assert len(looks) == 1  # opening a bound chat is a look at the person's file
    staff.post("staff_inbox.reply", {"reply-text": "您好"}, handoff_id=handoff_id)
    assert wechat_api.custom_texts(OPENID) == []  # not claimed yet: nothing sent

    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    colleague = hotline_member(app, new_client, "colleague")
    colleague.post("staff_inbox.claim", handoff_id=handoff_id)
    assert "hotline 正在回复这个对话" in text_of(
        colleague.get("staff_inbox.chat", handoff_id=handoff_id)
    )
    staff.post(
        "staff_inbox.reply", {"reply-text": "您好，已经受理了，请放心。"}, handoff_id=handoff_id
    )
    assert wechat_api.custom_texts(OPENID) == ["您好，已经受理了，请放心。"]
    messages = staff.client.get(staff.url("staff_inbox.chat", handoff_id=handoff_id), headers=HTMX)
    assert "已经受理了" in messages.get_data(as_text=True)

    staff.post("staff_inbox.close", handoff_id=handoff_id)
    with app.app_context():
        closed = db.session.get(Handoff, handoff_id)
        assert closed is not None and closed.closed_at is not None
        assert closed.resumed_at is None  # the bot is down: it did not hear the resume
    assert inbox_rows(staff) == [" ".join(["现在没有等待人工的对话。"])]


ANSWER = "宁夏申请长护险要带身份证或社保卡、病历和自评表。"


def paused_bot() -> FakeBot:
    """A bot that hands the chat to a person when asked (and pauses it), and answers after."""
    answer = [{"text": ANSWER}]
    handoff = [{"text": "已为您转人工，工作人员会尽快在这里回复您。", "custom": {"handoff": True}}]
    return FakeBot(answers={"转人工": handoff, "申请要带什么材料": answer, "谢谢": answer})


def bot_hands_off(client: FlaskClient, sender: str) -> None:
    """What the bot's handoff action does after pausing the chat: it opens the handoff."""
    body = {
        "sender_id": sender,
        "reason": "user_request",
        "language": "zh",
        "last_message": "转人工",
    }
    headers = {"Authorization": f"Bearer {app_bot_secret(client)}"}
    assert client.post("/api/v1/bot/handoffs", json=body, headers=headers).status_code == 201


def app_bot_secret(client: FlaskClient) -> str:
    return str(client.application.config["BOT_SHARED_SECRET"])


def staff_answer_and_close_while_the_bot_is_down(
    app: Flask, staff: StaffClient, sender: str
) -> str:
    """Staff answer and close the chat; the notice the console shows them."""
    handoff_id = open_handoff_id(app, sender)
    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    staff.post("staff_inbox.reply", {"reply-text": "您好，已经帮您查过了。"}, handoff_id=handoff_id)
    staff.post("staff_inbox.close", handoff_id=handoff_id)
    return text_of(staff.get("staff_inbox.waiting"))


def test_a_chat_closed_while_the_bot_was_down_gets_the_bots_answers_once_it_is_back(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    new_client: Callable[[], FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rasa = paused_bot()
    with serving(rasa) as bot:
        monkeypatch.setitem(app.config, "BOT_URL", bot.url)
        assert user_sends(client, platform, platform.text(OPENID, "转人工")) is not None
        bot_hands_off(client, OPENID)
    # The bot is down when staff close the chat: it does not hear that it may answer again.
    notice = staff_answer_and_close_while_the_bot_is_down(
        app, hotline_member(app, new_client), OPENID
    )
    assert "暂时联系不上小助手" in notice and "对方下次发消息时会再通知它" in notice

    with serving(rasa, port=urlsplit(bot.url).port or 0):  # the bot is back, still paused
        reply = user_sends(client, platform, platform.text(OPENID, "申请要带什么材料"))
        assert reply == ANSWER
        assert user_sends(client, platform, platform.text(OPENID, "谢谢")) == ANSWER
    assert open_handoff_id_or_none(app, OPENID) is None


def test_a_portal_chat_closed_while_the_bot_was_down_is_answered_by_the_bot_again(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rasa = paused_bot()
    with serving(rasa) as bot:
        monkeypatch.setitem(app.config, "BOT_URL", bot.url)
        client_request.post("assistant.send", {"text": "转人工"})
        with app.app_context():
            sender = db.session.scalars(select(ChatMessage.sender_id)).first()
        assert sender is not None
        bot_hands_off(client_request.client, sender)
    staff_answer_and_close_while_the_bot_is_down(app, hotline_member(app, new_client), sender)

    with serving(rasa, port=urlsplit(bot.url).port or 0):
        client_request.post("assistant.send", {"text": "申请要带什么材料"})
    answers = client_request.get("assistant.chat").select(".chat__message--bot")
    assert ANSWER in answers[-1].get_text()


def test_a_chat_whose_bot_is_still_down_at_the_next_message_goes_back_to_the_inbox(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    new_client: Callable[[], FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rasa = paused_bot()
    with serving(rasa) as bot:
        monkeypatch.setitem(app.config, "BOT_URL", bot.url)
        user_sends(client, platform, platform.text(OPENID, "转人工"))
        bot_hands_off(client, OPENID)
    staff = hotline_member(app, new_client)
    staff_answer_and_close_while_the_bot_is_down(app, staff, OPENID)
    reply = user_sends(client, platform, platform.text(OPENID, "还有人吗"))
    assert reply is not None and "出了故障" in reply
    [row] = inbox_rows(staff)
    assert "还有人吗" in row and "小助手暂时不能回答" in row


def open_handoff_id_or_none(app: Flask, sender: str) -> int | None:
    with app.app_context():
        handoff = chat.open_handoff(sender)
        return handoff.id if handoff else None


def test_the_inbox_lists_the_chat_waiting_longest_first(
    app: Flask, new_client: Callable[[], FlaskClient]
) -> None:
    # Opened in this order, but waiting since different times (as after a restart or a
    # handoff requested again): the order is by how long each person has waited.
    waited = {"等了十分钟": 10, "等了两小时": 120, "等了半小时": 30}
    with app.app_context():
        for number, (said, minutes) in enumerate(waited.items()):
            handoff, _created = chat.request_handoff(
                f"oWaiting_{number:022d}", "user_request", "zh", said
            )
            handoff.opened_at -= timedelta(minutes=minutes)
        db.session.commit()
    rows = inbox_rows(hotline_member(app, new_client))
    assert [next(s for s in waited if s in row) for row in rows] == [
        "等了两小时",
        "等了半小时",
        "等了十分钟",
    ]


def test_outside_the_48_hour_window_the_reply_is_refused_and_sms_or_call_back_offered(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    new_client: Callable[[], FlaskClient],
) -> None:
    user_sends(client, platform, platform.text(OPENID, "有人吗"))
    with app.app_context():
        for delivery in db.session.scalars(select(WeChatDelivery)):
            delivery.received_at -= timedelta(hours=49)
        db.session.commit()
    staff = hotline_member(app, new_client)
    handoff_id = open_handoff_id(app, OPENID)
    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    page = staff.get("staff_inbox.chat", handoff_id=handoff_id)
    assert "超过 48 小时" in text_of(page)
    assert page.select_one("form[action$='/sms']") is not None
    assert page.select_one("form[action$='/call-back']") is not None

    refused = staff.post("staff_inbox.reply", {"reply-text": "您好"}, 409, handoff_id=handoff_id)
    assert "超过 48 小时" in refused.get_data(as_text=True)
    assert wechat_api.custom_texts(OPENID) == []

    staff.post(
        "staff_inbox.sms",
        {"sms-phone": "13900002222", "sms-text": "您好，请打 12393 找我们。"},
        handoff_id=handoff_id,
    )
    assert app.extensions["changhu_sms"].outbox[0].phone == "13900002222"
    staff.post(
        "staff_inbox.call_back",
        {
            "call_back-key": "k-1",
            "call_back-phone": "13900002222",
            "call_back-promised_at": "2099-01-02T10:30",
        },
        handoff_id=handoff_id,
    )
    with app.app_context():
        [task] = db.session.scalars(select(CallBack)).all()
        assert (task.source, task.handoff_id, task.about) == ("window", handoff_id, "有人吗")
        assert task.promised_at.hour == 2  # 10:30 in China is 02:30 UTC
        assert transcript.messages_of(OPENID)[-1].text.startswith("[SMS]")


def test_a_refusal_from_wechat_is_told_in_plain_words_with_the_alternatives(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    new_client: Callable[[], FlaskClient],
) -> None:
    user_sends(client, platform, platform.text(OPENID, "有人吗"))
    wechat_api.custom_send_errcode = 45047  # 20 messages since the person's last one
    staff = hotline_member(app, new_client)
    handoff_id = open_handoff_id(app, OPENID)
    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    refused = staff.post("staff_inbox.reply", {"reply-text": "您好"}, 409, handoff_id=handoff_id)
    text = refused.get_data(as_text=True)
    assert "最多允许 20 条" in text and "/call-back" in text and "/sms" in text


def test_a_portal_chat_asks_for_a_person_and_reads_the_staff_reply(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request)
    page = client_request.get("assistant.chat")
    assert page.select_one("textarea#text") is not None
    assert page.select_one("[data-voice-input='text']") is not None
    client_request.post("assistant.person")
    chat_page = client_request.get("assistant.chat")
    assert "已为您转人工" in text_of(chat_page)
    assert chat_page.select_one("#assistant-messages[hx-trigger^='every']") is not None
    client_request.post("assistant.send", {"text": "我想问问评估什么时候来"})

    staff = hotline_member(app, new_client)
    [row] = inbox_rows(staff)
    assert "长护通网页" in row and "138****8000" in row and "本人要求转人工" in row
    with app.app_context():
        sender = db.session.scalars(select(Handoff.sender_id)).one()
    handoff_id = open_handoff_id(app, sender)
    staff.post("staff_inbox.claim", handoff_id=handoff_id)
    staff.post(
        "staff_inbox.reply", {"reply-text": "评估机构会在三天内打电话给您。"}, handoff_id=handoff_id
    )

    fragment = client_request.client.get("/assistant/messages", headers=HTMX)
    text = fragment.get_data(as_text=True)
    assert "评估机构会在三天内打电话给您" in text and "工作人员" in text
    page = client_request.parse(client_request.client.get("/assistant/"))
    # The page's one read-aloud control reads the newest answer: here the person's reply.
    control = page.select_one("[data-read-aloud][data-read-aloud-target='latest-answer']")
    latest = page.select_one(".chat__message--staff #latest-answer")
    assert control is not None and latest is not None
    assert "评估机构会在三天内打电话给您" in latest.get_text()
    staff.post("staff_inbox.close", handoff_id=handoff_id)
    assert (
        client_request.get("assistant.chat").select_one("#assistant-messages[hx-trigger]") is None
    )


def test_the_portal_chat_hands_off_when_the_bot_is_down(
    app: Flask, client_request: ClientRequest
) -> None:
    client_request.post("assistant.send", {"text": "怎么申请"})
    page = client_request.get("assistant.chat")
    assert "怎么申请" in text_of(page) and "小助手暂时不能回答" in text_of(page)
    with app.app_context():
        [handoff] = db.session.scalars(select(Handoff)).all()
        assert (handoff.reason, handoff.last_message, handoff.account_id) == (
            "bot_unavailable",
            "怎么申请",
            None,
        )
        assert handoff.sender_id.startswith("web-")
    # While a person has the chat, messages wait for them instead of going to the bot.
    client_request.post("assistant.send", {"text": "还在吗"})
    with app.app_context():
        said = [(m.direction, m.text) for m in transcript.messages_of(handoff.sender_id)]
    assert said[-1] == ("in", "还在吗") and len([d for d, _t in said if d == "bot"]) == 1


def test_an_empty_chat_message_is_explained(client_request: ClientRequest) -> None:
    response = client_request.post("assistant.send", {"text": "  "}, 400)
    page = client_request.parse(response)
    assert "请写下您的问题" in page.select_one(".error-summary").get_text()  # type: ignore[union-attr]


def test_a_regional_hotline_member_sees_their_regions_chats_and_those_of_unknown_region(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request)  # a ningxia person: the bound chat is ningxia's
    with app.app_context():
        from portal.models import Account

        account = db.session.scalar(select(Account).filter_by(phone="13800138000"))
        assert account is not None
        chat.bind_account(OPENID, account.id)
        chat.request_handoff(OPENID, "user_request", "zh", "转人工")
        chat.request_handoff("oStranger_00000000000000000001", "complaint", "zh", "我要投诉")
    xinjiang = staff_signs_in(
        app, new_client(), make_staff(app, "hotline.xj", StaffRole.HOTLINE, "xinjiang")
    )
    [row] = inbox_rows(xinjiang)
    assert "我要投诉" in row and "不知道" in row
    xinjiang.get("staff_inbox.chat", 404, handoff_id=open_handoff_id(app, OPENID))
    ningxia = staff_signs_in(app, new_client(), make_staff(app, "hotline.nx", StaffRole.HOTLINE))
    assert len(inbox_rows(ningxia)) == 2


def test_an_unbound_chat_goes_to_the_hotline_of_the_region_the_bot_knew(
    app: Flask, client: FlaskClient, new_client: Callable[[], FlaskClient]
) -> None:
    body = {"sender_id": OPENID, "reason": "user_request", "language": "ug"}
    asked = client.post(
        "/api/v1/bot/handoffs",
        json={**body, "last_message": "خادىم", "region": "xinjiang"},
        headers={"Authorization": f"Bearer {app.config['BOT_SHARED_SECRET']}"},
    )
    assert asked.status_code == 201
    xinjiang = staff_signs_in(
        app, new_client(), make_staff(app, "hotline.xj", StaffRole.HOTLINE, "xinjiang")
    )
    [row] = inbox_rows(xinjiang)
    assert "新疆" in row and "خادىم" in row
    ningxia = staff_signs_in(
        app, new_client(), make_staff(app, "hotline.nx", StaffRole.HOTLINE, "ningxia")
    )
    assert inbox_rows(ningxia) == ["现在没有等待人工的对话。"]
