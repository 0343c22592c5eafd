"""A visitor has the page read aloud (one big control, sound only after a tap, plain failure)
and speaks an answer instead of typing it."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask, render_template_string
from playwright.sync_api import Browser, Locator, Page, Route, expect

from tests.e2e.conftest import save_screenshot
from tests.e2e.steps import visitor_opens_display_settings

FAILED = {
    "zh-Hans": "现在无法朗读，请稍后再试。页面上的其他功能可以照常使用。",
    "ug": "ھازىر ئوقۇپ بېرەلمەيدۇ، سەل تۇرۇپ قايتا سىناپ بېقىڭ. "
    "بەتتىكى باشقا ئىقتىدارلارنى ئادەتتىكىدەك ئىشلىتەلەيسىز.",
}


@pytest.fixture(autouse=True)
def _own_speech_cache(
    live_app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    # The live portal reads its configuration on every request, so a test may change it.
    monkeypatch.setitem(live_app.config, "SPEECH_CACHE_DIR", str(tmp_path / "speech"))
    live_app.extensions.pop("changhu_speech", None)
    yield
    live_app.extensions.pop("changhu_speech", None)


@pytest.fixture
def speech_impossible(live_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """No espeak-ng, and Google unreachable (the test configuration's closed port)."""
    monkeypatch.setitem(live_app.config, "SPEECH_ESPEAK_NG", "/nonexistent/espeak-ng")


def visitor_switches_to_uyghur(page: Page) -> None:
    page.get_by_role("link", name="ئۇيغۇرچە").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def visitor_taps_read_aloud(page: Page) -> None:
    with page.expect_response(lambda r: r.url.endswith("/speech") and r.request.method == "POST"):
        page.locator("[data-read-aloud]").click()


def reading_status(page: Page) -> Locator:
    return page.locator(".read-aloud [role=status]")


@pytest.mark.parametrize("language", ["zh-Hans", "ug"])
def test_one_large_read_aloud_control_on_the_page(page: Page, language: str) -> None:
    page.goto("/")
    if language == "ug":
        visitor_switches_to_uyghur(page)
    controls = page.locator("[data-read-aloud]:visible")
    expect(controls).to_have_count(1)
    box = controls.bounding_box()
    assert box is not None and box["width"] >= 60 and box["height"] >= 60
    expect(controls).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("document.querySelector('audio[data-read-aloud-audio]')") is None
    save_screenshot(page, "home-read-aloud")


def test_tapping_reads_the_page_and_tapping_again_stops(page: Page) -> None:
    page.goto("/")
    visitor_taps_read_aloud(page)
    page.wait_for_function(
        "() => { const a = document.querySelector('audio[data-read-aloud-audio]');"
        " return a && !a.paused && a.currentTime > 0 && a.src.includes('/speech/'); }"
    )
    control = page.locator("[data-read-aloud]")
    expect(control).to_have_attribute("aria-pressed", "true")
    expect(control).to_have_text("停止朗读")
    expect(reading_status(page)).to_have_text("正在朗读。再按一下可以停止。")
    save_screenshot(page, "home-reading-aloud")
    control.click()
    assert page.evaluate("document.querySelector('audio[data-read-aloud-audio]').paused")
    expect(control).to_have_attribute("aria-pressed", "false")
    expect(control).to_have_text("朗读本页")
    expect(reading_status(page)).to_have_text("")


def test_a_boosted_page_change_stops_the_reading_and_brings_a_fresh_control(page: Page) -> None:
    page.goto("/")
    visitor_taps_read_aloud(page)
    page.wait_for_function(
        "() => { const a = document.querySelector('audio[data-read-aloud-audio]');"
        " return a && !a.paused && (window.playing = a); }"
    )
    with page.expect_response(lambda r: r.request.headers.get("hx-boosted") == "true"):
        page.locator(".site-header__brand").click()
    expect(page.locator("[data-read-aloud]:visible")).to_have_count(1)
    expect(page.locator("[data-read-aloud]")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.playing.paused"), "the old page's reading goes on"


def test_audio_is_served_for_a_year_from_the_cache(page: Page) -> None:
    page.goto("/")
    with page.expect_response(lambda r: ".mp3" in r.url) as audio:
        visitor_taps_read_aloud(page)
    response = audio.value
    assert response.status in {200, 206}
    assert response.headers["content-type"] == "audio/mpeg"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.usefixtures("speech_impossible")
@pytest.mark.parametrize("language", ["zh-Hans", "ug"])
def test_when_speech_is_impossible_the_page_says_so_and_still_works(
    page: Page, language: str
) -> None:
    page.goto("/")
    if language == "ug":
        visitor_switches_to_uyghur(page)
    visitor_taps_read_aloud(page)
    status = reading_status(page)
    expect(status).to_have_text(FAILED[language])
    expect(status).to_be_visible()
    expect(page.locator("[data-read-aloud]")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(
        "(document.querySelector('audio[data-read-aloud-audio]') || {paused: true}).paused"
    )
    save_screenshot(page, "home-read-aloud-unavailable")
    visitor_opens_display_settings(page)
    page.locator("button[name=size][value='2']").click()
    expect(page.locator("html")).to_have_class("text-size-2 theme-standard")


def test_without_javascript_there_is_no_read_aloud_control(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    context.close()


# Voice input. No product page asks for free text yet, so the macro's HTML is added to the
# home page as htmx would swap it in; the browser's recogniser and WeChat's JS-SDK are stubs.

BROWSER_RECOGNISER = """
window.SpeechRecognition = window.webkitSpeechRecognition = class {
  start() {
    window.recognitionLang = this.lang;
    setTimeout(() => {
      this.onresult({resultIndex: 0, results: [Object.assign([{transcript: "吃饭要人喂"}],
                                                             {isFinal: true})]});
      this.onend();
    }, 300);
  }
  stop() {}
};
"""
WECHAT_JSSDK = """
window.wxCalls = [];
window.wx = {
  config(options) { wxCalls.push(["config", options.signature, options.jsApiList]); },
  ready(callback) { setTimeout(callback, 0); },
  error() {},
  onVoiceRecordEnd() {},
  startRecord(options) { wxCalls.push(["startRecord"]); options.success(); },
  stopRecord(options) { wxCalls.push(["stopRecord"]); options.success({localId: "voice-1"}); },
  translateVoice(options) {
    wxCalls.push(["translateVoice", options.localId]);
    options.success({translateResult: "吃饭要人喂。"});
  },
};
"""
WECHAT_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/116.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560"
)


def page_with_a_free_text_question(live_app: Flask, page: Page) -> None:
    with live_app.test_request_context():
        html = render_template_string(
            '{% from "components/voice_input.html" import voice_input %}'
            '<div id="question"><label for="reason">为什么申请？</label>'
            '<textarea id="reason"></textarea>{{ voice_input("reason") }}</div>'
        )
    page.goto("/")
    page.evaluate(
        """html => {
          document.querySelector("main").insertAdjacentHTML("beforeend", html);
          document.getElementById("question")
            .dispatchEvent(new CustomEvent("htmx:load", {bubbles: true}));
        }""",
        html,
    )


def test_voice_input_types_what_the_browser_heard(
    browser: Browser, base_url: str, live_app: Flask
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 812})
    context.add_init_script(BROWSER_RECOGNISER)
    page = context.new_page()
    page_with_a_free_text_question(live_app, page)
    microphone = page.get_by_role("button", name="说话输入")
    box = microphone.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    microphone.click()
    expect(page.locator("#reason")).to_have_value("吃饭要人喂")
    assert page.evaluate("window.recognitionLang") == "zh-CN"
    expect(page.locator("[data-voice-input]")).to_have_attribute("aria-pressed", "false")
    save_screenshot(page, "voice-input")
    context.close()


def test_in_wechat_voice_input_uses_the_js_sdk(
    browser: Browser, base_url: str, live_app: Flask
) -> None:
    context = browser.new_context(base_url=base_url, user_agent=WECHAT_USER_AGENT)
    signed: list[str] = []

    def wechat_config(route: Route) -> None:
        signed.append(route.request.url)
        route.fulfill(
            json={
                "appId": "wx-test-app",
                "timestamp": 1,
                "nonceStr": "n",
                "signature": "s",
                "jsApiList": ["startRecord", "stopRecord", "onVoiceRecordEnd", "translateVoice"],
            }
        )

    context.route("**/speech/wechat-config?*", wechat_config)
    context.route(
        "https://res.wx.qq.com/**",
        lambda route: route.fulfill(body=WECHAT_JSSDK, content_type="text/javascript"),
    )
    page = context.new_page()
    page_with_a_free_text_question(live_app, page)
    page.get_by_role("button", name="说话输入").click()
    expect(page.locator("[data-voice-input]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-voice-input-status]")).to_have_text("正在听，说完请再按一下。")
    page.get_by_role("button", name="说完了").click()
    expect(page.locator("#reason")).to_have_value("吃饭要人喂。")
    calls = page.evaluate("wxCalls")
    assert [call[0] for call in calls] == ["config", "startRecord", "stopRecord", "translateVoice"]
    assert "url=" + quote(base_url + "/", safe="") in signed[0]
    context.close()


def test_in_wechat_without_its_api_there_is_no_microphone(
    browser: Browser, base_url: str, live_app: Flask
) -> None:
    # The test portal has no WeChat app id: the configuration endpoint answers 503.
    context = browser.new_context(base_url=base_url, user_agent=WECHAT_USER_AGENT)
    page = context.new_page()
    with page.expect_response(lambda r: "/speech/wechat-config" in r.url) as config:
        page_with_a_free_text_question(live_app, page)
    assert config.value.status == 503
    expect(page.locator("[data-voice-input]")).to_be_hidden()
    context.close()


UNREACHABLE_RECOGNISER = """
window.SpeechRecognition = window.webkitSpeechRecognition = class {
  start() {
    setTimeout(() => { this.onerror({error: "network"}); this.onend(); }, 100);
  }
  stop() {}
};
"""


def test_a_recogniser_that_cannot_work_here_puts_the_microphone_away(
    browser: Browser, base_url: str, live_app: Flask
) -> None:
    """Chrome's recogniser needs Google, out of reach in mainland China: after its first
    "network" error the person is told to type, and no microphone is offered again."""
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 812})
    context.add_init_script(UNREACHABLE_RECOGNISER)
    page = context.new_page()
    page_with_a_free_text_question(live_app, page)
    expect(page.locator("[data-voice-input-hint]")).to_be_visible()
    page.get_by_role("button", name="说话输入").click()
    expect(page.locator("[data-voice-input-status]")).to_have_text(
        "这部手机现在不能用说话输入，请用键盘输入。"
    )
    expect(page.locator("[data-voice-input]")).to_be_hidden()
    expect(page.locator("[data-voice-input-hint]")).to_be_hidden()
    page_with_a_free_text_question(live_app, page)  # the next page of the visit
    expect(page.locator("[data-voice-input]")).to_be_hidden()
    expect(page.locator("[data-voice-input-hint]")).to_be_hidden()
    context.close()
