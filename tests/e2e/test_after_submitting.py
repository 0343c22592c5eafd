"""After submitting, on a phone, in Chinese (ningxia) and in Uyghur (xinjiang): staff drive
the case through the console, and the person follows it on the timeline — uploads a missing
document, objects (in time; late in xinjiang, whose window is the publicity period) and
prints the written application, chooses an institution from the directory, confirms the care
plan and reports a hospital stay (a pause in ningxia, 000:23(1); not stated in xinjiang).
Every page on the way is audited and photographed."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.clock import china_today
from portal.extensions import db
from portal.models import Case, StaffRole
from tests import files
from tests.e2e.audit import checkpoint
from tests.e2e.conftest import save_screenshot
from tests.e2e.steps import carry_on, sign_in_code, tap, unused_phone, visitor_chooses_language
from tests.functional.aftercare import submitted
from tests.functional.staff import StaffAccount, StaffClient, make_staff, staff_signs_in

# Roster people no other browser test uses: each language's case starts clean.
PEOPLE = {
    "zh": {"region": "ningxia", "name": "李建国"},
    "ug": {"region": "xinjiang", "name": "艾买提·吐尔逊"},
}
OBJECTION = ("请求复评", "评估那天精神好，平时夜里要翻身三次", "评估在白天", "医院的诊断证明")


class Console:
    """The staff of one region, each deciding in the console (through its routes)."""

    def __init__(self, app: Flask, region: str) -> None:
        self.app = app
        made = {
            "reviewer": make_staff(app, f"e2e.reviewer.{region}", StaffRole.REVIEWER, region),
            "specialist": make_staff(app, f"e2e.specialist.{region}", StaffRole.SPECIALIST, region),
        }
        for number in (1, 2):
            made[f"expert{number}"] = make_staff(
                app,
                f"e2e.expert{number}.{region}",
                StaffRole.ASSESSOR,
                region,
                expert=True,
                organisation=f"评估中心{number}",
            )
        self.accounts: dict[str, StaffAccount] = made
        self.signed_in: dict[str, StaffClient] = {}

    def of(self, who: str) -> StaffClient:
        """Each signs in once (a one-time code is good once), and again after the sessions
        have ended (``next_day``)."""
        if who not in self.signed_in:
            self.signed_in[who] = staff_signs_in(
                self.app, self.app.test_client(), self.accounts[who]
            )
        return self.signed_in[who]

    def next_day(self) -> None:
        self.signed_in.clear()

    def act(self, who: str, case_id: int, kind: str, **fields: object) -> None:
        page = self.of(who).act(case_id, kind, **fields)
        assert page is None, page.get_text() if page else ""


def person_signs_in_when_asked(page: Page, live_app: Flask, phone: str) -> None:
    page.goto("/applications/")
    if page.locator("#phone").count():
        page.fill("#phone", phone)
        carry_on(page)
        page.fill("#code", sign_in_code(live_app, phone))
        carry_on(page)
    expect(page.locator("h1")).to_be_visible()


def person_opens_their_case(page: Page) -> None:
    page.goto("/applications/")
    tap(page, page.locator("main a[href$='/'][href*='/applications/']").first)
    expect(page.locator(".case-timeline")).to_be_visible()


def person_uploads_the_missing_document(page: Page, tmp: Path) -> None:
    tap(page, page.locator(".todo-panel a.button").first)
    photo = tmp / "hospital-record.jpg"
    photo.write_bytes(files.photo_with_location())
    page.locator(".material--missing input[type=file]").first.set_input_files(str(photo))
    tap(page, page.locator(".material--missing button[type=submit]").first)
    expect(page.locator(".material--missing")).to_have_count(0)
    checkpoint(page, "requested-materials")
    tap(page, page.locator("main form[action$='/send'] button"))


def person_objects_and_prints(page: Page, late: bool) -> None:
    tap(page, page.locator("[data-stage=objection] a[href$='/objection/']"))
    if late:
        expect(page.locator(".warning-panel")).to_be_visible()
    checkpoint(page, "objection-start")
    tap(page, page.locator("main a.button--primary"))
    for number, answer in enumerate(OBJECTION):
        page.fill("#answer", answer)
        if number == 0:
            checkpoint(page, "objection-question")
        carry_on(page)
    checkpoint(page, "objection-evidence")
    tap(page, page.locator("main a.button--primary"))
    checkpoint(page, "objection-check")
    carry_on(page)
    expect(page.locator(".letter")).to_contain_text(OBJECTION[1])
    checkpoint(page, "objection-letter")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    save_screenshot(page, "objection-letter-printed")
    page.emulate_media(media="screen")


def person_chooses_an_institution_from_the_directory(page: Page) -> str:
    tap(page, page.locator(".todo-panel a[href$='/care/mode']"))
    page.locator("label[for=mode-0]").click()  # home care
    checkpoint(page, "care-mode")
    carry_on(page)
    tap(page, page.locator("main a[href*='/institutions/']"))
    checkpoint(page, "institutions-directory")
    card = page.locator(".institution:has(a[href*='pick='])").first
    name = card.locator("h3").inner_text()
    tap(page, card.locator("a[href*='pick=']"))
    expect(page.locator("input[name=institution]:checked")).to_have_count(1)
    carry_on(page)
    checkpoint(page, "care-check")
    carry_on(page)
    return name


def person_reports_a_hospital_stay(page: Page) -> None:
    tap(page, page.locator("main a[href$='/care/hospital']"))
    page.fill("#day", (china_today() - timedelta(days=1)).isoformat())
    checkpoint(page, "care-hospital")
    carry_on(page)
    expect(page.locator("[data-stage=care_changes]")).to_have_class(re.compile("--now"))
    expect(page.locator(".todo-panel a[href$='/care/hospital']")).to_be_visible()


def person_confirms_the_care_plan(page: Page) -> None:
    tap(page, page.locator(".todo-panel a[href$='/care/plan']"))
    checkpoint(page, "care-plan")
    carry_on(page)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """China's clock, moved forward when the case waits (the publicity period)."""
    with time_machine.travel(datetime.now(UTC), tick=True) as traveller:
        yield traveller


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_a_case_after_submitting(
    page: Page, live_app: Flask, language: str, tmp_path: Path, clock: time_machine.Traveller
) -> None:
    person = PEOPLE[language]
    region = person["region"]
    console = Console(live_app, region)
    phone = unused_phone()
    application_id = submitted(live_app, region, phone, china_today(), person["name"])
    with live_app.app_context():
        case_id = db.session.scalar(select(Case.id).filter_by(application_id=application_id))
    assert case_id is not None

    # The reviewer asks for a missing document; the person uploads it from the timeline.
    console.act("reviewer", case_id, "materials_requested", codes="medical_records")
    visitor_chooses_language(page, language)
    person_signs_in_when_asked(page, live_app, phone)
    person_opens_their_case(page)
    expect(page.locator("[data-stage=review]")).to_have_class(re.compile("--now"))
    checkpoint(page, "status-materials-requested")
    person_uploads_the_missing_document(page, tmp_path)
    expect(page.locator("[data-stage=review]")).to_contain_text(re.compile(r"\d"))

    # Accepted, visited, concluded (level 4) and publicised, each step in the console.
    console.act("reviewer", case_id, "accepted")
    experts = [console.accounts["expert1"].id, console.accounts["expert2"].id]
    console.act(
        "specialist",
        case_id,
        "assessment_scheduled",
        visit_on=china_today().isoformat(),
        assessors=experts,
    )
    for expert in ("expert1", "expert2"):
        console.act(expert, case_id, "assessor_declared", tie="no")
    console.act("expert1", case_id, "conclusion_recorded", level=4, qualifies="yes")
    console.act("expert2", case_id, "conclusion_confirmed")
    console.act("reviewer", case_id, "publicity_started")
    page.reload()
    expect(page.locator("[data-stage=visit]")).to_have_class(re.compile("--done"))
    expect(page.locator("[data-stage=publicity]")).to_have_class(re.compile("--now"))
    checkpoint(page, "status-publicity")

    # Two weeks later the publicity is over and the letter is delivered.
    clock.shift(timedelta(days=14))
    console.next_day()
    console.act("reviewer", case_id, "delivered", delivered_on=china_today().isoformat())
    person_signs_in_when_asked(page, live_app, phone)
    person_opens_their_case(page)
    expect(page.locator("[data-stage=letter]")).to_have_class(re.compile("--done"))
    # ningxia: 10 working days from delivery; xinjiang: the publicity period, now over —
    # so the Uyghur-speaking person objects late, is warned with the date, and still files.
    late = region == "xinjiang"
    state = "--closed" if late else "--now"
    expect(page.locator("[data-stage=objection]")).to_have_class(re.compile(state))
    checkpoint(page, "status-delivered")
    person_objects_and_prints(page, late)

    person_opens_their_case(page)
    institution = person_chooses_an_institution_from_the_directory(page)
    expect(page.locator("[data-stage=care]")).to_contain_text(institution)

    console.act(
        "specialist",
        case_id,
        "care_plan_proposed",
        mode="home",
        visits_per_week=3,
        minutes_per_visit=90,
        carers=1,
        people=1,
        items="助浴、翻身、喂饭",
    )
    page.reload()
    person_confirms_the_care_plan(page)
    expect(page.locator("[data-stage=care_plan]")).to_have_class(re.compile("--done"))
    person_reports_a_hospital_stay(page)
    paused = "暂停" if language == "zh" else "توختىتىلىدۇ"  # ningxia states it; xinjiang does not
    if region == "ningxia":
        expect(page.locator(".todo-panel")).to_contain_text(paused)
    else:
        expect(page.locator(".todo-panel")).not_to_contain_text(paused)
    checkpoint(page, "status-in-care")
