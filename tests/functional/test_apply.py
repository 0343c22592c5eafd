"""Applying for a disability assessment, from the task list to the confirmation."""

import threading
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Application, ApplicationMaterial, ApplicationStatus, Upload
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest, age_codes, sign_in_as
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


def ready_ningxia_application(app: Flask, client_request: ClientRequest) -> int:
    person_consents(client_request)
    person_adds(client_request)
    person_self_assesses(app, client_request, MA_XIULAN["name"])
    return person_completes_application(app, client_request, MA_XIULAN["name"])


def test_task_list_shows_what_is_left(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    application_id = person_starts_application(app, signed_in)
    page = signed_in.get("apply.task_list", application_id=application_id)
    titles = [a.get_text(strip=True) for a in page.select(".task-list__link")]
    assert titles == ["参保人信息", "健康和护理情况", "上传材料", "失能自评", "承诺书"]
    assert all("未完成" in s.get_text() for s in page.select(".task-list__status"))


def test_roster_facts_are_not_asked_again(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ready_ningxia_application(app, signed_in)
    page = signed_in.get("apply.check", application_id=application_id)
    text = page.get_text()
    assert "640****0022" in text and "宁夏" in text
    keys = [
        q.split("/")[-1].split("?")[0]
        for q in (a["href"] for a in page.select(".summary-list__actions a"))
        if "/questions/" in q
    ]
    assert "ethnicity" in keys and "name" not in keys and "region" not in keys


def test_questions_follow_the_region_rules(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    """Ningxia asks about the work-injury allowance (000:12(3)); xinjiang does not."""
    application_id = ready_ningxia_application(app, signed_in)
    signed_in.get("apply.question_page", application_id=application_id, key="work_injury_allowance")
    signed_in.get(
        "apply.question_page",
        application_id=application_id,
        key="months_treated",
        _expected_status=404,
    )


def test_refusal_reason_shows_as_soon_as_the_facts_are_known(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    signed_in.post(
        "apply.question_page",
        {"choice": "yes"},
        application_id=application_id,
        key="work_injury_allowance",
    )
    page = signed_in.get("apply.task_list", application_id=application_id)
    panel = page.select_one(".warning-panel")
    assert "经办机构可能不予受理" in panel.get_text()
    assert "《宁夏回族自治区长期护理保险经办规程》第十二条第二款第三项" in panel.get_text()
    assert "您仍然可以继续填写并提交申请" in panel.get_text()
    signed_in.post(
        "apply.question_page", {"months": "3"}, application_id=application_id, key="months_disabled"
    )
    panel = signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    assert "第十二条第二款第二项、第十六条" in panel.get_text()


def test_bad_answers_are_explained_and_kept(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, relation="child")
    response = signed_in.post(
        "apply.question_page",
        {"name": "马强", "id_number": "110105194912310021", "phone": "123", "address": ""},
        _expected_status=200,
        application_id=application_id,
        key="applicant",
    )
    page = signed_in.parse(response)
    summary = page.select_one(".error-summary").get_text()
    assert "可能有一位输错了" in summary
    assert "手机号码应该是 11 位数字" in summary
    assert "请填写申请人的住址。" in summary
    assert page.select_one("#name")["value"] == "马强"
    response = signed_in.post(
        "apply.question_page",
        {"months": "abc"},
        _expected_status=200,
        application_id=application_id,
        key="months_disabled",
    )
    assert signed_in.parse(response).select_one("#months-error")


def test_answers_survive_an_expired_session(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request)
    client_request.post("apply.start", {"person": str(insured_person_id(app, "马秀兰"))})
    application_id = application_id_for(app, "马秀兰")
    client_request.client.delete_cookie("session")  # the session ran out while they typed
    url = f"/apply/{application_id}/questions/reason"
    response = client_request.client.post(
        url, data={"csrf_token": "stale", "text": "我妈瘫痪在床好几年了"}
    )
    assert response.headers["Location"] == url
    assert "/sign-in" in client_request.client.get(url).headers["Location"]
    age_codes(app, timedelta(minutes=2))
    sign_in_as(client_request)
    page = client_request.get_url(url)
    assert page.select_one("#text").get_text().strip() == "我妈瘫痪在床好几年了"
    assert "请再提交一次" in page.select_one(".notice").get_text()


def test_materials_checklist_comes_from_the_region(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    page = signed_in.get("apply.materials", application_id=application_id)
    codes = [li["id"].removeprefix("material-") for li in page.select(".material")]
    assert "agent_id_and_bank_card" in codes and "pledge" in codes
    missing = [li["id"].removeprefix("material-") for li in page.select(".material--missing")]
    assert "power_of_attorney" not in missing, (
        "the power of attorney given when adding the person counts"
    )
    assert "还缺 3 项材料。" in page.select_one(".lead").get_text()
    power = signed_in.get("apply.material", application_id=application_id, code="power_of_attorney")
    assert power.select_one("a[href='/people/power-of-attorney-form/xinjiang']"), (
        "the form to print is linked where the document is asked for"
    )


def test_upload_rejections_are_shown_next_to_the_material(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/materials/medical_records"
    cases = [
        (files.oversized_jpeg(), "big.jpg", "不能超过 10MB"),
        (files.disguised_program(), "photo.jpg", "只能上传照片"),
        (files.pdf("secret"), "locked.pdf", "有密码保护"),
        (files.broken_pdf(), "broken.pdf", "PDF 文件打不开"),
    ]
    for content, name, message in cases:
        response = post_file(signed_in, url, content, name)
        page = signed_in.parse(response)
        assert message in page.select_one("#document-error").get_text()
        assert page.select_one(".error-summary a[href='#document']")
        assert page.title.get_text().startswith("错误：")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Upload)) == 0
        assert db.session.scalar(select(func.count()).select_from(ApplicationMaterial)) == 0


def test_an_uploaded_file_can_be_reused_and_removed_after_confirming(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    materials = f"/apply/{application_id}/materials"
    post_file(signed_in, f"{materials}/id_document", files.png(), "身份证.png")
    with app.app_context():
        upload_id = db.session.scalar(select(Upload.id))
    page = signed_in.get_url(f"{materials}/medical_records")
    (earlier,) = page.select(".earlier-file")
    assert earlier["name"] == "reuse_upload" and earlier["value"] == str(upload_id)
    assert earlier.get_text(" ", strip=True).startswith("上次上传的身份证照片，")
    thumbnail = signed_in.client.get(earlier.img["src"])
    assert thumbnail.mimetype == "image/jpeg" and thumbnail.headers["Cache-Control"] == "no-store"
    signed_in.client.post(
        f"{materials}/medical_records",
        data={"csrf_token": signed_in.csrf_token(), "reuse_upload": str(upload_id)},
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Upload)) == 1
        assert db.session.scalar(select(func.count()).select_from(ApplicationMaterial)) == 2
    confirm = signed_in.get(
        "apply.remove_material",
        application_id=application_id,
        code="medical_records",
        upload_id=upload_id,
    )
    assert "确定要删除这个文件吗？" in confirm.h1.get_text()
    signed_in.post(
        "apply.remove_material",
        application_id=application_id,
        code="medical_records",
        upload_id=upload_id,
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ApplicationMaterial)) == 1


def test_submit_gives_a_reference_and_the_statutory_date(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ready_ningxia_application(app, signed_in)
    page = signed_in.get("apply.check", application_id=application_id)
    assert page.select_one("form[action$='/submit']")
    signed_in.post("apply.submit", application_id=application_id)
    page = signed_in.get("apply.confirmation", application_id=application_id)
    reference = page.select_one(".reference").get_text(strip=True)
    assert reference.startswith("NX-")
    assert "5 个工作日" in page.get_text()
    assert "《宁夏回族自治区长期护理保险经办规程》第十四条" in page.get_text()
    assert "000:14" not in page.get_text()
    mine = " ".join(signed_in.get("apply.mine").get_text().split())
    assert reference in mine
    # The step, and what its statutory date closes.
    assert "状态待受理审核" in mine and "受理审核最晚到 " in mine


def test_double_submit_makes_one_application(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ready_ningxia_application(app, signed_in)
    token = signed_in.csrf_token()
    responses = []

    def press() -> None:
        responses.append(
            signed_in.client.post(f"/apply/{application_id}/submit", data={"csrf_token": token})
        )

    presses = [threading.Thread(target=press) for _ in range(3)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join()
    press()
    assert {r.status_code for r in responses} == {303}
    with app.app_context():
        submitted = db.session.scalars(
            select(Application).filter_by(status=ApplicationStatus.SUBMITTED)
        ).all()
        assert len(submitted) == 1 and submitted[0].reference
        assert db.session.scalar(select(func.count()).select_from(Application)) == 1


def test_cannot_submit_an_unfinished_application(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    page = signed_in.get("apply.check", application_id=application_id)
    assert not page.select_one("form[action$='/submit']")
    signed_in.post("apply.submit", application_id=application_id)
    with app.app_context():
        assert db.session.get(Application, application_id).status is ApplicationStatus.DRAFT


def test_withdraw_within_ten_minutes_only(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ready_ningxia_application(app, signed_in)
    signed_in.post("apply.submit", application_id=application_id)
    assert (
        "确定要撤回申请吗？"
        in signed_in.get("apply.withdraw", application_id=application_id).h1.get_text()
    )
    with app.app_context():
        application = db.session.get(Application, application_id)
        application.submitted_at -= timedelta(minutes=11)
        db.session.commit()
    signed_in.post("apply.withdraw", application_id=application_id)
    with app.app_context():
        assert db.session.get(Application, application_id).status is ApplicationStatus.SUBMITTED
        application = db.session.get(Application, application_id)
        application.submitted_at += timedelta(minutes=5)
        db.session.commit()
    signed_in.post("apply.withdraw", application_id=application_id)
    with app.app_context():
        assert db.session.get(Application, application_id).status is ApplicationStatus.WITHDRAWN


def test_printable_record_has_application_self_assessment_and_pledge(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ready_ningxia_application(app, signed_in)
    signed_in.post("apply.submit", application_id=application_id)
    page = signed_in.get("apply.record", application_id=application_id)
    text = page.get_text()
    assert "中风后卧床两年" in text
    assert "自评结果（参考）" in text
    assert "承诺" in text and "已同意承诺" in text


def test_delete_a_draft_after_confirming(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    assert (
        "确定要删除这份草稿吗？"
        in signed_in.get("apply.delete_draft", application_id=application_id).h1.get_text()
    )
    signed_in.post("apply.delete_draft", application_id=application_id)
    with app.app_context():
        assert db.session.get(Application, application_id) is None


def test_another_account_cannot_reach_any_application_page(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    application_id = ready_ningxia_application(app, client_request)
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    for endpoint, extra in [
        ("apply.task_list", {}),
        ("apply.materials", {}),
        ("apply.self_assessment", {}),
        ("apply.pledge", {}),
        ("apply.check", {}),
        ("apply.confirmation", {}),
        ("apply.record", {}),
        ("apply.withdraw", {}),
        ("apply.delete_draft", {}),
        ("apply.question_page", {"key": "ethnicity"}),
    ]:
        client_request.get(endpoint, application_id=application_id, _expected_status=404, **extra)
    client_request.post("apply.submit", _expected_status=404, application_id=application_id)
    assert "马秀兰" not in client_request.get("apply.mine").get_text()


def test_every_question_is_said_once_as_the_page_heading(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, AYGUL, relation="child")
    with app.test_request_context():
        from portal.apply import service
        from portal.apply.questions import asked_questions

        application = db.session.get(Application, application_id)
        asked = asked_questions(service.context_of(application))
    for question in asked:
        page = signed_in.get("apply.question_page", application_id=application_id, key=question.key)
        main = page.select_one("main")
        (heading,) = main.select("h1")
        words = heading.get_text(strip=True)
        assert words == str(question.title), question.key
        assert main.get_text().count(words) == 1, f"{question.key}: the question said twice"
        assert heading.find_parent(id="question"), "the read-aloud control reads it"
        (control,) = page.select("[data-read-aloud]")
        assert control["data-read-aloud-target"] == "question"
        assert len(main.select("button.button--primary")) == 1, "one primary button"
        back = main.select_one(".page-top .back-link")
        assert back["href"] == f"/apply/{application_id}/"


def test_the_voice_hint_is_shown_only_by_the_microphone(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    page = signed_in.get("apply.question_page", application_id=application_id, key="reason")
    assert "语音" not in page.select_one("#question .form-hint").get_text()
    hint = page.select_one("[data-voice-input-hint]")
    assert hint.has_attr("hidden") and hint.find_next("button")["data-voice-input"] == "text"


def autosave(
    client_request: ClientRequest, url: str, data: dict[str, str], headers: dict[str, str]
) -> Any:
    return client_request.client.post(
        url, data={"csrf_token": client_request.csrf_token(), **data}, headers=headers
    )


AUTOSAVE = {"HX-Request": "true", "X-Autosave": "1"}


def test_an_answer_is_saved_as_it_changes_and_said_quietly(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/questions/reason"
    page = signed_in.get_url(url)
    box = page.select_one("[data-autosave]")
    assert box["hx-post"] == url and box["hx-include"] == "closest form"
    status = box.select_one("[data-autosave-status]")
    assert status["role"] == "status" and not status.get_text(strip=True)
    response = autosave(signed_in, url, {"text": "中风后卧床"}, AUTOSAVE)
    assert response.status_code == 200
    assert response.headers["X-Autosave"] == "saved"
    assert response.get_data(as_text=True).startswith("已保存 ")
    with app.app_context():
        assert db.session.get(Application, application_id).answers["reason"]["text"] == "中风后卧床"
    assert signed_in.get_url(url).select_one("#text").get_text().strip() == "中风后卧床"


def test_a_half_typed_answer_is_not_saved_and_not_scolded(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/questions/insured_phone"
    response = autosave(signed_in, url, {"phone": "139"}, AUTOSAVE)
    assert response.status_code == 200
    assert response.headers["X-Autosave"] == "not-saved"
    assert response.get_data(as_text=True) == ""
    with app.app_context():
        assert "insured_phone" not in db.session.get(Application, application_id).answers
    response = signed_in.client.post(
        url, data={"csrf_token": signed_in.csrf_token(), "phone": "13912345678"}
    )
    assert response.status_code == 303, "without the header, the button saves and goes on"


def test_a_self_assessment_answer_is_saved_as_it_changes(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    representation = signed_in.get("self_assessment.start").select_one("input[name=person]")
    url = signed_in.post("self_assessment.start", {"person": representation["value"]}).headers[
        "Location"
    ]
    response = autosave(signed_in, url, {"answer": "5"}, AUTOSAVE)
    assert response.headers["X-Autosave"] == "saved"
    assert signed_in.get_url(url).select_one("input[name=answer][value='5']").has_attr("checked")


def test_each_material_has_its_own_page_and_online_forms_have_none(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    page = signed_in.get("apply.materials", application_id=application_id)
    links = [a["href"] for a in page.select("a.material__open")]
    assert f"/apply/{application_id}/materials/id_document" in links
    material = signed_in.get_url(f"/apply/{application_id}/materials/id_document")
    assert material.h1.get_text(strip=True) == "参保人的有效身份证件或参保凭证"
    assert material.select_one("main form")["enctype"] == "multipart/form-data"
    signed_in.get_url(f"/apply/{application_id}/materials/application_form", _expected_status=404)
    signed_in.get_url(f"/apply/{application_id}/materials/no_such_thing", _expected_status=404)


def test_only_the_owner_sees_a_files_picture(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    application_id = person_starts_application(app, client_request)
    post_file(
        client_request, f"/apply/{application_id}/materials/id_document", files.png(), "id.png"
    )
    post_file(
        client_request, f"/apply/{application_id}/materials/medical_records", files.pdf(), "b.pdf"
    )
    with app.app_context():
        photo, pdf = db.session.scalars(select(Upload.id).order_by(Upload.id)).all()
    assert client_request.client.get(f"/uploads/{photo}/thumbnail.jpg").status_code == 200
    assert client_request.client.get(f"/uploads/{pdf}/thumbnail.jpg").status_code == 404
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    assert client_request.client.get(f"/uploads/{photo}/thumbnail.jpg").status_code == 404
