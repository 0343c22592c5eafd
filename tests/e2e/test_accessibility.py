"""What the audits of each page cannot see: a keyboard user's way through a page, the phone's
own font setting left alone, errors told in words and a sign, and the pages beside the journey
(privacy notice, an error page, a form with errors) audited like the journey's."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from portal import id_numbers
from tests.e2e.audit import checkpoint, unaudited
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.steps import (
    carry_on,
    person_adds_relative_with_power_of_attorney,
    person_signs_in,
    press,
    tap,
    unused_phone,
    visitor_chooses_language,
    visitor_opens_display_settings,
)

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = {"zh": ("张桂英", "12010119460116202"), "ug": ("王淑珍", "23010319470530202")}

# What shows that an element has the focus, read from its computed style (and, for a radio,
# from its label's, which is what the eye sees).
LOOK_JS = """
(element) => {
  const look = (el) => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.borderColor].join("|"); };
  const label = element.labels && element.labels[0];
  return look(element) + "#" + (label ? look(label) : "");
}
"""

CONTROLS_JS = """
() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility === 'visible'
                  && !el.disabled && (!el.checkVisibility || el.checkVisibility()))
"""


@pytest.fixture
def phone(browser: Browser, base_url: str, csp_watched: Callable[[Page], Page]) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"])
    yield csp_watched(context.new_page())
    context.close()


def keyboard_user_tabs_through(page: Page) -> list[str]:
    """Tab from the top of the page to the end; every control must take the focus once (a
    radio group once) and look different when it has it. Returns the controls' names."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    controls = page.locator("body").evaluate_handle(CONTROLS_JS)
    count = int(controls.evaluate("(list) => list.length"))
    unfocused = [controls.evaluate(f"(list) => ({LOOK_JS})(list[{i}])") for i in range(count)]
    reached: dict[int, str] = {}
    problems = []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        index = int(controls.evaluate("(list) => list.indexOf(document.activeElement)"))
        if index < 0:
            break  # past the last control
        name = str(
            page.evaluate(
                "(el => (el.innerText || el.labels?.[0]?.innerText || el.name).trim())"
                "(document.activeElement)"
            )
        )[:30]
        if index in reached:
            break
        reached[index] = name
        if controls.evaluate(f"(list) => ({LOOK_JS})(list[{index}])") == unfocused[index]:
            problems.append(f"no visible focus: {name}")
        box = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return r.bottom > 0 && r.top < innerHeight"
            " && r.right > 0 && r.left < innerWidth; })()"
        )
        if not box:
            problems.append(f"focused but out of sight: {name}")
    groups = controls.evaluate(
        "(list) => list.map((el) => el.type === 'radio' ? 'radio:' + el.name : null)"
    )
    for index in range(count):
        group = groups[index]
        if index not in reached and not (group and any(groups[i] == group for i in reached)):
            problems.append(f"never reached by Tab: control {index} ({group or 'not a radio'})")
    assert not problems, "\n".join(problems)
    return list(reached.values())


def press_tab_until(page: Page, selector: str, most: int = 40) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("theme", ["standard", "contrast"])
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_every_control_on_the_home_page_shows_the_keyboard_focus(
    phone: Page, language: str, theme: str
) -> None:
    visitor_chooses_language(phone, language)
    if theme == "contrast":
        visitor_opens_display_settings(phone)
        phone.locator("button[name=theme]").click()
        expect(phone.locator("html")).to_have_class(re.compile("theme-contrast"))
        phone.wait_for_load_state()
    names = keyboard_user_tabs_through(phone)
    assert len(names) >= 10  # skip link, brand, language, 字号, sign-in, read-aloud, menu …
    # The first Tab shows the skip link, and it takes the reader to the content.
    phone.evaluate("document.activeElement.blur()")
    phone.keyboard.press("Tab")
    expect(phone.locator(".skip-link")).to_be_focused()
    assert phone.locator(".skip-link").bounding_box()["y"] >= 0  # type: ignore[index]
    phone.keyboard.press("Enter")
    expect(phone.locator("main")).to_be_focused()


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_a_question_is_answered_with_the_keyboard_alone(
    phone: Page, live_app: Flask, language: str, tmp_path: Path
) -> None:
    name, first_17 = PEOPLE[language]
    with unaudited():
        visitor_chooses_language(phone, language)
        person_signs_in(phone, live_app, unused_phone())
        relative = {"name": name, "id_number": id_numbers.with_check_character(first_17)}
        person_adds_relative_with_power_of_attorney(phone, relative, tmp_path)
    phone.goto("/self-assessment/")
    # Who for: arrow keys move among the choices, Space picks one, Enter on the button goes on.
    press_tab_until(phone, "input[type=radio]")
    phone.keyboard.press("Space")
    expect(phone.locator("input[type=radio]").first).to_be_checked()
    press_tab_until(phone, "button.button--primary")
    press(phone, "Enter")
    expect(phone).to_have_url(re.compile(r"/questions/1$"))
    keyboard_user_tabs_through(phone)
    phone.evaluate("document.activeElement.blur()")
    press_tab_until(phone, "input[type=radio]")
    phone.keyboard.press("ArrowDown")
    radios = phone.locator("main input[type=radio]")
    expect(radios.nth(1)).to_be_checked()
    expect(radios.nth(1)).to_be_focused()
    press_tab_until(phone, "button.button--primary")
    press(phone, "Enter")
    expect(phone).to_have_url(re.compile(r"/questions/2$"))


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_errors_are_told_in_words_and_a_sign_not_colour_alone(phone: Page, language: str) -> None:
    visitor_chooses_language(phone, language)
    tap(phone, phone.locator("header .account-menu__sign-in"))
    phone.fill("#phone", "123")
    carry_on(phone)
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).not_to_be_empty()
    expect(summary.locator("li a")).to_have_attribute("href", "#phone")
    message = phone.locator(".error-message")
    expect(message).to_have_count(1)
    assert message.inner_text().strip(), "an error message with no words"
    sign = message.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert "⚠" in sign, f"no warning sign before the message: {sign}"
    expect(message.locator(".visually-hidden")).not_to_be_empty()  # "Error:" for screen readers
    field = phone.locator("#phone")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "phone-error" in (field.get_attribute("aria-describedby") or "")
    # Besides its colour, the field in error has a thicker border and a bar beside it.
    assert float(field.evaluate("(el) => parseFloat(getComputedStyle(el).borderTopWidth)")) > 3
    group = phone.locator(".form-group--error")
    assert group.evaluate("(el) => getComputedStyle(el).borderInlineStartStyle") == "solid"
    assert phone.title().startswith(("错误", "خاتالىق")), phone.title()
    checkpoint(phone, "sign-in-phone-error")


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_pages_beside_the_journey_pass_the_same_audit(phone: Page, language: str) -> None:
    visitor_chooses_language(phone, language)
    tap(phone, phone.locator("footer a[href*='privacy']"))
    checkpoint(phone, "privacy-notice")
    phone.goto("/no-such-page")
    expect(phone.locator("h1")).not_to_be_empty()
    checkpoint(phone, "not-found")


def test_the_phones_own_text_size_is_never_locked(phone: Page) -> None:
    """WeChat and phone browsers enlarge text by the person's setting; `text-size-adjust: none`
    (or a fixed percentage) and a viewport that forbids zooming would take that away."""
    locks = re.compile(r"text-size-adjust\s*:\s*(?!auto)", re.IGNORECASE)
    for path in [*ROOT.glob("static/**/*.css"), *ROOT.glob("portal/templates/**/*.html")]:
        assert not locks.search(path.read_text(encoding="utf-8")), path
    for path in ROOT.glob("static/large-ui/js/*.js"):
        text = path.read_text(encoding="utf-8")
        assert "setFontSizeCallback" not in text and "textSizeAdjust" not in text, path
    phone.goto("/")
    declared = phone.evaluate(
        """() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
             .map((rule) => rule.style
                  && (rule.style.textSizeAdjust || rule.style.webkitTextSizeAdjust))
             .filter((value) => value && value !== 'auto')"""
    )
    assert declared == []
    viewport = phone.locator("meta[name=viewport]").get_attribute("content") or ""
    assert "user-scalable=no" not in viewport.replace(" ", "")
    assert "user-scalable=0" not in viewport.replace(" ", "")
    maximum = re.search(r"maximum-scale\s*=\s*([\d.]+)", viewport)
    assert maximum is None or float(maximum.group(1)) >= 5, viewport
