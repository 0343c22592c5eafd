"""Jinja filters and globals shared by every page."""

from collections.abc import Mapping
from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.crypto import mask_id_number
from portal.models import InsuranceType, Relation
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


def chinese(value: str) -> Markup | str:
    """Chinese text (names from the roster) marked as such on Uyghur pages, for screen
    readers, read-aloud and fonts."""
    if language() == "zh":
        return value
    return Markup('<span lang="zh-Hans">%s</span>') % value


def ltr(value: str) -> Markup:
    """Numbers (phones, ID and reference numbers) isolated so Uyghur text can't reorder them."""
    return Markup("<bdi>%s</bdi>") % value


def insurance_type_label(value: InsuranceType | str) -> str:
    return str(INSURANCE_TYPE_LABELS[InsuranceType(value)])


INSURANCE_TYPE_LABELS = {
    InsuranceType.EMPLOYEE: _l("职工医保"),
    InsuranceType.RESIDENT: _l("城乡居民医保"),
    InsuranceType.EXTREME_POVERTY: _l("特困供养"),
    InsuranceType.SUBSISTENCE: _l("最低生活保障"),
    InsuranceType.OTHER: _l("其他"),
}


def source_ref(source: str) -> Markup:
    """Article references such as 000:15(5) keep their left-to-right order in Uyghur text."""
    return Markup('<bdi dir="ltr" class="source-ref">%s</bdi>') % source


def file_input_checks() -> dict[str, str]:
    """What static/large-ui/js/uploads.js needs to refuse a file before it is sent."""
    from portal.uploads.service import MAX_BYTES

    return {
        "data-max-bytes": str(MAX_BYTES),
        "data-too-large": _(
            "这个文件有 %(size)s MB，太大了。每个文件不能超过 10MB，请拍得小一点或分开上传。",
            size="__SIZE__",
        ),
        "data-empty": _("这个文件是空的。请重新拍照，或选择另一个文件。"),
    }


def init_app(app: Flask) -> None:
    app.jinja_env.filters["mask_id"] = mask_id_number
    app.jinja_env.filters["in_language"] = in_language
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["source_ref"] = source_ref
    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters["chinese"] = chinese
    app.jinja_env.filters["insurance_type"] = insurance_type_label
    app.jinja_env.globals.update(
        region_name=region_name, relation_label=relation_label, file_input_checks=file_input_checks
    )
