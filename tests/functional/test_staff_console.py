"""The console's htmx: the queue refreshes itself (page and fragment one template), a decision
form replaces itself while it has errors and sends the browser on once decided; filters."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from portal.cases import decisions, review
from portal.clock import CHINA, china_today
from portal.models import StaffRole
from portal.policy import compute_deadline
from tests.functional.case_services import case_team, conclude, new_case
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.staff import (
    StaffAccount,
    StaffClient,
    make_staff,
    staff_signs_in,
    submitted_case,
)

HTMX = {"HX-Request": "true"}


def test_the_queue_page_and_its_refreshing_fragment_are_one_template(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    submitted_case(app, client_request)
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "reviewer", StaffRole.REVIEWER))
    page = reviewer.get("staff_cases.queue")
    fragment = reviewer.client.get("/staff/queue", headers=HTMX)
    assert "HX-Request" in fragment.headers["Vary"]
    html = fragment.get_data(as_text=True)
    assert "<html" not in html
    poller = BeautifulSoup(html, "html.parser").select_one("#queue")
    assert poller is not None and poller["hx-trigger"] == "every 60s"
    assert poller.get_text() == page.select_one("#queue").get_text()
    assert "马秀兰" in poller.get_text()
    other = reviewer.client.get("/staff/queue?district=西夏区", headers=HTMX).get_data(as_text=True)
    assert "马秀兰" not in other and "现在没有要处理的案件" in other


def test_a_decision_form_replaces_itself_with_errors_then_sends_the_page_on(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "reviewer", StaffRole.REVIEWER))
    response = reviewer.post("staff_cases.act", {}, 200, HTMX, case_id=case_id, kind="refused")
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = fragment.select_one("form")
    assert form is not None and form["hx-target"] == "this" and form["hx-swap"] == "outerHTML"
    assert "请至少选一个不予受理的理由" in form.select_one(".error-summary").get_text()
    assert fragment.select_one("html") is None
    response = reviewer.post(
        "staff_cases.act",
        {"refused-reasons": "not_insured"},
        204,
        HTMX,
        case_id=case_id,
        kind="refused",
    )
    assert response.headers["HX-Redirect"] == f"/staff/cases/{case_id}"
    page = reviewer.get("staff_cases.case_file", case_id=case_id).get_text()
    assert "不予受理" in page and "第十二条" in page
    # The applicant reads the agency's reason in words, with what they can do instead.
    with app.app_context():
        from portal.extensions import db
        from portal.models import Case

        application_id = db.session.get(Case, case_id).application_id
    text = client_request.get("apply.confirmation", application_id=application_id).get_text()
    assert "不予受理" in text and "没有参加长期护理保险" in text and "先参加医疗保险" in text


@pytest.mark.parametrize(
    ("role", "poller"),
    [
        (StaffRole.SPECIALIST, "queue"),
        (StaffRole.HOTLINE, "inbox-list"),
        (StaffRole.HOTLINE, "chat-messages"),
    ],
)
def test_a_part_refreshing_itself_does_not_keep_a_session_alive(
    app: Flask, client: FlaskClient, role: StaffRole, poller: str
) -> None:
    import time_machine

    from portal.chat import service as chat
    from portal.clock import utcnow

    staff_signs_in(app, client, make_staff(app, "member", role))
    page = {"queue": "/staff/queue", "inbox-list": "/staff/inbox/"}.get(poller)
    if page is None:
        with app.app_context():
            handoff, _ = chat.request_handoff("portal-polling", "user_request", "zh", "找人工")
            page = f"/staff/inbox/{handoff.id}"
    # The page carries the poller that sends this trigger.
    assert BeautifulSoup(client.get(page).get_data(as_text=True), "html.parser").select_one(
        f"#{poller}[hx-trigger^=every]"
    )
    start = utcnow()
    with time_machine.travel(start, tick=False) as clock:
        for minutes in range(1, 32):  # half an hour of polling every minute
            clock.move_to(start + timedelta(minutes=minutes))
            polled = client.get(page, headers={**HTMX, "HX-Trigger": poller})
        assert polled.status_code == 403
        assert polled.headers["HX-Redirect"].startswith("/staff/sign-in")
        assert client.get(page).status_code == 303


def test_working_keeps_the_session_alive(app: Flask, client: FlaskClient) -> None:
    import time_machine

    from portal.clock import utcnow

    staff_signs_in(app, client, make_staff(app, "specialist", StaffRole.SPECIALIST))
    start = utcnow()
    with time_machine.travel(start, tick=False) as clock:
        for minutes in range(5, 60, 5):
            clock.move_to(start + timedelta(minutes=minutes))
            assert client.get("/staff/queue").status_code == 200


def test_an_expired_form_token_on_a_decision_goes_back_to_the_case(
    app: Flask, client: FlaskClient
) -> None:
    staff_signs_in(app, client, make_staff(app, "reviewer", StaffRole.REVIEWER))
    response = client.post(
        "/staff/cases/1/actions/accepted",
        data={"csrf_token": "stale"},
        headers={"Referer": "http://localhost/staff/cases/1"},
    )
    assert response.status_code == 303 and response.headers["Location"] == "/staff/cases/1"


# ------------------------------------------------------------------ deadlines in the queue

MONDAY = date(2026, 3, 2)


def long(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def morning(day: date) -> datetime:
    return datetime.combine(day, time(9), CHINA)


def due(rule: str, start: date = MONDAY) -> date:
    return compute_deadline("ningxia", rule, start).due


def queue_rows(app: Flask, client: FlaskClient, reviewer: StaffAccount) -> list[tuple[str, str]]:
    """The queue as the reviewer reads it, top to bottom: (reference, deadline cell); a red
    deadline cell starts with "!"."""
    staff = staff_signs_in(app, client, reviewer)
    rows = []
    for row in staff.get("staff_cases.queue").select("#queue tbody tr"):
        reference, *_, deadline = row.select("td")
        red = "!" if deadline.select_one(".due--overdue") else ""
        rows.append((reference.get_text(strip=True), red + " ".join(deadline.get_text().split())))
    return rows


def test_the_queue_runs_the_letters_deadline_and_never_calls_an_ended_period_overdue(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    with time_machine.travel(morning(MONDAY), tick=False) as clock:
        with app.test_request_context():
            team = case_team(app, "ningxia")
            publicised = new_case("ningxia", "T-PUBLICITY")  # a qualifying conclusion
            review.accept(publicised, team["reviewer"])
            conclude(publicised, team, ("a1", "a2"))
            decisions.start_publicity(publicised, team["reviewer"])
            publicised_id = publicised.id
            delivered = new_case("ningxia", "T-DELIVERED")  # a failed one: delivered at once
            review.accept(delivered, team["reviewer"])
            conclude(delivered, team, ("b1", "b2"), level=1)
            decisions.deliver(delivered, team["reviewer"], delivered_on=china_today())
            new_case("ningxia", "T-SUBMITTED")  # waits for the acceptance review
        reviewer = make_staff(app, "queue.reviewer", StaffRole.REVIEWER)
        letter, review_due = due("conclusion_delivery"), due("acceptance_review")
        publicity_end, objection_end = due("publicity_end"), due("objection")

        # During publicity the letter's deadline runs, beside the end of publicity.
        rows = dict(queue_rows(app, new_client(), reviewer))
        assert rows["T-PUBLICITY"] == (
            f"结论书送达：还剩 30 个工作日（{long(letter)}） "
            f"公示结束：还剩 3 个工作日（{long(publicity_end)}）"
        )
        assert rows["T-DELIVERED"] == f"异议期：还剩 10 个工作日（{long(objection_end)}）"

        # Publicity and the objection window have ended: done, not late. Only the review is.
        clock.move_to(morning(objection_end + timedelta(days=1)))
        rows_in_order = queue_rows(app, new_client(), reviewer)
        assert [reference for reference, _cell in rows_in_order] == [
            "T-SUBMITTED",
            "T-PUBLICITY",
            "T-DELIVERED",
        ]
        rows = dict(rows_in_order)
        assert (
            rows["T-SUBMITTED"].startswith("!受理审核：已逾期")
            and long(review_due) in rows["T-SUBMITTED"]
        )
        assert rows["T-PUBLICITY"].startswith("结论书送达：还剩")
        assert rows["T-PUBLICITY"].endswith(f"公示已于 {long(publicity_end)} 期满，可以送达结论书")
        assert rows["T-DELIVERED"] == f"异议期已于 {long(objection_end)} 结束"

        # The letter was not delivered in time: that is overdue, in red.
        clock.move_to(morning(letter + timedelta(days=1)))
        rows = dict(queue_rows(app, new_client(), reviewer))
        assert rows["T-PUBLICITY"].startswith(f"!结论书送达：已逾期 1 个工作日（{long(letter)}）")
        # The case page says the same.
        staff = staff_signs_in(app, new_client(), reviewer)
        heading = staff.get("staff_cases.case_file", case_id=publicised_id).select_one("h1 + p")
        assert heading is not None and heading.select_one(".due--overdue") is not None
        assert "可以送达结论书" in heading.get_text()


def test_the_case_page_shows_the_self_assessment_and_who_decided(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    from portal.extensions import db
    from portal.models import Case

    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)  # with the signed self-assessment
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case is not None and case.application.self_assessment is not None
        result = case.application.self_assessment.result
    assert result is not None
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "王芳", StaffRole.REVIEWER))
    reviewer.act(case_id, "accepted")

    page = reviewer.get("staff_cases.case_file", case_id=case_id)
    panel = page.select_one("[aria-labelledby=answers-heading]")
    assert panel is not None
    answers = " ".join(panel.get_text().split())
    assert "自评结果（仅供参考）" in answers and "没有自评" not in answers
    assert result["level_name"]["zh"] in answers
    first = result["indicators"][0]
    assert f"{first['name']['zh']}：{first['score']}/{first['max_score']}" in answers
    history = [" ".join(li.get_text().split()) for li in page.select(".timeline li")]
    assert history[-1].endswith("受理 · 王芳（经办人员）"), history


def test_the_queue_filters_by_region_for_staff_of_every_region(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    with app.test_request_context():
        new_case("ningxia", "T-NINGXIA")
        new_case("xinjiang", "T-XINJIANG")
    everywhere = staff_signs_in(
        app, new_client(), make_staff(app, "reviewer.all", StaffRole.REVIEWER, None)
    )

    def references(staff: StaffClient, **query: str) -> list[str]:
        page = staff.get("staff_cases.queue", **query)
        return sorted(a.get_text(strip=True) for a in page.select("#queue tbody td:first-child a"))

    page = everywhere.get("staff_cases.queue")
    options = [o["value"] for o in page.select("select#region option")]
    assert "ningxia" in options and "xinjiang" in options
    assert references(everywhere) == ["T-NINGXIA", "T-XINJIANG"]
    assert references(everywhere, region="xinjiang") == ["T-XINJIANG"]
    assert references(everywhere, region="ningxia") == ["T-NINGXIA"]
    # The filter keeps its choice, and the refreshing queue keeps it too.
    filtered = everywhere.get("staff_cases.queue", region="xinjiang")
    chosen, poller = filtered.select_one("#region [selected]"), filtered.select_one("#queue")
    assert chosen is not None and chosen["value"] == "xinjiang"
    assert poller is not None and "region=xinjiang" in str(poller["hx-get"])
    # A region's staff have no region to choose and see only their own, whatever the address.
    ningxia = staff_signs_in(app, new_client(), make_staff(app, "reviewer.nx", StaffRole.REVIEWER))
    assert ningxia.get("staff_cases.queue").select_one("select#region") is None
    assert references(ningxia, region="xinjiang") == ["T-NINGXIA"]


def test_the_conclusion_form_is_offered_from_the_visits_day(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    """Before the visit an assessor finds nothing to fill in yet; on its day, the form."""
    from tests.functional import aftercare

    visit_on = date(2026, 3, 6)
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=CHINA), tick=False) as clock:
        application_id = aftercare.submitted(app, "ningxia", "13800138000", date(2026, 3, 2))
        aftercare.accepted(app, application_id, date(2026, 3, 3))
        aftercare.visit_scheduled(app, application_id, date(2026, 3, 3), visit_on)
        with app.app_context():
            case_id = aftercare.case_of(app, application_id).id
        expert_id = aftercare.staff_of(app, "ningxia").experts[0]
        aftercare.console(app, new_client(), expert_id).act(case_id, "assessor_declared", tie="no")

        def offered() -> bool:  # signed in afresh: days pass between the looks
            expert = aftercare.console(app, new_client(), expert_id)
            page = expert.get("staff_cases.case_file", case_id=case_id)
            return page.select_one("form[action$='/conclusion_recorded']") is not None

        assert not offered()
        clock.move_to(datetime(2026, 3, 6, 9, tzinfo=CHINA))
        assert offered()
