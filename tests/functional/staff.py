"""Staff in the functional tests: accounts, signing in (password and TOTP) and posting from the
console with the staff session's own CSRF token."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyotp
from bs4 import BeautifulSoup
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.clock import utcnow
from portal.extensions import db
from portal.models import Region, StaffRole, StaffUser
from portal.staff.auth.service import hash_password
from tests.functional.conftest import assert_page_basics

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class StaffAccount:
    id: int
    username: str
    totp_secret: str | None


def make_staff(
    app: Flask,
    username: str,
    role: StaffRole,
    region: str | None = "ningxia",
    *,
    expert: bool = False,
    organisation: str = "",
) -> StaffAccount:
    with app.app_context():
        if region and db.session.get(Region, region) is None:
            db.session.add(Region(code=region))
        user = StaffUser(
            username=username,
            full_name=username,
            role=role,
            region_code=region,
            is_expert=expert,
            organisation=organisation,
            password_hash=hash_password(PASSWORD),
            totp_secret=pyotp.random_base32() if role.needs_second_factor else None,
        )
        db.session.add(user)
        db.session.commit()
        return StaffAccount(user.id, username, user.totp_secret)


def next_code(app: Flask, account: StaffAccount) -> str:
    """The authenticator's code, one step ahead when the current one was already used."""
    assert account.totp_secret
    totp = pyotp.TOTP(account.totp_secret)
    with app.app_context():
        last = db.session.scalar(select(StaffUser.totp_last_step).filter_by(id=account.id))
    now = utcnow()
    moment = now if totp.timecode(now) > (last or -1) else now + timedelta(seconds=30)
    return totp.at(moment)


class StaffClient:
    """A browser used by one staff member."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.app = client.application

    def url(self, endpoint: str, **values: Any) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **values)

    def csrf_token(self) -> str:
        page = BeautifulSoup(
            self.client.get("/staff/sign-in", follow_redirects=True).get_data(as_text=True),
            "html.parser",
        )
        token = page.select_one("input[name=csrf_token]")
        assert token is not None
        return str(token["value"])

    def get(self, endpoint: str, _expected_status: int = 200, **values: Any) -> BeautifulSoup:
        response = self.client.get(self.url(endpoint, **values))
        assert response.status_code == _expected_status, response.get_data(as_text=True)[:800]
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        if response.mimetype == "text/html" and _expected_status == 200:
            assert_page_basics(page)
        return page

    def post(
        self,
        endpoint: str,
        _data: dict[str, Any] | None = None,
        _expected_status: int = 303,
        _headers: dict[str, str] | None = None,
        **values: Any,
    ) -> Any:
        data = {"csrf_token": self.csrf_token(), **(_data or {})}
        response = self.client.post(self.url(endpoint, **values), data=data, headers=_headers)
        assert response.status_code == _expected_status, response.get_data(as_text=True)[:1500]
        return response

    def act(
        self, case_id: int, kind: str, _expected_status: int = 303, **fields: Any
    ) -> BeautifulSoup | None:
        """Takes a decision on a case, with the form's prefixed field names."""
        data = {f"{kind}-{name}": value for name, value in fields.items()}
        response = self.post("staff_cases.act", data, _expected_status, case_id=case_id, kind=kind)
        if response.status_code == 200:
            return BeautifulSoup(response.get_data(as_text=True), "html.parser")
        return None


def staff_signs_in(
    app: Flask, client: FlaskClient, account: StaffAccount, password: str = PASSWORD
) -> StaffClient:
    staff = StaffClient(client)
    credentials = {"username": account.username, "password": password}
    response = staff.post("staff_auth.sign_in", credentials)
    if "/sign-in/code" in response.headers["Location"]:
        staff.post("staff_auth.code", {"code": next_code(app, account)})
    return staff


def submitted_case(app: Flask, citizen: Any) -> int:
    """A citizen (a signed-in ClientRequest) submits a complete ningxia application."""
    from portal.models import Case
    from tests.functional.conftest import MA_XIULAN
    from tests.functional.journey import (
        person_adds,
        person_completes_application,
        person_consents,
        person_self_assesses,
    )

    person_consents(citizen)
    person_adds(citizen)
    person_self_assesses(app, citizen, MA_XIULAN["name"])
    application_id = person_completes_application(app, citizen, MA_XIULAN["name"])
    citizen.post("apply.submit", application_id=application_id)
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).filter_by(application_id=application_id))
        assert case_id is not None
        return int(case_id)


def schedule_visit(app: Flask, case_id: int, reviewer_id: int, assessor_ids: list[int]) -> None:
    """Accepts the case and puts these assessors on the visit, through the services."""
    from portal.cases import assessment, review
    from portal.cases.actors import Actor
    from portal.clock import china_today
    from portal.models import Case

    with app.test_request_context():
        case = db.session.get(Case, case_id)
        reviewer = Actor.of_staff(db.session.get(StaffUser, reviewer_id))
        review.accept(case, reviewer)
        assessment.schedule(case, reviewer, visit_on=china_today(), assessor_ids=assessor_ids)
