"""Portal pages the bot links to — the only place their paths are written."""
from __future__ import annotations

import os
from typing import Optional

PAGES = {
    "self_assessment": "/self-assessment/",
    "apply": "/apply/",
    "applications": "/applications/",
    "institutions": "/institutions/",
    "complaints": "/complaints/",
    "privacy": "/privacy",
    "bind": "/chat/bind",  # signed in: a 6-digit code to send as "绑定 123456"
}


def public_base_url() -> str:
    return os.environ.get("CHANGHU_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")


def page_url(key: Optional[str]) -> Optional[str]:
    """Absolute URL of a portal page, or None for an unknown/empty key."""
    if not key or key not in PAGES:
        return None
    return public_base_url() + PAGES[key]


def hotline() -> str:
    # 12393 is the national medical-insurance service hotline; deployments may override.
    return os.environ.get("CHANGHU_HOTLINE", "12393")
