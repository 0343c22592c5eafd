"""Notifications: the citizen's in-portal inbox, text messages, WeChat template messages and
the console's alerts, through one small interface::

    from portal.notifications import Contact, notify

    notify(account, "case_news", {...}, key="event:12", link="/applications/3/")
    notify(account, "complaint_reply", {...}, key="…", channels=("sms",), phone="139…")
    notify(Contact(phone="13800138000", language="ug"), "message", {"text": "…"}, key="…")

``notify`` writes the notification once per ``key`` — called again with the same key it
does nothing and returns None — and sends it in the background: an account gets it in its
inbox, by SMS and, when bound to the Official Account, as a WeChat template message (or only
the ``channels`` the person asked for, and SMS to another ``phone``); a staff
member in the console's alerts; a bare ``Contact`` by SMS and/or WeChat. The words are
rendered in the recipient's language from ``kind`` and ``params`` (portal/notifications/
messages.py); ``message`` carries a text written by a person.
"""

from portal.notifications.sender import Contact, notify

__all__ = ["Contact", "notify"]
