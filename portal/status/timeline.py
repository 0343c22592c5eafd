"""The applicant's timeline: every stage of their case with the date it happened, or, while it
is pending, its statutory due date from the policy engine (marked provisional where the
holiday calendar of that year is not yet published). Everything is read from the case's
events (portal/cases); nothing here is stored."""

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from portal.cases import dates
from portal.cases.care import approved
from portal.cases.engine import events_of, last_event
from portal.cases.reassessment import reassessment_timing
from portal.cases.review import requested_items
from portal.clock import china_date, china_today
from portal.models import Case, CaseEvent, CaseStep
from portal.objection.service import state as objection_state
from portal.policy import Lateness, load_profile, objection_lateness
from portal.status.care_stages import care_stages
from portal.status.stage import Due, Stage, State
from portal.template_helpers import long_date


def timeline(case: Case, today: date | None = None) -> list[Stage]:
    today = today or china_today()
    stages = [_submitted(case), _review(case)]
    if case.step.closed:
        return stages
    stages += [_visit(case), *_publicity(case), _letter(case)]
    if _objection_applies(case):
        stages.append(_objection(case, today))
        stages += _re_evaluation(case)
    if approved(case):
        stages += [_benefits(case), *care_stages(case), _validity(case)]
    return stages


def _date(event: CaseEvent | None) -> date | None:
    return dates.event_date(event) if event else None


def _submitted(case: Case) -> Stage:
    return Stage("submitted", _("提交申请"), "done", on=china_date(case.opened_at))


def _review(case: Case) -> Stage:
    title = _("受理审核")
    history = [
        _("%(date)s 经办机构要求补交材料。", date=_long(e))
        if e.kind == "materials_requested"
        else _("%(date)s 补交了材料。", date=_long(e))
        for e in events_of(case, "materials_requested", "materials_supplied")
    ]
    if case.step is CaseStep.REFUSED:
        lines = [*history, _("经办机构决定不予受理。")]
        return Stage("review", title, "closed", on=_date(last_event(case, "refused")), lines=lines)
    if case.step is CaseStep.WITHDRAWN:
        return Stage(
            "review",
            title,
            "closed",
            on=_date(last_event(case, "withdrawn")),
            lines=[_("申请已撤回。")],
        )
    accepted = last_event(case, "accepted")
    if accepted is not None:
        return Stage("review", title, "done", on=_date(accepted), lines=[*history, _("已受理。")])
    due = dates.acceptance_review(case)
    if case.step is CaseStep.MATERIALS_REQUESTED:
        count = len(requested_items(case).get("codes", [])) + len(
            requested_items(case).get("other", [])
        )
        history.append(_("还差 %(count)s 项材料，交齐后经办机构重新审核。", count=count))
        return Stage("review", title, "now", lines=history)
    source = due.source if due else None
    return Stage("review", title, "now", due=Due.of(due), lines=history, source=source)


def _long(event: CaseEvent) -> str:
    return long_date(dates.event_date(event))


def _visit(case: Case) -> Stage:
    title = _("上门评估")
    first_visit = _first_visit(case)
    if dates.conclusion_on(case) is not None or _round_two(case):
        return Stage("visit", title, "done", on=first_visit)
    if case.step is CaseStep.ASSESSMENT_SCHEDULED and first_visit:
        lines = [_("评估人员这一天上门。须有至少 1 名监护人或委托代理人在场。")]
        return Stage("visit", title, "now", on=first_visit, lines=lines)
    if last_event(case, "accepted") is not None:
        return Stage("visit", title, "now", lines=[_("定点评估机构会联系您，约定上门的日子。")])
    return Stage("visit", title, "next")


def _first_visit(case: Case) -> date | None:
    """The day of the first assessment's visit, as last scheduled."""
    found = [
        e
        for e in events_of(case, "assessment_scheduled")
        if int((e.data or {}).get("round", 1)) == 1
    ]
    return _data_day_key(found[-1], "visit_on") if found else None


def _round_two(case: Case) -> bool:
    return last_event(case, "re_evaluation_ordered") is not None


def _publicity(case: Case) -> list[Stage]:
    started = last_event(case, "publicity_started")
    if started is None or int((started.data or {}).get("round", 1)) != 1:
        return []
    title = _("公示")
    lines = [_("评估结论达到待遇享受条件，按规定公示，接受社会监督。")]
    end = dates.publicity_end(case)
    if end is None:
        lines.append(_("本地区的文件没有规定公示多久，以经办机构的公示为准。"))
    if case.step is CaseStep.PUBLICITY:
        return [
            Stage(
                "publicity",
                title,
                "now",
                on=_date(started),
                due=Due.of(end, at_least=True),
                lines=lines,
                source=end.source if end else None,
            )
        ]
    return [Stage("publicity", title, "done", on=_date(started), lines=lines)]


def _letter(case: Case) -> Stage:
    title = _("送达评估结论书")
    delivered = _first_delivery(case)
    if delivered is not None:
        found = delivered.data or {}
        return Stage(
            "letter", title, "done", on=_data_day(delivered), lines=_conclusion_lines(found)
        )
    due = dates.conclusion_delivery(case)
    state: State = "now" if last_event(case, "accepted") is not None else "next"
    lines = [] if due else [_("受理以后开始计算送达的期限。")]
    period = load_profile(case.region_code).period("conclusion_delivery")
    in_principle = period.qualifier == "in_principle"
    return Stage(
        "letter",
        title,
        state,
        due=Due.of(due, in_principle=in_principle),
        lines=lines,
        source=due.source if due else None,
    )


def _first_delivery(case: Case) -> CaseEvent | None:
    for event in events_of(case, "delivered"):
        if int((event.data or {}).get("round", 1)) == 1:
            return event
    return None


def _data_day(event: CaseEvent) -> date | None:
    value = (event.data or {}).get("delivered_on")
    return date.fromisoformat(value) if value else None


def _conclusion_lines(found: dict[str, object]) -> list[str]:
    from portal.staff.helpers import level_label

    if "level" not in found:
        return []
    level = level_label(int(str(found["level"])))
    if found.get("qualifies"):
        return [_("评估结论：%(level)s，达到待遇享受条件。", level=level)]
    return [_("评估结论：%(level)s，没有达到待遇享受条件。", level=level)]


def _objection_applies(case: Case) -> bool:
    return _first_delivery(case) is not None or (
        case.step is CaseStep.PUBLICITY and dates.objection_window(case) is not None
    )


def _objection(case: Case, today: date) -> Stage:
    title = _("提出异议")
    filed = last_event(case, "objection_filed")
    if filed is not None:
        data = filed.data or {}
        lines = [_("收到您的异议。")]
        if data.get("late"):
            lines.append(
                _(
                    "提出时已经超过期限（%(date)s 截止），由经办机构决定是否受理。",
                    date=_iso_long(data.get("window_due")),
                )
            )
        return Stage(
            "objection", title, "done", on=_data_day_key(filed, "received_on"), lines=lines
        )
    window = dates.objection_window(case)
    if window is None or not window.stated or window.closes is None:
        lines = [_("本地区的文件没有规定提出异议的期限。如有异议，请打电话问经办机构。")]
        return Stage("objection", title, "next", lines=lines, link=_object(case))
    lateness = objection_lateness(window, today)
    source = window.source
    if lateness is Lateness.ON_TIME:
        lines = [_("如果对评估结论有异议，可以在截止日期前提出，申请复评。没有异议不用做什么。")]
        due = Due(window.closes, window.provisional, at_least=window.closes_at_least)
        return Stage(
            "objection", title, "now", due=due, lines=lines, source=source, link=_object(case)
        )
    if lateness is Lateness.MAY_BE_LATE:
        lines = [
            _(
                "异议要在公示期内提出。公示期至少到 %(date)s，到哪一天结束以公示为准；"
                "现在提出可能已经过了期限，仍可以提出，由经办机构决定是否受理。",
                date=_iso_long(window.closes.isoformat()),
            )
        ]
        return Stage("objection", title, "closed", lines=lines, source=source, link=_object(case))
    lines = [
        _(
            "提出异议的期限已过（%(date)s 截止）。现在仍可以提出，由经办机构决定是否受理。",
            date=_iso_long(window.closes.isoformat()),
        )
    ]
    return Stage("objection", title, "closed", lines=lines, source=source, link=_object(case))


def _object(case: Case) -> tuple[str, str] | None:
    if not objection_state(case).possible:
        return None
    return _("提出异议"), url_for("objection.start", application_id=case.application_id)


def _iso_long(value: object) -> str:
    return long_date(date.fromisoformat(str(value))) if value else ""


def _data_day_key(event: CaseEvent, key: str) -> date | None:
    value = (event.data or {}).get(key)
    return date.fromisoformat(value) if value else dates.event_date(event)


def _re_evaluation(case: Case) -> list[Stage]:
    if last_event(case, "objection_filed") is None:
        return []
    title = _("复评")
    declined = last_event(case, "objection_declined")
    ordered = last_event(case, "re_evaluation_ordered")
    if declined is not None and (ordered is None or declined.id > ordered.id):
        note = str((declined.data or {}).get("note", ""))
        return [
            Stage(
                "re_evaluation",
                title,
                "closed",
                on=_date(declined),
                lines=[_("经办机构不受理这次异议。"), note],
            )
        ]
    if ordered is None:
        return [
            Stage(
                "re_evaluation",
                title,
                "now",
                lines=[_("经办机构正在审核您的异议，决定是否组织复评。")],
            )
        ]
    final = (
        last_event(case, "delivered")
        if case.step is CaseStep.FINAL or _final_delivered(case)
        else None
    )
    if final is not None:
        return [
            Stage(
                "re_evaluation",
                title,
                "done",
                on=_data_day(final),
                lines=[_("复评结论是最终评估结论。"), *_conclusion_lines(final.data or {})],
            )
        ]
    planned = dates.visit(case)
    lines = [_("复评由至少 2 名评估专家进行，第一次评估的机构和人员回避。")]
    if planned and planned[1] == 2:
        lines.append(_("复评的专家 %(date)s 上门。", date=_iso_long(planned[0].isoformat())))
    batch = dates.re_evaluation_batch(case)
    if batch is not None:
        lines.append(
            _(
                "本地区的复评和下个月的评估一起进行（%(date)s 开始的那个月）。",
                date=_iso_long(batch.isoformat()),
            )
        )
    return [Stage("re_evaluation", title, "now", on=_date(ordered), lines=lines)]


def _final_delivered(case: Case) -> bool:
    event = last_event(case, "delivered")
    return event is not None and int((event.data or {}).get("round", 1)) == 2


def _benefits(case: Case) -> Stage:
    start = dates.benefit_start(case)
    title = _("开始享受待遇")
    if start is None or not start.stated or start.starts_on is None:
        lines = [_("本地区的文件没有规定从哪一天开始享受待遇，经办机构会告诉您。")]
        return Stage("benefits", title, "next", lines=lines)
    state: State = "done" if start.starts_on <= china_today() else "next"
    return Stage("benefits", title, state, on=start.starts_on, source=start.source)


def _validity(case: Case) -> Stage:
    title = _("评估结论有效期")
    validity = dates.validity(case)
    timing = reassessment_timing(case)
    lines = []
    if timing is not None:
        lines.append(
            _(
                "身体状况有变化、与结论不符的，从 %(date)s 起可以申请重新评估。",
                date=_iso_long(timing.earliest.isoformat()),
            )
        )
    if validity is None:
        return Stage("validity", title, "next", lines=lines)
    if validity.at_most:
        lines.insert(0, _("有效期最长到这一天，届满前要重新评估。"))
    else:
        lines.insert(0, _("评估结论书写明有效期至这一天，届满前要重新评估。"))
    return Stage("validity", title, "next", on=validity.until, lines=lines, source=validity.source)
