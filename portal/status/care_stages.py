"""The care stages of the timeline, once the conclusion qualifies and is delivered: the mode
and institution chosen (and changed), the care plan, hospital stays and suspensions."""

from flask_babel import gettext as _

from portal.cases.care import ServiceChoice, care_plans, mode_name, service_choice
from portal.cases.dates import event_date
from portal.cases.engine import events_of
from portal.cases.labels import SUSPENSION_LABELS
from portal.cases.stays import open_stay
from portal.extensions import db
from portal.models import Case, CaseEvent, CaseStep, Institution
from portal.status.stage import Stage
from portal.template_helpers import in_language, language, long_date


def care_stages(case: Case) -> list[Stage]:
    return [_choice(case), _plan(case), *_changes(case)]


def _changes(case: Case) -> list[Stage]:
    """Hospital stays and suspensions, once there are any."""
    lines = stay_lines(case)
    if not lines:
        return []
    ongoing = open_stay(case) is not None or case.step is CaseStep.SUSPENDED
    return [Stage("care_changes", _("住院和暂停"), "now" if ongoing else "done", lines=lines)]


def _choice(case: Case) -> Stage:
    title = _("选择护理方式和机构")
    choice = service_choice(case)
    if choice is None:
        return Stage("care", title, "now", lines=[_("请选择护理方式和一家定点护理机构。")])
    return Stage("care", title, "done", on=choice.chosen_on, lines=choice_lines(case, choice))


def choice_lines(case: Case, choice: ServiceChoice) -> list[str]:
    institution = db.session.get(Institution, choice.institution_id)
    name = choice.institution_name
    if institution is not None and language() == "ug" and institution.name_ug:
        name = institution.name_ug
    lines = [
        _(
            "%(mode)s，%(institution)s。",
            mode=in_language(mode_name(case.region_code, choice.mode)),
            institution=name,
        )
    ]
    if choice.changed and choice.effective_on is not None:
        lines.append(_("这次变更从 %(date)s 起生效。", date=long_date(choice.effective_on)))
    elif choice.changed:
        lines.append(_("本地区的文件没有规定变更从哪一天起生效，经办机构会告诉您。"))
    return lines


def _plan(case: Case) -> Stage:
    title = _("护理服务计划")
    plans = care_plans(case)
    if not plans:
        if service_choice(case) is None:
            return Stage("care_plan", title, "next")
        lines = [_("长护专员会和护理机构、和您商量，制定护理服务计划。")]
        return Stage("care_plan", title, "now", lines=lines)
    plan = plans[-1]
    if plan.answer == "pending":
        lines = [_("计划已经制定好了，请查看并确认，或者提出修改。")]
        return Stage("care_plan", title, "now", on=plan.proposed_on, lines=lines)
    if plan.answer == "returned":
        lines = [_("您提出了修改，长护专员会改好再给您确认。")]
        return Stage("care_plan", title, "now", on=plan.answered_on, lines=lines)
    lines = [_("您已确认，护理机构按计划服务。")]
    return Stage("care_plan", title, "done", on=plan.answered_on, lines=lines)


def stay_lines(case: Case) -> list[str]:
    """Hospital stays, pauses and suspensions, as they happened."""
    lines = []
    for event in events_of(
        case,
        "hospital_stay_reported",
        "discharge_reported",
        "benefits_suspended",
        "benefits_resumed",
    ):
        data = event.data or {}
        if event.kind == "hospital_stay_reported" and data.get("pause_from"):
            lines.append(_("住院，护理服务从 %(date)s 起暂停。", date=_day(data["pause_from"])))
        elif event.kind == "hospital_stay_reported":
            lines.append(_("%(date)s 住院（已报告）。", date=_day(data["admitted_on"])))
        elif event.kind == "discharge_reported" and data.get("resume_on"):
            lines.append(_("出院，护理服务从 %(date)s 起恢复。", date=_day(data["resume_on"])))
        elif event.kind == "discharge_reported":
            lines.append(_("%(date)s 出院（已报告）。", date=_day(data["discharged_on"])))
        elif event.kind == "benefits_suspended":
            reason = str(SUSPENSION_LABELS.get(str(data.get("reason")), ""))
            lines.append(
                _("%(date)s 待遇暂停，原因：%(reason)s。", date=_day(_iso(event)), reason=reason)
            )
        elif event.kind == "resumption_requested":
            lines.append(_("%(date)s 申请恢复待遇。", date=_day(_iso(event))))
        else:
            lines.append(_("待遇从 %(date)s 起恢复。", date=_day(data["resume_from"])))
    return lines


def _iso(event: CaseEvent) -> str:
    return event_date(event).isoformat()


def _day(value: str) -> str:
    from datetime import date

    return long_date(date.fromisoformat(value))
