"""查阅登记 (000:64, 001:51): every look at a file and every full-number reveal is logged, and
the administrator finds them by person, staff member and date. Imports from the console."""

import io
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.clock import china_today
from portal.extensions import db
from portal.models import AccessLog, Case, Institution, InsuredPerson, StaffRole, Upload
from portal.staff.cases.service import files_of
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.staff import StaffClient, make_staff, staff_signs_in, submitted_case

FULL_ID = "640104194403120022"
WUZHONG = "ningxia,吴忠市利通区护理院,利通区,吴忠市利通区1号,0953-1234567,institution;home\n"
MASKED_ID = "640****0022"  # as pages show it (template_helpers.masked_id)


def _logs(app: Flask, action: str) -> list[AccessLog]:
    with app.app_context():
        found = db.session.scalars(select(AccessLog).filter_by(action=action)).all()
        for entry in found:
            db.session.expunge(entry)
        return list(found)


def test_each_file_view_is_logged_and_streams_the_file_to_staff_only(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "reviewer", StaffRole.REVIEWER))
    with app.app_context():
        case = db.session.get(Case, case_id)
        uploads = [(upload.id, upload.content, upload.media_type) for _c, upload in files_of(case)]
    assert uploads
    for upload_id, content, media_type in uploads:
        response = reviewer.client.get(f"/staff/cases/{case_id}/files/{upload_id}")
        assert response.status_code == 200
        assert response.data == content and response.mimetype == media_type
        assert "sandbox" in response.headers["Content-Security-Policy"]
    logged = _logs(app, "material")
    assert sorted(e.upload_id for e in logged) == sorted(u[0] for u in uploads)
    assert {e.screen for e in logged} == {"staff_cases.view_file"}
    # Another account's upload id through this case: not found, and nothing logged.
    with app.app_context():
        other = db.session.scalar(select(func.max(Upload.id))) + 1
    assert reviewer.client.get(f"/staff/cases/{case_id}/files/{other}").status_code == 404
    assert len(_logs(app, "material")) == len(uploads)


def test_the_full_id_number_shows_after_one_logged_action(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    specialist = staff_signs_in(
        app, new_client(), make_staff(app, "specialist", StaffRole.SPECIALIST)
    )
    with app.app_context():
        person_id = db.session.scalar(select(InsuredPerson.id).filter_by(name="马秀兰"))
    page = specialist.get("staff_people.person_file", person_id=person_id)
    assert MASKED_ID in page.get_text() and FULL_ID not in str(page)
    assert not _logs(app, "id_number_revealed")
    specialist.post("staff_people.reveal", person_id=person_id)
    assert FULL_ID in specialist.get("staff_people.person_file", person_id=person_id).get_text()
    assert FULL_ID not in str(specialist.get("staff_people.person_file", person_id=person_id))
    response = specialist.post(
        "staff_people.reveal",
        _expected_status=200,
        _headers={"HX-Request": "true"},
        person_id=person_id,
    )
    assert FULL_ID in response.get_data(as_text=True)
    revealed = _logs(app, "id_number_revealed")
    assert len(revealed) == 2 and {e.screen for e in revealed} == {"staff_people.reveal"}


def test_the_admin_finds_looks_by_person_staff_member_and_date(
    app: Flask, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    specialist = staff_signs_in(app, new_client(), make_staff(app, "li.na", StaffRole.SPECIALIST))
    with app.app_context():
        people = dict(db.session.execute(select(InsuredPerson.name, InsuredPerson.id)).all())
    specialist.get("staff_people.person_file", person_id=people["马秀兰"])
    specialist.get("staff_people.person_file", person_id=people["李建国"])
    admin = staff_signs_in(app, new_client(), make_staff(app, "admin", StaffRole.ADMIN, None))

    def rows(**query: str) -> list[str]:
        page = admin.client.get(admin.url("staff_admin.audit", **query))
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
        return [" ".join(r.get_text().split()) for r in soup.select("tbody tr")]

    by_name = rows(person="马秀兰")
    assert len(by_name) == 1 and "li.na" in by_name[0] and MASKED_ID in by_name[0]
    assert FULL_ID not in " ".join(by_name)
    assert rows(person=FULL_ID) == by_name
    assert len(rows(staff="li.na")) == 2
    today = china_today().isoformat()
    assert len(rows(staff="li.na", date_from=today, date_to=today)) == 2
    assert rows(staff="li.na", date_to="2020-01-01") == ["没有找到记录。"]


def test_a_case_file_shown_again_after_a_failed_decision_is_a_logged_look(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    case_id = submitted_case(app, client_request)
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "wang.fang", StaffRole.REVIEWER))
    # Without htmx, a refusal with no reason shows the whole file again, with the error.
    page = reviewer.act(case_id, "refused", _expected_status=200)
    assert page is not None and "请至少选一个不予受理的理由" in page.get_text()
    assert "马秀兰" in page.select_one("h1").get_text()  # type: ignore[union-attr]

    admin = staff_signs_in(app, new_client(), make_staff(app, "admin", StaffRole.ADMIN, None))
    audit = admin.get("staff_admin.audit", staff="wang.fang")
    [row] = [" ".join(r.get_text().split()) for r in audit.select("tbody tr")]
    assert "wang.fang" in row and "马秀兰" in row and MASKED_ID in row
    assert "案件档案" in row and "staff_cases.act" in row


def _upload_csv(admin: StaffClient, kind: str, text: str) -> str:
    boundary, body = encode_multipart(
        {
            "csrf_token": admin.csrf_token(),
            "kind": kind,
            "document": FileStorage(io.BytesIO(text.encode()), filename=f"{kind}.csv"),
        }
    )
    response = admin.client.post(
        "/staff/admin/imports", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split())


def test_imports_from_the_console_are_all_or_nothing_with_each_bad_row(
    app: Flask, client: FlaskClient, roster: None
) -> None:
    admin = staff_signs_in(app, client, make_staff(app, "admin", StaffRole.ADMIN, None))
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Institution))
    header = "region,name,district,address,phone,service_types\n"
    page = _upload_csv(
        admin,
        "institutions",
        header
        + WUZHONG
        + "shanghai,上海护理院,黄浦区,上海市1号,021-1234567,home\n"
        + "ningxia,石嘴山护理站,大武口区,石嘴山市1号,0952-1234567,spa\n",
    )
    assert "一行也没有导入" in page
    assert "第 3 行：没有这个地区：shanghai" in page and "第 4 行：服务类型只能是" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Institution)) == before
    page = _upload_csv(
        admin,
        "institutions",
        header + WUZHONG,
    )
    assert "新增 1 条，更新 0 条" in page
    page = _upload_csv(
        admin,
        "roster",
        "name,id_number,region,insurance_type,enrolled_on\n"
        "王小明,11010519491231002X,tianjin,resident,2019-05-01\n",
    )
    assert "新增 1 条" in page
    with app.app_context():
        assert db.session.scalar(select(InsuredPerson).filter_by(name="王小明")) is not None


@pytest.mark.parametrize("acting_as", ["agent", "guardian"])
def test_the_reviewer_checks_a_power_of_attorney_or_guardianship(
    app: Flask,
    new_client: Callable[[], FlaskClient],
    client_request: ClientRequest,
    roster: None,
    acting_as: str,
) -> None:
    from tests.functional.conftest import MA_XIULAN
    from tests.functional.journey import (
        person_adds,
        person_completes_application,
        person_consents,
        person_self_assesses,
    )

    sign_in_as(client_request)
    person_consents(client_request)
    person_adds(client_request, relation="child", acting_as=acting_as)
    person_self_assesses(app, client_request, MA_XIULAN["name"])
    application_id = person_completes_application(app, client_request, MA_XIULAN["name"])
    client_request.post("apply.submit", application_id=application_id)
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).filter_by(application_id=application_id))
    reviewer = staff_signs_in(app, new_client(), make_staff(app, "reviewer", StaffRole.REVIEWER))
    page = reviewer.get("staff_cases.case_file", case_id=case_id)
    applicant = page.find("dt", string="申请人").find_next("dd")
    if acting_as == "agent":
        assert "委托代理人" in applicant.get_text()
        link = applicant.select_one("a[href*='/files/']")
        assert link is not None and "请核对委托书" in link.get_text()
        assert reviewer.client.get(link["href"]).status_code == 200
    else:
        assert "监护人" in applicant.get_text() and "不需要委托书" in applicant.get_text()
        assert applicant.select_one("a[href*='/files/']") is None
