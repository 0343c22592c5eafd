"""Every /staff route tried with every role and with a citizen: each reaches only its own."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import StaffRole
from portal.staff.cases.service import files_of
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.staff import (
    StaffClient,
    make_staff,
    schedule_visit,
    staff_signs_in,
    submitted_case,
)

R, S, A = StaffRole.REVIEWER, StaffRole.SPECIALIST, StaffRole.ASSESSOR
H = StaffRole.HOTLINE
COMPLAINTS = {H, S, R}
CASE_WORK = {R, S, A}
ADMIN = {StaffRole.ADMIN}
EVERYONE = set(StaffRole)
# Who may reach each staff route; a route missing here fails the test, so a new one is added
# with its roles on purpose.
EXPECTED: dict[str, set[StaffRole] | None] = {
    "staff_auth.sign_in": None,  # None: the sign-in pages, for anyone
    "staff_auth.code": None,
    "staff_auth.set_up_code": None,
    "staff_auth.sign_out": None,
    "staff_auth.development_codes": None,
    "staff_home.home": EVERYONE,
    "staff_cases.queue": CASE_WORK,
    "staff_cases.case_file": CASE_WORK,
    "staff_cases.act": CASE_WORK,
    "staff_cases.view_file": CASE_WORK,
    "staff_cases.letter": {R, S},
    "staff_people.search": {R, S},
    "staff_people.person_file": {R, S},
    "staff_people.reveal": {R, S},
    "staff_admin.accounts": ADMIN,
    "staff_admin.new_account": ADMIN,
    "staff_admin.account": ADMIN,
    "staff_admin.account_action": ADMIN,
    "staff_admin.audit": ADMIN,
    "staff_admin.imports": ADMIN,
    "staff_inbox.waiting": {H},
    "staff_inbox.chat": {H},
    "staff_inbox.claim": {H},
    "staff_inbox.reply": {H},
    "staff_inbox.sms": {H},
    "staff_inbox.call_back": {H},
    "staff_inbox.close": {H},
    "staff_complaints.queue": COMPLAINTS,
    "staff_complaints.complaint": COMPLAINTS,
    "staff_complaints.act": COMPLAINTS,
    "staff_complaints.evidence_file": COMPLAINTS,
    "staff_complaints.phone": {H},
    "staff_call_backs.tasks": {H},
    "staff_call_backs.new": {H},
    "staff_call_backs.task": {H},
    "staff_callers.lookup": {H},
    "staff_callers.found": {H},
    "staff_callers.person": {H},
    "staff_alerts.index": CASE_WORK,
    "staff_alerts.open_alert": CASE_WORK,
}


def test_every_staff_route_answers_only_its_roles(
    app: Flask,
    new_client: Callable[[], FlaskClient],
    client_request: ClientRequest,
    roster: None,
) -> None:
    staff_rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/staff")]
    assert {r.endpoint for r in staff_rules} == set(EXPECTED)

    accounts = {role: make_staff(app, role.value, role, expert=True) for role in StaffRole}
    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)
    schedule_visit(
        app,
        case_id,
        accounts[R].id,
        [accounts[A].id, make_staff(app, "expert2", A, expert=True).id],
    )
    with app.app_context():
        from portal.models import Case

        case = db.session.get(Case, case_id)
        upload_id = files_of(case)[0][1].id
        person_id = case.insured_person_id
    values = {
        "case_id": case_id,
        "upload_id": upload_id,
        "person_id": person_id,
        "user_id": accounts[S].id,
        "kind": "publicity_started",  # not possible at this step: refused, changes nothing
        "action": "unlock",
        "handoff_id": 1,
        "complaint_id": 1,
        "task_id": 1,
        "consent_id": 1,
        "notification_id": 1,  # nobody's: 404 for those allowed, 403 for the others
    }

    def status(client: StaffClient, rule: object, token: str) -> int:
        url = client.url(rule.endpoint, **{k: values[k] for k in rule.arguments})  # type: ignore[attr-defined]
        if "GET" in rule.methods:  # type: ignore[attr-defined]
            return client.client.get(url).status_code
        return client.client.post(url, data={"csrf_token": token}).status_code

    for role, account in accounts.items():
        staff = staff_signs_in(app, new_client(), account)
        token = staff.csrf_token()
        for rule in staff_rules:
            allowed = EXPECTED[rule.endpoint]
            if allowed is None or rule.endpoint == "staff_auth.sign_out":
                continue
            code = status(staff, rule, token)
            if role in allowed:
                assert code != 403, (role, rule.rule, code)
            else:
                assert code == 403, (role, rule.rule, code)

    # A citizen's session is no staff session: never a staff page.
    citizen = StaffClient(client_request.client)
    token = citizen.csrf_token()
    for rule in staff_rules:
        if EXPECTED[rule.endpoint] is None:
            continue
        code = status(citizen, rule, token)
        assert code in (303, 403), (rule.rule, code)
        if code == 303:
            assert (
                "/staff/sign-in"
                in citizen.client.get(
                    citizen.url(rule.endpoint, **{k: values[k] for k in rule.arguments})
                ).headers["Location"]
            )


def test_an_assessor_sees_only_the_cases_they_assess(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    reviewer = make_staff(app, "reviewer", R)
    on_team = [make_staff(app, f"expert{i}", A, expert=True) for i in (1, 2)]
    outsider = make_staff(app, "assessor.other", A)
    other_region = make_staff(app, "reviewer.xj", R, region="xinjiang")
    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)
    schedule_visit(app, case_id, reviewer.id, [a.id for a in on_team])
    assert staff_signs_in(app, new_client(), on_team[0]).get(
        "staff_cases.case_file", case_id=case_id
    )
    staff_signs_in(app, new_client(), outsider).get("staff_cases.case_file", 403, case_id=case_id)
    staff_signs_in(app, new_client(), other_region).get(
        "staff_cases.case_file", 403, case_id=case_id
    )
