"""The regions the portal serves, and their names as people read them."""

from __future__ import annotations

import os

REGIONS = ("ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin")

REGION_NAMES = {
    "zh": {
        "ningxia": "宁夏",
        "xinjiang": "新疆",
        "heilongjiang": "黑龙江",
        "fuzhou": "福州",
        "tianjin": "天津",
    },
    "ug": {
        "ningxia": "نىڭشيا",
        "xinjiang": "شىنجاڭ",
        "heilongjiang": "خېيلۇڭجياڭ",
        "fuzhou": "فۇجۇ",
        "tianjin": "تيەنجىن",
    },
}


def default_region() -> str | None:
    """The deployment's region (CHANGHU_DEFAULT_REGION): most Official Accounts serve one."""
    region = os.environ.get("CHANGHU_DEFAULT_REGION", "").strip().lower()
    return region if region in REGIONS else None
