"""What the person must do now, and what happens next, for the top of the status page."""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _

from portal.cases import dates
from portal.cases.care import CARE_STEPS, approved, pending_plan, service_choice
from portal.cases.review import requested_items
from portal.cases.stays import open_stay, resumption_requested
from portal.clock import china_today
from portal.models import Case, CaseStep
from portal.objection.service import state as objection_state
from portal.policy import load_profile
from portal.template_helpers import in_language, long_date


@dataclass(frozen=True)
class Todo:
    text: str
    label: str = ""
    href: str = ""
    items: tuple[str, ...] = ()  # a complete list (the missing materials)


def todos(case: Case, today: date | None = None) -> list[Todo]:
    today = today or china_today()
    application_id = case.application_id
    found = []
    if case.step is CaseStep.MATERIALS_REQUESTED:
        found.append(
            Todo(
                _("经办机构请您补交这些材料。交齐以后，经办机构重新审核。"),
                _("补交材料"),
                url_for("requested.upload", application_id=application_id),
                tuple(_missing(case)),
            )
        )
    planned = dates.visit(case)
    if planned and case.step in (CaseStep.ASSESSMENT_SCHEDULED, CaseStep.RE_EVALUATION_SCHEDULED):
        found.append(
            Todo(
                _(
                    "%(date)s 评估人员上门。那天须有监护人或委托代理人在场。",
                    date=long_date(planned[0]),
                )
            )
        )
    if pending_plan(case) is not None:
        found.append(
            Todo(
                _("护理服务计划已经制定好了，请查看并确认。"),
                _("查看护理服务计划"),
                url_for("care.plan", application_id=application_id),
            )
        )
    if case.step in CARE_STEPS and approved(case) and service_choice(case) is None:
        found.append(
            Todo(
                _("请选择护理方式和定点护理机构。"),
                _("选择护理机构"),
                url_for("care.mode", application_id=application_id),
            )
        )
    stay = open_stay(case)
    if stay is not None:
        text = (
            _(
                "住院期间，护理服务从 %(date)s 起暂停。出院那天请报告出院。",
                date=long_date(stay.pause_from),
            )
            if stay.pause_from
            else _("已经报告住院。出院以后请报告出院。")
        )
        found.append(
            Todo(text, _("报告出院"), url_for("care.hospital", application_id=application_id))
        )
    if case.step is CaseStep.SUSPENDED and not resumption_requested(case):
        found.append(
            Todo(
                _("待遇暂停了。暂停的原因消除以后，可以申请恢复。"),
                _("申请恢复待遇"),
                url_for("care.resume", application_id=application_id),
            )
        )
    objection = objection_state(case, today)
    closes = objection.closes
    if objection.possible and closes is not None and not objection.late:
        at_least = objection.window is not None and objection.window.closes_at_least
        text = (
            _(
                "对评估结论有异议的，要在公示期内提出（公示期至少到 %(date)s）。",
                date=long_date(closes),
            )
            if at_least
            else _(
                "对评估结论有异议的，最晚 %(date)s 提出。没有异议不用做什么。",
                date=long_date(closes),
            )
        )
        found.append(
            Todo(text, _("提出异议"), url_for("objection.start", application_id=application_id))
        )
    return found


def _missing(case: Case) -> list[str]:
    """The one complete list the reviewer sent, in the page's language."""
    asked = requested_items(case)
    names = {m.code: m.name for m in load_profile(case.region_code).materials}
    listed = [
        in_language(names[code]) if code in names else code for code in asked.get("codes", [])
    ]
    return listed + [str(item) for item in asked.get("other", [])]
