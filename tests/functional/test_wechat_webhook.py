"""The WeChat webhook, as WeChat's servers use it: signatures, safe mode, retries, and the
messages that need no answer from the bot, and how the bot's answers are shown. What the bot
says is tested against the real trained bot in tests/integration/test_wechat_bot.py; here the
bot is down (a closed port), or a fake with scripted answers (tests/fakes/rasa_bot.py)."""

import logging
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.chat import service as chat
from portal.chat import transcript
from portal.config import Test
from portal.extensions import db
from portal.models import ChatMessage, Handoff, WeChatDelivery
from tests.fakes.rasa_bot import FakeBot
from tests.fakes.wechat_api import AES_KEY, WeChatPlatform
from tests.functional.concurrency import at_once
from tests.functional.wechat import OPENID, user_sends, wechat_delivers

UG_QUESTION = "قانداق ماتېرىيال كېرەك"
NOT_AGREED = "对评估结论不服怎么办"
# Rasa's answer: two messages, the first with buttons.
CHOICES = [
    {
        "text": "对评估结论不服，可以：",
        "buttons": [
            {"title": "提出异议", "payload": "/ask_objection"},
            {"title": "申请重新评估", "payload": "/ask_reassessment"},
        ],
    },
    {"text": "也可以拨打热线 12393 问问。"},
]


def messages(app: Flask, direction: str | None = None) -> list[str]:
    with app.app_context():
        return [
            m.text
            for m in transcript.messages_of(OPENID)
            if direction is None or m.direction == direction
        ]


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


# ------------------------------------------------------------------ signatures


def test_wechat_checks_the_server_address(client: FlaskClient, platform: WeChatPlatform) -> None:
    response = client.get(f"/wechat?{platform.signed_query(echostr='8216041946')}")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "8216041946"


@pytest.mark.parametrize(
    "query",
    [
        "echostr=1",
        "signature=0000&timestamp=1700000000&nonce=abc&echostr=1",
    ],
)
def test_unsigned_or_badly_signed_requests_are_refused_and_logged(
    client: FlaskClient, platform: WeChatPlatform, query: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert client.get(f"/wechat?{query}").status_code == 403
        response = client.post(f"/wechat?{query}", data=platform.text(OPENID, "你好"))
    assert response.status_code == 403
    assert sum("bad or missing signature" in r.getMessage() for r in caplog.records) == 2


def test_a_message_signed_with_another_token_is_refused(app: Flask, client: FlaskClient) -> None:
    impostor = WeChatPlatform(token="not-our-token")
    response = wechat_delivers(client, impostor.deliver(impostor.text(OPENID, "你好")))
    assert response.status_code == 403
    assert count(app, WeChatDelivery) == 0


@pytest.mark.parametrize(
    "body",
    [b"<xml><ToUserName>broken", b"not xml at all", b"<xml></xml>", b"", "<xml>\u4e2d".encode()],
)
def test_malformed_messages_get_400_not_500(
    client: FlaskClient, platform: WeChatPlatform, body: bytes
) -> None:
    response = client.post(f"/wechat?{platform.signed_query()}", data=body)
    assert response.status_code == 400


def test_a_body_far_larger_than_any_wechat_message_is_refused(
    client: FlaskClient, platform: WeChatPlatform
) -> None:
    big = platform.text(OPENID, "长" * 40_000)
    response = client.post(f"/wechat?{platform.signed_query()}", data=big)
    assert response.status_code == 413


# ------------------------------------------------------------------ subscribe, safe mode


def test_a_new_follower_is_welcomed_in_both_languages(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    reply = user_sends(client, platform, platform.event(OPENID, "subscribe"))
    assert reply is not None
    chinese, uyghur = reply.split("\n\n")
    assert "欢迎关注长护通" in chinese and "转人工" in chinese and "12393" in chinese
    assert "ئۇيغۇرچە" in uyghur or "ئۇيغۇر" in uyghur
    assert "12393" in uyghur and not any("\u4e00" <= c <= "\u9fff" for c in uyghur)
    assert messages(app, "bot") == [reply]


def test_safe_mode_round_trip(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "WECHAT_AES_KEY", AES_KEY)
    monkeypatch.setitem(app.config, "WECHAT_APP_ID", "wx-test-app")
    safe = WeChatPlatform(token=app.config["WECHAT_TOKEN"], aes_key=AES_KEY)
    delivery = safe.deliver(safe.event(OPENID, "subscribe"))
    assert b"<Encrypt>" in delivery.body and "欢迎".encode() not in delivery.body
    response = wechat_delivers(client, delivery)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<Encrypt>" in body and "欢迎" not in body  # the reply is encrypted too
    reply = safe.read_reply(delivery, body)
    assert reply is not None and "欢迎关注长护通" in reply


def test_safe_mode_refuses_a_message_whose_encrypted_signature_is_wrong(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "WECHAT_AES_KEY", AES_KEY)
    monkeypatch.setitem(app.config, "WECHAT_APP_ID", "wx-test-app")
    safe = WeChatPlatform(token=app.config["WECHAT_TOKEN"], aes_key=AES_KEY)
    delivery = safe.deliver(safe.event(OPENID, "subscribe"))
    tampered = delivery.query.replace("msg_signature=", "msg_signature=0")
    response = client.post(f"/wechat?{tampered}", data=delivery.body)
    assert response.status_code == 403


def test_safe_mode_refuses_a_message_for_another_account(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "WECHAT_AES_KEY", AES_KEY)
    monkeypatch.setitem(app.config, "WECHAT_APP_ID", "wx-test-app")
    other = WeChatPlatform(token=app.config["WECHAT_TOKEN"], aes_key=AES_KEY, app_id="wx-other")
    response = wechat_delivers(client, other.deliver(other.event(OPENID, "subscribe")))
    assert response.status_code == 403


# ------------------------------------------------------------------ retries


def test_a_retried_event_is_answered_once_and_the_same_way(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    xml = platform.event(OPENID, "subscribe")
    first = user_sends(client, platform, xml)
    again = user_sends(client, platform, xml)
    assert first is not None and again == first
    assert count(app, WeChatDelivery) == 1
    assert len(messages(app, "bot")) == 1


def test_a_retried_message_is_handled_once(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    xml = platform.text(OPENID, "申请要带什么材料")
    replies = [user_sends(client, platform, xml) for _ in range(3)]
    assert replies[0] is not None and replies == [replies[0]] * 3
    assert messages(app, "in") == ["申请要带什么材料"]
    assert count(app, Handoff) == 1


def test_with_redis_a_message_another_machine_claimed_is_not_answered_again(
    app: Flask, client: FlaskClient, platform: WeChatPlatform, fake_bot: FakeBot, redis_url: str
) -> None:
    """A retry that reaches a second portal machine while the first still works on the message
    (its database row not written yet) finds the claim in Redis: no second bot turn."""
    fake_bot.answers[NOT_AGREED] = CHOICES[1:]
    xml = platform.text(OPENID, NOT_AGREED)
    msg_id = re.search(r"<MsgId>(\d+)</MsgId>", xml)
    assert msg_id is not None
    redis.Redis.from_url(redis_url).set(f"changhu-wechat:delivery:{msg_id[1]}", "1")
    assert user_sends(client, platform, xml) is None  # "success": the other machine answers
    assert fake_bot.heard() == []


def test_with_redis_three_deliveries_at_once_make_one_bot_turn(
    app: Flask, platform: WeChatPlatform, fake_bot: FakeBot, redis_url: str
) -> None:
    fake_bot.answers[NOT_AGREED] = CHOICES[1:]
    fake_bot.delay = 0.2
    delivery = platform.deliver(platform.text(OPENID, NOT_AGREED))
    machines = [app.test_client() for _ in range(3)]
    answers = at_once(
        [lambda machine=machine: wechat_delivers(machine, delivery) for machine in machines]
    )
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert fake_bot.heard() == [(OPENID, NOT_AGREED)]
    assert count(app, WeChatDelivery) == 1


def test_with_redis_unreachable_the_database_still_claims_each_message_once(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    fake_bot: FakeBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:9/0")  # nothing listens
    fake_bot.answers[NOT_AGREED] = CHOICES[1:]
    xml = platform.text(OPENID, NOT_AGREED)
    replies = [user_sends(client, platform, xml) for _ in range(2)]
    assert replies == ["也可以拨打热线 12393 问问。"] * 2
    assert fake_bot.heard() == [(OPENID, NOT_AGREED)]
    assert "Redis unreachable" in caplog.text


def test_two_messages_in_the_same_second_are_two_messages(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    user_sends(client, platform, platform.text(OPENID, "你好", CreateTime=1_700_000_000))
    user_sends(client, platform, platform.text(OPENID, "在吗", CreateTime=1_700_000_000))
    assert messages(app, "in") == ["你好", "在吗"]


# ------------------------------------------------------------------ bot down, handoff


def test_bot_down_apologises_gives_the_hotline_and_hands_off(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    reply = user_sends(client, platform, platform.text(OPENID, "怎么申请长护险"))
    assert reply is not None
    assert "出了故障" in reply and "12393" in reply and "工作人员" in reply
    assert "\n\n" not in reply  # the person wrote Chinese: one language
    with app.app_context():
        handoff = chat.open_handoff(OPENID)
        assert handoff is not None and handoff.reason == "bot_unavailable"
        assert handoff.last_message == "怎么申请长护险"
    assert messages(app) == ["怎么申请长护险", reply]


def test_bot_down_answers_a_uyghur_message_in_uyghur(
    client: FlaskClient, platform: WeChatPlatform
) -> None:
    reply = user_sends(client, platform, platform.text(OPENID, UG_QUESTION))
    assert reply is not None and "12393" in reply
    assert not any("\u4e00" <= c <= "\u9fff" for c in reply)


def test_while_a_person_has_the_chat_messages_go_to_the_inbox_not_the_bot(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    with app.app_context():
        chat.request_handoff(OPENID, "user_request", "zh", "转人工")
    # Were it sent to the bot (down: a closed port), the person would get the apology.
    reply = user_sends(client, platform, platform.text(OPENID, "我妈妈的申请怎么样了"))
    assert reply is None
    assert messages(app, "in") == ["我妈妈的申请怎么样了"]
    assert messages(app, "bot") == []


# ------------------------------------------------------------------ the bot's answers


def test_the_bots_messages_come_as_one_reply_with_numbered_choices(
    app: Flask, client: FlaskClient, platform: WeChatPlatform, fake_bot: FakeBot
) -> None:
    fake_bot.answers[NOT_AGREED] = CHOICES
    reply = user_sends(client, platform, platform.text(OPENID, NOT_AGREED))
    assert reply == (
        "对评估结论不服，可以：\n1 提出异议\n2 申请重新评估\n\n也可以拨打热线 12393 问问。"
    )
    assert fake_bot.heard() == [(OPENID, NOT_AGREED)]  # the OpenID is the conversation
    assert messages(app, "bot") == [reply]


def test_a_webhook_waiting_for_the_bot_gives_its_database_connection_back(
    app: Flask, other_app: Callable[[Test], Flask], platform: WeChatPlatform, fake_bot: FakeBot
) -> None:
    """Twenty people writing at once must not wait for each other's database connections:
    with a pool of one, the bot's turn (which reads the database too) still gets one while
    the webhook waits, and the answer comes in the passive reply, not late."""
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    config.SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 10}
    config.BOT_URL = fake_bot.url
    one_connection = other_app(config)
    fake_bot.answers[NOT_AGREED] = CHOICES[1:]
    reply = user_sends(one_connection.test_client(), platform, platform.text(OPENID, NOT_AGREED))
    assert reply == "也可以拨打热线 12393 问问。"


@pytest.mark.parametrize("answer", ["2", "２", "２．", " 2. ", "2、"])
def test_a_choice_is_answered_by_its_number(
    app: Flask, client: FlaskClient, platform: WeChatPlatform, fake_bot: FakeBot, answer: str
) -> None:
    fake_bot.answers[NOT_AGREED] = CHOICES
    user_sends(client, platform, platform.text(OPENID, NOT_AGREED))
    user_sends(client, platform, platform.text(OPENID, answer))
    assert fake_bot.heard()[-1] == (OPENID, "/ask_reassessment")
    assert messages(app, "in")[-1] == answer.strip()  # staff read what the person wrote


def test_a_number_that_is_no_choice_goes_to_the_bot_as_written(
    client: FlaskClient, platform: WeChatPlatform, fake_bot: FakeBot
) -> None:
    # Buttons without a payload send their title, as a tap on them would.
    fake_bot.answers["我想申请"] = [
        {"text": "您住在哪里？", "buttons": [{"title": "宁夏"}, {"title": "新疆"}]}
    ]
    fake_bot.answers["宁夏"] = [{"text": "好的，宁夏。"}]
    for said in ("我想申请", "3", "1", "2"):
        user_sends(client, platform, platform.text(OPENID, said))
    # "3": only two choices; "1": 宁夏; "2": the last answer offered no choices.
    assert [message for _sender, message in fake_bot.heard()] == ["我想申请", "3", "宁夏", "2"]


# ------------------------------------------------------------------ voice, other messages


def test_voice_without_recognition_says_so_and_suggests_typing_or_calling(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    user_sends(client, platform, platform.text(OPENID, "你好"))
    reply = user_sends(client, platform, platform.voice(OPENID, ""))
    assert reply is not None
    assert "没有听清楚" in reply and "打字" in reply and "12393" in reply
    assert "\n\n" not in reply  # the person wrote Chinese before: Chinese only
    assert messages(app, "in")[-1] == "[语音未识别]"
    assert count(app, Handoff) == 1  # only the first message reached the (down) bot


def test_voice_without_recognition_from_a_stranger_is_answered_in_both_languages(
    client: FlaskClient, platform: WeChatPlatform
) -> None:
    reply = user_sends(client, platform, platform.voice(OPENID, ""))
    assert reply is not None
    chinese, uyghur = reply.split("\n\n")
    assert "没有听清楚" in chinese and "12393" in uyghur


def test_voice_with_recognition_goes_on_as_text(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    reply = user_sends(client, platform, platform.voice(OPENID, "申请要带什么材料？"))
    assert reply is not None and "出了故障" in reply  # it went to the bot, which is down
    assert messages(app, "in") == ["申请要带什么材料？"]


@pytest.mark.parametrize("msg_type", ["image", "location", "link", "video", "file"])
def test_other_messages_get_a_polite_reply(
    client: FlaskClient, platform: WeChatPlatform, msg_type: str
) -> None:
    reply = user_sends(client, platform, platform.message_xml(OPENID, msg_type))
    assert reply is not None and "文字和语音" in reply and "12393" in reply


def test_unsubscribing_and_opening_a_menu_link_need_no_answer(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    assert user_sends(client, platform, platform.event(OPENID, "unsubscribe")) is None
    view = platform.event(OPENID, "VIEW", EventKey="https://changhu.example/apply/")
    assert user_sends(client, platform, view) is None
    assert messages(app) == []


def test_a_menu_click_asks_the_bot_the_buttons_question_in_the_persons_language(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    user_sends(client, platform, platform.event(OPENID, "CLICK", EventKey="ASK_MATERIALS"))
    assert messages(app, "in") == ["申请要带什么材料"]
    with app.app_context():
        chat.close_handoff(chat.open_handoff(OPENID).id)  # type: ignore[union-attr]
    user_sends(client, platform, platform.text(OPENID, "سالام"))
    later = platform.event(OPENID, "CLICK", EventKey="ASK_MATERIALS", CreateTime=1_800_000_000)
    user_sends(client, platform, later)
    assert messages(app, "in")[-1] == UG_QUESTION


# ------------------------------------------------------------------ the 48-hour window


def test_the_48_hour_window_opens_with_each_message_and_closes_after(
    app: Flask, client: FlaskClient, platform: WeChatPlatform
) -> None:
    from portal.wechat import service

    with app.app_context():
        assert not service.window_open(OPENID)
        assert service.window_closes_at(OPENID) is None
    user_sends(client, platform, platform.event(OPENID, "subscribe"))
    with app.app_context():
        assert service.window_open(OPENID)
        for delivery in db.session.scalars(select(WeChatDelivery)):
            delivery.received_at -= timedelta(hours=48, minutes=1)
        db.session.commit()
        assert not service.window_open(OPENID)
        assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 1
