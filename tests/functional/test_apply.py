"""Applying for a disability assessment, from the task list to the confirmation."""

import threading
from datetime import timedelta

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
    assert "640***********0022" in text and "宁夏" in text
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


def test_upload_rejections_are_shown_next_to_the_material(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/materials"
    cases = [
        (files.oversized_jpeg(), "big.jpg", "不能超过 10MB"),
        (files.disguised_program(), "photo.jpg", "只能上传照片"),
        (files.pdf("secret"), "locked.pdf", "有密码保护"),
        (files.broken_pdf(), "broken.pdf", "PDF 文件打不开"),
    ]
    for content, name, message in cases:
        response = post_file(signed_in, url, content, name, material_code="medical_records")
        page = signed_in.parse(response)
        assert message in page.select_one("#document-medical_records-error").get_text()
        assert page.title.get_text().startswith("错误：")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Upload)) == 0
        assert db.session.scalar(select(func.count()).select_from(ApplicationMaterial)) == 0


def test_an_uploaded_file_can_be_reused_and_removed_after_confirming(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    url = f"/apply/{application_id}/materials"
    post_file(signed_in, url, files.png(), "身份证.png", material_code="id_document")
    with app.app_context():
        upload_id = db.session.scalar(select(Upload.id))
    signed_in.client.post(
        url,
        data={
            "csrf_token": signed_in.csrf_token(),
            "material_code": "medical_records",
            "reuse_upload": str(upload_id),
        },
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
    assert "状态待受理审核" in mine and "期限 最晚" in mine  # the step and its statutory date


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
