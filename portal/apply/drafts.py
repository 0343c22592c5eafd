"""Drafts are kept for 60 days after their last change, with an SMS a week before they go."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal import sms
from portal.apply.service import remove_draft
from portal.auth.current import forget_old_sign_ins
from portal.dates import day_text
from portal.extensions import db
from portal.models import Account, Application, ApplicationStatus, utcnow

REMIND_BEFORE = timedelta(days=7)


def remind_expiring_drafts() -> int:
    """Texts each account whose draft goes within a week, once per draft; returns how many."""
    now = utcnow()
    due = db.session.scalars(
        select(Application).where(
            Application.status == ApplicationStatus.DRAFT,
            Application.draft_expires_at <= now + REMIND_BEFORE,
            Application.draft_expires_at > now,
            Application.expiry_reminder_sent_at.is_(None),
        )
    ).all()
    for draft in due:
        account = db.session.get(Account, draft.account_id)
        if account is None or draft.draft_expires_at is None:
            continue
        with force_locale(account.language):
            text = _(
                "【长护通】您为%(name)s填写的长期护理保险申请还没有提交，草稿将在%(date)s删除。"
                "请登录长护通接着填写。",
                name=draft.insured_person.name_in(account.language),
                date=day_text(draft.draft_expires_at, account.language),
            )
        sms.gateway().send(account.phone, text)
        draft.expiry_reminder_sent_at = now
        db.session.commit()
    return len(due)


def purge_expired_drafts() -> int:
    """Deletes the drafts past their 60 days with their files, and sign-ins that can no
    longer be used. Returns how many drafts went."""
    expired = db.session.scalars(
        select(Application).where(
            Application.status == ApplicationStatus.DRAFT,
            Application.draft_expires_at <= utcnow(),
        )
    ).all()
    for draft in expired:
        remove_draft(draft)
    db.session.commit()
    forget_old_sign_ins()
    return len(expired)
