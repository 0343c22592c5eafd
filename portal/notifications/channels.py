"""Sending one notification by SMS and by WeChat, each channel at most once.

A channel is claimed by moving it from pending to sending in one conditional update: two
workers (a retry and a late first try) can never both send it. The words are rendered in the
recipient's language at the moment of sending."""

import logging

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import update

from portal import sms
from portal.clock import china_today
from portal.dates import day_text
from portal.extensions import db
from portal.models import Account, Delivery, Notification
from portal.notifications.messages import Words, words
from portal.wechat import client as wechat

log = logging.getLogger(__name__)
# WeChat will not take these however often it is asked: unfollowed, not this account's user,
# or the template is missing.
FINAL_WECHAT_ERRORS = {43004, 40003, 40037, 43101}


class TryAgain(Exception):
    """A channel failed for now; the job is retried and sends only what is still pending."""


def _claim(notification: Notification, channel: str) -> bool:
    column = getattr(Notification, channel)
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification.id, column == Delivery.PENDING)
        .values({channel: Delivery.SENDING})
    )
    db.session.commit()
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def _finish(notification: Notification, channel: str, state: Delivery) -> None:
    from portal.models import utcnow

    db.session.execute(
        update(Notification)
        .where(Notification.id == notification.id)
        .values(
            {channel: state, "sent_at": utcnow()} if state is Delivery.SENT else {channel: state}
        )
    )
    db.session.commit()


def public_link(notification: Notification) -> str | None:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"{base}{notification.link}" if notification.link and base else None


def rendered(notification: Notification) -> Words:
    with force_locale(notification.language):
        return words(notification.kind, notification.params)


def sms_text(notification: Notification) -> str:
    said = rendered(notification)
    link = public_link(notification)
    with force_locale(notification.language):
        text = (
            _("【长护通】%(title)s：%(text)s", title=said.title, text=said.text)
            if said.title
            else _("【长护通】%(text)s", text=said.text)
        )
    return f"{text} {link}" if link else text


def send_sms(notification: Notification) -> None:
    if not _claim(notification, "sms"):
        return
    phone = notification.phone
    if phone is None and notification.account_id is not None:
        account = db.session.get(Account, notification.account_id)
        phone = account.phone if account else None
    if not phone:
        _finish(notification, "sms", Delivery.FAILED)
        return
    try:
        sms.gateway().send(phone, sms_text(notification))
    except sms.SmsError as error:
        _finish(notification, "sms", Delivery.PENDING)
        raise TryAgain(f"SMS: {error}") from error
    _finish(notification, "sms", Delivery.SENT)


def template_fields(notification: Notification) -> dict[str, str]:
    said = rendered(notification)
    with force_locale(notification.language):
        return {
            "first": said.title or _("长护通的消息"),
            "keyword1": said.text,
            "keyword2": day_text(china_today(), notification.language),
            "remark": _("详情请打开长护通查看。"),
        }


def send_wechat(notification: Notification) -> None:
    if not _claim(notification, "wechat"):
        return
    config = current_app.config
    fields = template_fields(notification)
    if config["WECHAT_TEMPLATE_BACKEND"] == "development" or not config["WECHAT_TEMPLATE_ID"]:
        log.warning("WeChat template message to %s: %s", notification.openid, fields)
        _finish(notification, "wechat", Delivery.SENT)
        return
    try:
        wechat.send_template(
            str(notification.openid),
            config["WECHAT_TEMPLATE_ID"],
            fields,
            public_link(notification),
        )
    except wechat.WeChatUnavailable as error:
        if error.errcode in FINAL_WECHAT_ERRORS:
            log.warning("WeChat template message not sent: %s", error)
            _finish(notification, "wechat", Delivery.FAILED)
            return
        _finish(notification, "wechat", Delivery.PENDING)
        raise TryAgain(f"WeChat: {error}") from error
    _finish(notification, "wechat", Delivery.SENT)
