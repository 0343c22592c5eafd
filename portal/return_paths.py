"""Where a `next=` may send a person: only back to a page of this site."""

import re
from urllib.parse import urlsplit

# Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
# "/\t/evil.example" and "/\\evil.example" both leave the site as "//evil.example"; a newline
# would also break the Location header.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def safe_return_path(target: str | None, fallback: str) -> str:
    """`target` as the browser would read it, if that is a path on this site; else `fallback`."""
    if not target:
        return fallback
    path = _CONTROL_CHARACTERS.sub("", target).replace("\\", "/")
    parts = urlsplit(path)
    if not path.startswith("/") or path.startswith("//") or parts.scheme or parts.netloc:
        return fallback
    return path
