"""Call-backs (the time promised and the outcome) and looking up a caller's file on the phone
(consent first, read-only, logged)."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.extensions import db
from portal.models import AccessLog, CallBack, CallerConsent, StaffRole
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.hotline import citizen_files_complaint, complaint_id, text_of
from tests.functional.staff import make_staff, staff_signs_in, submitted_case


def test_a_call_back_from_a_complaint_is_listed_by_the_time_promised_and_its_outcome_kept(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request, anonymous=False, phone="13900001111")
    staff = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    complaint = complaint_id(app, reference)
    form = staff.get("staff_call_backs.new", complaint=complaint)
    assert form.select_one("input[name=phone]")["value"] == "13900001111"  # type: ignore[index]
    key = form.select_one("input[name=key]")["value"]  # type: ignore[index]
    late = {"key": key, "phone": "13900001111", "promised_at": "2099-03-01T15:00"}
    staff.post("staff_call_backs.new", late, complaint=complaint)
    staff.post("staff_call_backs.new", late, complaint=complaint)  # sent twice: one task
    soon = {"key": "other", "phone": "13900003333", "promised_at": "2099-01-01T09:00"}
    staff.post("staff_call_backs.new", soon)
    past = {"key": "past", "phone": "13900003333", "promised_at": "2001-01-01T09:00"}
    refused = staff.post("staff_call_backs.new", past, 400)
    assert "已经过去了" in refused.get_data(as_text=True)

    rows = staff.get("staff_call_backs.tasks").select("tbody tr")
    assert ["13900003333" in rows[0].get_text(), "13900001111" in rows[1].get_text()] == [
        True,
        True,
    ]
    with app.app_context():
        task = db.session.scalar(select(CallBack).filter_by(complaint_id=complaint))
        assert task is not None and task.source == "complaint"
        task_id = task.id
    missing = staff.post("staff_call_backs.task", {}, 400, task_id=task_id)
    assert "请选择回电结果" in missing.get_data(as_text=True)
    staff.post("staff_call_backs.task", {"outcome": "reached", "note": "已解释"}, task_id=task_id)
    done = text_of(staff.get("staff_call_backs.tasks", done=1))
    assert "13900001111" in done and "打通了" in done
    assert "13900001111" not in text_of(staff.get("staff_call_backs.tasks"))


def test_a_caller_is_found_by_phone_or_id_number_with_consent_and_the_look_is_logged(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    submitted_case(app, client_request)  # 马秀兰, ningxia, submitted by 13800138000
    staff = staff_signs_in(app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE))

    no_consent = staff.post(
        "staff_callers.lookup",
        {"caller_name": "马先生", "relation": "family", "query": "13800138000"},
        400,
    )
    assert "没有来电人的同意，不能查看" in no_consent.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(CallerConsent)).all() == []

    for caller, relation, query in (
        ("马先生", "family", "13800138000"),
        ("马秀兰", "self", MA_XIULAN["id_number"]),
    ):
        found = staff.post(
            "staff_callers.lookup",
            {"caller_name": caller, "relation": relation, "consent": "y", "query": query},
        )
        page = staff.client.get(found.headers["Location"])
        assert page.status_code == 200
        assert query not in found.headers["Location"]  # the number is never in a URL
        link = (
            __import__("bs4")
            .BeautifulSoup(page.get_data(as_text=True), "html.parser")
            .select_one("a[href*='/people/']")
        )
        assert link is not None and "马*兰" in link.get_text()
        person = staff.client.get(link["href"]).get_data(as_text=True)
        assert "受理审核结果告知期限" in person and "只读" in person
        assert "<form" not in person.split('class="staff-page"')[1]  # read-only: nothing to send
    with app.app_context():
        looks = db.session.scalars(select(AccessLog).filter_by(action="caller_lookup")).all()
        assert len(looks) == 2 and all(look.staff_user_id for look in looks)
        assert len(db.session.scalars(select(CallerConsent)).all()) == 2
    # The audit shows whose consent each look was made under.
    admin = staff_signs_in(app, new_client(), make_staff(app, "admin", StaffRole.ADMIN, None))
    audit = admin.get("staff_admin.audit", staff="hotline")
    rows = [" ".join(r.get_text().split()) for r in audit.select("tbody tr")]
    assert "来电人 马秀兰（本人）同意" in rows[0]  # the newest first
    assert "来电人 马先生（家属）同意" in rows[1]

    # Another region's hotline member finds nobody.
    other = staff_signs_in(
        app, new_client(), make_staff(app, "hotline.xj", StaffRole.HOTLINE, "xinjiang")
    )
    found = other.post(
        "staff_callers.lookup",
        {"caller_name": "马先生", "relation": "family", "consent": "y", "query": "13800138000"},
    )
    assert "没有找到" in other.client.get(found.headers["Location"]).get_data(as_text=True)
