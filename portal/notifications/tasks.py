"""Background jobs of the notifications, and the daily jobs that must never depend on someone
remembering cron: reminders, and the drafts' reminder and purge."""

import logging

from portal import jobs
from portal.extensions import db
from portal.models import Notification
from portal.notifications import channels

log = logging.getLogger(__name__)


@jobs.task(retries=5, retry_delay=120)
def deliver(notification_id: int) -> None:
    """Sends what is still pending of one notification; a failed channel is tried again."""
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        return
    failures = []
    for send in (channels.send_sms, channels.send_wechat):
        try:
            send(notification)
        except channels.TryAgain as error:
            failures.append(str(error))
    if failures:
        raise channels.TryAgain("; ".join(failures))


@jobs.periodic_task(jobs.crontab(hour="9", minute="0"), name="send-reminders")
def send_reminders_daily() -> None:
    from portal.notifications.reminders import send_reminders

    log.info("reminders: %s", send_reminders())


@jobs.periodic_task(jobs.crontab(hour="9", minute="30"), name="remind-drafts")
def remind_drafts_daily() -> None:
    from portal.apply.drafts import remind_expiring_drafts

    log.info("draft reminders sent: %s", remind_expiring_drafts())


@jobs.periodic_task(jobs.crontab(hour="3", minute="0"), name="purge-drafts")
def purge_drafts_daily() -> None:
    from portal.apply.drafts import purge_expired_drafts

    log.info("drafts deleted: %s", purge_expired_drafts())
