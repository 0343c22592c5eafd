"""Display preferences (text size, contrast), remembered in cookies for the next visit."""

from collections.abc import Mapping
from dataclasses import dataclass

TEXT_SIZE_COOKIE = "text_size"
THEME_COOKIE = "theme"
TEXT_SIZES = (1, 2, 3, 4)
THEMES = ("standard", "contrast")


@dataclass(frozen=True)
class Preferences:
    text_size: int = 1
    theme: str = "standard"


def parse_text_size(value: str | None) -> int | None:
    if value is not None and value.isdigit() and int(value) in TEXT_SIZES:
        return int(value)
    return None


def parse_theme(value: str | None) -> str | None:
    return value if value in THEMES else None


def read_preferences(cookies: Mapping[str, str]) -> Preferences:
    return Preferences(
        text_size=parse_text_size(cookies.get(TEXT_SIZE_COOKIE)) or TEXT_SIZES[0],
        theme=parse_theme(cookies.get(THEME_COOKIE)) or THEMES[0],
    )
