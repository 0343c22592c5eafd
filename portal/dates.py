"""Dates as people read them, in pages, SMS and reminders: one style per language, through
Babel with an explicit pattern (../shared/UYGHUR.md).

Chinese: 2027年1月20日. Uyghur: «2027-يىلى 1-ئاينىڭ 20-كۈنى», year first as official Xinjiang
usage and the Chinese order have it. It ends in «كۈنى», so a sentence uses it as it is ("on
that day") and never glues a suffix to it; "until" and "from" have their own endings,
«…كۈنىگىچە» and «…كۈنىدىن». A recent day may drop its year ("short"): 11月30日,
«11-ئاينىڭ 30-كۈنى». No month names and no ISO dates in messages to people.
"""

from datetime import date, datetime
from typing import Literal

from babel.dates import format_date

from portal.clock import china_date, china_today

Ending = Literal["on", "until", "since", "short"]

# Chinese says 到 / 从…起 around the date; Uyghur ends the date itself.
PATTERNS: dict[str, dict[Ending, str]] = {
    "zh": {
        "on": "y'年'M'月'd'日'",
        "until": "y'年'M'月'd'日'",
        "since": "y'年'M'月'd'日'",
        "short": "M'月'd'日'",
    },
    "ug": {
        "on": "y-'يىلى' M-'ئاينىڭ' d-'كۈنى'",
        "until": "y-'يىلى' M-'ئاينىڭ' d-'كۈنىگىچە'",
        "since": "y-'يىلى' M-'ئاينىڭ' d-'كۈنىدىن'",
        "short": "M-'ئاينىڭ' d-'كۈنى'",
    },
}


def day_text(value: date | datetime, language: str, *, ending: Ending = "on") -> str:
    """The day in words for ``language``; a stored moment is first taken as China's date.

    ``ending``: "on" (that day), "until" (… until that day), "since" (from that day on),
    "short" (a day of this year, without the year; another year's day keeps it).
    """
    day = china_date(value) if isinstance(value, datetime) else value
    if ending == "short" and day.year != china_today().year:
        ending = "on"
    patterns = PATTERNS.get(language, PATTERNS["zh"])
    return format_date(day, patterns[ending], locale=language)
