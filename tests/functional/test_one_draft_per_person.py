"""One draft per person: racing starts share one draft (and one unfinished self-assessment),
a pending application is pointed out, and adding the same relative twice at once is
explained, never a 500."""

from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Application, ApplicationStatus, Representation, SelfAssessment
from tests.functional.concurrency import at_once, same_session_clients
from tests.functional.conftest import MA_XIULAN, ClientRequest
from tests.functional.journey import (
    insured_person_id,
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
)


def drafts(app: Flask) -> list[Application]:
    with app.app_context():
        return list(
            db.session.scalars(select(Application).filter_by(status=ApplicationStatus.DRAFT))
        )


def test_starts_at_the_same_moment_share_one_draft(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person = str(insured_person_id(app, MA_XIULAN["name"]))
    token = signed_in.csrf_token()
    clients = same_session_clients(signed_in, 8)
    responses = at_once(
        [
            lambda c=c: c.post("/apply/", data={"csrf_token": token, "person": person})
            for c in clients
        ]
    )
    assert [getattr(r, "status_code", r) for r in responses] == [303] * 8
    (draft,) = drafts(app)
    assert {r.headers["Location"] for r in responses} == {f"/apply/{draft.id}/"}


def test_opening_the_start_page_for_a_person_makes_no_draft(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person = insured_person_id(app, MA_XIULAN["name"])
    page = signed_in.get("apply.start", person=person)
    assert page.select_one(f"input[name=person][value='{person}']").has_attr("checked")
    assert drafts(app) == []
    signed_in.post("apply.start", {"person": str(person)})
    assert len(drafts(app)) == 1


def test_starting_while_an_application_is_pending_says_so_and_links_to_it(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    person_self_assesses(app, signed_in, MA_XIULAN["name"])
    submitted = person_completes_application(app, signed_in, MA_XIULAN["name"])
    signed_in.post("apply.submit", application_id=submitted)
    person = str(insured_person_id(app, MA_XIULAN["name"]))
    page = signed_in.parse(signed_in.post("apply.start", {"person": person}, _expected_status=200))
    panel = page.select_one("#pending-application")
    assert "已经有一份申请在办理中" in panel.get_text()
    assert panel.select_one(f"a[href='/apply/{submitted}/confirmation']")
    assert drafts(app) == []
    signed_in.post("apply.start", {"person": person, "anyway": "1"})
    assert len(drafts(app)) == 1


def test_adding_the_same_relative_twice_at_once_is_explained(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    signed_in.post("people.who", MA_XIULAN)
    token = signed_in.csrf_token()
    first, second = same_session_clients(signed_in, 2)
    for tab in (first, second):
        response = tab.post("/people/add/relation", data={"csrf_token": token, "relation": "self"})
        assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Representation)) == 1
    notice = ClientRequest(second).get("people.index").select_one(".notice").get_text()
    assert "您已经添加过这位参保人了。" in notice


def test_self_assessment_starts_at_the_same_moment_share_one(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    with app.app_context():
        representation = str(db.session.scalar(select(Representation.id)))
    token = signed_in.csrf_token()
    clients = same_session_clients(signed_in, 8)
    responses = at_once(
        [
            lambda c=c: c.post(
                "/self-assessment/", data={"csrf_token": token, "person": representation}
            )
            for c in clients
        ]
    )
    assert [getattr(r, "status_code", r) for r in responses] == [303] * 8
    with app.app_context():
        (started,) = db.session.scalars(select(SelfAssessment)).all()
    assert {r.headers["Location"] for r in responses} == {
        f"/self-assessment/{started.id}/questions/1"
    }
