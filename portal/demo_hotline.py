"""Demo complaints, a chat waiting for a person and a call-back, so `make run` shows a living
hotline workspace (development only). Made through the real service functions, once: a second
run finds them by their keys and adds nothing."""

from datetime import timedelta

from sqlalchemy import select

from portal.chat import service as chat
from portal.chat import transcript
from portal.complaints import handling, service
from portal.demo_cases import working_day
from portal.extensions import db
from portal.hotline import callbacks
from portal.models import Account, ChatMessage, Complaint, StaffUser, utcnow

WAITING_OPENID = "oDemoWeChatUser_000000000001"
WAITING_CHAT = (
    ("in", "我妈中风以后在床上躺了一年多，想申请长护险，要准备什么？"),
    ("bot", "可以申请。要准备：身份证、医院的诊断证明或出院记录。您在哪个地区参保？"),
    ("in", "银川。她的医保是在老家交的，能在银川申请吗？"),
    ("bot", "这个要看您母亲在哪里参保，我不能确定。我帮您转人工。"),
    ("in", "转人工"),
)


def add_demo_hotline() -> None:
    _anonymous_complaint()
    _answered_complaint()
    _phone_complaint_passed_on()
    _waiting_chat()
    _call_back_promised()


def _staff(username: str) -> StaffUser:
    found = db.session.scalar(select(StaffUser).filter_by(username=username))
    if found is None:
        raise LookupError(f"demo staff {username} is added first")
    return found


def _exists(key: str) -> bool:
    return db.session.scalar(select(Complaint.id).filter_by(submission_key=key)) is not None


def _online(key: str, phone: str, region: str, **answers: object) -> Complaint | None:
    """A complaint a citizen filed on the portal, or None when the demo made it already."""
    if _exists(key):
        return None
    account = db.session.scalar(select(Account).filter_by(phone=phone))
    if account is None:
        account = Account(phone=phone)
        db.session.add(account)
        db.session.commit()
    draft = service.start_draft(account, "zh", region)
    service.save(draft, submission_key=key, **answers)
    service.submit(draft)
    return draft


def _anonymous_complaint() -> None:
    _online(
        "demo-complaint-anonymous",
        "13900000017",
        "ningxia",
        topic="service_quality",
        concerned="care_institution",
        institution_name="银川市金凤区康宁护理院",
        what_happened="护理员说好每天上午来，这个星期只来了两次，记录上却写了五次。",
        anonymous=True,
        contact_by="none",
    )


def _answered_complaint() -> None:
    complaint = _online(
        "demo-complaint-real-name",
        "13900000009",
        "ningxia",
        topic="fees",
        concerned="care_institution",
        institution_name="银川市兴庆区社区居家护理服务中心",
        what_happened="护理机构让我们另外交每月200元的“耗材费”，没有给收据。",
        anonymous=False,
        contact_name="白秀英",
        contact_by="sms",
        contact_phone="13900000009",
    )
    if complaint is None:
        return
    reviewer = _staff("reviewer.nx")
    handling.act(reviewer, complaint, "take")
    handling.act(reviewer, complaint, "note", text="已电话联系机构负责人，对方承认多收。")
    handling.act(
        reviewer,
        complaint,
        "answer",
        text="经核查，机构另收“耗材费”没有依据，已责令退还，并将在下月检查中复查。",
    )


def _phone_complaint_passed_on() -> None:
    """fuzhou: a complaint about a care institution goes to the third party to check (003:14)."""
    key = "demo-complaint-fuzhou-call"
    if _exists(key):
        return
    complaint = service.record_call(
        _staff("hotline"),
        key,
        region_code="fuzhou",
        topic="service_quality",
        concerned="care_institution",
        institution_name="福州市鼓楼区康乐护理院",
        what_happened="来电人说父亲在护理院身上有压疮，护理员很少帮他翻身。",
        anonymous=False,
        contact_name="林先生",
        contact_phone="13900000021",
        contact_by="sms",
    )
    agency = _staff("reviewer.fz")
    handling.act(agency, complaint, "take")
    handling.act(agency, complaint, "target_date", on=working_day(5))
    handling.act(agency, complaint, "pass", text="请上门核查翻身记录和压疮情况，五个工作日内报回。")


def _waiting_chat() -> None:
    if db.session.scalar(select(ChatMessage.id).filter_by(sender_id=WAITING_OPENID)):
        return
    started = utcnow() - timedelta(minutes=len(WAITING_CHAT))
    for minute, (direction, text) in enumerate(WAITING_CHAT):
        at = started + timedelta(minutes=minute)
        transcript.record(WAITING_OPENID, "wechat", direction, text, at=at)
    chat.request_handoff(WAITING_OPENID, "user_request", "zh", WAITING_CHAT[-1][1])


def _call_back_promised() -> None:
    """A caller the hotline promised to ring back this afternoon (one task, made once)."""
    callbacks.create(
        _staff("hotline"),
        "demo-call-back",
        source="call",
        region_code="ningxia",
        name="马女士",
        phone="13900000031",
        about="问母亲的评估结论什么时候能送到，想当面问清楚要准备什么。",
        promised_at=utcnow() + timedelta(hours=3),
    )
