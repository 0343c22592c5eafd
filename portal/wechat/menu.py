"""The Official Account's menu, from menu.toml: what WeChat is sent, and what a click asks."""

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from flask import url_for

MENU_FILE = Path(__file__).with_name("menu.toml")
# WeChat's limits: 3 buttons, 5 sub-buttons each, names in UTF-8 bytes.
MAX_BUTTONS, MAX_SUB_BUTTONS = 3, 5
MAX_NAME_BYTES, MAX_SUB_NAME_BYTES = 16, 60


class MenuError(ValueError):
    """The menu file breaks one of WeChat's rules; the message says which."""


@cache
def _menu_file() -> dict[str, Any]:
    with MENU_FILE.open("rb") as handle:
        return tomllib.load(handle)


def buttons() -> list[dict[str, Any]]:
    return list(_menu_file()["button"])


def _clickable() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for button in buttons():
        found.extend(button.get("sub_button") or [button])
    return [button for button in found if button.get("type") == "click"]


def question_for(key: str, language: str | None) -> str | None:
    """What a click on the button `key` asks the bot, in the person's language."""
    for button in _clickable():
        if button["key"] == key:
            asks: dict[str, str] = button["ask"]
            return asks.get(language or "zh", asks["zh"])
    return None


def wechat_menu() -> dict[str, Any]:
    """The menu as WeChat's menu/create takes it; needs a request context for the links."""
    top = buttons()
    if len(top) > MAX_BUTTONS:
        raise MenuError(f"{len(top)} buttons: WeChat allows {MAX_BUTTONS}")
    return {"button": [_button(button, MAX_NAME_BYTES) for button in top]}


def _button(button: dict[str, Any], max_name_bytes: int) -> dict[str, Any]:
    name = button["name"]
    if len(name.encode()) > max_name_bytes:
        raise MenuError(f"{name!r} is longer than {max_name_bytes} bytes")
    subs = button.get("sub_button")
    if subs is not None:
        if len(subs) > MAX_SUB_BUTTONS:
            raise MenuError(f"{name!r} has {len(subs)} sub-buttons: at most {MAX_SUB_BUTTONS}")
        return {"name": name, "sub_button": [_button(s, MAX_SUB_NAME_BYTES) for s in subs]}
    if button["type"] == "click":
        if set(button["ask"]) != {"zh", "ug"}:
            raise MenuError(f"{name!r} must ask in zh and ug")
        return {"type": "click", "name": name, "key": button["key"]}
    if button["type"] == "view":
        return {"type": "view", "name": name, "url": url_for(button["endpoint"], _external=True)}
    raise MenuError(f"{name!r}: unknown type {button['type']!r}")
