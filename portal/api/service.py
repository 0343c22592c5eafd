"""What the JSON API answers: region rules, deadlines and the published institution list.

Every refusal is an ``ApiError`` whose message is already in the person's language, because
the bot passes it on to them as it is.
"""

import re
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import Institution
from portal.policy import (
    PERIOD_RULES,
    RegionProfile,
    RuleNotApplicable,
    UnknownRegion,
    compute_deadline,
    load_profile,
    region_codes,
)

# The codes stored in Institution.service_types (000:31(5), 002:20(4)).
SERVICE_TYPES = ("home", "community", "institution")
# Long-term care insurance did not exist before 2000, and the calendar cannot reach past
# year 9999; between the two, 2100 is far enough for any real question.
FIRST_YEAR = 2000
LAST_YEAR = 2100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FLAGS = {"true": True, "1": True, "false": False, "0": False}


class ApiError(Exception):
    """A request the API refuses; ``str(error)`` is a sentence in the person's language."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def regions() -> list[dict[str, str]]:
    """Every region a person can live in, named in the request's language."""
    return [{"code": code, "name": _name(load_profile(code))} for code in region_codes()]


def profile(code: str) -> RegionProfile:
    """A region's profile; ``national`` (what the three procedures share) is not a region."""
    try:
        return load_profile(code)
    except UnknownRegion as error:
        raise _unknown_region(code) from error


def region_profile(code: str) -> dict[str, Any]:
    return profile(code).to_dict()


def parse_date(value: str | None) -> date:
    if not value:
        raise ApiError(400, _("请给出起算日期，格式是 年-月-日，例如 2026-10-09。"))
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError as error:
        raise ApiError(
            400, _("起算日期不对。请写一个真实的日期，格式是 年-月-日，例如 2026-10-09。")
        ) from error
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ApiError(
            400,
            _(
                "只能计算%(first)s年到%(last)s年之间的日期。",
                first=FIRST_YEAR,
                last=LAST_YEAR,
            ),
        )
    return day


def parse_flag(name: str, value: str | None, *, default: bool) -> bool:
    """A true/false query parameter (``true``, ``1``, ``false``, ``0``); empty: the default."""
    if value is None or value == "":
        return default
    flag = _FLAGS.get(value.lower())
    if flag is None:
        raise ApiError(400, _("“%(name)s”只能是 true 或 false。", name=name))
    return flag


def deadline(
    code: str, rule: str, start: date, *, extended: bool = False, publicised: bool = True
) -> dict[str, Any]:
    """``publicised=False``: the conclusion was not publicised (a failed one). Where the
    period is the publicity itself (xinjiang's objection, 001:8(1)5), the document then
    states none."""
    region = profile(code)
    if rule not in PERIOD_RULES:
        raise ApiError(404, _("没有“%(rule)s”这种期限。", rule=rule))
    period = region.period(rule)
    if not period.stated or (period.publicised_only and not publicised):
        raise ApiError(422, _not_stated(region))
    if extended and period.extension is None:
        raise ApiError(
            422,
            _("%(region)s的政策文件没有规定这个期限可以延长。", region=_name(region)),
        )
    try:
        body = compute_deadline(region, rule, start, extended=extended).to_dict()
    except RuleNotApplicable as error:  # the checks above should leave nothing for this
        raise ApiError(422, _not_stated(region)) from error
    language = _language()
    return {
        **body,
        "qualifier": period.qualifier,
        "from_is_reading": period.from_is_reading,
        "condition": period.condition.get(language) if period.condition else None,
        "note": _reading_note(region) if period.from_is_reading else None,
    }


def parse_service_type(value: str | None) -> str | None:
    if not value:
        return None
    if value not in SERVICE_TYPES:
        raise ApiError(
            400,
            _(
                "没有这种护理方式。可以选：home（居家护理）、community（社区护理）、"
                "institution（机构护理）。"
            ),
        )
    return value


def institutions(
    region: str | None = None, district: str | None = None, service_type: str | None = None
) -> list[dict[str, Any]]:
    """The published list (000:31(5), 002:20(4)); every filter is optional.

    ``district`` matches any part of the district's name ("金凤" finds 金凤区).
    """
    query = select(Institution).order_by(Institution.region_code, Institution.id)
    if region:
        query = query.where(Institution.region_code == profile(region).code)
    if district:
        query = query.where(Institution.district.contains(district, autoescape=True))
    # A JSON array cannot be searched the same way on SQLite and PostgreSQL; the list is short.
    return [
        {
            "name": institution.name,
            "address": institution.address,
            "phone": institution.phone,
            "district": institution.district,
            "service_types": list(institution.service_types),
        }
        for institution in db.session.scalars(query)
        if service_type is None or service_type in institution.service_types
    ]


def _language() -> str:
    return str(get_locale() or "zh")


def _name(region: RegionProfile) -> str:
    return region.name.get(_language())


def _not_stated(region: RegionProfile) -> str:
    return _(
        "%(region)s的政策文件没有规定这个期限，所以算不出日期。经办机构会告诉您；"
        "也可以打热线 %(hotline)s 问。",
        region=_name(region),
        hotline=current_app.config["HOTLINE"],
    )


def _reading_note(region: RegionProfile) -> str:
    return _(
        "%(region)s的政策文件没有写从哪天开始算。这里按评估结论书送达之日起算，"
        "这是长护通的理解，以经办机构告知为准。",
        region=_name(region),
    )


def _unknown_region(code: str) -> ApiError:
    return ApiError(404, _("没有找到“%(code)s”这个地区。", code=code))


def unknown_path() -> ApiError:
    return ApiError(404, _("没有找到这个地址。"))
