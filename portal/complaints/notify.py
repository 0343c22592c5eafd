"""Telling a complainant that their complaint is answered, by the contact they gave.

The reply goes through the citizen notification sender (portal/notifications), once per
answer: into the account's inbox, and by SMS to the number given when they asked for SMS.
Asked for WeChat, it goes as a customer-service text while the person's 48-hour window is
open (the whole reply, not a template's summary), else by SMS to the account's phone. An
anonymous complaint's reply is read on the portal only: the inbox, never a text.
"""

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal import jobs
from portal.extensions import db
from portal.models import Account, ChatBinding, Complaint, ComplaintEvent, utcnow
from portal.notifications import Contact, notify
from portal.notifications.reminders import path_for
from portal.wechat import client
from portal.wechat import service as wechat


def _wechat_text(complaint: Complaint) -> str:
    with force_locale(complaint.language):
        return _(
            "【长护通】您的投诉（编号%(reference)s）已经答复：%(reply)s"
            " 也可以登录长护通，在“我的投诉”里查看。",
            reference=complaint.reference,
            reply=complaint.reply,
        )


def _record(complaint: Complaint, kind: str, by: str) -> None:
    db.session.add(
        ComplaintEvent(complaint_id=complaint.id, kind=kind, data={"by": by}, at=utcnow())
    )
    db.session.commit()


def _sent_on_wechat(complaint: Complaint, account: Account) -> bool:
    binding = db.session.scalar(select(ChatBinding).filter_by(account_id=account.id))
    if binding is None or not wechat.window_open(binding.sender_id):
        return False
    try:
        client.send_text(binding.sender_id, _wechat_text(complaint))
    except client.WeChatUnavailable:
        return False
    return True


@jobs.task(retries=2, retry_delay=30)
def tell_of_reply(complaint_id: int) -> None:
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or not complaint.reply:
        return
    account = db.session.get(Account, complaint.account_id) if complaint.account_id else None
    wanted = None if complaint.anonymous else complaint.contact_by
    by = "none"
    if wanted == "wechat" and account is not None and _sent_on_wechat(complaint, account):
        by = "wechat"
    phone = complaint.contact_phone or (account.phone if account else None)
    if wanted in ("sms", "wechat") and by == "none" and phone:
        by = "sms"
    answers = sum(1 for event in complaint.events if event.kind == "answered")
    params = {"reference": complaint.reference, "reply": complaint.reply}
    key = f"complaint:{complaint.id}:reply:{answers}"
    channels = ("sms",) if by == "sms" else ()
    if account is not None:
        link = path_for("complaints.detail", reference=complaint.reference)
        notify(
            account, "complaint_reply", params, key=key, link=link, channels=channels, phone=phone
        )
    elif by == "sms":
        notify(
            Contact(phone=phone, language=complaint.language), "complaint_reply", params, key=key
        )
    if not complaint.anonymous:
        _record(complaint, "reply_not_sent" if by == "none" else "reply_sent", by)
