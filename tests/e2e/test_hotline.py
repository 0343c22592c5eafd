"""The hotline in Chromium, on a phone in both languages: a citizen files a complaint and
reads the reply; a person chatting on the portal asks for a human, and a hotline member in a
second browser answers while the person watches."""

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.complaints import handling
from portal.extensions import db
from portal.models import Complaint, StaffUser
from portal.staff.auth.service import hash_password
from tests.e2e.audit import checkpoint
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.steps import (
    carry_on,
    person_signs_in,
    tap,
    unused_phone,
    visitor_chooses_language,
)
from tests.fakes.rasa_bot import FakeBot
from tests.fakes.server import serving

PASSWORD = "e2e hotline password"


@pytest.fixture
def phone(browser: Browser, base_url: str, csp_watched: Callable[[Page], Page]) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"])
    yield csp_watched(context.new_page())
    context.close()


@pytest.fixture
def office(browser: Browser, base_url: str, csp_watched: Callable[[Page], Page]) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1366, "height": 768})
    yield csp_watched(context.new_page())
    context.close()


def choose(page: Page, value: str) -> None:
    page.locator(f"input[type=radio][value='{value}'] + label").click()
    carry_on(page)


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_a_citizen_files_a_complaint_and_reads_the_reply(
    phone: Page, live_app: Flask, language: str
) -> None:
    page = phone
    visitor_chooses_language(page, language)
    person_signs_in(page, live_app, unused_phone())
    page.goto("/complaints/")
    checkpoint(page, "complaints")
    tap(page, page.locator("form[action$='/complaints/start'] button"))
    checkpoint(page, "complaint-region")
    choose(page, "fuzhou")
    choose(page, "service_quality")
    choose(page, "care_institution")
    page.fill("#answer", "仓山颐养院")
    carry_on(page)
    checkpoint(page, "complaint-what-happened")
    carry_on(page)  # nothing typed: the error is said next to the field and in the summary
    expect(page.locator(".error-summary")).to_be_visible()
    page.fill("#answer", "护理员每周只来两次，记录上写五次。")
    carry_on(page)
    checkpoint(page, "complaint-evidence")
    tap(page, page.locator("main a.button--primary"))
    choose(page, "anonymous")
    checkpoint(page, "complaint-check")
    carry_on(page)
    expect(page.locator(".reference")).to_contain_text("TS-")
    reference = page.locator(".reference").inner_text().strip()
    checkpoint(page, "complaint-received")

    with live_app.test_request_context():
        agency = db.session.scalar(select(StaffUser).filter_by(username="reviewer.fz"))
        if agency is None:  # the demo data has no fuzhou reviewer: a central one answers
            agency = db.session.scalar(select(StaffUser).filter_by(username="reviewer.nx"))
            agency.region_code = None  # type: ignore[union-attr]
        complaint = db.session.scalar(select(Complaint).filter_by(reference=reference))
        assert agency is not None and complaint is not None
        handling.act(agency, complaint, "answer", text="经核查属实，已责令机构整改。")
    page.reload()
    expect(page.locator(".reply-text")).to_contain_text("已责令机构整改")
    checkpoint(page, "complaint-answered")


def hotline_signs_in(page: Page, live_app: Flask) -> None:
    with live_app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(username="hotline"))
        assert user is not None
        user.password_hash = hash_password(PASSWORD)
        db.session.commit()
    page.goto("/staff/")
    page.fill("#username", "hotline")
    page.fill("#password", PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("#inbox-list")).to_be_visible()


@pytest.fixture
def answering_bot(live_app: Flask) -> Iterator[FakeBot]:
    """The bot's REST channel, faked on loopback (elsewhere in the browser tests it is down)."""
    with serving(FakeBot()) as bot:
        assert isinstance(bot, FakeBot)
        down = live_app.config["BOT_URL"]
        live_app.config["BOT_URL"] = bot.url
        yield bot
        live_app.config["BOT_URL"] = down


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_the_bots_answer_with_a_link_reads_in_order(
    phone: Page, answering_bot: FakeBot, base_url: str, language: str
) -> None:
    question = {"zh": "宁夏要带什么材料", "ug": "نىڭشيادا قانداق ماتېرىيال كېرەك"}[language]
    link = f"{base_url}/institutions/"
    here = {"zh": "👉 在这里办：", "ug": "👉 بۇ يەردە بېجىرىڭ:"}[language]
    answering_bot.answers[question] = [{"text": f"……\n{here}\n{link}"}]
    visitor_chooses_language(phone, language)
    phone.goto("/assistant/")
    phone.fill("form.chat-form textarea", question)
    tap(phone, phone.locator("form.chat-form button[type=submit]"))
    expect(phone.locator(".chat__message--bot a")).to_have_text(link)
    checkpoint(phone, "assistant-bot-answer")  # its audit: the address reads left to right
    tap(phone, phone.locator(".chat__message--bot a"))
    expect(phone).to_have_url(link)


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_a_person_chatting_asks_for_a_human_and_staff_answer(
    phone: Page, office: Page, live_app: Flask, language: str
) -> None:
    visitor_chooses_language(phone, language)
    phone.goto("/assistant/")
    checkpoint(phone, "assistant")
    tap(phone, phone.locator("form[action$='/assistant/person'] button"))
    expect(phone.locator("#assistant-messages .notice")).to_be_visible()
    checkpoint(phone, "assistant-waiting")

    hotline_signs_in(office, live_app)
    waiting = office.locator("#inbox-list tbody tr").last  # the newest waits last
    expect(waiting).to_contain_text("还没人接")
    tap(office, waiting.locator("a"))
    tap(office, office.locator("form[action$='/claim'] button"))
    office.fill("#reply-text", "您好，我是热线王芳，请问有什么可以帮您？")
    tap(office, office.locator("form[action$='/reply'] button"))
    expect(office.locator("#chat-messages")).to_contain_text("热线王芳")

    # The person's page shows it by itself within a few seconds: no reload.
    phone.evaluate("window.__same_page = true")
    staff_message = phone.locator(".chat__message--staff")
    expect(staff_message).to_contain_text("热线王芳", timeout=10_000)
    assert phone.evaluate("window.__same_page === true")
    # The page's read-aloud control now reads this reply, the newest answer.
    expect(staff_message.locator("#latest-answer")).to_contain_text("热线王芳")
    expect(phone.locator("[data-read-aloud-target='latest-answer']")).to_be_visible()
    checkpoint(phone, "assistant-answered")
    office.locator("form[action$='/close'] button").click()
