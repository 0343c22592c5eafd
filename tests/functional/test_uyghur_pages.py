"""A Uyghur reader's pages say what the Chinese says in the glossary's words, with dates in
words and numbers and article codes kept whole in right-to-left text (../shared/UYGHUR.md)."""

from datetime import date

from flask import Flask

from portal.clock import china_date
from portal.extensions import db
from portal.models import Application
from tests.functional.conftest import MA_XIULAN, ClientRequest
from tests.functional.journey import (
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
    person_starts_application,
)


def reads_uyghur(client_request: ClientRequest) -> None:
    client_request.client.get("/language/ug")


def test_a_refusal_speaks_about_the_insured_person_and_cites_in_words(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    signed_in.post(
        "apply.question_page",
        {"choice": "yes"},
        application_id=application_id,
        key="work_injury_allowance",
    )
    reads_uyghur(signed_in)
    panel = signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    text = panel.get_text()
    reason = panel.select_one("li p").get_text()
    assert reason.startswith("سۇغۇرتىلانغۇچى ئىش ئۈستىدە يارىلىنىش سۇغۇرتىسىنىڭ")
    assert "بولسىڭىز" not in reason and "قىلالمايسىز" not in reason
    # The article in words; the Chinese title isolated, so right-to-left text keeps it whole.
    source = panel.select_one(".source")
    assert source.get_text().startswith("ئاساس: ")
    assert source.select_one("bdi[dir=ltr][lang=zh-Hans]")
    assert "12-ماددا" in source.get_text() and "000:" not in text
    assert "（" not in text and "）" not in text


def test_the_confirmation_gives_the_date_in_words_and_keeps_numbers_whole(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person_self_assesses(app, signed_in, MA_XIULAN["name"])
    application_id = person_completes_application(app, signed_in, MA_XIULAN["name"])
    signed_in.post("apply.submit", application_id=application_id)
    reads_uyghur(signed_in)
    page = signed_in.get("apply.confirmation", application_id=application_id)
    text = page.get_text()
    assert "ئىلتىماس تاپشۇرۇلدى" in text
    with app.app_context():
        application = db.session.get(Application, application_id)
        submitted = china_date(application.submitted_at)
        reference = application.reference
    assert page.select_one(".reference bdi[dir=ltr]").get_text() == reference
    # The agency answers within 5 working days: a day in words, never an ISO date.
    steps = page.select_one(".steps").get_text()
    assert "-يىلى " in steps and "-ئاينىڭ " in steps and "-كۈنى" in steps
    assert not any(
        date.fromordinal(day).isoformat() in text
        for day in range(submitted.toordinal(), submitted.toordinal() + 30)
    )
    hotline = [bdi.get_text() for bdi in page.select("p bdi[dir=ltr]")]
    assert "12393" in hotline
