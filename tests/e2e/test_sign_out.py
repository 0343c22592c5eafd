"""On a shared phone: after signing out, Back shows nothing of the person's file."""

import re
from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Account,
    Application,
    Consent,
    InsuredPerson,
    Relation,
    Representation,
    utcnow,
)
from portal.privacy.service import NOTICE_VERSION, SENSITIVE_DATA
from tests.e2e.steps import person_signs_in, tap

PHONE = "15800158000"
ADDRESS = "正源北街 8 号 3 单元"
ILLNESS = "脑梗以后卧床三年"


def mothers_application(app: Flask, phone: str) -> int:
    """A son's draft for his mother, with her address and illness (made directly, so this
    test is about signing out, not about applying)."""
    with app.app_context():
        account = db.session.scalar(select(Account).filter_by(phone=phone))
        mother = db.session.scalar(select(InsuredPerson).filter_by(name="马秀兰"))
        db.session.add(
            Consent(account_id=account.id, purpose=SENSITIVE_DATA, notice_version=NOTICE_VERSION)
        )
        db.session.add(
            Representation(
                account_id=account.id, insured_person_id=mother.id, relation=Relation.CHILD
            )
        )
        application = Application(
            account_id=account.id,
            insured_person_id=mother.id,
            region_code=mother.region_code,
            answers={
                "address": {"district": "金凤区", "detail": ADDRESS},
                "reason": {"text": ILLNESS},
            },
            draft_expires_at=utcnow() + timedelta(days=60),
        )
        db.session.add(application)
        db.session.commit()
        return application.id


@pytest.mark.parametrize("viewport", ["phone"])
def test_back_after_signing_out_shows_nothing_personal(page: Page, live_app: Flask) -> None:
    page.goto("/")
    person_signs_in(page, live_app, PHONE)
    application_id = mothers_application(live_app, PHONE)
    page.goto(f"/apply/{application_id}/record")
    expect(page.locator("main")).to_contain_text(ADDRESS)
    expect(page.locator("main")).to_contain_text(ILLNESS)

    page.locator(".disclosure--account > summary").click()
    with page.expect_response(lambda r: r.url.endswith("/sign-out")) as signed_out:
        tap(page, page.locator(".account-menu__who ~ form button"))
    assert signed_out.value.all_headers()["clear-site-data"] == '"cache", "storage"'
    expect(page.locator("header .account-menu__sign-in")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/apply/{application_id}/record$"))
    # The server is asked again and answers with the sign-in page: nothing kept is shown.
    expect(page.locator("#phone")).to_be_visible()
    body = page.locator("body").inner_text()
    assert ADDRESS not in body and ILLNESS not in body and "已登录" not in body
    kept = page.evaluate("() => JSON.stringify(window.localStorage)")
    assert ADDRESS not in kept and ILLNESS not in kept
