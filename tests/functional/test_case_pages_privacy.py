"""Every page and action on a case answers only the account that applied: a second citizen and
an agent acting for someone else get 404 (as if the case did not exist), and nothing changes."""

from collections.abc import Callable
from datetime import date, datetime

import time_machine
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.cases import review
from portal.clock import CHINA
from portal.extensions import db
from portal.models import CaseEvent, Notification, RequestDraft
from tests.functional import aftercare
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.journey import AYGUL, person_adds, person_consents

OWNER = "13800138000"
CASE_BLUEPRINTS = ("status", "objection", "care", "reassessment", "requested")


def test_case_pages_are_404_for_other_accounts(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    delivered = date(2026, 6, 1)
    with time_machine.travel(datetime(2026, 6, 3, 10, tzinfo=CHINA), tick=False):
        application_id = aftercare.approved_case(app, "ningxia", OWNER, delivered)
        # The owner's second application, waiting for missing materials: the pages that
        # answer the request exist only then.
        waiting_id = aftercare.submitted(app, "heilongjiang", OWNER, date(2026, 6, 2))
        with app.app_context():
            staff = aftercare.staff_of(app, "heilongjiang")
            review.request_materials(
                aftercare.case_of(app, waiting_id),
                staff.actor(staff.reviewer),
                codes=[],
                other=["户口本复印件"],
            )
        owner = ClientRequest(new_client())
        sign_in_as(owner, OWNER)
        owner.get("status.timeline", application_id=application_id)
        owner.get("requested.upload", application_id=waiting_id)
        stranger = ClientRequest(new_client())
        sign_in_as(stranger, "13900139000")
        agent = ClientRequest(new_client())
        sign_in_as(agent, "13700137000")
        person_consents(agent)
        person_adds(agent, AYGUL, relation="child")  # an agent, for someone else
        with app.app_context():
            events_before = db.session.scalar(select(func.count()).select_from(CaseEvent))
            event_id = db.session.scalar(select(func.max(CaseEvent.id)))
            notification_id = db.session.scalar(
                select(Notification.id).where(Notification.account_id.is_not(None))
            )
        values = {
            "application_id": application_id,
            "key": "request",
            "upload_id": 1,
            "plan_event_id": event_id,
            "notification_id": notification_id,
        }
        rules = [
            rule
            for rule in app.url_map.iter_rules()
            if rule.endpoint.split(".")[0] in CASE_BLUEPRINTS
            or rule.endpoint == "inbox.open_message"
        ]
        assert len(rules) > 20
        for visitor in (stranger, agent):
            token = visitor.csrf_token()
            for rule in rules:
                asked = {k: values[k] for k in rule.arguments}
                if rule.endpoint.startswith("requested."):
                    asked["application_id"] = waiting_id
                with app.test_request_context():
                    url = url_for(rule.endpoint, **asked)
                if "GET" in (rule.methods or ()):
                    code = visitor.client.get(url).status_code
                else:
                    code = visitor.client.post(
                        url, data={"csrf_token": token, "answer": "x", "mode": "home"}
                    ).status_code
                assert code == 404, (rule.endpoint, code)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CaseEvent)) == events_before
        assert db.session.scalar(select(func.count()).select_from(RequestDraft)) == 0
