"""Powers of attorney to print: the region's own form where its document prints one
(xinjiang annex 2), otherwise the portal's plain one. Read from ``attorney_forms/*.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.policy.errors import UnknownRegion
from portal.policy.profiles import region_codes
from portal.policy.text import Text

FORMS_DIR = Path(__file__).parent / "attorney_forms"
PLAIN = "plain"


@dataclass(frozen=True)
class AttorneyForm:
    title: Text
    blanks: tuple[Text, ...]  # lines to fill in, in order
    body: Text
    signatures: tuple[Text, ...]
    printed_by_document: bool  # the region's document prints this form
    source: str | None = None


@cache
def attorney_form(region: str) -> AttorneyForm:
    """The form for `region`: its own if its document prints one, else the plain one."""
    if region not in region_codes():
        raise UnknownRegion(region, region_codes())
    path = FORMS_DIR / f"{region}.toml"
    if not path.is_file():
        path = FORMS_DIR / f"{PLAIN}.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    where = path.name

    def texts(key: str) -> tuple[Text, ...]:
        return tuple(Text.from_data(entry, f"{where}: {key}") for entry in data[key])

    return AttorneyForm(
        title=Text.from_data(data["title"], f"{where}: title"),
        blanks=texts("blanks"),
        body=Text.from_data(data["body"], f"{where}: body"),
        signatures=texts("signatures"),
        printed_by_document=bool(data["printed_by_document"]),
        source=data.get("source"),
    )
