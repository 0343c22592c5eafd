"""Dates in one style in both languages (../shared/UYGHUR.md, "Dates").

Chinese «2027年1月20日», Uyghur «2027-يىلى 1-ئاينىڭ 20-كۈنى», through Babel with an explicit
pattern like the portal's. The Uyghur form ends in «كۈنى» so that suffixes always fit:
«… 20-كۈنىگىچە» ("until the 20th").
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date

PATTERNS = {"zh": "y年M月d日", "ug": "y-'يىلى' M-'ئاينىڭ' d-'كۈنى'"}
UNTIL_SUFFIX = "گىچە"  # «… كۈنى» + «گىچە» = «… كۈنىگىچە» (until)
FROM_SUFFIX = "دىن"  # «… كۈنى» + «دىن» = «… كۈنىدىن» (from)


def as_date(value: dt.date | str | None) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def format_date(value: dt.date | str | None, language: str) -> str:
    """'2027-01-20' → '2027年1月20日' / '2027-يىلى 1-ئاينىڭ 20-كۈنى'; anything else as it is."""
    date = as_date(value)
    if date is None:
        return str(value)
    language = "ug" if language == "ug" else "zh"
    return str(babel_format_date(date, PATTERNS[language], locale=language))
