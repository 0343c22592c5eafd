"""Telling a complainant that their complaint is answered, by the contact they gave.

`send_text_message` is the one place a complaint's text leaves the portal by SMS: it uses the
SMS gateway (portal/sms) until the notification sender of issue 13 is on main, then only this
function changes. WeChat goes through the customer-service API while the person's 48-hour
window is open, else by SMS to the account's phone.
"""

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal import jobs, sms
from portal.extensions import db
from portal.models import Account, ChatBinding, Complaint, ComplaintEvent, utcnow
from portal.wechat import client
from portal.wechat import service as wechat


def send_text_message(phone: str, text: str) -> None:
    sms.gateway().send(phone, text)


def _message(complaint: Complaint) -> str:
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


@jobs.task(retries=2, retry_delay=30)
def tell_of_reply(complaint_id: int) -> None:
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or not complaint.reply or complaint.anonymous:
        return
    text = _message(complaint)
    account = db.session.get(Account, complaint.account_id) if complaint.account_id else None
    if complaint.contact_by == "wechat" and account is not None:
        binding = db.session.scalar(select(ChatBinding).filter_by(account_id=account.id))
        if binding is not None and wechat.window_open(binding.sender_id):
            try:
                client.send_text(binding.sender_id, text)
            except client.WeChatUnavailable:
                pass
            else:
                _record(complaint, "reply_sent", "wechat")
                return
    phone = complaint.contact_phone or (account.phone if account else None)
    if complaint.contact_by in ("sms", "wechat") and phone:
        send_text_message(phone, text)
        _record(complaint, "reply_sent", "sms")
        return
    _record(complaint, "reply_not_sent", "none")
