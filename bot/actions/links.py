"""Portal pages the bot links to. Their paths live in links.json, which the portal's suite
reads too: every URL the bot can send must resolve to one of the portal's routes."""

from __future__ import annotations

import json
import os
import pathlib

LINKS_FILE = pathlib.Path(__file__).with_name("links.json")
PAGES: dict[str, str] = json.loads(LINKS_FILE.read_text(encoding="utf-8"))["pages"]


def public_base_url() -> str:
    return os.environ.get("CHANGHU_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")


def page_url(key: str | None) -> str | None:
    """Absolute URL of a portal page, or None for an unknown/empty key."""
    if not key or key not in PAGES:
        return None
    return public_base_url() + PAGES[key]


def hotline() -> str:
    # 12393 is the national medical-insurance service hotline; deployments may override.
    return os.environ.get("CHANGHU_HOTLINE", "12393")
