"""Jinja filters and globals shared by every page."""

from collections.abc import Mapping
from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, get_locale

from portal.crypto import mask_id_number
from portal.models import Relation
from portal.people.forms import RELATION_LABELS
from portal.policy import Text, load_profile


def language() -> str:
    return str(get_locale() or "zh")


def in_language(text: Text | Mapping[str, str]) -> str:
    """Policy texts carry both languages (as Text, or as a stored {"zh", "ug"} dict)."""
    if isinstance(text, Text):
        return text.get(language())
    return text.get(language()) or text.get("zh", "")


def region_name(code: str) -> str:
    return in_language(load_profile(code).name)


def relation_label(relation: Relation | str) -> str:
    return str(RELATION_LABELS[Relation(relation)])


def long_date(value: date | datetime) -> str:
    """Dates through Babel, so each language writes them its own way."""
    return format_date(value, format="long")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["mask_id"] = mask_id_number
    app.jinja_env.filters["in_language"] = in_language
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.globals.update(region_name=region_name, relation_label=relation_label)
