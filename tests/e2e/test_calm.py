"""Calm screens, measured on a phone (375×812) and a narrow phone (320 px), in both languages:
the question and its first answer on the first screen, a header that leaves room for them,
and the length of a three-option question page. The figures are printed at the end of the run.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from tests.e2e.audit import LARGEST, NARROWEST, REPORT, display, unaudited
from tests.e2e.conftest import VIEWPORTS, save_screenshot
from tests.e2e.steps import RELATIVES, carry_on, person_signs_in, visitor_chooses_language

PHONES = {"375px": VIEWPORTS["phone"], "320px": NARROWEST}
PEOPLE = {"zh": "13100131000", "ug": "13200132000"}

SCREEN_JS = """
() => {
  const box = (el) => el ? el.getBoundingClientRect() : null;
  const heading = box(document.querySelector("main h1"));
  const option = box(document.querySelector("main .choice"));
  return {
    screen: innerHeight, length: document.body.scrollHeight,
    header: box(document.querySelector("header")).bottom + scrollY,
    headingTop: heading.top + scrollY, optionTop: option.top + scrollY,
    optionBottom: option.bottom + scrollY,
  };
}
"""


@pytest.fixture(scope="module")
def question_pages(
    browser: Browser, base_url: str, live_app: Flask
) -> Iterator[dict[str, dict[str, Any]]]:
    """For each language, a person applying for themself: their cookies and the path of a
    question with three answers (the care category)."""
    prepared = {}
    for language in ("zh", "ug"):
        context = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"])
        page = context.new_page()
        with unaudited():
            visitor_chooses_language(page, language)
            person_signs_in(page, live_app, PEOPLE[language])
            person_adds_themself(page, RELATIVES[language])
            page.goto("/apply/")
            page.locator(".choice label").first.click()
            carry_on(page)
        path = urlsplit(page.url).path + "questions/care_category"
        prepared[language] = {"cookies": context.cookies(), "path": path}
        context.close()
    yield prepared


def person_adds_themself(page: Page, person: dict[str, str]) -> None:
    page.goto("/people/add")
    page.locator("#agree").check()
    carry_on(page)
    page.fill("#name", person["name"])
    page.fill("#id_number", person["id_number"])
    carry_on(page)
    page.locator("label[for=relation-0]").click()  # 我本人就是参保人
    carry_on(page)


def open_as(
    browser: Browser, base_url: str, prepared: dict[str, Any], size: dict[str, int]
) -> tuple[Any, Page]:
    context = browser.new_context(base_url=base_url, viewport=size)
    context.add_cookies(prepared["cookies"])
    page = context.new_page()
    page.goto(prepared["path"])
    return context, page


def record(line: str) -> None:
    REPORT.calm.append(line)
    print(line)


@pytest.mark.parametrize("phone", list(PHONES))
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_the_question_comes_first(
    browser: Browser,
    base_url: str,
    question_pages: dict[str, dict[str, Any]],
    language: str,
    phone: str,
    tmp_path: Path,
) -> None:
    context, page = open_as(browser, base_url, question_pages[language], PHONES[phone])
    problems = []
    for size, screens, header_share in ((1, 1.0, 0.15), (LARGEST, 1.5, 0.25)):
        with display(page, size):
            page.evaluate("window.scrollTo(0, 0)")
            m = page.evaluate(SCREEN_JS)
            save_screenshot(page, f"question-3-answers-text-size-{size}")
        screen = m["screen"]
        record(
            f"{language} {phone} text size {size}: header {m['header']:.0f}px"
            f" ({m['header'] / screen:.0%} of the first screen), heading at"
            f" {m['headingTop'] / screen:.2f} screens, first answer"
            f" {m['optionTop'] / screen:.2f}–{m['optionBottom'] / screen:.2f} screens,"
            f" page {m['length']:.0f}px ({m['length'] / screen:.2f} screens)"
        )
        if m["header"] > header_share * screen:
            problems.append(f"size {size}: header {m['header']:.0f}px > {header_share:.0%}")
        if size == 1 and m["optionBottom"] > screen:
            problems.append("default size: the first answer is not on the first screen")
        if size == LARGEST and max(m["headingTop"], m["optionTop"]) > screens * screen:
            problems.append("largest size: the first answer starts below 1.5 screens")
    context.close()
    assert not problems, problems
