"""Dates as people read them, in pages, SMS and reminders: one style per language, through
Babel with an explicit pattern (../shared/UYGHUR.md).

Chinese: 2027年1月20日. Uyghur: «2027-يىلى 1-ئاينىڭ 20-كۈنى», year first as official Xinjiang
usage and the Chinese order have it. It ends in «كۈنى», so a sentence uses it as it is ("on
that day") and never glues a suffix to it; "until" has its own ending, «…كۈنىگىچە». No month
names and no ISO dates in messages to people.
"""

from datetime import date, datetime

from babel.dates import format_date

from portal.clock import china_date

PATTERNS = {
    "zh": {"on": "y'年'M'月'd'日'", "until": "y'年'M'月'd'日'"},
    "ug": {
        "on": "y-'يىلى' M-'ئاينىڭ' d-'كۈنى'",
        "until": "y-'يىلى' M-'ئاينىڭ' d-'كۈنىگىچە'",
    },
}


def day_text(value: date | datetime, language: str, *, until: bool = False) -> str:
    """The day in words for ``language``; a stored moment is first taken as China's date.

    ``until`` is for "… until that day": Chinese says 到 around the date, Uyghur ends the
    date itself in «كۈنىگىچە».
    """
    day = china_date(value) if isinstance(value, datetime) else value
    patterns = PATTERNS.get(language, PATTERNS["zh"])
    return format_date(day, patterns["until" if until else "on"], locale=language)
