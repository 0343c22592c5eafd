"""Complaints and reports (投诉举报), routed as fuzhou's 003:14 says and answered."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.clock import china_today
from portal.extensions import db
from portal.models import AccessLog, Complaint, StaffRole
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.hotline import (
    citizen_files_complaint,
    complaint_id,
    queue_references,
    staff_acts,
    text_of,
)
from tests.functional.staff import make_staff, staff_signs_in

SMS = "changhu_sms"


def assert_in_inbox(citizen: ClientRequest, reference: str, reply: str) -> None:
    """The reply is in the account's inbox, and opening it leads to the complaint."""
    [item] = [
        i for i in citizen.get("inbox.index").select(".inbox__item") if reference in text_of(i)
    ]
    assert reply in text_of(item)
    opened = citizen.client.post(
        item.select_one("form")["action"], data={"csrf_token": citizen.csrf_token()}
    )
    assert opened.headers["Location"].endswith(f"/complaints/{reference}")


def assert_evidence_look_logged(
    app: Flask, new_client: Callable[[], FlaskClient], reference: str
) -> None:
    """Opening a complaint's evidence is a logged look, found in the administrator's record."""
    with app.app_context():
        [look] = db.session.scalars(select(AccessLog).filter_by(action="complaint_evidence"))
        assert look.complaint is not None and look.complaint.reference == reference
        assert look.upload_id is not None and look.screen == "staff_complaints.evidence_file"
    admin = staff_signs_in(app, new_client(), make_staff(app, "admin", StaffRole.ADMIN, None))
    page = admin.get("staff_admin.audit", staff="agency")
    [row] = [text_of(r) for r in page.select("tbody tr")]
    assert "投诉的证据文件" in row and reference in row


def test_an_anonymous_complaint_about_a_care_institution_goes_to_the_third_party_and_back(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    roster: None,
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request, anonymous=True, evidence=True)
    page = client_request.get("complaints.detail", reference=reference)
    assert "已收到，等待处理" in text_of(page)
    assert "《福州市长期护理保险委托承办管理办法》第十四条" in text_of(page)  # who, and why
    assert "文件没有规定投诉的办理时限" in text_of(page)

    agency = staff_signs_in(
        app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER, "fuzhou")
    )
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    assert queue_references(agency) == [reference]  # the agency receives every complaint
    assert queue_references(hotline) == []  # not the third party's turn yet
    complaint = complaint_id(app, reference)
    staff_page = agency.get("staff_complaints.complaint", complaint_id=complaint)
    assert "匿名" in text_of(staff_page) and "13800138000" not in text_of(staff_page)
    evidence = staff_page.select_one("a[href*='/files/']")
    assert evidence is not None and agency.client.get(evidence["href"]).mimetype == "image/jpeg"
    assert_evidence_look_logged(app, new_client, reference)

    staff_acts(agency, complaint, "take")
    staff_acts(agency, complaint, "pass", text="请核查护理记录")
    assert queue_references(hotline) == [reference]
    assert "已转委托承办机构核查" in text_of(
        client_request.get("complaints.detail", reference=reference)
    )
    # The agency cannot answer for the third party's check, and the third party cannot reply.
    assert "answer" not in [
        f["action"].rsplit("/", 1)[-1]
        for f in hotline.get("staff_complaints.complaint", complaint_id=complaint).select(
            "form[action*='/staff/complaints/']"
        )
    ]
    staff_acts(hotline, complaint, "answer")  # refused: only the agency answers
    staff_acts(hotline, complaint, "report_back", text="核实：上门记录与签到不符，已约谈机构。")
    assert queue_references(agency) == [reference]
    assert "核查结果已报回医保经办机构" in text_of(
        client_request.get("complaints.detail", reference=reference)
    )

    staff_acts(agency, complaint, "target_date", on=china_today().isoformat())
    citizen_page = text_of(client_request.get("complaints.detail", reference=reference))
    assert "预计答复日期" in citizen_page and "文件没有规定办理时限" in citizen_page
    staff_acts(agency, complaint, "answer", text="经核查属实，已责令机构整改并追回费用。")
    citizen_page = text_of(client_request.get("complaints.detail", reference=reference))
    assert "已答复" in citizen_page and "已责令机构整改" in citizen_page
    # Anonymous: the reply is read on the portal only (the one text is the sign-in code):
    # on the complaint's page and in the inbox, whose message opens the complaint.
    assert [m.text for m in app.extensions[SMS].outbox if reference in m.text] == []
    assert_in_inbox(client_request, reference, "已责令机构整改")
    trail = text_of(agency.get("staff_complaints.complaint", complaint_id=complaint))
    for step in ("提交", "接手处理", "转委托承办机构核查", "报回核查结果", "答复"):
        assert step in trail
    mine = client_request.get("complaints.index")
    assert reference in text_of(mine)


def test_a_real_name_complaint_about_the_third_party_is_checked_by_the_agency_alone(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    roster: None,
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(
        client_request,
        topic="delay",
        concerned="third_party",
        institution="福州某承办公司",
        anonymous=False,
        name="林小英",
        phone="13900001111",
    )
    complaint = complaint_id(app, reference)
    agency = staff_signs_in(
        app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER, "fuzhou")
    )
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    specialist = staff_signs_in(
        app, new_client(), make_staff(app, "specialist", StaffRole.SPECIALIST, "fuzhou")
    )
    # The third party never sees complaints about itself (003:14: the agency checks them).
    for third_party in (hotline, specialist):
        assert queue_references(third_party, "open") == []
        third_party.get("staff_complaints.complaint", 404, complaint_id=complaint)
    page = agency.get("staff_complaints.complaint", complaint_id=complaint)
    assert "林小英" in text_of(page) and "13900001111" in text_of(page)
    assert page.select_one("form[action$='/pass']") is None
    staff_acts(agency, complaint, "pass")  # not offered, and refused
    with app.app_context():
        assert db.session.scalar(select(Complaint.holder).filter_by(id=complaint)) == "agency"

    staff_acts(agency, complaint, "answer", text="已约谈承办机构，下周内安排评估。")
    [sent] = [m for m in app.extensions[SMS].outbox if reference in m.text]
    assert sent.phone == "13900001111"  # the number given for the reply, not the account's
    assert "已约谈承办机构" in sent.text
    assert sent.text.endswith(f"http://portal.test/complaints/{reference}")
    assert "已约谈承办机构" in text_of(client_request.get("complaints.detail", reference=reference))
    assert_in_inbox(client_request, reference, "已约谈承办机构")


def test_outside_fuzhou_a_complaint_stays_with_the_agency(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    roster: None,
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request, region="ningxia")
    agency = staff_signs_in(app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER))
    page = agency.get("staff_complaints.complaint", complaint_id=complaint_id(app, reference))
    assert page.select_one("form[action$='/pass']") is None
    ningxia_article_5 = "《宁夏回族自治区长期护理保险经办规程》第五条"
    assert ningxia_article_5 in text_of(page)
    citizen_page = text_of(client_request.get("complaints.detail", reference=reference))
    assert ningxia_article_5 in citizen_page and "委托承办机构核查" not in citizen_page


def test_a_region_whose_document_is_silent_says_so(
    client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request, region="tianjin")
    page = text_of(client_request.get("complaints.detail", reference=reference))
    assert "这个地区的文件没有写投诉由谁受理" in page


def test_a_missing_answer_is_explained_and_the_draft_is_kept(
    client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    client_request.post("complaints.start")
    client_request.post("complaints.question", {"answer": "fuzhou"}, key="region")
    response = client_request.post(
        "complaints.question", {"answer": "   "}, 200, key="what_happened"
    )
    page = client_request.parse(response)
    summary = page.select_one(".error-summary")
    assert summary is not None and "请写一写发生了什么事" in summary.get_text()
    assert page.select_one("#answer-error") is not None
    check = client_request.get("complaints.check")
    assert "福州" in text_of(check) and "还有问题没有回答" in text_of(check)
    # Submitting an incomplete complaint files nothing.
    client_request.post("complaints.submit")
    client_request.get("complaints.check")


def test_sending_the_complaint_twice_files_it_once(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request)
    again = client_request.post("complaints.submit")
    assert again.headers["Location"].endswith(reference)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Complaint)) == 1


def test_hotline_records_a_phone_complaint_on_one_page(
    app: Flask, new_client: Callable[[], FlaskClient], client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13700002222")  # the caller has a portal account
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    page = hotline.get("staff_complaints.phone")
    assert page.select_one("[autofocus]") is not None
    key = page.select_one("input[name=key]")["value"]
    fields = {
        "key": key,
        "caller_name": "陈先生",
        "phone": "13700002222",
        "region": "fuzhou",
        "topic": "service_quality",
        "concerned": "care_institution",
        "institution": "鼓楼护理站",
        "content": "护理员迟到早退。",
        "reply_by_sms": "y",
    }
    first = hotline.post("staff_complaints.phone", fields)
    again = hotline.post("staff_complaints.phone", fields)  # a double click
    assert first.headers["Location"] == again.headers["Location"]
    with app.app_context():
        [recorded] = db.session.scalars(select(Complaint)).all()
        assert (recorded.channel, recorded.region_code, recorded.contact_phone) == (
            "phone",
            "fuzhou",
            "13700002222",
        )
        reference = recorded.reference
    shown = hotline.client.get(first.headers["Location"])
    assert reference in shown.get_data(as_text=True)
    agency = staff_signs_in(
        app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER, "fuzhou")
    )
    assert queue_references(agency) == [reference]

    # The caller's own account (same phone) follows it under "my complaints".
    assert reference in text_of(client_request.get("complaints.index"))


def test_a_caller_without_an_account_gets_the_reply_by_sms(
    app: Flask, new_client: Callable[[], FlaskClient]
) -> None:
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    key = hotline.get("staff_complaints.phone").select_one("input[name=key]")["value"]
    fields = {
        "key": key,
        "caller_name": "郑女士",
        "phone": "13700003333",
        "region": "fuzhou",
        "topic": "fees",
        "concerned": "care_institution",
        "content": "多收了护理费。",
        "reply_by_sms": "y",
    }
    hotline.post("staff_complaints.phone", fields)
    with app.app_context():
        [recorded] = db.session.scalars(select(Complaint)).all()
        complaint, reference = recorded.id, recorded.reference
    agency = staff_signs_in(
        app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER, "fuzhou")
    )
    staff_acts(agency, complaint, "answer", text="多收的费用已退回。")
    [sent] = [m for m in app.extensions[SMS].outbox if reference in m.text]
    assert sent.phone == "13700003333" and "多收的费用已退回" in sent.text
    assert "http" not in sent.text  # no account to open it in: the text says it all
    assert "答复已发送" in text_of(agency.get("staff_complaints.complaint", complaint_id=complaint))


def test_the_phone_form_explains_what_is_missing(
    app: Flask, new_client: Callable[[], FlaskClient]
) -> None:
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    response = hotline.post(
        "staff_complaints.phone",
        {"key": "k1", "region": "fuzhou", "reply_by_sms": "y", "content": "有人骗保"},
        400,
    )
    page = text_of(__import__("bs4").BeautifulSoup(response.get_data(as_text=True), "html.parser"))
    for message in (
        "请选择问题",
        "请选择投诉的单位",
        "请填写来电人姓名",
        "要发短信答复，请填写来电号码",
    ):
        assert message in page
    assert "有人骗保" in page  # what was typed stays
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0


def test_a_citizen_sees_only_their_own_complaints(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request)
    other = ClientRequest(new_client())
    sign_in_as(other, "13900009999")
    other.get("complaints.detail", 404, reference=reference)
    assert reference not in text_of(other.get("complaints.index"))
    anonymous_visitor = ClientRequest(new_client())
    page = anonymous_visitor.get("complaints.index")  # the landing page is for everyone
    assert page.select_one("form[action$='/complaints/start']") is not None
    assert anonymous_visitor.client.get(f"/complaints/{reference}").status_code == 303  # sign in


def test_staff_notes_never_reach_the_citizen(
    app: Flask, client_request: ClientRequest, new_client: Callable[[], FlaskClient], roster: None
) -> None:
    sign_in_as(client_request)
    reference = citizen_files_complaint(client_request)
    complaint = complaint_id(app, reference)
    agency = staff_signs_in(
        app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER, "fuzhou")
    )
    hotline = staff_signs_in(
        app, new_client(), make_staff(app, "hotline", StaffRole.HOTLINE, "fuzhou")
    )
    notes = [
        "内部：投诉人上月也投诉过同一机构",
        "内部：机构负责人电话 0591-0000000",
        "内部：核查时护理员不在场",
        "内部：答复后再回访一次",
    ]
    staff_acts(agency, complaint, "take")
    staff_acts(agency, complaint, "note", text=notes[0])
    staff_acts(agency, complaint, "pass", text=notes[1])
    staff_acts(hotline, complaint, "note", text=notes[2])
    staff_acts(hotline, complaint, "report_back", text="核实：记录与签到不符。")
    waiting = text_of(client_request.get("complaints.detail", reference=reference))
    staff_acts(agency, complaint, "answer", text="已责令机构整改。")
    staff_acts(agency, complaint, "note", text=notes[3])  # after the answer, still internal

    trail = text_of(agency.get("staff_complaints.complaint", complaint_id=complaint))
    assert all(note in trail for note in notes)  # staff read every note
    answered = text_of(client_request.get("complaints.detail", reference=reference))
    mine = text_of(client_request.get("complaints.index"))
    inbox = text_of(client_request.get("inbox.index"))
    assert "已责令机构整改" in answered
    for seen in (waiting, answered, mine, inbox):
        assert not any(note in seen for note in notes)
        assert "核实：记录与签到不符" not in seen  # the third party's report is internal too
    assert not any(note in m.text for m in app.extensions[SMS].outbox for note in notes)


def test_a_reply_goes_to_the_bound_wechat_while_its_window_is_open_else_by_sms(
    app: Flask,
    client_request: ClientRequest,
    new_client: Callable[[], FlaskClient],
    roster: None,
    wechat_api: FakeWeChatAPI,
) -> None:
    from portal.chat import service as chat
    from portal.models import Account, WeChatDelivery, utcnow

    sign_in_as(client_request)
    openid = "oWeChatUser_0000000000000042"
    with app.app_context():
        account = db.session.scalar(select(Account).filter_by(phone="13800138000"))
        assert account is not None
        chat.bind_account(openid, account.id)
        db.session.add(WeChatDelivery(key="m1", sender_id=openid, received_at=utcnow()))
        db.session.commit()
    client_request.post("complaints.start")
    for key, answer in (
        ("region", "ningxia"),
        ("topic", "fees"),
        ("concerned", "care_institution"),
        ("institution", ""),
        ("what_happened", "多收了护理费。"),
        ("identity", "real_name"),
        ("name", "马建国"),
    ):
        client_request.post("complaints.question", {"answer": answer}, key=key)
    page = client_request.get("complaints.question", key="contact")  # bound: WeChat offered
    assert page.select_one("input[value=wechat]") is not None
    client_request.post("complaints.question", {"answer": "wechat"}, key="contact")
    reference = client_request.post("complaints.submit").headers["Location"].rsplit("/", 1)[-1]
    agency = staff_signs_in(app, new_client(), make_staff(app, "agency", StaffRole.REVIEWER))
    staff_acts(agency, complaint_id(app, reference), "answer", text="多收的费用已退回。")
    [sent] = wechat_api.custom_texts(openid)
    assert reference in sent and "多收的费用已退回" in sent
    assert not [m for m in app.extensions[SMS].outbox if reference in m.text]
    assert_in_inbox(client_request, reference, "多收的费用已退回")

    # The window closed: the next reply goes by SMS to the account's phone.
    with app.app_context():
        db.session.execute(WeChatDelivery.__table__.delete())
        db.session.commit()
    second = citizen_files_complaint(
        client_request, region="ningxia", anonymous=False, contact="wechat"
    )
    staff_acts(agency, complaint_id(app, second), "answer", text="已处理。")
    assert [m.phone for m in app.extensions[SMS].outbox if second in m.text] == ["13800138000"]
