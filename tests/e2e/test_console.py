"""The staff console in Chromium on a 1366×768 office screen: a reviewer signs in with a TOTP
code, works the queue and decides with a form that replaces itself; axe-core finds nothing
serious, in Chinese and in Uyghur. The public publicity page is a citizen's page: audited on a
phone like every other."""

from collections.abc import Callable, Iterator

import pyotp
import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import StaffUser
from portal.staff.auth.service import hash_password
from tests.e2e.audit import BLOCKING, axe_violations, checkpoint, describe
from tests.e2e.steps import tap

OFFICE = {"width": 1366, "height": 768}
PASSWORD = "e2e reviewer password"


@pytest.fixture
def office(browser: Browser, base_url: str, csp_watched: Callable[[Page], Page]) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=OFFICE)
    yield csp_watched(context.new_page())
    context.close()


def totp_secret_with_known_password(live_app: Flask, username: str) -> str:
    with live_app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(username=username))
        user.password_hash = hash_password(PASSWORD)
        user.totp_last_step = None
        db.session.commit()
        return str(user.totp_secret)


def staff_signs_in(page: Page, live_app: Flask, username: str, lands_on: str) -> None:
    secret = totp_secret_with_known_password(live_app, username)
    page.goto("/staff/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lands_on)


def reviewer_signs_in(page: Page, live_app: Flask) -> None:
    staff_signs_in(page, live_app, "reviewer.nx", "工作队列")


def no_serious_axe_findings(page: Page) -> None:
    found = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not found, "\n".join(describe(found))


def fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reviewer_works_the_queue_and_decides_in_place(office: Page, live_app: Flask) -> None:
    page = office
    reviewer_signs_in(page, live_app)
    overdue = page.locator("#queue .due--overdue").first
    expect(overdue).to_contain_text("已逾期")
    rows = page.locator("#queue tbody tr")
    assert "已逾期" in rows.first.inner_text()  # overdue first
    fits_the_screen(page)
    no_serious_axe_findings(page)

    tap(page, rows.filter(has_text="待受理审核").first.locator("a"))
    expect(page.locator("h1")).to_contain_text("NX-")
    fits_the_screen(page)
    no_serious_axe_findings(page)

    # The form answers with its own error in place: the page is not reloaded.
    page.evaluate("window.__same_page = true")
    request_form = page.locator("form[action$='/materials_requested']")
    request_form.get_by_role("button").click()
    expect(page.locator("form[action$='/materials_requested'] .error-summary")).to_contain_text(
        "请至少选一项缺少的材料"
    )
    assert page.evaluate("window.__same_page === true")
    no_serious_axe_findings(page)
    form = page.locator("form[action$='/materials_requested']")
    form.get_by_label("参保人的有效身份证件或参保凭证").check()
    form.get_by_role("button").click()
    expect(page.locator("main > p strong").first).to_have_text("等申请人补材料")

    page.locator("a.language-switch__link[lang=ug]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    fits_the_screen(page)
    no_serious_axe_findings(page)


def test_the_conclusion_letter_prints_without_the_console(office: Page, live_app: Flask) -> None:
    page = office
    reviewer_signs_in(page, live_app)
    tap(page, page.locator("#queue tbody tr", has_text="结论书已送达").first.locator("a"))
    tap(page, page.get_by_role("link", name="评估结论书（打印）"))
    letter = page.locator(".letter")
    expect(letter).to_contain_text("有效期")
    expect(letter).to_contain_text("对结论有异议怎么办")
    no_serious_axe_findings(page)
    page.emulate_media(media="print")
    expect(page.locator(".staff-header")).to_be_hidden()
    expect(page.get_by_role("button", name="打印")).to_be_hidden()
    expect(letter).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_the_public_publicity_page_on_a_phone(page: Page, language: str) -> None:
    page.goto(f"/publicity/?region=ningxia&lang={language}")
    cards = page.locator(".summary-card")
    expect(cards.first).to_contain_text("*")
    assert "冯有才" not in page.inner_text("main")
    checkpoint(page, "publicity")
    tap(page, page.locator(".summary-card a").first)
    checkpoint(page, "publicity-objection")


def test_the_administrators_pages_pass_axe(office: Page, live_app: Flask) -> None:
    page = office
    staff_signs_in(page, live_app, "admin", "账号管理")
    no_serious_axe_findings(page)
    tap(page, page.get_by_role("link", name="specialist.nx"))
    expect(page.locator("h1")).to_contain_text("specialist.nx")
    no_serious_axe_findings(page)
    page.goto("/staff/admin/audit?person=冯有才")
    expect(page.locator("tbody tr").first).to_be_visible()
    no_serious_axe_findings(page)
    page.goto("/staff/admin/imports")
    no_serious_axe_findings(page)
    fits_the_screen(page)
