import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from portal.chat import transcript
from portal.config import Development, Production, Test
from portal.extensions import db
from portal.models import (
    Application,
    CallBack,
    Case,
    CaseStep,
    ChatMessage,
    Complaint,
    ComplaintStatus,
    Handoff,
    Institution,
    InsuredPerson,
    Notification,
    Region,
    StaffRole,
    StaffUser,
    utcnow,
)
from portal.policy import load_profile
from tests.fakes.server import FakeService, Hit, Reply, serving


def test_healthz_reports_each_component(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["db"] == "ok"
    assert response.json["tts"] in {"ok", "unavailable"}


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path, other_app) -> None:
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path}/missing-dir/db.sqlite"
    response = other_app(config).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["db"] == "unreachable"
    assert response.json["status"] == "degraded"


@pytest.fixture
def development_app(app: Flask, other_app) -> Flask:
    config = Development()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    # Jobs run at once, as in the other tests, not queued in the developer's instance/.
    config.JOBS_BACKEND = "immediate"
    config.DATA_KEY = app.config["DATA_KEY"]
    return other_app(config)


def test_demo_data_loads_regions_roster_institutions_and_prints_staff(
    app: Flask, development_app: Flask
) -> None:
    result = development_app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    for username in ("admin", "hotline", "reviewer.nx", "specialist.nx", "expert.nx.1"):
        assert username in result.output
    assert "TOTP secret" in result.output
    with app.app_context():
        regions = set(db.session.scalars(select(Region.code)))
        assert regions == {"ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin"}
        institution_regions = set(db.session.scalars(select(Institution.region_code)))
        assert institution_regions == regions
        assert db.session.scalar(select(func.count()).select_from(InsuredPerson)) >= 5
        roles = set(db.session.scalars(select(StaffUser.role)))
        assert roles == set(StaffRole)
        steps = set(db.session.scalars(select(Case.step)))
        assert steps >= set(CaseStep) - {
            CaseStep.WITHDRAWN,
            CaseStep.RE_EVALUATION,
            CaseStep.RE_EVALUATION_PROPOSED,
        }
        # Reference numbers begin with the letters the region's profile gives them.
        for reference, region in db.session.execute(
            select(Application.reference, Application.region_code).where(
                Application.reference.is_not(None)
            )
        ):
            assert reference.startswith(f"{load_profile(region).reference_prefix}-")


def test_demo_data_shows_a_living_hotline_workspace(app: Flask, development_app: Flask) -> None:
    from portal.complaints import handling
    from portal.hotline import callbacks, inbox

    assert development_app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    with app.app_context():
        complaints = {c.submission_key: c for c in db.session.scalars(select(Complaint))}
        anonymous = complaints["demo-complaint-anonymous"]
        assert anonymous.anonymous and anonymous.status is ComplaintStatus.RECEIVED
        answered = complaints["demo-complaint-real-name"]
        assert answered.status is ComplaintStatus.ANSWERED and answered.reply
        replied = db.session.scalar(select(Notification).filter_by(kind="complaint_reply"))
        assert replied is not None and replied.account_id == answered.account_id
        passed = complaints["demo-complaint-fuzhou-call"]
        assert (passed.region_code, passed.status) == ("fuzhou", ComplaintStatus.WITH_THIRD_PARTY)
        assert passed.target_date is not None
        hotline = db.session.scalar(select(StaffUser).filter_by(username="hotline"))
        assert [c.reference for c in handling.queue(hotline, "waiting")] == [passed.reference]
        [waiting] = inbox.waiting(hotline)
        assert waiting.channel == "wechat" and waiting.last.text == "转人工"
        assert len(transcript.messages_of(waiting.handoff.sender_id)) == 5
        [promised] = callbacks.tasks(hotline, done=False)
        assert promised.phone == "13900000031" and promised.promised_at > utcnow()


def test_demo_data_twice_adds_nothing_new(app: Flask, development_app: Flask) -> None:
    runner = development_app.test_cli_runner()
    runner.invoke(args=["demo-data"])
    tables = (InsuredPerson, Case, Complaint, Handoff, ChatMessage, Notification, CallBack)
    with app.app_context():
        before = [db.session.scalar(select(func.count()).select_from(t)) for t in tables]
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    with app.app_context():
        after = [db.session.scalar(select(func.count()).select_from(t)) for t in tables]
    assert after == before


def test_demo_data_refuses_outside_development(app: Flask, monkeypatch, other_app) -> None:
    monkeypatch.setattr(Production, "SECRET_KEY", "x" * 32)
    monkeypatch.setattr(Production, "DATA_KEY", "y" * 32)
    monkeypatch.setattr(Production, "BOT_SHARED_SECRET", "z" * 32)
    config = Production()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    result = other_app(config).test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "development only" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StaffUser)) == 0


def test_id_numbers_are_encrypted_at_rest(app: Flask, development_app: Flask) -> None:
    development_app.test_cli_runner().invoke(args=["demo-data"])
    with app.app_context():
        person = db.session.scalar(select(InsuredPerson).filter_by(name="马秀兰"))
        assert person.id_number == "640104194403120022"
        stored = db.session.execute(
            text("SELECT id_number FROM insured_people WHERE id = :id"), {"id": person.id}
        ).scalar_one()
        assert "640104" not in stored
        found = db.session.scalar(
            select(InsuredPerson).filter_by(
                id_number_lookup=InsuredPerson.lookup_for("640104194403120022")
            )
        )
        assert found is not None and found.id == person.id


class FakeRasa(FakeService):
    def reply(self, hit: Hit) -> Reply:
        return Reply(200, "text/plain", b"Hello from Rasa: 3.6.21")


def test_healthz_reports_the_bot_but_stays_up_without_it(app: Flask) -> None:
    with serving(FakeRasa()) as rasa:
        app.config["BOT_URL"] = rasa.url + "/"
        try:
            assert app.test_client().get("/healthz").json["bot"] == "ok"
        finally:
            app.config["BOT_URL"] = "http://127.0.0.1:9/"
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json["bot"] == "unreachable"
