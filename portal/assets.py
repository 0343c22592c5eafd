"""URLs for static files that change whenever their content does.

Vendored files already carry a hash in their name (`htmx-<hash>.min.js`); our own files get
`?v=<hash>`. Either way browsers may keep them for a year (SEND_FILE_MAX_AGE_DEFAULT).
"""

import hashlib
import re
from functools import cache
from pathlib import Path

from flask import url_for

HASHED_NAME = re.compile(r"^(?P<stem>.+)-[0-9a-f]{10}(?P<suffix>\..+)$")


@cache
def _manifest(static_dir: str) -> dict[str, str]:
    manifest: dict[str, str] = {}
    root = Path(static_dir)
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        match = HASHED_NAME.match(path.name)
        if match:
            logical = path.with_name(match["stem"] + match["suffix"]).relative_to(root)
            manifest[logical.as_posix()] = relative
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            manifest[relative] = f"{relative}?v={digest}"
    return manifest


def asset_url(logical_name: str, static_dir: str) -> str:
    """`asset_url("large-ui/js/htmx.min.js")` → the current file's URL."""
    name = _manifest(static_dir)[logical_name]
    path, _, version = name.partition("?v=")
    url = url_for("static", filename=path)
    return f"{url}?v={version}" if version else url
