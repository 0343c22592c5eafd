"""What a person does in the portal, one helper per step, for the journeys. Each page a step
reaches is a `checkpoint`: a screenshot, then the accessibility audit (tests/e2e/audit.py)."""

import itertools
import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from playwright.sync_api import Locator, Page, expect

from tests import files
from tests.e2e.audit import checkpoint
from tests.e2e.measure import small_targets

RELATIVES = {
    "zh": {"name": "马秀兰", "id_number": "640104194403120022"},
    # A Uyghur reader types the name as the ID card prints it in Uyghur script.
    "ug": {"name": "ئايگۈل مەمەت", "id_number": "650102194502042022"},
}
_PHONES = itertools.count(1)


def unused_phone() -> str:
    """A mobile number no other browser test of this run signs in with: the database lasts the
    whole run, so a shared number would bring in another test's people, and a second sign-in
    within a minute gets no new code."""
    return f"1990000{next(_PHONES):04d}"


def sign_in_code(live_app: Flask, phone: str) -> str:
    """The code in the latest text message to this phone (other tests' messages go to others)."""
    for message in live_app.extensions["changhu_sms"].outbox:  # newest first
        found = re.search(r"(?<!\d)\d{6}(?!\d)", message.text)
        if message.phone == phone and found:
            return found.group()
    raise AssertionError(f"no sign-in code was sent to {phone}")


def tap(page: Page, target: Locator) -> None:
    """Tap a link or button and wait until the next page is there: boosted links and forms
    swap the page by htmx (no navigation event), others load a new document."""
    next_page_after(page, target.click)


def press(page: Page, key: str) -> None:
    """Press a key that leads to the next page (Enter on a link or button), and wait for it."""
    next_page_after(page, lambda: page.keyboard.press(key))


def next_page_after(page: Page, action: Callable[[], None]) -> None:
    # Only a whole page settling counts, not a fragment (an autosave's "已保存").
    page.evaluate(
        "window.__settled = false;"
        "document.addEventListener('htmx:afterSettle', (event) => {"
        " if (event.detail.boosted || event.target === document.body) window.__settled = true })"
    )
    action()
    page.wait_for_function("() => window.__settled !== false")  # a function: the CSP forbids eval
    page.wait_for_load_state()


def carry_on(page: Page) -> None:
    tap(page, page.locator("main form button.button--primary").last)


def visitor_opens_display_settings(page: Page) -> None:
    """The header's one "字号" control opens the text sizes and the contrast switch."""
    folded = page.locator("details.disclosure--display-settings:not([open]) > summary")
    if folded.count():
        folded.click()
    expect(page.locator("button[name=theme]")).to_be_visible()


def visitor_chooses_language(page: Page, language: str) -> None:
    page.goto("/")
    if language == "ug":
        page.locator("a.language-switch__link[lang=ug]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ug" if language == "ug" else "zh-Hans")
    checkpoint(page, "home")


def person_signs_in(page: Page, live_app: Flask, phone: str) -> None:
    tap(page, page.locator("header .account-menu__sign-in"))
    page.fill("#phone", phone)
    checkpoint(page, "sign-in-phone")
    carry_on(page)
    expect(page.locator(".countdown__time")).to_be_visible()
    page.fill("#code", sign_in_code(live_app, phone))
    checkpoint(page, "sign-in-code")
    carry_on(page)
    expect(page.locator("header .disclosure--account summary")).to_be_visible()
    expect(page.locator(".account-menu__who")).to_contain_text(phone[-4:])


def person_adds_relative_with_power_of_attorney(
    page: Page, relative: dict[str, str], tmp: Path
) -> None:
    page.goto("/people/add")
    page.locator("#agree").check()
    checkpoint(page, "consent")
    carry_on(page)
    page.fill("#name", relative["name"])
    page.fill("#id_number", relative["id_number"])
    checkpoint(page, "person-who")
    carry_on(page)
    page.locator("label[for=relation-2]").click()  # 子女
    checkpoint(page, "person-relation")
    carry_on(page)
    page.locator("label[for=acting_as-1]").click()  # 委托代理人: gives a power of attorney
    checkpoint(page, "person-acting-as")
    carry_on(page)
    proof = tmp / "power-of-attorney.jpg"
    proof.write_bytes(files.photo_with_location())
    page.set_input_files("#document", str(proof))
    checkpoint(page, "power-of-attorney")
    carry_on(page)
    card_heading = page.locator(".summary-card").get_by_role("heading", name=relative["name"])
    expect(card_heading).to_be_visible()
    checkpoint(page, "people")


def person_self_assesses(page: Page) -> None:
    page.goto("/self-assessment/")
    page.locator(".choice label").first.click()
    checkpoint(page, "self-assessment-start")
    carry_on(page)
    number = 0
    while "/questions/" in page.url:
        number += 1
        if number == 1:  # the questions share one template: the first stands for the rest
            assert small_targets(page) == []
            checkpoint(page, "self-assessment-question")
        page.locator(".choice label").last.click()
        carry_on(page)
    expect(page.locator(".result-panel--apply")).to_be_visible()
    checkpoint(page, "self-assessment-result")


ANSWERS = {
    "ethnicity": lambda p: p.fill("#text", "回族"),
    "insured_phone": lambda p: p.fill("#phone", "13912345678"),
    "address": lambda p: (p.fill("#district", "天山区"), p.fill("#detail", "解放南路 66 号")),
    "months_disabled": lambda p: p.fill("#months", "30"),
    "months_treated": lambda p: p.fill("#months", "30"),
    "reason": lambda p: p.fill("#text", "中风以后卧床两年了 吃饭穿衣都要人帮"),
    "applicant": lambda p: (
        p.fill("#name", "马强"),
        p.fill("#id_number", "11010519491231002X"),
        p.fill("#phone", "13700137000"),
        p.fill("#address", "银川市金凤区"),
    ),
}


CHOICES = {"work_injury_allowance": "no", "first_application": "yes", "rehabilitation": "no"}


def person_answers_questions(page: Page) -> None:
    while True:
        pending = page.locator(
            ".task-list__item:has(.task-list__status--todo) a[href*='/questions/']"
        )
        if pending.count() == 0:
            return
        tap(page, pending.first)
        while "/questions/" in page.url:
            key = page.url.rsplit("/", 1)[-1].split("?")[0]
            if key in ANSWERS:
                ANSWERS[key](page)
            else:
                choice = CHOICES.get(key)
                radios = page.locator(
                    f".choice:has(input[value='{choice}']) label" if choice else ".choice label"
                )
                radios.first.click()
            checkpoint(page, f"apply-question-{key}")
            carry_on(page)


def person_uploads_photo_and_pdf(page: Page, tmp: Path) -> None:
    """A photo taken with the camera, a PDF from the phone, and (where a third is needed) the
    photo used again from the files uploaded before."""
    tap(page, page.locator("a[href$='/materials']").first)
    checkpoint(page, "apply-materials")
    photo, pdf = tmp / "id-card.jpg", tmp / "hospital-record.pdf"
    photo.write_bytes(files.photo_with_location())
    pdf.write_bytes(files.pdf())
    uploaded = 0
    while page.locator(".material--missing").count():
        missing = page.locator(".material--missing").first
        code = missing.get_attribute("id").removeprefix("material-")
        tap(page, missing.locator("a.material__open"))
        if uploaded == 0:
            checkpoint(page, "apply-material")
            page.locator("#document-camera").set_input_files(str(photo))
            expect(page.locator("[data-file-picker-name]")).to_have_text("id-card.jpg")
            expect(page.locator("[data-file-picker-preview]")).to_be_visible()
            checkpoint(page, "apply-material-chosen")
            tap(page, page.locator("main form button.button--primary"))
        else:
            expect(page.locator(".earlier-file")).not_to_have_count(0)
            if uploaded == 1:
                checkpoint(page, "apply-material-earlier-files")
            if code == "medical_records":
                page.locator("#document").set_input_files(str(pdf))
                tap(page, page.locator("main form button.button--primary"))
            else:
                tap(page, page.locator(".earlier-file").first)
        uploaded += 1
    expect(page.locator(".material--done").first).to_be_visible()
    checkpoint(page, "apply-materials-uploaded")


def person_applies(page: Page, tmp: Path) -> str:
    page.goto("/apply/")
    page.locator(".choice label").first.click()
    checkpoint(page, "apply-start")
    carry_on(page)
    checkpoint(page, "apply-task-list")
    person_answers_questions(page)
    person_uploads_photo_and_pdf(page, tmp)
    tap(page, page.locator(".back-link"))
    tap(page, page.locator("a[href$='/self-assessment']"))
    checkpoint(page, "apply-self-assessment")
    carry_on(page)
    tap(page, page.locator("a[href$='/pledge']"))
    page.locator("#accept").check()
    checkpoint(page, "apply-pledge")
    carry_on(page)
    expect(page.locator(".task-list__status--todo")).to_have_count(0)
    checkpoint(page, "apply-task-list-done")
    tap(page, page.locator("main a.button--primary"))
    checkpoint(page, "apply-check")
    carry_on(page)
    reference = page.locator(".reference").inner_text()
    checkpoint(page, "apply-confirmation")
    person_presses_back_after_submitting(page)
    return reference


def person_presses_back_after_submitting(page: Page) -> None:
    """Back from the confirmation never offers to submit again: the check page is asked for
    anew and the server answers with the confirmation."""
    page.go_back()
    page.wait_for_load_state()
    expect(page.locator(".reference")).to_be_visible()
    expect(page.locator("form[action$='/submit']")).to_have_count(0)


def person_follows_their_application(page: Page, reference: str) -> None:
    """The confirmation's way on: the printable record and, within ten minutes, withdrawal
    (looked at, not done), then my applications with the new reference."""
    confirmation = page.url
    tap(page, page.locator("main a[href$='/record']"))
    checkpoint(page, "apply-record")
    page.goto(confirmation)
    tap(page, page.locator("main a[href$='/withdraw']"))
    checkpoint(page, "apply-withdraw")
    page.goto("/applications/")
    expect(page.locator("main")).to_contain_text(reference)
    checkpoint(page, "my-applications")
