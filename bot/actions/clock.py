"""China's calendar: every date a person or a rule sees is the date in Asia/Shanghai.

The bot's twin of the portal's portal/clock.py: the servers may run in UTC, and a question
sent at 07:30 in Ürümqi on 3 March is still asked on 3 March (UTC: 2 March 23:30).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> dt.datetime:
    return dt.datetime.now(CHINA)


def china_today() -> dt.date:
    return china_now().date()
