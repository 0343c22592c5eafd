"""Read aloud and voice input: the speech endpoint, its cache, the macros and WeChat's wx.config.

Google and WeChat are fakes on local ports (tests/fakes); espeak-ng and lame are the real
Debian programs.
"""

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask, render_template_string
from flask.testing import FlaskClient

from portal.speech.engines import looks_like_mp3
from portal.speech.service import LOCAL_SYNTHESES_AT_ONCE, SpeechState
from tests.fakes.google_tts import SILENT_MP3, FakeGoogleTTS
from tests.fakes.server import closed_port_url, serving
from tests.fakes.wechat_api import JSAPI_TICKET, FakeWeChatAPI
from tests.functional.conftest import ClientRequest

UYGHUR = {"Accept-Language": "ug"}
SPEECH_URL = re.compile(r"^/speech/[0-9a-f]{64}\.mp3$")


@pytest.fixture
def speech(app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Flask]:
    """The test app with an empty speech cache, fresh counters, and Google unreachable."""
    monkeypatch.setitem(app.config, "SPEECH_CACHE_DIR", str(tmp_path / "speech"))
    monkeypatch.setitem(app.config, "SPEECH_GTTS_BASE_URL", closed_port_url())
    app.extensions.pop("changhu_speech", None)
    yield app
    app.extensions.pop("changhu_speech", None)


@pytest.fixture
def google(speech: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoogleTTS]:
    with serving(FakeGoogleTTS()) as fake:
        monkeypatch.setitem(speech.config, "SPEECH_GTTS_BASE_URL", fake.url)
        yield fake


@pytest.fixture
def wechat_api(speech: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeChatAPI]:
    with serving(FakeWeChatAPI()) as fake:
        monkeypatch.setitem(speech.config, "WECHAT_APP_ID", fake.app_id)
        monkeypatch.setitem(speech.config, "WECHAT_APP_SECRET", fake.app_secret)
        monkeypatch.setitem(speech.config, "WECHAT_API_BASE", fake.url)
        yield fake


def syntheses(app: Flask) -> dict[str, int]:
    state: SpeechState = app.extensions["changhu_speech"]
    return dict(state.syntheses)


def person_taps_read_aloud(
    client_request: ClientRequest, lang: str, text: str, headers: Any = None
) -> Any:
    """What read-aloud.js does: the token from the page's control, then a JSON POST."""
    control = client_request.get("home.index", _headers=headers).select_one("[data-read-aloud]")
    return client_request.client.post(
        control["data-speech-url"],
        json={"lang": lang, "text": text},
        headers={"X-CSRFToken": control["data-csrf-token"], **(headers or {})},
    )


# The page's control


@pytest.mark.parametrize(
    ("headers", "lang", "label"),
    [(None, "zh", "朗读本页"), (UYGHUR, "ug", "بۇ بەتنى ئوقۇپ بېرىش")],
)
def test_every_page_has_one_read_aloud_control_first_in_main(
    client_request: ClientRequest, headers: Any, lang: str, label: str
) -> None:
    page = client_request.get("home.index", _headers=headers)
    controls = page.select("[data-read-aloud]")
    assert len(controls) == 1
    control = controls[0]
    main = page.select_one("main")
    assert control in main.find_all("button")
    assert main.find("button") is control, "the control comes before the page's content"
    assert control.has_attr("hidden"), "without JavaScript there is nothing to tap"
    assert control["type"] == "button"
    assert control["data-lang"] == lang
    assert control["data-speech-url"] == "/speech"
    assert control["data-csrf-token"]
    assert control.get_text(strip=True) == label
    assert control["data-message-failed"]
    status = page.select_one("main [role=status][data-read-aloud-status]")
    assert status is not None
    scripts = [script.get("src", "") for script in page.select("head script")]
    assert any("/read-aloud.js" in src for src in scripts)
    assert any("/voice-input.js" in src for src in scripts)


# Synthesis, engines and the cache


def test_mandarin_falls_back_to_espeak_when_google_is_unreachable(
    speech: Flask, client_request: ClientRequest
) -> None:
    response = person_taps_read_aloud(client_request, "zh", "长期护理保险\n热线 12393")
    assert response.status_code == 200, response.json
    assert response.json["engine"] == "espeak-ng"
    assert SPEECH_URL.match(response.json["url"])
    assert syntheses(speech) == {"espeak-ng": 1}

    audio = client_request.client.get(response.json["url"], buffered=True)
    assert audio.status_code == 200
    assert audio.mimetype == "audio/mpeg"
    assert audio.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert looks_like_mp3(audio.data) and len(audio.data) > 1000
    assert audio.data[0] == 0xFF and audio.data[1] & 0xE0 == 0xE0  # MPEG frame sync


def test_mandarin_uses_gtts_when_google_answers(
    speech: Flask, google: FakeGoogleTTS, client_request: ClientRequest
) -> None:
    response = person_taps_read_aloud(client_request, "zh", "长期护理保险")
    assert response.json["engine"] == "gtts"
    assert google.spoken() == [("长期护理保险。", "zh-CN")]
    audio = client_request.client.get(response.json["url"], buffered=True)
    assert audio.data == SILENT_MP3
    assert syntheses(speech) == {"gtts": 1}


def test_second_request_for_the_same_text_synthesises_nothing(
    speech: Flask, google: FakeGoogleTTS, client_request: ClientRequest
) -> None:
    first = person_taps_read_aloud(client_request, "zh", "请带上身份证。")
    second = person_taps_read_aloud(client_request, "zh", "  请带上身份证。 ")
    assert first.json == second.json
    assert len(google.spoken()) == 1
    assert syntheses(speech) == {"gtts": 1}
    other = person_taps_read_aloud(client_request, "zh", "请带上户口本。")
    assert other.json["url"] != first.json["url"]
    assert syntheses(speech) == {"gtts": 2}


def test_uyghur_is_always_spoken_by_espeak(
    speech: Flask, google: FakeGoogleTTS, client_request: ClientRequest
) -> None:
    response = person_taps_read_aloud(
        client_request, "ug", "ئۇزۇن مۇددەتلىك پەرۋىش سۇغۇرتىسى", UYGHUR
    )
    assert response.json["engine"] == "espeak-ng"
    assert google.hits == []
    assert looks_like_mp3(client_request.client.get(response.json["url"], buffered=True).data)


def test_google_rests_after_failing_so_later_texts_do_not_wait_for_it(
    speech: Flask, google: FakeGoogleTTS, client_request: ClientRequest
) -> None:
    google.status = 503
    assert person_taps_read_aloud(client_request, "zh", "第一句。").json["engine"] == "espeak-ng"
    assert person_taps_read_aloud(client_request, "zh", "第二句。").json["engine"] == "espeak-ng"
    assert len(google.hits) == 1


def test_cache_files_are_complete_mp3s_named_by_hash(
    speech: Flask, client_request: ClientRequest
) -> None:
    response = person_taps_read_aloud(client_request, "zh", "申请")
    key = response.json["url"].removeprefix("/speech/").removesuffix(".mp3")
    assert key == hashlib.sha256("zh\nespeak-ng\n申请。".encode()).hexdigest()
    files = list(Path(speech.config["SPEECH_CACHE_DIR"]).rglob("*"))
    written = [path for path in files if path.is_file()]
    assert [path.name for path in written] == [f"{key}.mp3"]  # no temporary file left
    assert looks_like_mp3(written[0].read_bytes())


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (None, "现在无法朗读，请稍后再试。页面上的其他功能可以照常使用。"),
        (UYGHUR, "ھازىر ئوقۇپ بېرەلمەيدۇ، سەل تۇرۇپ قايتا سىناپ بېقىڭ."),
    ],
)
def test_no_working_engine_is_a_clear_503_in_the_persons_language(
    speech: Flask,
    client_request: ClientRequest,
    monkeypatch: pytest.MonkeyPatch,
    headers: Any,
    message: str,
) -> None:
    monkeypatch.setitem(speech.config, "SPEECH_ESPEAK_NG", "/nonexistent/espeak-ng")
    response = person_taps_read_aloud(client_request, "zh", "长期护理保险", headers)
    assert response.status_code == 503
    assert response.json["error"].startswith(message)
    assert response.headers["Cache-Control"] == "no-store"
    client_request.get("home.index", _headers=headers)  # the page itself still works


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"lang": "en", "text": "hello"}, 400),
        ({"lang": "zh", "text": "   "}, 400),
        ({"lang": "zh"}, 400),
        ({"lang": ["zh"], "text": "好"}, 400),
        ("长期护理保险", 400),
        ({"lang": "zh", "text": "长" * 3001}, 413),
    ],
)
def test_bad_requests_are_refused_without_synthesis(
    speech: Flask, client_request: ClientRequest, payload: Any, status: int
) -> None:
    control = client_request.get("home.index").select_one("[data-read-aloud]")
    response = client_request.client.post(
        "/speech", json=payload, headers={"X-CSRFToken": control["data-csrf-token"]}
    )
    assert response.status_code == status
    assert response.json["error"]
    assert "changhu_speech" not in speech.extensions or not syntheses(speech)


def test_speech_needs_the_pages_csrf_token(speech: Flask, client: FlaskClient) -> None:
    response = client.post("/speech", json={"lang": "zh", "text": "长期护理保险"})
    assert response.status_code == 400
    assert response.json["error"] == "这个页面打开太久了，请刷新页面后再按一次。"
    assert "changhu_speech" not in speech.extensions or not syntheses(speech)


@pytest.mark.parametrize("key", ["0" * 64, "../../etc/passwd", "ABC", "a" * 63])
def test_unknown_audio_is_not_found(speech: Flask, client: FlaskClient, key: str) -> None:
    assert client.get(f"/speech/{key}.mp3").status_code == 404


def test_healthz_reports_tts_without_failing_on_it(
    speech: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/healthz").json["tts"] == "ok"
    monkeypatch.setitem(speech.config, "SPEECH_ESPEAK_NG", "/nonexistent/espeak-ng")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["tts"] == "unavailable"
    assert response.json["db"] == "ok"


# Macros for pages


def render(app: Flask, source: str, headers: Any = None) -> BeautifulSoup:
    with app.test_request_context(headers=headers):
        return BeautifulSoup(render_template_string(source), "html.parser")


def test_on_a_question_page_the_one_control_reads_the_question(app: Flask) -> None:
    page = render(
        app,
        '{% from "components/read_aloud.html" import read_aloud_control %}'
        '{{ read_aloud_control(ui, target="question", label="朗读问题") }}',
    )
    (control,) = page.select("button")
    assert control.has_attr("data-read-aloud")
    assert control["data-read-aloud-target"] == "question"
    assert control["aria-controls"] == "question"
    assert control.get_text(strip=True) == control["data-label-start"] == "朗读问题"


@pytest.mark.parametrize(("headers", "label"), [(None, "说话输入"), (UYGHUR, "ئاۋاز بىلەن يېزىش")])
def test_voice_input_puts_a_hidden_microphone_beside_the_field(
    app: Flask, headers: Any, label: str
) -> None:
    page = render(
        app,
        '{% from "components/voice_input.html" import voice_input %}'
        '<textarea id="situation"></textarea>{{ voice_input("situation") }}',
        headers,
    )
    button = page.select_one("button[data-voice-input]")
    assert button["data-voice-input"] == "situation"
    assert button["aria-controls"] == "situation"
    assert button.has_attr("hidden")
    assert button["type"] == "button"
    assert button["data-wechat-config-url"] == "/speech/wechat-config"
    assert button.get_text(strip=True) == label
    assert button["data-message-failed"] and button["data-message-listening"]
    assert page.select_one("[role=status][data-voice-input-status]") is not None
    hint = page.select_one("[data-voice-input-hint]")
    assert hint.has_attr("hidden"), "nobody is told to speak where speaking does not work"


# WeChat JS-SDK configuration for voice input


def test_wechat_config_is_503_when_wechat_is_not_configured(
    speech: Flask, client: FlaskClient
) -> None:
    response = client.get("/speech/wechat-config", query_string={"url": "http://localhost/"})
    assert response.status_code == 503
    assert response.json["error"] == "微信语音输入暂时不能用。"


def test_wechat_config_is_503_when_wechat_is_unreachable(
    speech: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(speech.config, "WECHAT_APP_ID", "wx-test-app")
    monkeypatch.setitem(speech.config, "WECHAT_APP_SECRET", "wx-test-secret")
    monkeypatch.setitem(speech.config, "WECHAT_API_BASE", closed_port_url())
    response = client.get(
        "/speech/wechat-config", query_string={"url": "http://localhost/"}, headers=UYGHUR
    )
    assert response.status_code == 503
    assert response.json["error"] == "ئۈندىداردا ئاۋاز بىلەن يېزىش ھازىرچە ئىشلىمەيدۇ."


def test_wechat_config_signs_the_page_url_with_the_jsapi_ticket(
    wechat_api: FakeWeChatAPI, client: FlaskClient
) -> None:
    page_url = "http://localhost/apply?step=2"
    response = client.get("/speech/wechat-config", query_string={"url": page_url + "#top"})
    assert response.status_code == 200, response.json
    config = response.json
    assert config["appId"] == wechat_api.app_id
    assert {"startRecord", "stopRecord", "translateVoice"} <= set(config["jsApiList"])
    # WeChat's rule: sha1 of the sorted key=value pairs joined by "&" (no fragment in the URL).
    pairs = sorted(
        [
            f"jsapi_ticket={JSAPI_TICKET}",
            f"noncestr={config['nonceStr']}",
            f"timestamp={config['timestamp']}",
            f"url={page_url}",
        ]
    )
    expected = hashlib.sha1("&".join(pairs).encode(), usedforsecurity=False).hexdigest()
    assert config["signature"] == expected
    assert response.headers["Cache-Control"] == "no-store"


def test_wechat_token_and_ticket_are_fetched_once_and_kept(
    wechat_api: FakeWeChatAPI, client: FlaskClient
) -> None:
    for path in ("/", "/apply", "/"):
        response = client.get(
            "/speech/wechat-config", query_string={"url": f"http://localhost{path}"}
        )
        assert response.status_code == 200
    assert len(wechat_api.hits_to("/cgi-bin/token")) == 1
    assert len(wechat_api.hits_to("/cgi-bin/ticket/getticket")) == 1


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "javascript:alert(1)", "", "//evil.example/x"]
)
def test_wechat_config_signs_only_this_sites_pages(
    wechat_api: FakeWeChatAPI, client: FlaskClient, url: str
) -> None:
    response = client.get("/speech/wechat-config", query_string={"url": url})
    assert response.status_code == 400
    assert wechat_api.hits == []


# Limits


def test_new_texts_are_limited_per_address_but_cached_ones_are_free(
    speech: Flask, client_request: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(speech.config, "SPEECH_SYNTHESES_PER_IP", "3 per minute")
    for _ in range(5):
        assert person_taps_read_aloud(client_request, "zh", "同一段话").status_code == 200
    for number in range(2):
        assert person_taps_read_aloud(client_request, "zh", f"第 {number} 段").status_code == 200
    refused = person_taps_read_aloud(client_request, "zh", "第三段新的话")
    assert refused.status_code == 429
    assert refused.json["error"].startswith("朗读用得太频繁了")
    assert syntheses(speech) == {"espeak-ng": 3}


def test_the_speech_cache_keeps_to_its_size_dropping_what_was_heard_longest_ago(
    speech: Flask, client_request: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = person_taps_read_aloud(client_request, "zh", "第一段话").json["url"]
    size = (Path(speech.config["SPEECH_CACHE_DIR"]) / first[8:10] / first[8:]).stat().st_size
    monkeypatch.setitem(speech.config, "SPEECH_CACHE_MAX_BYTES", int(size * 3.5))
    urls = [first] + [
        person_taps_read_aloud(client_request, "zh", f"第{n}段话").json["url"]
        for n in ("二", "三", "四", "五")
    ]
    files = list(Path(speech.config["SPEECH_CACHE_DIR"]).glob("*/*.mp3"))
    assert sum(f.stat().st_size for f in files) <= size * 3.5
    newest = client_request.client.get(urls[-1])
    assert newest.status_code == 200
    newest.close()
    assert client_request.client.get(urls[0]).status_code == 404


def test_new_texts_wait_their_turn_for_the_local_engine_and_are_refused_when_it_stays_busy(
    speech: Flask, client_request: ClientRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A burst of new texts cannot take every core from the pages: espeak-ng runs a few at a
    time per process, and a text that waits longer than one synthesis may take gets the clear
    503, told beside the control; the next try is served."""
    monkeypatch.setitem(speech.config, "SPEECH_ENGINE_TIMEOUT", 0.5)
    person_taps_read_aloud(client_request, "ug", "سالام")  # the app's speech state exists now
    state: SpeechState = speech.extensions["changhu_speech"]
    busy = [state.local_engine.acquire(blocking=False) for _ in range(LOCAL_SYNTHESES_AT_ONCE)]
    assert all(busy)
    try:
        refused = person_taps_read_aloud(client_request, "ug", "ئۇزۇن مۇددەتلىك پەرۋىش", UYGHUR)
    finally:
        for _ in busy:
            state.local_engine.release()
    assert refused.status_code == 503
    served = person_taps_read_aloud(client_request, "ug", "ئۇزۇن مۇددەتلىك پەرۋىش", UYGHUR)
    assert served.status_code == 200 and served.json["engine"] == "espeak-ng"
