"""China's clock. Every date a person or a rule sees is the date in Asia/Shanghai, whatever
the server's time zone: a case submitted at 07:30 on 3 March Beijing time starts on 3 March,
although the UTC date is still 2 March. Moments are stored in UTC; dates are taken here."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """The current moment, aware, in UTC (what the database stores)."""
    return datetime.now(UTC)


def china_now() -> datetime:
    return utcnow().astimezone(CHINA)


def china_today() -> date:
    return china_now().date()


def china_date(moment: datetime) -> date:
    """The calendar date in China of a stored (aware) moment."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: moments are aware, in UTC")
    return moment.astimezone(CHINA).date()


def china_midnight(day: date) -> datetime:
    """The first moment of a Chinese calendar day, as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=CHINA).astimezone(UTC)
