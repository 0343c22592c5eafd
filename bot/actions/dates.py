"""Dates in the portal's style (../portal/dates.py, ../shared/UYGHUR.md "Dates").

Chinese «2027年1月20日», Uyghur «2027-يىلى 1-ئاينىڭ 20-كۈنى», through Babel with the portal's
explicit patterns (a test holds the two tables equal). The Uyghur date ends the word itself:
«… كۈنى» (on that day, also after "at the latest"), «… كۈنىگىچە» (until: "at least until",
"at most until"), «… كۈنىدىن» (from); Chinese says 到 / 从…起 around the date instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date as babel_format_date

Ending = Literal["on", "until", "since"]

# the same patterns as the portal's PATTERNS (portal/dates.py) for these endings
PATTERNS: dict[str, dict[Ending, str]] = {
    "zh": {
        "on": "y'年'M'月'd'日'",
        "until": "y'年'M'月'd'日'",
        "since": "y'年'M'月'd'日'",
    },
    "ug": {
        "on": "y-'يىلى' M-'ئاينىڭ' d-'كۈنى'",
        "until": "y-'يىلى' M-'ئاينىڭ' d-'كۈنىگىچە'",
        "since": "y-'يىلى' M-'ئاينىڭ' d-'كۈنىدىن'",
    },
}


def as_date(value: dt.date | str | None) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def format_date(value: dt.date | str | None, language: str, ending: Ending = "on") -> str:
    """'2027-01-20' → '2027年1月20日' / '2027-يىلى 1-ئاينىڭ 20-كۈنى' (ending "on"),
    '… 20-كۈنىگىچە' ("until"), '… 20-كۈنىدىن' ("since"); anything else as it is."""
    date = as_date(value)
    if date is None:
        return str(value)
    language = "ug" if language == "ug" else "zh"
    return str(babel_format_date(date, PATTERNS[language][ending], locale=language))
