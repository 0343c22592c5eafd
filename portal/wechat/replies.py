"""What the WeChat channel says: the bot's messages as one text, and the channel's own words.

WeChat shows one passive reply per message and has no buttons in a chat, so the bot's
messages are merged into one text and its buttons become numbered choices that the person
answers with the number.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.bot_client import BotMessage

LANGUAGES = ("zh", "ug")
_ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_HAN = re.compile(r"[\u4E00-\u9FFF]")
_CHOICE = re.compile(r"\s*(\d{1,2})\s*[.。、)）]?\s*")


@dataclass(frozen=True)
class Reply:
    text: str
    # The payloads of the numbered choices the text offers, in order.
    choices: list[str]


def compose(messages: list[BotMessage]) -> Reply:
    parts: list[str] = []
    choices: list[str] = []
    for message in messages:
        lines = [message.text] if message.text else []
        for button in message.buttons:
            choices.append(button.payload or button.title)
            lines.append(f"{len(choices)} {button.title}")
        if message.image:
            lines.append(message.image)
        if lines:
            parts.append("\n".join(lines))
    return Reply("\n\n".join(parts), choices)


def chosen(text: str, choices: list[str]) -> str | None:
    """The payload of the choice a reply like "2" (or "２", "2." ) picks, if it picks one."""
    match = _CHOICE.fullmatch(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    number = int(match.group(1))
    return choices[number - 1] if 1 <= number <= len(choices) else None


def language_of(text: str) -> str | None:
    """Uyghur (Arabic script) or Chinese (Han characters), by the script the text is in."""
    arabic, han = len(_ARABIC.findall(text)), len(_HAN.findall(text))
    if arabic > han:
        return "ug"
    if han:
        return "zh"
    return None


def in_languages(languages: tuple[str, ...], say: Callable[[str], str]) -> str:
    """What `say(hotline)` says in each language, one paragraph each."""
    paragraphs = []
    for language in languages:
        with force_locale(language):
            paragraphs.append(say(current_app.config["HOTLINE"]))
    return "\n\n".join(paragraphs)


def _languages(language: str | None) -> tuple[str, ...]:
    """The person's language when known, else both: better too much than unreadable."""
    return (language,) if language else LANGUAGES


def welcome() -> str:
    return in_languages(
        LANGUAGES,
        lambda hotline: _(
            "您好，欢迎关注长护通！我可以回答长期护理保险的问题：能不能申请、要带什么材料、"
            "多久出结果、对结论不服怎么办、附近的定点护理机构。可以打字，也可以发语音，"
            "用汉语或维吾尔语都行。绑定长护通账号以后，还能查您自己的申请进度。"
            "想找工作人员，就发“转人工”，或拨打热线 %(hotline)s。",
            hotline=hotline,
        ),
    )


def voice_not_understood(language: str | None) -> str:
    return in_languages(
        _languages(language),
        lambda hotline: _(
            "抱歉，这段语音我没有听清楚。请再说一遍，或者打字发给我，也可以拨打热线 %(hotline)s。",
            hotline=hotline,
        ),
    )


def unsupported(language: str | None) -> str:
    return in_languages(
        _languages(language),
        lambda hotline: _(
            "谢谢！我现在只能看懂文字和语音。请用文字或语音提问，也可以拨打热线 %(hotline)s。",
            hotline=hotline,
        ),
    )


def bot_down(language: str | None) -> str:
    return in_languages(
        _languages(language),
        lambda hotline: _(
            "抱歉，智能客服现在出了故障，暂时不能回答。已经为您转给工作人员，他们会在这里回复您；"
            "着急的话请拨打热线 %(hotline)s。",
            hotline=hotline,
        ),
    )
