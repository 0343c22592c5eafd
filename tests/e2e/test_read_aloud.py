"""A visitor has the page read aloud: one big control, sound only after a tap, plain failure."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import save_screenshot

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
    page.locator("button[name=size][value='2']").click()
    expect(page.locator("html")).to_have_class("text-size-2 theme-standard")


def test_without_javascript_there_is_no_read_aloud_control(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    context.close()
