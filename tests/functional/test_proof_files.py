"""Proof files: encrypted at rest, deleted once nothing uses them, gone with the drafts they
belonged to, handed out only through `open_for`, and every look at a person's data logged."""

from datetime import timedelta

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from portal.config import Test
from portal.extensions import db
from portal.models import (
    AccessLog,
    Account,
    Application,
    ApplicationStatus,
    Consent,
    Representation,
    SelfAssessment,
    StaffRole,
    StaffUser,
    Upload,
)
from portal.uploads.service import open_for
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    AYGUL,
    application_id_for,
    insured_person_id,
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
    person_starts_application,
    post_file,
)
from tests.functional.test_roster_and_drafts import run


def stored_bytes(app: Flask, upload_id: int) -> bytes | None:
    """What the database itself holds, without the model's decryption."""
    with app.app_context():
        raw = db.session.execute(
            text("SELECT content FROM uploads WHERE id = :id"), {"id": upload_id}
        ).scalar_one()
        return None if raw is None else bytes(raw)


def uploads(app: Flask) -> dict[str, Upload]:
    with app.app_context():
        return {u.original_name or f"erased-{u.id}": u for u in db.session.scalars(select(Upload))}


def person_uploads(
    client_request: ClientRequest, application_id: int, name: str, code: str = "medical_records"
) -> None:
    content = files.pdf() if name.endswith(".pdf") else files.photo_with_location()
    response = post_file(client_request, f"/apply/{application_id}/materials/{code}", content, name)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


def upload_id(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Upload.id).filter_by(original_name=name))


def erased(app: Flask, upload: int) -> bool:
    with app.app_context():
        found = db.session.get(Upload, upload)
        return (
            found.deleted_at is not None
            and found.original_name == ""
            and stored_bytes(app, upload) is None
        )


def test_files_are_encrypted_at_rest(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    application_id = person_starts_application(app, signed_in)
    person_uploads(signed_in, application_id, "病历.pdf")
    person_uploads(signed_in, application_id, "身份证.jpg", code="id_document")
    for name, magic in (("病历.pdf", b"%PDF"), ("身份证.jpg", b"\xff\xd8")):
        identifier = upload_id(app, name)
        with app.app_context():
            assert db.session.get(Upload, identifier).content.startswith(magic)
        raw = stored_bytes(app, identifier)
        assert magic not in raw[:64] and b"%%EOF" not in raw and b"JFIF" not in raw


def test_removing_a_file_no_application_uses_deletes_its_bytes(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    person_uploads(signed_in, application_id, "病历.pdf")
    person_uploads(signed_in, application_id, "身份证.jpg", code="id_document")
    photo = upload_id(app, "身份证.jpg")
    signed_in.client.post(  # the same photo used for a second material
        f"/apply/{application_id}/materials/medical_records",
        data={"csrf_token": signed_in.csrf_token(), "reuse_upload": str(photo)},
    )
    pdf = upload_id(app, "病历.pdf")
    page = signed_in.get(
        "apply.remove_material",
        application_id=application_id,
        code="medical_records",
        upload_id=pdf,
    )
    assert "彻底删除" in page.get_text()
    signed_in.post(
        "apply.remove_material",
        application_id=application_id,
        code="medical_records",
        upload_id=pdf,
    )
    assert erased(app, pdf)
    signed_in.post(
        "apply.remove_material", application_id=application_id, code="id_document", upload_id=photo
    )
    assert not erased(app, photo), "still used for the medical records"
    assert stored_bytes(app, photo) is not None


def test_deleting_a_draft_deletes_its_files_but_not_the_power_of_attorney(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    person_uploads(signed_in, application_id, "病历.pdf")
    pdf, power_of_attorney = upload_id(app, "病历.pdf"), upload_id(app, "poa.jpg")
    assert "也会一起删除" in signed_in.get("apply.delete_draft", application_id=application_id).text
    signed_in.post("apply.delete_draft", application_id=application_id)
    assert erased(app, pdf)
    assert not erased(app, power_of_attorney)


def test_purging_expired_drafts_deletes_their_files(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    person_uploads(signed_in, application_id, "病历.pdf")
    pdf = upload_id(app, "病历.pdf")
    with app.app_context():
        from portal.models import utcnow

        db.session.get(Application, application_id).draft_expires_at = utcnow() - timedelta(
            seconds=1
        )
        db.session.commit()
    assert run(app, "purge-drafts")[1].strip() == "Drafts deleted: 1"
    assert erased(app, pdf)


def test_withdrawing_consent_does_exactly_what_it_says(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in, AYGUL, relation="child")  # with a power of attorney
    person_self_assesses(app, signed_in, AYGUL["name"])
    submitted = person_completes_application(app, signed_in, AYGUL["name"])
    signed_in.post("apply.submit", application_id=submitted)
    person_adds(signed_in, MA_XIULAN)
    unused_assessment = person_self_assesses(app, signed_in, MA_XIULAN["name"])
    signed_in.post("apply.start", {"person": str(insured_person_id(app, MA_XIULAN["name"]))})
    draft = application_id_for(app, MA_XIULAN["name"])
    person_uploads(signed_in, draft, "妈妈的病历.pdf")
    draft_file = upload_id(app, "妈妈的病历.pdf")
    with app.app_context():
        kept_files = [link.upload_id for link in db.session.get(Application, submitted).materials]
    assert upload_id(app, "poa.jpg") in kept_files, "the power of attorney is in the record"

    page = signed_in.get("privacy.withdraw").get_text()
    assert "还没有提交的申请草稿" in page and "经办机构的档案" in page
    signed_in.post("privacy.withdraw")

    with app.app_context():
        assert db.session.get(Application, draft) is None
        kept = db.session.get(Application, submitted)
        assert kept.status is ApplicationStatus.SUBMITTED
        assert kept.self_assessment is not None and kept.self_assessment.result
        assert db.session.get(SelfAssessment, unused_assessment) is None
        assert all(db.session.get(Upload, f).content for f in kept_files)
        assert db.session.scalar(select(Consent.withdrawn_at)) is not None
        assert db.session.scalar(select(func.count()).select_from(Representation)) == 2
    assert erased(app, draft_file)
    notice = signed_in.get("privacy.notice")
    assert "已撤回同意" in notice.select_one(".notice").get_text()
    assert not notice.select_one("a[href='/privacy/withdraw']")
    assert signed_in.client.get("/people/add").headers["Location"].startswith("/privacy/consent")
    assert "申请已提交" in signed_in.get("apply.confirmation", application_id=submitted).h1.text


def log_entries(app: Flask, action: str) -> list[tuple[int, str]]:
    with app.app_context():
        return [
            (entry.insured_person_id, entry.actor)
            for entry in db.session.scalars(select(AccessLog).filter_by(action=action))
        ]


def test_pages_showing_a_persons_data_are_logged(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_starts_application(app, signed_in)
    person = insured_person_id(app, MA_XIULAN["name"])
    with app.app_context():
        me = f"account:{db.session.scalar(select(Account.id))}"
    signed_in.get("people.index")
    signed_in.get("apply.mine")
    response = signed_in.client.get("/privacy/my-data.json")
    assert response.status_code == 200
    for action in ("people_list", "my_applications", "my_data"):
        assert log_entries(app, action) == [(person, me)], action


def test_a_refused_look_at_someone_elses_record_is_logged(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    application_id = person_starts_application(app, client_request)
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    client_request.get("apply.task_list", application_id=application_id, _expected_status=404)
    with app.app_context():
        other = db.session.scalar(select(Account.id).filter_by(phone="13900139000"))
    person = insured_person_id(app, MA_XIULAN["name"])
    assert log_entries(app, "refused:application") == [(person, f"account:{other}")]


def test_open_for_gives_a_files_bytes_to_whom_may_see_them_and_logs_it(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    application_id = person_starts_application(app, client_request)
    person_uploads(client_request, application_id, "病历.pdf")
    pdf = upload_id(app, "病历.pdf")
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    mother = insured_person_id(app, MA_XIULAN["name"])
    someone_else = insured_person_id(app, AYGUL["name"])
    with app.app_context():
        owner = db.session.scalar(select(Account).filter_by(phone="13800138000"))
        stranger = db.session.scalar(select(Account).filter_by(phone="13900139000"))
        staff = StaffUser(username="nx", password_hash="-", role=StaffRole.REVIEWER)
        db.session.add(staff)
        db.session.commit()
        opened = open_for(owner, pdf, mother)
        assert opened is not None and opened.content.startswith(b"%PDF")
        assert opened.media_type == "application/pdf" and opened.name == "病历.pdf"
        assert open_for(staff, pdf, mother).content == opened.content
        assert open_for(stranger, pdf, mother) is None
        assert open_for(staff, pdf, someone_else) is None
        actions = [(e.actor.split(":")[0], e.action) for e in db.session.scalars(select(AccessLog))]
    assert ("account", "material") in actions and ("staff", "material") in actions
    assert actions.count(("account", "refused:material")) == 1
    assert actions.count(("staff", "refused:material")) == 1


def test_files_stored_before_encryption_are_encrypted_by_the_migration(
    app: Flask, other_app, tmp_path
) -> None:
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = other_app(config)
    with old.app_context():
        upgrade(revision="t003")
        db.session.execute(
            text(
                "INSERT INTO accounts (phone, language, created_at)"
                " VALUES ('13800138000', 'zh', '2026-01-01')"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO uploads (account_id, original_name, media_type, size, sha256,"
                " content, created_at) VALUES (1, 'a.pdf', 'application/pdf', 4, '-', :c,"
                " '2026-01-01')"
            ),
            {"c": b"%PDF-1.7 plain"},
        )
        db.session.commit()
        upgrade()
        raw = db.session.execute(text("SELECT content FROM uploads")).scalar_one()
        assert b"%PDF" not in bytes(raw)
        assert db.session.scalar(select(Upload.content)) == b"%PDF-1.7 plain"
