"""Where the page's language comes from, decided in this one place.

Order: the user's explicit choice (remembered in a cookie), then Accept-Language, then zh.
"""

from flask import current_app, request

LANGUAGE_COOKIE = "lang"
RTL_LANGUAGES = frozenset({"ug"})
# BCP 47 tags for <html lang>: Chinese is written in simplified characters here.
HTML_LANG = {"zh": "zh-Hans", "ug": "ug"}
# Each language's name in itself, so a reader finds their own language in the switch.
ENDONYMS = {"zh": "中文", "ug": "ئۇيغۇرچە"}


def supported_languages() -> tuple[str, ...]:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    return languages


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in supported_languages():
        return chosen
    return request.accept_languages.best_match(supported_languages()) or "zh"


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"
