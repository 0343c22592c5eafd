"""Jinja filters and globals shared by every page."""

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.dates import day_text
from portal.models import ActingAs, InsuranceType, InsuredPerson, Relation
from portal.people.forms import ACTING_AS_LABELS, RELATION_LABELS
from portal.policy import Text, cite, load_profile
from portal.uploads.earlier import title as upload_title


def language() -> str:
    return str(get_locale() or "zh")


def in_language(text: Text | Mapping[str, str] | str) -> str:
    """Policy texts carry both languages (as Text, or as a stored {"zh", "ug"} dict); other
    words are already in the page's language."""
    if isinstance(text, str):
        return text
    if isinstance(text, Text):
        return text.get(language())
    return text.get(language()) or text.get("zh", "")


def region_name(code: str) -> str:
    return in_language(load_profile(code).name)


def relation_label(relation: Relation | str) -> str:
    return str(RELATION_LABELS[Relation(relation)])


def acting_as_label(acting_as: ActingAs | str) -> str:
    kind = ActingAs(acting_as)
    return "" if kind is ActingAs.SELF else str(ACTING_AS_LABELS[kind])


def long_date(value: date | datetime) -> str:
    """The day in the page's language: 2027年1月20日, «2027-يىلى 1-ئاينىڭ 20-كۈنى»."""
    return day_text(value, language())


def until_date(value: date | datetime) -> str:
    """For "… until that day" (保留到 …): the Uyghur date ends in «كۈنىگىچە»."""
    return day_text(value, language(), ending="until")


def since_date(value: date | datetime) -> str:
    """For "from that day on" (从 … 起): the Uyghur date ends in «كۈنىدىن»."""
    return day_text(value, language(), ending="since")


def short_date(value: date | datetime) -> str:
    """A recent date without its year ("11月30日"); the year is added when it is not this one."""
    return day_text(value, language(), ending="short")


def unbroken_in_page(say: Callable[[date | datetime], str]) -> Callable[[date | datetime], Markup]:
    """The page filter of a date function: a line may break between «2027-يىلى» and
    «1-ئاينىڭ», never after a number's hyphen; a Chinese date after its year (2027年 | 1月20日),
    so it fits a narrow phone at the largest text. Python code keeps the plain text."""

    def unbroken(part: str) -> Markup:
        return Markup('<span class="nobreak">%s</span>') % part

    def filter_(value: date | datetime) -> Markup:
        words = say(value).split(" ")
        return Markup(" ").join(
            Markup("").join(unbroken(part) for part in re.split(r"(?<=年)(?=.)", word))
            for word in words
        )

    return filter_


def chinese(value: str) -> Markup | str:
    """Chinese text (names from the roster) marked as such on Uyghur pages, for screen
    readers, read-aloud and fonts."""
    if language() == "zh":
        return value
    return Markup('<span lang="zh-Hans">%s</span>') % value


def person_name(person: InsuredPerson) -> Markup | str:
    """A roster name in the script of the page's language where the roster has it; otherwise
    the Chinese name, marked as Chinese."""
    name = person.name_in(language())
    return chinese(name) if name == person.name else name


def masked_id(id_number: str) -> Markup:
    """A masked ID number on a page: its first 3 and last 4 characters, enough to recognise
    it, as one unit that never breaks over two lines, in left-to-right order. Four stars, not
    eleven, so it fits a phone at the largest text size (a mask is not counted anyway)."""
    shown = id_number[:3] + "****" + id_number[-4:] if len(id_number) > 7 else "****"
    return Markup('<bdi class="id-number">%s</bdi>') % shown


def ltr(value: str) -> Markup:
    """Numbers (phones, ID and reference numbers) isolated so Uyghur text can't reorder them."""
    return Markup('<bdi dir="ltr">%s</bdi>') % value


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
    """A rule's source as people read it: the document's name and the article in words.

    On Uyghur pages the Chinese title is marked ``lang="zh-Hans"`` and isolated, so
    right-to-left text never reorders it; the internal code ("000:15(5)") is never shown.
    """
    parts = []
    for segment in cite(source).segments(language()):
        if segment.chinese_title and language() != "zh":
            parts.append(Markup('<bdi lang="zh-Hans" dir="ltr">%s</bdi>') % segment.text)
        else:
            parts.append(Markup.escape(segment.text))
    return Markup('<span class="citation">%s</span>') % Markup("").join(parts)


PUNCTUATION = {
    "zh": {"colon": "：", "semicolon": "；", "comma": "，"},
    "ug": {"colon": ": ", "semicolon": "؛ ", "comma": "، "},
}


def punct(kind: str) -> str:
    """Punctuation between template pieces in the page's language: Uyghur text never takes
    Chinese full-width marks (UYGHUR.md)."""
    return PUNCTUATION.get(language(), PUNCTUATION["zh"])[kind]


def paren(value: object) -> Markup:
    if language() == "zh":
        return Markup("（%s）") % value
    return Markup(" (%s)") % value


def profile_materials(case: object) -> object:
    return load_profile(case.region_code).materials  # type: ignore[attr-defined]


def file_input_checks() -> dict[str, str]:
    """What static/large-ui/js/uploads.js needs to refuse a file before it is sent."""
    from portal.uploads.service import MAX_BYTES

    return {
        "data-max-bytes": str(MAX_BYTES),
        # The size is isolated (U+2068 … U+2069) so right-to-left text keeps "11.0 MB" whole.
        "data-too-large": _(
            "这个文件有 %(size)s，太大了。每个文件不能超过 10MB，请拍得小一点或分开上传。",
            size="\u2068__SIZE__ MB\u2069",
        ),
        "data-empty": _("这个文件是空的。请重新拍照，或选择另一个文件。"),
    }


def init_app(app: Flask) -> None:
    app.jinja_env.filters["mask_id"] = masked_id
    app.jinja_env.filters["in_language"] = in_language
    for say in (long_date, until_date, since_date, short_date):
        app.jinja_env.filters[say.__name__] = unbroken_in_page(say)
    app.jinja_env.filters["source_ref"] = source_ref
    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters["person_name"] = person_name
    app.jinja_env.filters["chinese"] = chinese
    app.jinja_env.filters["insurance_type"] = insurance_type_label
    app.jinja_env.filters["paren"] = paren
    app.jinja_env.globals.update(
        region_name=region_name,
        relation_label=relation_label,
        acting_as_label=acting_as_label,
        profile_materials=profile_materials,
        punct=punct,
        upload_title=upload_title,
        file_input_checks=file_input_checks,
    )
