"""What the WeChat channel offers beyond the webhook: staff replies through the customer-service
API (and WeChat's refusals in plain words), one shared access token, binding by OAuth, the
menu, and late answers sent by the background worker."""

import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from portal.chat import service as chat
from portal.chat import transcript
from portal.config import Test
from portal.extensions import db
from portal.models import Account, ChatBinding, SharedSecret, StaffRole
from portal.wechat import client, service, tasks
from tests.fakes.google_tts import SILENT_MP3
from tests.fakes.rasa_bot import FakeBot
from tests.fakes.wechat_api import ACCESS_TOKEN, FakeWeChatAPI, WeChatPlatform
from tests.functional.conftest import ClientRequest
from tests.functional.hotline import text_of
from tests.functional.staff import make_staff, staff_signs_in
from tests.functional.wechat import OPENID, point_at, user_sends

# ------------------------------------------------------------------ staff replies


def test_staff_reply_reaches_the_user_and_the_transcript(
    app: Flask, wechat_api: FakeWeChatAPI
) -> None:
    with app.app_context():
        service.send_staff_reply(OPENID, "您好，我是长护专员小王，您的申请已经受理了。")
        [message] = transcript.messages_of(OPENID)
        assert (message.direction, message.channel) == ("staff", "wechat")
    assert wechat_api.custom_texts(OPENID) == ["您好，我是长护专员小王，您的申请已经受理了。"]


@pytest.mark.parametrize(
    ("errcode", "words"),
    [(45015, "超过 48 小时"), (45047, "最多允许 20 条"), (43004, "取消关注"), (40999, "40999")],
)
def test_wechat_refusals_are_told_to_staff_in_plain_words(
    app: Flask, wechat_api: FakeWeChatAPI, errcode: int, words: str
) -> None:
    wechat_api.custom_send_errcode = errcode
    with app.test_request_context():  # staff send from the inbox: a request in their language
        with pytest.raises(client.WeChatUnavailable) as refused:
            service.send_staff_reply(OPENID, "您好")
        assert refused.value.errcode == errcode
        assert words in refused.value.plain_words
        assert transcript.messages_of(OPENID) == []  # not sent, so not in the transcript


def test_plain_words_are_in_the_staff_members_language(app: Flask) -> None:
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("ug"):
        words = client.plain_words(client.OUTSIDE_WINDOW)
    assert "48" in words and not any("\u4e00" <= c <= "\u9fff" for c in words)


def test_wechat_unreachable_is_said_plainly(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "WECHAT_APP_ID", "wx-test-app")
    monkeypatch.setitem(app.config, "WECHAT_APP_SECRET", "wx-test-secret")
    with app.test_request_context():
        with pytest.raises(client.WeChatUnavailable) as refused:
            service.send_staff_reply(OPENID, "您好")
        assert "连不上微信" in refused.value.plain_words


# ------------------------------------------------------------------ the access token


def two_processes_send(
    app: Flask,
    other_app: Callable[[Test], Flask],
    wechat_api: FakeWeChatAPI,
    monkeypatch: pytest.MonkeyPatch,
    redis_url: str = "",
) -> None:
    """Two portal processes on one database (and Redis, if given) send two messages each."""
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    config.REDIS_URL = redis_url
    second = other_app(config)
    point_at(second, wechat_api, monkeypatch)
    for process in (app, second, app, second):
        with process.app_context():
            client.send_text(OPENID, "您好")


def test_the_access_token_is_fetched_once_and_shared_by_every_process(
    app: Flask,
    other_app: Callable[[Test], Flask],
    wechat_api: FakeWeChatAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    two_processes_send(app, other_app, wechat_api, monkeypatch)
    assert wechat_api.token_fetches() == 1
    assert len(wechat_api.custom_messages()) == 4
    with app.app_context():
        [stored] = db.session.scalars(select(SharedSecret)).all()
        raw = db.session.execute(text("SELECT value FROM shared_secrets")).scalar_one()
        assert ACCESS_TOKEN not in raw  # encrypted at rest
        assert stored.expires_at is not None


def test_with_redis_the_access_token_is_kept_there_and_shared(
    app: Flask,
    other_app: Callable[[Test], Flask],
    wechat_api: FakeWeChatAPI,
    monkeypatch: pytest.MonkeyPatch,
    redis_url: str,
) -> None:
    two_processes_send(app, other_app, wechat_api, monkeypatch, redis_url)
    assert wechat_api.token_fetches() == 1
    shared = redis.Redis.from_url(redis_url, decode_responses=True)
    [key] = shared.keys("changhu-wechat:*")
    assert ACCESS_TOKEN in str(shared.get(key))
    with app.app_context():
        assert db.session.scalars(select(SharedSecret)).all() == []


def test_the_access_token_is_fetched_again_five_minutes_before_it_expires(
    app: Flask, wechat_api: FakeWeChatAPI
) -> None:
    with app.app_context():
        client.send_text(OPENID, "一")
        stored = db.session.scalars(select(SharedSecret)).one()
        stored.expires_at -= timedelta(hours=2) - timedelta(minutes=6)  # 6 minutes left
        db.session.commit()
        client.send_text(OPENID, "二")
        assert wechat_api.token_fetches() == 1
        stored = db.session.scalars(select(SharedSecret)).one()
        stored.expires_at -= timedelta(minutes=2)  # 4 minutes left
        db.session.commit()
        client.send_text(OPENID, "三")
    assert wechat_api.token_fetches() == 2


# ------------------------------------------------------------------ late answers (background)


def test_a_late_answer_goes_out_as_text_then_voice(app: Flask, wechat_api: FakeWeChatAPI) -> None:
    with app.app_context():
        tasks.deliver_late_answer(OPENID, "需要身份证。👉 在这里办：https://x.example/apply/", "zh")
    text, voice = wechat_api.custom_messages()
    assert text["msgtype"] == "text" and text["text"]["content"].startswith("需要身份证")
    assert voice["msgtype"] == "voice"
    audio = wechat_api.uploads[voice["voice"]["media_id"]]
    assert audio[:3] == b"ID3" or audio[0] == 0xFF
    assert [hit.query["type"] for hit in wechat_api.hits_to("/cgi-bin/media/upload")] == [["voice"]]


def test_a_late_answer_outside_the_window_is_logged_not_retried(
    app: Flask, wechat_api: FakeWeChatAPI, caplog: pytest.LogCaptureFixture
) -> None:
    wechat_api.custom_send_errcode = client.OUTSIDE_WINDOW
    with app.app_context():
        tasks.deliver_late_answer(OPENID, "答案", None)
    assert len(wechat_api.hits_to("/cgi-bin/message/custom/send")) == 1
    assert any("48 小时" in record.getMessage() for record in caplog.records)


@pytest.fixture
def slow_bot(app: Flask, fake_bot: FakeBot, monkeypatch: pytest.MonkeyPatch) -> FakeBot:
    """A bot that answers after the webhook stopped waiting (shortened from 3.5 s)."""
    monkeypatch.setitem(app.config, "BOT_REPLY_WAIT", 0.2)
    fake_bot.delay = 0.8
    return fake_bot


def test_a_bot_slow_and_then_failing_apologises_later_and_hands_off(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    slow_bot: FakeBot,
) -> None:
    slow_bot.status = 500
    reply = user_sends(client, platform, platform.text(OPENID, "评估要多久"))
    assert reply is None  # "success" at once: WeChat neither retries nor shows an error
    [message] = wechat_api.wait_for_custom_messages(1)
    apology = message["text"]["content"]
    assert message["touser"] == OPENID
    assert "出了故障" in apology and "工作人员" in apology and "12393" in apology
    assert "\n\n" not in apology  # the person wrote Chinese: one language
    with app.app_context():
        handoff = chat.open_handoff(OPENID)
        assert handoff is not None
        assert (handoff.reason, handoff.last_message) == ("bot_unavailable", "评估要多久")
        said = [(m.direction, m.text) for m in transcript.messages_of(OPENID)]
    assert said == [("in", "评估要多久"), ("bot", apology)]
    assert len(slow_bot.heard()) == 1


def handed_off(app: Flask, openid: str, timeout: float = 10) -> int:
    """The id of the chat's handoff, once the background worker has opened it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            handoff = chat.open_handoff(openid)
            if handoff is not None:
                return handoff.id
        time.sleep(0.05)
    raise AssertionError(f"no handoff for {openid} after {timeout} s")


@pytest.mark.parametrize(("errcode", "words"), [(45015, "超过 48 小时"), (45047, "最多允许 20 条")])
def test_a_late_answer_wechat_refuses_reaches_the_hotline_in_plain_words(
    app: Flask,
    client: FlaskClient,
    platform: WeChatPlatform,
    wechat_api: FakeWeChatAPI,
    slow_bot: FakeBot,
    new_client: Callable[[], FlaskClient],
    errcode: int,
    words: str,
) -> None:
    slow_bot.answers["评估要多久"] = [{"text": "一般 30 个工作日内出结论。"}]
    wechat_api.custom_send_errcode = errcode
    assert user_sends(client, platform, platform.text(OPENID, "评估要多久")) is None
    handoff_id = handed_off(app, OPENID)
    assert len(wechat_api.hits_to("/cgi-bin/message/custom/send")) == 1  # final: not retried
    hotline = make_staff(app, "hotline", StaffRole.HOTLINE, None)
    staff = staff_signs_in(app, new_client(), hotline)
    [row] = staff.get("staff_inbox.waiting").select("tbody tr")
    assert "小助手的回答没发出去" in text_of(row) and "评估要多久" in text_of(row)
    page = text_of(staff.get("staff_inbox.chat", handoff_id=handoff_id))
    assert words in page and "一般 30 个工作日内出结论" in page


def test_voice_answers_fit_wechats_60_seconds(app: Flask) -> None:
    from portal.wechat import voice

    assert voice.mp3_seconds(SILENT_MP3) == pytest.approx(40 * 1152 / 44100)
    with app.app_context():
        long_answer = "申请长期护理保险要先做自评，再准备身份证和病历。" * 40
        audio = voice.spoken_answer(long_answer, "zh")
    assert audio is not None
    assert 0 < voice.mp3_seconds(audio) <= voice.MAX_SECONDS
    assert len(audio) <= voice.MAX_BYTES


# ------------------------------------------------------------------ binding by OAuth


def person_opens_wechat_binding(signed_in: ClientRequest) -> dict[str, str]:
    response = signed_in.client.get("/wechat/bind")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path.endswith("/connect/oauth2/authorize")
    assert location.fragment == "wechat_redirect"
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def test_binding_by_oauth(app: Flask, signed_in: ClientRequest, wechat_api: FakeWeChatAPI) -> None:
    asked = person_opens_wechat_binding(signed_in)
    assert asked["scope"] == "snsapi_base" and asked["appid"] == wechat_api.app_id
    assert urlsplit(asked["redirect_uri"]).path == "/wechat/bind/confirm"
    wechat_api.oauth_codes["code-1"] = OPENID
    # WeChat sends the person back; nothing is bound until they confirm.
    page = signed_in.get_url(f"/wechat/bind/confirm?code=code-1&state={asked['state']}")
    assert page.select_one("h1").get_text(strip=True) == "绑定这个微信吗？"
    with app.app_context():
        assert db.session.scalars(select(ChatBinding)).all() == []
    response = signed_in.post("wechat.bind_confirm")
    assert response.headers["Location"].endswith("/chat/bind")
    page = signed_in.get("chat.bind")
    assert "绑定好了" in page.get_text() and "已绑定" in page.get_text()
    with app.app_context():
        [binding] = db.session.scalars(select(ChatBinding)).all()
        assert binding.sender_id == OPENID


def test_oauth_binding_refuses_a_forged_return(
    app: Flask, signed_in: ClientRequest, wechat_api: FakeWeChatAPI
) -> None:
    person_opens_wechat_binding(signed_in)
    wechat_api.oauth_codes["code-1"] = OPENID
    response = signed_in.client.get("/wechat/bind/confirm?code=code-1&state=forged")
    assert response.status_code == 303
    assert "没有完成" in signed_in.get("chat.bind").get_text()
    signed_in.post("wechat.bind_confirm")  # a confirmation without WeChat's answer
    with app.app_context():
        assert db.session.scalars(select(ChatBinding)).all() == []


def test_oauth_binding_when_wechat_is_not_configured_offers_the_code(
    signed_in: ClientRequest,
) -> None:
    response = signed_in.client.get("/wechat/bind")
    assert response.status_code == 303
    assert "绑定码" in signed_in.get("chat.bind").get_text()


def test_oauth_binding_needs_sign_in(client: FlaskClient) -> None:
    response = client.get("/wechat/bind")
    assert response.status_code == 303 and "next=" in response.headers["Location"]


def test_the_binding_page_inside_wechat_offers_one_tap_binding_and_unbinding(
    app: Flask, signed_in: ClientRequest, wechat_api: FakeWeChatAPI
) -> None:
    inside_wechat = {"User-Agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0.49"}
    page = signed_in.get("chat.bind", _headers=inside_wechat)
    assert page.select_one("a[href='/wechat/bind']") is not None
    assert signed_in.get("chat.bind").select_one("a[href='/wechat/bind']") is None  # outside
    with app.app_context():
        account = db.session.scalars(select(Account)).one()
        chat.bind_account(OPENID, account.id)
    page = signed_in.get("chat.bind")
    unbind = page.select_one("form[action='/chat/unbind']")
    assert unbind is not None and unbind.select_one("button[type=submit]") is not None
    signed_in.post("chat.unbind")
    with app.app_context():
        assert db.session.scalars(select(ChatBinding)).all() == []


# ------------------------------------------------------------------ the menu


def test_the_menu_is_published_with_links_to_portal_pages(
    app: Flask, wechat_api: FakeWeChatAPI
) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["wechat-menu", "--publish", "--base-url", "https://changhu.example"]
    )
    assert result.exit_code == 0, result.output
    assert "Menu published." in result.output
    [hit] = wechat_api.hits_to("/cgi-bin/menu/create")
    import json

    menu = json.loads(hit.body)
    urls = [b["url"] for top in menu["button"] for b in top.get("sub_button", []) if "url" in b]
    assert "https://changhu.example/wechat/bind" in urls
    for url in urls:
        path = urlsplit(url).path
        assert app.url_map.bind("changhu.example").match(path)  # every link is a route
    keys = [b.get("key") for top in menu["button"] for b in top.get("sub_button", [top])]
    assert "HANDOFF" in keys
