"""Where the page's language comes from, decided in this one place.

Order: ``?lang=`` (API clients, shared links), the user's explicit choice (remembered in a
cookie), then Accept-Language, then zh.
"""

from flask import current_app, request

LANGUAGE_COOKIE = "lang"
LANGUAGE_QUERY = "lang"
RTL_LANGUAGES = frozenset({"ug"})
# BCP 47 tags for <html lang>: Chinese is written in simplified characters here.
HTML_LANG = {"zh": "zh-Hans", "ug": "ug"}
# Each language's name in itself, so a reader finds their own language in the switch.
ENDONYMS = {"zh": "中文", "ug": "ئۇيغۇرچە"}


def supported_languages() -> tuple[str, ...]:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    return languages


def select_locale() -> str:
    for chosen in (request.args.get(LANGUAGE_QUERY), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in supported_languages():
            return chosen
    return request.accept_languages.best_match(supported_languages()) or "zh"


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"
